"""Numbers as people write them, for every face that shows one: the CLI, reports, link reasons, charts.

One formatter, so that `docket targets`, `docket diff`, a timeline's tooltip and a stored linking
reason all say 1,000,000 and 38 (never 1e+06 or 38.0), and 'about 1 million' where a report said so.
"""

from __future__ import annotations

import math
from decimal import Decimal

QUALIFIER_WORDS = {"at_least": "at least", "at_most": "at most", "about": "about"}
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number_text(value: float | int | None) -> str:
    """Write a number as people write it: 1,000,000; 38 (never 38.0); 45.03; never an exponent."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{Decimal(repr(value)):,f}"  # repr is the shortest text that reads back the same float: 45.03, not 45.0300000001


def quantity_text(value: float | None, qualifier: str | None = None) -> str:
    """Write a count's value with its qualifier: 'at least 30', 'about 1 million' (a round approximate figure in words)."""
    if qualifier == "about" and value is not None:
        for scale, word in SCALE_WORDS:
            if abs(value) >= scale and float(value * 10 / scale).is_integer():
                return f"about {number_text(value / scale)} {word}"
    text = number_text(value)
    return f"{QUALIFIER_WORDS.get(qualifier or '', (qualifier or '').replace('_', ' '))} {text}".strip()
