"""Counts: a number, a unit of government work, and what the sentence says of them.

The cascade for one sentence:
1. find numbers (digits in the language's format, or number words), skipping dates and identifiers;
2. read a scale ("1,5 Millionen"), a fraction ("6/38", "6 von 38") and a percent sign after each;
3. find the unit among the next few words (German: the first capitalised noun, compounds by suffix);
4. give unit-less numbers the unit of the count before them where the sentence breaks a count
   down ("23/25 tasks, of which 14 ... and 2 in progress"; "(Department of Justice: 38; ...)");
5. read status from the clause and the qualifier from the words just before the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..records import Count, Sentence
from .numbers import NumberSyntax, syntax
from .resources import FLAGS, alternation, cue_regex, raw, words_pattern

WORD = re.compile(r"\s*[\"'„“«(]?\s*([^\W\d_][\w'’\-]*|\d[\w'’\-]*)", re.UNICODE)
CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s|\.\s")


@dataclass(frozen=True)
class CountRules:
    """One language's count rules, compiled."""

    numbers: NumberSyntax
    units: tuple[tuple[str, re.Pattern[str]], ...]
    capitalised_nouns: bool
    window: int
    percent: re.Pattern[str]
    fraction: re.Pattern[str]
    of_before: re.Pattern[str]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    status: tuple[tuple[str, re.Pattern[str]], ...]
    identifier_before: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    breakdown_before: re.Pattern[str]
    stop: re.Pattern[str]


@lru_cache(maxsize=None)
def rules(lang: str) -> CountRules:
    """Compile the count rules of a language."""
    data = raw(lang)
    spec = data["numbers"]
    syn = syntax(lang)
    # a unit ends its word: "commune-level databases" counts databases, not communes
    units = tuple((unit, re.compile(rf"(?:{alternation(pats)})(?![\w-])", FLAGS)) for unit, pats in data["units"].items())
    stop = re.compile(rf"(?:{alternation(spec['stop'])})(?!\w)", FLAGS) if spec.get("stop") else re.compile(r"(?!x)x")
    percent = re.compile(r"\s*(?:" + alternation([re.escape(p) if p == "%" else p for p in spec["percent"]]) + r")(?!\w)", FLAGS)
    fraction = re.compile(rf"\s*(?:/|\s(?:{alternation(spec['of'])})\s)\s*({syn.digits}|{words_pattern(list(spec['words']))})", FLAGS)
    of_before = re.compile(rf"(?:^|\s)(?:{alternation(spec['of'])})\s*$", FLAGS)
    quals = tuple((name, cue_regex(pats, anchor="end")) for name, pats in data["qualifiers"].items())
    status = tuple((name, re.compile(alternation(pats), FLAGS)) for name, pats in data["status"].items())
    ident = data["identifiers"]["before"]
    marker = r"(?:[#№]|no\.|nr\.|số)"
    identifier_before = re.compile(
        rf"(?:(?:^|[^\w])(?:{alternation(ident)})\s*{marker}?|(?:^|[^\w]){marker})\s*[\"'„“«]?$", FLAGS)
    ordinal_after = re.compile(spec.get("ordinal_suffix", r"(?!x)x"), FLAGS)
    breakdown = words_pattern(spec.get("breakdown", ["of which"]))
    return CountRules(
        numbers=syn,
        units=units,
        capitalised_nouns=bool(spec.get("capitalised_nouns", False)),
        window=int(spec.get("unit_window", 3)),
        percent=percent,
        fraction=fraction,
        of_before=of_before,
        qualifiers=quals,
        status=status,
        identifier_before=identifier_before,
        ordinal_after=ordinal_after,
        breakdown_before=re.compile(rf"(?:{breakdown})[\s,]*$", FLAGS),
        stop=stop,
    )


def find_unit(text: str, pos: int, r: CountRules) -> tuple[str, int] | None:
    """Return the unit named within the next few words after pos, and where it ends."""
    for _ in range(r.window):
        word = WORD.match(text, pos)
        if not word or word.group(1)[0].isdigit():
            return None
        start = word.start(1)
        if r.stop.match(text, start):
            return None  # "2 years of implementing the project": a duration, not 2 projects
        best: tuple[str, int] | None = None
        for unit, regex in r.units:
            m = regex.match(text, start)
            if m and (best is None or m.end() > best[1]):
                best = (unit, m.end())
        if best:
            return best
        if r.capitalised_nouns and word.group(1)[0].isupper():
            return None  # German: the first noun is the head; an unknown head is no unit of ours
        pos = word.end(1)
    return None


def clause_around(text: str, start: int, end: int) -> tuple[str, int]:
    """Return the clause of a sentence that holds the span [start, end), and where the span starts in it."""
    left = 0
    for m in CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    right_match = CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right], start - left


def read_status(clause: str, at: int | None = None, length: int = 0, *, r: CountRules) -> str | None:
    """Return the status whose cue stands nearest the count at clause[at:at+length].

    A cue after the count weighs half its distance: reports put the verb after what they
    count ("6 models have not been started") more often than before it ("completed 6/38").
    """
    at = len(clause) // 2 if at is None else at
    best: tuple[float, int, str] | None = None
    for order, (name, regex) in enumerate(r.status):
        for m in regex.finditer(clause):
            if m.end() <= at:
                distance = float(at - m.end())
            elif m.start() >= at + length:
                distance = (m.start() - at - length) / 2
            else:
                distance = 0.0
            if best is None or (distance, order) < best[:2]:
                best = (distance, order, name)
    return best[2] if best else None


def read_qualifier(before: str, r: CountRules) -> str | None:
    """Return the qualifier written just before a number ('at least', 'mindestens', 'не менее', 'ít nhất')."""
    for name, regex in r.qualifiers:
        if regex.search(before[-30:]):
            return name
    return None


def covered(start: int, end: int, masks: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any masked span."""
    return any(s < end and start < e for s, e in masks)


def extract_counts(sentence: Sentence, lang: str, masks: list[tuple[int, int]]) -> list[Count]:
    """Return the counts in one sentence; masks are document spans already read as dates or identifiers."""
    r = rules(lang)
    text, base = sentence.text, sentence.start
    found: list[Count] = []
    bare: list[tuple[int, int, float]] = []
    pos = 0
    while True:
        m = r.numbers.number.search(text, pos)
        if not m:
            break
        pos = m.end()
        start, end = m.start(), m.end()
        if covered(base + start, base + end, masks) or r.identifier_before.search(text, 0, start):
            continue
        if r.ordinal_after.match(text, end):
            continue
        value = r.numbers.parse(m.group(0))
        if value is None:
            continue
        is_word = not m.group(0)[0].isdigit()
        scale = r.numbers.scale.match(text, end)
        if scale:
            value *= float(r.numbers.scales.resolve(scale.group(1)) or 1)
            end = scale.end()
        total = None
        frac = r.fraction.match(text, end)
        if frac and not covered(base + frac.start(1), base + frac.end(1), masks):
            total = r.numbers.parse(frac.group(1))
            end = frac.end()
        pct = r.percent.match(text, end)
        if pct:
            unit, unit_end = "%", pct.end()
        else:
            hit = find_unit(text, end, r)
            if hit is None:
                if not is_word and total is None and not (1900 <= value <= 2100):
                    bare.append((start, end, value))
                continue
            unit, unit_end = hit
        pos = max(pos, end)
        found.append(make_count(text, base, sentence.index, start, unit_end, value, total, unit, r))
    found.extend(breakdown_counts(text, base, sentence.index, found, bare, r))
    found.sort(key=lambda c: c.start)
    return own_status(text, base, found, r)


def own_status(text: str, base: int, counts: list[Count], r: CountRules) -> list[Count]:
    """Read each count's status from the words between its neighbours, so that in
    "15 models are being implemented and 6 models have not been started" each count gets its own."""
    out = []
    for i, c in enumerate(counts):
        left = counts[i - 1].end - base if i else 0
        right = counts[i + 1].start - base if i + 1 < len(counts) else len(text)
        clause, at = clause_around(text, c.start - base, c.end - base)
        clause_left = c.start - base - at
        lo, hi = max(left, clause_left), min(right, clause_left + len(clause))
        status = read_status(text[lo:hi], c.start - base - lo, c.end - c.start, r=r) if lo < hi else None
        if status is None:  # no cue between the neighbours: the clause's nearest cue, if any
            status = c.status or read_status(clause, at, c.end - c.start, r=r)
        out.append(replace(c, status=status))
    return out


def make_count(text: str, base: int, index: int, start: int, end: int, value: float, total: float | None, unit: str, r: CountRules) -> Count:
    """Build a Count with its qualifier; own_status reads its status once all counts of the sentence are known."""
    return Count(
        value=value,
        total=total,
        unit=unit,
        qualifier=read_qualifier(text[:start], r),
        text=text[start:end],
        start=base + start,
        end=base + end,
        sentence=index,
    )


def breakdown_counts(text: str, base: int, index: int, found: list[Count], bare: list[tuple[int, int, float]], r: CountRules) -> list[Count]:
    """Give unit-less numbers the unit of an earlier count in the sentence where the sentence breaks it down."""
    out: list[Count] = []
    for start, end, value in bare:
        earlier = [c for c in found if c.end - base <= start and c.unit != "%"]
        if not earlier:
            continue
        parent = earlier[-1]
        clause, at = clause_around(text, start, end)
        labelled = re.search(r":\s*$", text[:start]) is not None and re.match(r"\s*[;,)]", text[end:] or ";") is not None
        status = read_status(clause, at, end - start, r=r)
        after_breakdown = r.breakdown_before.search(text[:start]) is not None
        if not (labelled or after_breakdown or status in ("completed", "in_progress", "not_started")):
            continue
        # "из 20 задач ... выполнены 12": a parent introduced by "of" is the total of its parts
        of_parent = r.of_before.search(text[: parent.start - base]) is not None
        if parent.start - base >= start - at and not of_parent and not labelled:
            continue  # the parent stands in the same clause: its status is the parent's, not a breakdown
        total = parent.value if of_parent and not labelled else None  # a labelled part ("Justice: 38") is a share, not progress
        out.append(Count(value=value, total=total, unit=parent.unit, status=status, qualifier=None,
                         text=text[start:end], start=base + start, end=base + end, sentence=index))
    return out
