"""Document codes ("192/KH-UBND", "57-NQ/TW"): one pattern for extraction, which masks them as names, and for
linking, which matches translations by them; here, outside the extract package, so that linking loads no spaCy."""

from __future__ import annotations

import re

# a number joined by "/" or "-" to an upper-case code: 192/KH-UBND, 57-NQ/TW, 06/CP, 104/2022/ND-CP, 1332/QĐ-BYT
# (never starting after a "-": in "1-1-1-..." every start would rescan the run, quadratic)
CODE = re.compile(r"(?<![\w/-])\d+(?:[/-][\dA-ZĐА-Я]*)*[/-]\s?[A-ZĐА-Я][A-ZĐА-Яa-zđа-я&]*(?:[/-][\w&]+)*")
