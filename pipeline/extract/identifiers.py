"""Identifiers: document numbers and codes that look like counts but are names ("192/KH-UBND", "57-NQ/TW")."""

from __future__ import annotations

import re

from .resources import URL_PATTERN

# a number joined by "/" or "-" to an upper-case code: 192/KH-UBND, 57-NQ/TW, 06/CP, 104/2022/ND-CP, 1332/QĐ-BYT
CODE = re.compile(r"(?<![\w/])\d+(?:[/-][\dA-ZĐА-Я]*)*[/-]\s?[A-ZĐА-Я][A-ZĐА-Яa-zđа-я&]*(?:[/-][\w&]+)*")
PHONE = re.compile(r"(?<![\d.,])(?:\+\d{2,3}|\(?0\d{1,3}\)?)(?:[ .-]\d{2,4}){2,}(?![\d.,]\d)")


def identifier_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return spans of document codes, URLs and phone-like digit runs, which are never counts."""
    spans = [m.span() for m in CODE.finditer(text)]
    spans += [m.span() for m in re.finditer(URL_PATTERN, text)]
    spans += [m.span() for m in PHONE.finditer(text)]
    return spans
