"""Document facts: the place a report is about and its title."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .resources import places

CAPITALISED_RUN = re.compile(r"[A-ZĐÂĂÊÔƠƯА-ЯЁ][\w’'-]*(?:(?:\s+|\s*-\s*)[A-ZĐÂĂÊÔƠƯА-ЯЁ][\w’'-]*)*")
MAX_PLACE_WORDS = 4


def place_key(text: str) -> str:
    """Fold a place's written form for lookup: lower case, hyphens without spaces."""
    return re.sub(r"\s*-\s*", "-", text.lower())


@lru_cache(maxsize=None)
def place_forms() -> dict[str, str]:
    """Map every folded written form of every place to its canonical name."""
    forms: dict[str, str] = {}
    for name, entry in places()["places"].items():
        for form in [name, *entry.get("names", [])]:
            forms[place_key(form)] = name
    return forms


def find_place(text: str) -> str | None:
    """Return the place a report names most often (the first named on a tie).

    Places are proper nouns: runs of capitalised words are looked up, longest first, in the gazetteer.
    """
    forms = place_forms()
    hits: list[str] = []
    for run in CAPITALISED_RUN.finditer(text):
        words = re.split(r"\s+(?!-)|(?<=-)\s+", run.group(0))
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + MAX_PLACE_WORDS), i, -1):
                name = forms.get(place_key(" ".join(words[i:j])))
                if name:
                    hits.append(name)
                    i = j - 1
                    break
            i += 1
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
