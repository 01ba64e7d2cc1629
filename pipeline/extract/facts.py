"""Document facts: the place a report is about and its title."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .resources import alternation, places


@lru_cache(maxsize=None)
def place_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """Compile one regex over every written form of every place, and map forms to canonical names."""
    forms: dict[str, str] = {}
    for name, entry in places()["places"].items():
        for form in [name, *entry.get("names", [])]:
            forms[form.lower()] = name
    # place names are proper nouns: matched with their capitals, on word boundaries
    regex = re.compile(r"(?<!\w)(?:" + alternation([re.escape(f) for f in forms]) + r")(?!\w)", re.IGNORECASE)
    return regex, forms


def find_place(text: str) -> str | None:
    """Return the place a report names most often (the first named on a tie)."""
    regex, forms = place_regex()
    hits = [forms[m.group(0).lower()] for m in regex.finditer(text) if m.group(0)[0].isupper()]
    if not hits:
        return None
    counts = Counter(hits)
    best = max(counts.values())
    return next(h for h in hits if counts[h] == best)


def find_title(text: str, given: str | None) -> str | None:
    """Return the title a reader would give the document: the file's own, or its first short line."""
    if given and given.strip():
        return given.strip()
    for line in text.splitlines():
        line = line.strip(" |#*\t")
        if len(line) >= 8 and not line.startswith("!["):
            return line if len(line) <= 200 else line[:197].rsplit(" ", 1)[0] + "…"
    return None
