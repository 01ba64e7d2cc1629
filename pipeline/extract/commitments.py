"""Commitments: sentences that assign or report work, linked to their agencies, counts and deadline."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Agency, Commitment, Count, Deadline, Sentence
from .resources import FLAGS, alternation, raw


@lru_cache(maxsize=None)
def assign_cues(lang: str) -> re.Pattern[str]:
    """Compile the words that assign, request or coordinate work."""
    return re.compile(alternation(raw(lang)["assign"]["cues"]), FLAGS)


def extract_commitments(sentences: list[Sentence], counts: list[Count], deadlines: list[Deadline],
                        agencies: list[Agency], lang: str) -> list[Commitment]:
    """Return one commitment per sentence that names an agency and assigns work, or reports a count or deadline."""
    cues = assign_cues(lang)
    by_sentence: dict[int, dict[str, list]] = {}
    for kind, items in (("counts", counts), ("deadlines", deadlines), ("agencies", agencies)):
        for i, item in enumerate(items):
            by_sentence.setdefault(item.sentence, {"counts": [], "deadlines": [], "agencies": []})[kind].append(i)
    out = []
    for index, found in sorted(by_sentence.items()):
        sentence = sentences[index]
        names = tuple(dict.fromkeys(agencies[i].name for i in found["agencies"]))
        due = next((deadlines[i].due for i in found["deadlines"] if deadlines[i].role == "deadline"), None)
        assigns = bool(cues.search(sentence.text))
        if not names or not (assigns or found["counts"] or due):
            continue
        out.append(Commitment(text=sentence.text, start=sentence.start, end=sentence.end, sentence=index,
                              agencies=names, due=due, counts=tuple(found["counts"])))
    return out
