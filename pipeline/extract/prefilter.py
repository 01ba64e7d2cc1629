"""What every match of a pattern must contain, read from the pattern: a cheap test that skips it on a text.

A date pattern is tried at every position of a document, and most of a language's patterns match
nothing in most documents: a report that never says "quarter", "Quartal", "квартал" or "quý" still
pays for every quarter pattern at every character. From the parsed pattern we read what every
match holds: a run of literal letters ("quarter"), one of several runs ("19" or "20", one of the
month names) or a digit. A text that lacks one of them cannot match, and the pattern is skipped;
a text that has them all runs the pattern as before, so the matches are the same ones.

Runs are looked up with case folded as `re.IGNORECASE` folds it: each character is turned into
one key for each class of characters the regex engine takes for the same letter (its simple lower
case, and the few odd ones it adds, such as "ſ" for "s"), so the key of a run occurs in the keys of
a text exactly where the run matches. A pattern whose parts cannot be read (another Python's
parser) has no requirements and always runs.
"""

from __future__ import annotations

import re

try:  # the regex engine's own parser and case tables: private, so their absence only turns the prefilter off
    import _sre
    import re._constants as sre
    import re._parser as sre_parse
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - CPython 3.11 to 3.13 have them
    sre_parse = None

DIGIT = None  # among a requirement's alternatives: any decimal digit, as `\d` reads one
Requirement = tuple[str | None, ...]  # alternatives, one of which every match contains
DIGITS = re.compile(r"\d")


def requirements(pattern: re.Pattern[str]) -> tuple[Requirement, ...]:
    """Return what every match of a pattern contains, each requirement met by one of its alternatives."""
    if sre_parse is None:
        return ()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        found = sequence(list(parsed))
    except (AttributeError, TypeError, ValueError, re.error):  # a parser of another shape: no prefilter
        return ()
    keyed = [tuple(dict.fromkeys(None if a is DIGIT else case_keys(a) for a in need)) for need in found]
    return tuple(dict.fromkeys(keyed))


def sequence(items: list) -> list[Requirement]:
    """Return the requirements of a sequence of parsed items: each of its runs of literals, and its required parts."""
    found: list[Requirement] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        found += item(op, av)
    if run:
        found.append(("".join(run),))
    return found


def item(op: object, av: object) -> list[Requirement]:
    """Return the requirements of one parsed item; an optional part, a lookaround or a class of letters has none."""
    if op is sre.SUBPATTERN:
        return sequence(list(av[3]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return sequence(list(av[2]))
    if op is sre.BRANCH:
        alternatives = [strongest(sequence(list(branch))) for branch in av[1]]
        if any(a is None for a in alternatives):
            return []  # a branch that requires nothing makes the whole alternation require nothing
        return [tuple(dict.fromkeys(x for a in alternatives for x in a))]
    if op is sre.IN and av and all(o is sre.CATEGORY and a is sre.CATEGORY_DIGIT for o, a in av):
        return [(DIGIT,)]
    return []


def strongest(found: list[Requirement]) -> Requirement | None:
    """Return the requirement that the fewest texts meet: the one whose shortest alternative is longest."""
    return max(found, key=lambda need: min(0.5 if a is DIGIT else len(a) for a in need), default=None)


class CaseKeys(dict):
    """A `str.translate` table from a character to the key of its class under `re.IGNORECASE`, filled as met."""

    def __missing__(self, code: int) -> int:
        lower = _sre.unicode_tolower(code)
        key = min((lower, *_EXTRA_CASES.get(lower, ())))
        self[code] = key
        return key


KEYS = CaseKeys()


def case_keys(text: str) -> str:
    """Return text with each character turned into the key of the characters `re.IGNORECASE` matches it with."""
    return text.translate(KEYS)


class Presence:
    """Which requirements a text meets, each looked up once; the text's keys are made on the first literal asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keyed: str | None = None
        self.known: dict[Requirement, bool] = {}

    def __call__(self, need: Requirement) -> bool:
        """Say whether the text holds one of the requirement's alternatives."""
        met = self.known.get(need)
        if met is None:
            met = self.known[need] = any(map(self.holds, need))
        return met

    def holds(self, alternative: str | None) -> bool:
        """Say whether the text holds one alternative: a digit, or the keys of a run of literals."""
        if alternative is DIGIT:
            return DIGITS.search(self.text) is not None
        if self.keyed is None:
            self.keyed = case_keys(self.text)
        return alternative in self.keyed

    def all(self, needs: tuple[Requirement, ...]) -> bool:
        """Say whether the text meets every requirement, so that a pattern with these needs may match it."""
        return all(map(self, needs))
