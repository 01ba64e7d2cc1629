"""Deadlines: temporal expressions resolved to the last day of their period, each with a role.

Candidates come from each language's patterns (day, month, quarter, half, first-N-months, year)
plus numeric dates; overlapping candidates keep the longest. The role is read from the words
around the expression, in this order: start ("from July 1"), reference ("Resolution 57 of
22 December 2024"), event (the meeting's own date), as_of ("as of", or a period that the
sentence reports as past with no plan or obligation in it), and otherwise deadline.
A year left out is taken from the anchor the caller gives: the meeting date, else when the
document was written (see document_time.py).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..records import DateAnchor, Deadline, Sentence
from .resources import FLAGS, Lexicon, alternation, cue_regex, raw
from .sentences import SentenceLookup

NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>(?:19|20)\d\d)(?![\d/])")
GRANULARITY = {"day": "day", "month": "month", "quarter": "quarter", "half": "half", "months_span": "month", "year": "year"}


@dataclass(frozen=True)
class DateRules:
    """One language's date patterns and role cues, compiled."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    months: Lexicon
    ordinals: Lexicon
    number_words: Lexicon
    start: re.Pattern[str]
    reference: re.Pattern[str]
    documents: re.Pattern[str]
    as_of: re.Pattern[str]
    plan: re.Pattern[str]
    past: re.Pattern[str]
    end_of: re.Pattern[str]


@lru_cache(maxsize=None)
def rules(lang: str) -> DateRules:
    """Compile the date rules of a language."""
    data = raw(lang)
    spec = data["dates"]
    months = Lexicon.build({str(i + 1): names for i, names in enumerate(spec["months"])})
    ordinals = Lexicon.from_values(spec["ordinals"])
    number_words = Lexicon.from_values({k: int(v) for k, v in data["numbers"]["words"].items()})
    fill = {"{MONTH}": months.pattern(), "{ORD}": ordinals.pattern(), "{NUMWORD}": number_words.pattern()}
    patterns = []
    for kind in ("day", "month", "quarter", "half", "months_span", "year"):
        for p in spec.get(kind, []):
            for key, value in fill.items():
                p = p.replace(key, f"(?:{value})")
            patterns.append((kind, re.compile(p, FLAGS)))
    return DateRules(
        patterns=tuple(patterns),
        months=months,
        ordinals=ordinals,
        number_words=number_words,
        start=cue_regex(spec["start"], anchor="end"),
        reference=cue_regex(spec["reference"], anchor="end"),
        documents=re.compile(alternation(spec["documents"]), FLAGS),
        as_of=cue_regex(spec["as_of"], anchor="end"),
        plan=re.compile(alternation(spec["plan"]), FLAGS),
        past=re.compile(alternation(spec["past"]), FLAGS),
        end_of=cue_regex(spec.get("end_of", ["end of"]), anchor="end"),
    )


@dataclass(frozen=True)
class Candidate:
    """A temporal expression before its year is known and its role is read."""

    kind: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    part: int | None  # quarter, half or number of months


PARAGRAPH = re.compile(r"[^\n]*\d[^\n]*")


def find_candidates(text: str, r: DateRules) -> list[Candidate]:
    """Return non-overlapping temporal expressions in text, longest first where they overlap.

    Every date Docket reads has a digit in it (a day or a year), so only lines with a digit are searched.
    """
    found: list[Candidate] = []
    for line in PARAGRAPH.finditer(text):
        lo, hi = line.span()
        for m in NUMERIC_DATE.finditer(text, lo, hi):
            found.append(Candidate("day", m.start(), m.end(), int(m["year"]), int(m["month"]), int(m["day"]), None))
        for kind, regex in r.patterns:
            for m in regex.finditer(text, lo, hi):
                cand = to_candidate(kind, m, r)
                if cand is not None:
                    found.append(cand)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def to_candidate(kind: str, m: re.Match[str], r: DateRules) -> Candidate | None:
    """Turn a pattern match into a Candidate, or None when its parts are not a date."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month = day = part = None
    if groups.get("month"):
        month = int(groups["month"]) if groups["month"].isdigit() else int(r.months.resolve(groups["month"].lower()) or 0)
        if not 1 <= month <= 12:
            return None
    if groups.get("day"):
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return None
    if groups.get("ord"):
        text = groups["ord"]
        part = int(text) if text.isdigit() else int(r.ordinals.resolve(text.lower()) or 0)
        if not part:
            return None
    if groups.get("n"):
        text = groups["n"]
        part = int(text) if text.isdigit() else int(r.number_words.resolve(text.lower()) or 0)
        if not 1 <= part <= 12:
            return None
    return Candidate(kind, m.start(), m.end(), year, month, day, part)


def due_date(c: Candidate, year: int) -> str | None:
    """Return the ISO date of the last day of the candidate's period."""
    try:
        if c.kind == "day":
            return date(year, c.month, c.day).isoformat()
        if c.kind == "month":
            return date(year, c.month, calendar.monthrange(year, c.month)[1]).isoformat()
        if c.kind == "quarter":
            q = min(max(c.part or 4, 1), 4)
            return date(year, q * 3, calendar.monthrange(year, q * 3)[1]).isoformat()
        if c.kind == "half":
            return date(year, 6, 30).isoformat() if c.part == 1 else date(year, 12, 31).isoformat()
        if c.kind == "months_span":
            return date(year, c.part, calendar.monthrange(year, c.part)[1]).isoformat()
        return date(year, 12, 31).isoformat()
    except (ValueError, TypeError):
        return None


def read_role(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> str:
    """Read the role of a temporal expression from the words of its sentence."""
    before = text[max(sentence.start, c.start - 40): c.start]
    if r.reference.search(before) and r.documents.search(text[max(sentence.start, c.start - 120): c.start]):
        return "reference"
    if r.start.search(before):
        return "start"
    if r.as_of.search(before):
        return "as_of"
    # a period the sentence reports in the past, with no plan or obligation in it, is when a figure
    # was measured: "In 2023, the rate reached 45%", "by the end of March 2024, results were limited"
    period = c.kind in ("months_span", "quarter", "half", "year") or r.end_of.search(before) is not None
    if period and r.past.search(sentence.text) and not r.plan.search(sentence.text):
        return "as_of"
    return "deadline"


def extract_deadlines(text: str, sentences: list[Sentence], lang: str, anchor: DateAnchor | None = None,
                      candidates: list[Candidate] | None = None) -> list[Deadline]:
    """Return the temporal expressions of a document with due dates and roles; a year left out comes from the anchor.

    `candidates` are find_candidates' for this text, when the caller has them already (they cost most of the time).
    """
    r = rules(lang)
    candidates = find_candidates(text, r) if candidates is None else candidates
    ref_year = int(anchor.date[:4]) if anchor else None
    event_date = anchor.date if anchor and anchor.source == "event_date" else None
    lookup = SentenceLookup(sentences)
    out: list[Deadline] = []
    for c in candidates:
        year = c.year or ref_year
        due = due_date(c, year) if year else None
        if due is None:
            continue
        sentence = lookup.at(c.start)
        role = read_role(c, sentence, text, r)
        if role == "deadline" and due == event_date and c.kind == "day":
            role = "event"
        resolved = c.year is None
        out.append(Deadline(due=due, granularity=GRANULARITY[c.kind], role=role, text=text[c.start:c.end],
                            start=c.start, end=c.end, sentence=sentence.index,
                            basis="resolved" if resolved else "explicit",
                            anchor=anchor.describe() if resolved and anchor else None))
    return out
