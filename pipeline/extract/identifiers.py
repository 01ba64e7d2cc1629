"""Identifiers: document numbers and codes that look like counts but are names ("192/KH-UBND", "57-NQ/TW")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..codes import CODE
from .resources import URL_PATTERN

PHONE = re.compile(r"(?<![\d.,])(?:\+\d{2,3}|\(?0\d{1,3}\)?)(?:[ .-]\d{2,4}){2,}(?![\d.,]\d)")


def identifier_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return spans of document codes, URLs and phone-like digit runs, which are never counts."""
    spans = [m.span() for m in CODE.finditer(text)]
    spans += [m.span() for m in re.finditer(URL_PATTERN, text)]
    spans += [m.span() for m in PHONE.finditer(text)]
    return spans


class SpanIndex:
    """Spans that must not be read as counts, sorted once so that a lookup costs log(spans), not spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # reach[i]: the furthest end among the first i + 1 spans
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any span."""
        i = bisect.bisect_left(self.starts, end)  # spans starting before end
        return i > 0 and self.reach[i - 1] > start
