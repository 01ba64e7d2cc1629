"""Deadlines: temporal expressions resolved to the last day of their period, each with a role.

Candidates come from each language's patterns (day, month, quarter, half, first-N-months, year,
week, "within N months", "the same day", a bare year) plus numeric dates; overlapping candidates
keep the longest. A date the text gives whole is explicit; a date without a year, or a relative
one ("next quarter", "cuối năm nay", "до конца года"), is resolved against an anchor (the meeting
date, else the time the report was written), as HeidelTime resolves against a document creation
time, and says so. Without an anchor a yearless day or month takes the year of the last day the
text gave whole, else the one year the report says its tasks are for ("remaining tasks for 2024":
anchor "plan year 2024", never the most-mentioned year); with neither it is not stored rather than guessed.
Two dates joined as a range ("from 1 September to 30 November 2025", "between ... and") are its
start and its end: the year written once, at the end, belongs to both; a bare day at the other end
shares the month ("с 1 по 15 апреля", "April 1-15, 2025").
The role is read from the words around the expression, in this order: event (a publication line,
"Published: ..."), reference (a document's number right after the date, "от 12 марта 2025 г. № 45"),
as_of (a comparison: "compared with the same period of 2023"), reference ("Resolution 57 of 22
December 2024", unless "will", "must" stands between the document and its date; the period in a
programme's name, "Project ... for the 2022-2025 period, with a vision to 2030"), as_of ("as of",
"Stand vom", "tính đến hết"), start ("from July 1", a range's first date), as_of (a date that opens
its sentence, or ends a range, followed by a past verb, "By August 12, 2024, the number stood at",
even after "by"; the month of a meeting the sentence reports, "In April 2023, the committee held";
a date that its sentence reports as past or done with no plan or obligation in it), event (a
dateline or publication line: the date with only a weekday, a clock and publication words around
it), reference (the day a document was signed, "подписан 12 марта"), and otherwise deadline; a
day equal to the meeting's is the event unless a due word sets it.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..records import DateAnchor, Deadline, Sentence
from .prefilter import Presence, Requirement, requirements
from .resources import FLAGS, NEVER, NEVER_PATTERN, Lexicon, alternation, cue_regex, raw, words_pattern
from .sentences import SentenceLookup

NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>(?:19|20)\d\d)(?![\d/])")
ISO_DATE = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?![\d/-])")
KINDS = ("day", "month", "quarter", "half", "months_span", "year", "bare_year", "week", "same_day",
         "within_days", "within_weeks", "within_months", "within_years", "weekday",
         "ago_days", "ago_weeks", "ago_months", "ago_years")
GRANULARITY = {"day": "day", "month": "month", "quarter": "quarter", "half": "half", "months_span": "month",
               "year": "year", "bare_year": "year", "week": "week", "same_day": "day", "within_days": "day",
               "within_weeks": "day", "within_months": "month", "within_years": "year", "weekday": "day",
               "ago_days": "day", "ago_weeks": "week", "ago_months": "month", "ago_years": "year"}
# "on Friday", "four years ago": what happened on a day counted from the anchor, never a due date unless a due word sets it
TOLD_KINDS = ("weekday", "ago_days", "ago_weeks", "ago_months", "ago_years")
PERIODS = ("months_span", "quarter", "half", "year", "bare_year", "week")
# what a publication line holds besides its date: a clock, a time zone, punctuation (and the language's words)
CLOCK = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[ap]\.?m\.?)?"
ZONE = r"\(?(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?|\b(?:ICT|MSK|CET|CEST)\b"
PUNCT = r"[\s,.:;|•·/()\[\]–—-]"
# a yearless deadline this far before its anchor is read in the next year ("by January 31" in December)
NEXT_YEAR_AFTER = timedelta(days=90)
# superscript letters of ordinal suffixes ("December 4ᵗʰ"), read as plain letters; one character each, so offsets hold
SUPERSCRIPTS = str.maketrans("ᵃᵈᵉʰⁿᵒʳˢᵗ", "adehnorst")


def plain_letters(text: str) -> str:
    """Return the text with superscript letters as plain ones, character for character."""
    return text.translate(SUPERSCRIPTS)


@dataclass(frozen=True)
class DateRules:
    """One language's date patterns and role cues, compiled."""

    patterns: tuple[tuple[str, re.Pattern[str], tuple[Requirement, ...]], ...]  # kind, regex, what every match holds
    months: Lexicon
    ordinals: Lexicon
    number_words: Lexicon
    relative: Lexicon
    start: re.Pattern[str]
    reference: re.Pattern[str]
    documents: re.Pattern[str]
    as_of: re.Pattern[str]
    plan: re.Pattern[str]
    past: re.Pattern[str]
    end_of: re.Pattern[str]
    clause: re.Pattern[str]
    due: re.Pattern[str]
    compare: re.Pattern[str]
    publication: re.Pattern[str]
    programme: re.Pattern[str]
    programme_after: re.Pattern[str]
    vision: re.Pattern[str]
    review: re.Pattern[str]
    range_join: re.Pattern[str]
    meeting: re.Pattern[str]
    past_after: re.Pattern[str]
    plan_year: tuple[re.Pattern[str], ...]
    signed: re.Pattern[str]  # a document signed or adopted on the date after it: its own date
    number_after: re.Pattern[str]  # a document's number right after its date ("от 12 марта 2025 г. № 45")
    between: re.Pattern[str]  # opens a range whose ends "and" joins ("between April 1 and May 15")
    and_join: re.Pattern[str]
    day_before: re.Pattern[str]  # a range's first day that shares the month of its end ("vom 1. bis 15. April")
    day_after: re.Pattern[str]  # a range's last day that shares the month of its start ("April 1-15, 2025")
    chrome: re.Pattern[str]  # fullmatch: only what a publication line holds besides its date
    modal: re.Pattern[str]  # "will", "must", "soll", "должно": what is said of a document is still ahead
    chrome_tail: re.Pattern[str]  # those words at the end of a text
    weekdays: Lexicon  # "monday" 0 ... "sunday" 6, in the forms a date takes ("в пятницу", "до пятницы")
    narrative: re.Pattern[str]  # past verbs and cue words that tell what happened ("arrested", "в прошлом году")
    ahead: re.Pattern[str]  # words that put what is told ahead of the report ("will", "sẽ")


@lru_cache(maxsize=None)
def rules(lang: str) -> DateRules:
    """Compile the date rules of a language."""
    data = raw(lang)
    spec = data["dates"]
    months = Lexicon.build({str(i + 1): names for i, names in enumerate(spec["months"])})
    ordinals = Lexicon.from_values(spec["ordinals"])
    number_words = Lexicon.from_values({k: int(v) for k, v in data["numbers"]["words"].items()})
    relative = Lexicon.from_values(spec["relative"])
    chrome_words = words_pattern(data["dateline"]["weekdays"] + data["dateline"]["chrome"])
    weekdays = Lexicon.build({str(i): names for i, names in enumerate(spec.get("weekdays", []))})
    fill = {"{MONTH}": months.pattern(), "{ORD}": ordinals.pattern(), "{NUMWORD}": number_words.pattern(),
            "{REL}": relative.pattern(), "{WEEKDAY}": weekdays.pattern() or NEVER_PATTERN}
    patterns = []
    for kind in KINDS:
        for p in spec.get(kind, []):
            for key, value in fill.items():
                p = p.replace(key, f"(?:{value})")
            regex = re.compile(p, FLAGS)
            patterns.append((kind, regex, requirements(regex)))
    return DateRules(
        patterns=tuple(patterns),
        months=months,
        ordinals=ordinals,
        number_words=number_words,
        relative=relative,
        start=cue_regex(spec["start"], anchor="end"),
        reference=cue_regex(spec["reference"], anchor="end"),
        documents=re.compile(alternation(spec["documents"]), FLAGS),
        as_of=cue_regex(spec["as_of"], anchor="end"),
        plan=re.compile(alternation(spec["plan"]), FLAGS),
        past=re.compile(alternation(spec["past"]), FLAGS),
        end_of=cue_regex(spec.get("end_of", ["end of"]), anchor="end"),
        clause=re.compile(r"[,;:()]|" + words_pattern(spec["conjunctions"]), FLAGS),
        due=cue_regex(spec["due"], anchor="end", articles=spec.get("articles")),
        compare=re.compile(alternation(spec["compare"]), FLAGS),
        publication=cue_regex(spec["publication"], anchor="end"),
        programme=cue_regex(spec["programme"], anchor="end"),
        programme_after=re.compile(rf"^\s*(?:{alternation(spec['programme_after'])})(?!\w)", FLAGS)
        if spec.get("programme_after") else NEVER,
        vision=cue_regex(spec["vision"], anchor="end"),
        review=re.compile(alternation(spec["review"]), FLAGS),
        range_join=re.compile(rf"\s*(?:{alternation(spec['range_join'])})\s*", FLAGS),
        meeting=re.compile(alternation(data["meeting"]["cues"]), FLAGS),
        past_after=re.compile(rf"(?:{alternation(spec['past_after'])})(?!\w)", FLAGS)
        if spec.get("past_after") else NEVER,
        plan_year=tuple(re.compile(p, FLAGS) for p in spec.get("plan_year", [])),
        signed=cue_regex(spec.get("signed", []), anchor="end"),
        number_after=re.compile(rf"\s*(?:(?:года|г\.?)\s*)?,?\s*(?:{alternation(spec['number_after'])})", FLAGS)
        if spec.get("number_after") else NEVER,
        between=cue_regex(spec.get("between", []), anchor="end"),
        and_join=re.compile(rf"\s*(?:{alternation(spec['and_join'])})\s*", FLAGS) if spec.get("and_join") else NEVER,
        day_before=re.compile(rf"(?<![\w.,/:-]){spec['range_day']}\s*(?:{alternation(spec['range_join'])})\s*$", FLAGS),
        day_after=re.compile(rf"\s*(?:{alternation(spec['range_join'])})\s*{spec['range_day']}"
                             rf"(?:,?\s*(?P<year>(?:19|20)\d\d))?(?![\w/%-]|[.,]\d)", FLAGS)
        if spec.get("range_day_after") else NEVER,
        chrome=re.compile(rf"(?:{PUNCT}|{CLOCK}|{ZONE}|{chrome_words})*", FLAGS),
        modal=re.compile(alternation(spec["modal"]), FLAGS) if spec.get("modal") else NEVER,
        chrome_tail=re.compile(rf"(?:\s|{chrome_words})*$", FLAGS),
        weekdays=weekdays,
        narrative=re.compile(alternation(spec["narrative"]), FLAGS) if spec.get("narrative") else NEVER,
        ahead=re.compile(alternation(data["meeting"]["ahead"]), FLAGS) if data["meeting"].get("ahead") else NEVER,
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
    part: int | None  # quarter, half, number of months, or the N of "within N days"
    rel: int | None = None  # "this" 0, "next" 1, "last" -1: shifts the year, or the unit itself when no part is named
    lead: int | None = None  # where the placing words inside the match end ("Ende " of "Ende August"): roles are read up to here
    span: str | None = None  # "start" or "end" when the date opens or closes a range ("from 1 September to 30 November")

    @property
    def explicit(self) -> bool:
        """Whether the text gives the whole date, with no part taken from an anchor."""
        return self.year is not None and self.rel is None and self.kind not in ("same_day", "week") \
            and not self.kind.startswith("within_")


def find_candidates(text: str, r: DateRules, prefilter: bool = True) -> list[Candidate]:
    """Return non-overlapping temporal expressions in text, longest first where they overlap.

    The whole text is searched, not line by line: hard-wrapped reports break a date over two
    lines ("ngày 30\\ntháng 5 năm 2025"), and some dates have no digit ("Ende August"). A pattern
    runs only where the text holds what each of its matches must (prefilter.py): most patterns
    match nothing in most reports, and looking up a word costs far less than trying a pattern at
    every character. `prefilter=False` runs every pattern, as the reference the prefilter must equal.
    """
    text = plain_letters(text)
    found: list[Candidate] = [numeric_date(m) for regex in (NUMERIC_DATE, ISO_DATE) for m in regex.finditer(text)]
    holds = Presence(text)
    for kind, regex, needs in r.patterns:
        if prefilter and not holds.all(needs):
            continue
        for m in regex.finditer(text):
            cand = to_candidate(kind, m, r)
            if cand is not None:
                found.append(cand)
    return join_ranges(longest_first(found + days_of_relative_months(found)), text, r)


def days_of_relative_months(found: list[Candidate]) -> list[Candidate]:
    """Return each yearless day whose month a relative year follows, as that day in that year.

    "до 1 октября текущего года", "ngày 1 tháng 6 năm ngoái": the day ("1 октября") and the month
    with its relative year ("октября текущего года") overlap; the longer whole keeps the day.
    """
    months = [c for c in found if c.kind == "month" and c.rel is not None and c.month is not None and c.year is None]
    return [replace(d, end=m.end, rel=m.rel) for m in months for d in found
            if d.kind == "day" and d.year is None and d.rel is None and d.month == m.month and d.start < m.start < d.end <= m.end]


def join_ranges(candidates: list[Candidate], text: str, r: DateRules) -> list[Candidate]:
    """Mark the two ends of each range ("vom 1. September bis 30. November 2025"); the end's year carries back.

    A start later in the year than its end ("from December 1 to February 28, 2026") lies in the year before.
    "between ... and" joins a range as "to" does. A range's day that shares its month with the other
    end ("vom 1. bis 15. April", "с 1 по 15 апреля", "April 1-15, 2025") is a day of that month.
    """
    out = list(candidates)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind != b.kind or a.kind not in ("day", "month") or a.rel is not None or b.rel is not None:
            continue
        if not joined(a, b, text, r):
            continue
        year = a.year
        if year is None and b.year is not None:
            year = b.year if (a.month or 0, a.day or 0) <= (b.month or 0, b.day or 31) else b.year - 1
        out[i] = replace(a, year=year, span="start")
        out[i + 1] = replace(b, span="end")
    return share_month(out, text, r)


def joined(a: Candidate, b: Candidate, text: str, r: DateRules) -> bool:
    """Say whether the words between two dates join them into a range: "to", "bis", "по", "đến", or "and" after "between"."""
    gap = text[a.end:b.lead or b.start]
    if r.range_join.fullmatch(gap):
        return True
    at = a.lead or a.start
    return r.and_join.fullmatch(gap) is not None and r.between.search(text[max(0, at - 30):at]) is not None


def share_month(candidates: list[Candidate], text: str, r: DateRules) -> list[Candidate]:
    """Add the bare day that opens or closes a range with a day-date, in the month of that date.

    "vom 1. bis 15. April" and "с 1 по 15 апреля" give the 1st of April as the start; "April 1-15, 2025"
    gives the 15th as the end, with the year written after it. The bare day must come before the
    other end in the month, and no other date may stand on it.
    """
    out: list[Candidate] = []
    for i, c in enumerate(candidates):
        if c.kind != "day" or c.rel is not None or c.span is not None:
            out.append(c)
            continue
        at = c.lead or c.start
        floor = out[-1].end if out else 0
        m = r.day_before.search(text, max(floor, at - 20), at)
        if m is not None and 1 <= int(m["day"]) < (c.day or 0):
            out += [Candidate("day", m.start("day"), m.end("day"), c.year, c.month, int(m["day"]), None, span="start"),
                    replace(c, span="end")]
            continue
        ceiling = candidates[i + 1].start if i + 1 < len(candidates) else len(text)
        m = r.day_after.match(text, c.end)
        if m is not None and m.end() <= ceiling and (c.day or 32) < int(m["day"]) <= 31:
            year = int(m["year"]) if m["year"] else c.year
            out += [replace(c, year=year, span="start"),
                    Candidate("day", m.start("day"), m.end(), year, c.month, int(m["day"]), None, span="end")]
            continue
        out.append(c)
    return out


def longest_first(found: list[Candidate]) -> list[Candidate]:
    """Return the candidates that no longer one overlaps, in text order."""
    kept: list[Candidate] = []  # in text order, never overlapping
    starts: list[int] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, c.start)
        if (i == 0 or kept[i - 1].end <= c.start) and (i == len(kept) or c.end <= kept[i].start):
            kept.insert(i, c)
            starts.insert(i, c.start)
    return kept


def numeric_date(m: re.Match[str]) -> Candidate:
    """Turn a numeric date into a day candidate; "06/30/2025" can only be month first, so it is read so."""
    day, month = int(m["day"]), int(m["month"])
    if month > 12 >= day:
        day, month = month, day
    return Candidate("day", m.start(), m.end(), int(m["year"]), month, day, None)


def read_number(text: str, lexicon: Lexicon) -> int:
    """Return the value of digits or of a word in lexicon, 0 when it is neither."""
    return int(text) if text.isdigit() else int(lexicon.resolve(text.lower()) or 0)


def to_candidate(kind: str, m: re.Match[str], r: DateRules) -> Candidate | None:
    """Turn a pattern match into a Candidate, or None when its parts are not a date."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month = day = part = rel = None
    if groups.get("month"):
        month = read_number(groups["month"], r.months)
        if not 1 <= month <= 12:
            return None
    if groups.get("day"):
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return None
    if groups.get("ord"):
        part = read_number(groups["ord"], r.ordinals)
        if not part:
            return None
    if groups.get("n"):
        part = read_number(groups["n"], r.number_words)
        if not 1 <= part <= (12 if kind in ("months_span", "within_months") else 366):
            return None
    if groups.get("rel"):
        rel = int(r.relative.resolve(groups["rel"].lower()) or 0)
    if kind == "weekday":
        found = r.weekdays.resolve(groups["wd"].lower())
        if found is None:
            return None
        part = int(found)
    lead = m.end("lead") if groups.get("lead") else None
    start = m.start("year") if kind == "bare_year" else m.start()  # "a 2010 raid": the article is not the date
    return Candidate(kind, start, m.end(), year, month, day, part, rel, lead)


def last_day(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return (year, month) that many months after (or before) the given month."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def due_date(c: Candidate, year: int) -> str | None:
    """Return the ISO date of the last day of the candidate's period."""
    try:
        if c.kind in ("day", "same_day"):
            return date(year, c.month, c.day).isoformat()
        if c.kind == "month":
            return last_day(year, c.month).isoformat()
        if c.kind == "quarter":
            q = min(max(c.part or 4, 1), 4)
            return last_day(year, q * 3).isoformat()
        if c.kind == "half":
            return date(year, 6, 30).isoformat() if c.part == 1 else date(year, 12, 31).isoformat()
        if c.kind == "months_span":
            return last_day(year, c.part).isoformat()
        return date(year, 12, 31).isoformat()
    except (ValueError, TypeError):
        return None


def resolve(c: Candidate, anchor: date) -> str | None:
    """Return the due date of a candidate whose year, or whole position, comes from the anchor."""
    shift = c.rel or 0
    if c.kind == "same_day":
        return anchor.isoformat()
    if c.kind.startswith("within_"):
        return within(anchor, c.kind, c.part or 0).isoformat()
    if c.kind.startswith("ago_"):
        back = within(anchor, "within_" + c.kind[4:], -(c.part or 1))  # "a year ago": one
        if c.kind == "ago_years":
            return date(back.year, 12, 31).isoformat()
        return (last_day(back.year, back.month) if c.kind == "ago_months" else back).isoformat()
    if c.kind == "week":
        return (anchor + timedelta(days=6 - anchor.weekday() + 7 * shift)).isoformat()
    if c.kind == "month" and c.month is None:
        year, month = add_months(anchor.year, anchor.month, shift)
        return last_day(year, month).isoformat()
    if c.kind == "quarter" and c.part is None:
        year, month = add_months(anchor.year, (anchor.month - 1) // 3 * 3 + 3, 3 * shift)
        return last_day(year, month).isoformat()
    if c.kind == "half" and c.part is None:
        year, month = add_months(anchor.year, 6 if anchor.month <= 6 else 12, 6 * shift)
        return last_day(year, month).isoformat()
    return due_date(c, c.year or anchor.year + shift)


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """Return the latest day with that weekday (Monday 0) on or before the anchor: "on Friday" in a report of what happened."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    """Return the first day with that weekday after the anchor: "by Friday", "next Friday"."""
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)


def within(anchor: date, kind: str, n: int) -> date:
    """Return the day a span of n days, weeks, months or years from the anchor ends."""
    if kind == "within_days":
        return anchor + timedelta(days=n)
    if kind == "within_weeks":
        return anchor + timedelta(weeks=n)
    year, month = add_months(anchor.year, anchor.month, n * (12 if kind == "within_years" else 1))
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def context_start(text: str, sentence: Sentence) -> int:
    """Return where the sentence's clause begins, reaching back over hard line breaks inside a paragraph.

    Sentences end at every line break, but a hard-wrapped report continues its sentence on the next
    line ("Nghị quyết số 57-NQ/TW\\nngày 22/12/2024"): the words before the break still name the date.
    """
    start = sentence.start
    for _ in range(3):
        brk = skip_blanks_back(text, start - 1)
        if brk < 0 or text[brk] != "\n":
            break
        last = skip_blanks_back(text, brk - 1)
        if last < 0 or text[last] in "\n.!?;:":
            break  # a blank line or a finished sentence ends the clause
        start = text.rfind("\n", 0, brk) + 1
    return start


def skip_blanks_back(text: str, i: int) -> int:
    """Return the index of the last character at or before i that is not a space or tab (-1 if none)."""
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i


DATELINE_BEFORE = re.compile(r"(?:^|[,•·|:–—-])\s*$")
DATELINE_CHARS = 150  # the most that a dateline's place or source, at most six words, takes before its date
DATELINE_AFTER = re.compile(r"^\s*(?:$|\d{1,2}:\d\d\b|[–—-]\s)")


def is_dateline(c: Candidate, text: str, r: DateRules) -> bool:
    """Whether the date stands on its own line, or closes a short place or source line: the report's own date.

    Besides its date, such a line holds only a weekday, a clock, a time zone, publication words and
    punctuation ("Cập nhật: 10:15 28/03/2025", "Friday, March 28, 2025, 10:15", "28.03.2025, 10:15 Uhr"),
    or a place or source's name set off before it ("München, den 28. März 2025", "Báo Nhân Dân•14/05/2025").
    """
    at = c.lead or c.start  # the placing words inside the match ("Thời hạn: 31/7") are read with the words before
    line_start = text.rfind("\n", max(0, at - DATELINE_CHARS - 1), at) + 1
    if at - line_start > DATELINE_CHARS or line_start == 0 and at > DATELINE_CHARS:
        return False  # more than a place or a source's name stands before it
    line_end = text.find("\n", c.end, c.end + DATELINE_CHARS + 1)  # read no further: a long line is no dateline
    if line_end < 0:
        line_end = len(text) if len(text) - c.end <= DATELINE_CHARS else c.end + DATELINE_CHARS + 1
    before = text[line_start:at]
    after = text[c.end:line_end]
    if not before.strip() and at <= HEADER_CHARS and is_place_line(after):
        return True  # "2025-07-09 Ho Chi Minh City" heading the document: its date, then where it was written
    if r.due.search(text[max(0, at - 40):at]):
        return False  # "By June 30, 2025" heading a list of tasks is due then, also where "by" ends the line before
    if not (DATELINE_AFTER.match(after) or len(after) <= DATELINE_CHARS and r.chrome.fullmatch(after)):
        return False
    if not before.strip() and SENTENCE_END.fullmatch(after) and continues(text, line_start):
        return False  # "... must be completed\nJune 30, 2025." ends a hard-wrapped sentence
    if r.chrome.fullmatch(before):
        return True
    name = r.chrome_tail.sub("", before, count=1)
    return DATELINE_BEFORE.search(name) is not None and len(before.split()) <= 6 and not r.plan.search(before)


SENTENCE_END = re.compile(r"\s*[.,;]\s*")


def continues(text: str, line_start: int) -> bool:
    """Say whether the line before line_start runs on into it: not blank, and not ended by a stop or a colon."""
    last = skip_blanks_back(text, line_start - 2)
    return last >= 0 and text[last] not in "\n.!?:;"


HEADER_CHARS = 200  # where a document's own dateline stands: its first line or two
CLAUSE_PUNCTUATION = re.compile(r"[.!?:;,]")


def is_place_line(after: str) -> bool:
    """Whether what follows a date on its line is a short place or source name, not a sentence or a heading's clause."""
    return 0 < len(after.split()) <= 6 and not CLAUSE_PUNCTUATION.search(after)


# a list mark before a sentence ("- ", "2.1. ", "b) ") is not one of its words
LIST_MARK = re.compile(r"^[^\w(]*(?:(?:\d{1,2}|[a-z])(?:\.\d{1,2})*[.)]\s+)?", re.IGNORECASE)
CLAUSE_AFTER = 200  # characters after a date in which the verb of the clause it opens is looked for
OPENING_CHARS = 60  # at most this much may stand before a date that opens its sentence, list marks and all
OPENING_WORDS = 3  # cue words that may stand before a date that opens its sentence: "Bis zum", "По состоянию на"


def opens_sentence(c: Candidate, sentence: Sentence, text: str) -> bool:
    """Whether the date opens its sentence, after at most a few cue words ("Bis zum 12. August 2024 betrug ...")."""
    start, at = context_start(text, sentence), c.lead or c.start
    if at - start > OPENING_CHARS:
        return False  # read no further: a long sentence is not copied once for each of its dates
    lead = LIST_MARK.sub("", text[start:at], count=1)
    return len(lead.split()) <= OPENING_WORDS and not re.search(r"[\d,;:()]", lead)


def clause_after(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> str:
    """Return the clause that follows a date, up to its next break; a comma inside a number ("3,000") is none.

    Read within CLAUSE_AFTER characters, so that a long sentence is not copied once for each of its dates.
    """
    after = text[c.end:min(sentence.end, c.end + CLAUSE_AFTER)].lstrip(" \t\n,")
    for m in r.clause.finditer(after):
        if m.group() == "," and after[m.start() - 1:m.start()].isdigit() and after[m.end():m.end() + 1].isdigit():
            continue
        return after[:m.start()]
    return after


CLAUSE_WINDOW = 60
PROGRAMME_NAME = 250  # characters before a period in which the programme it names may begin


def clause_around(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> str:
    """Return the words near a date within its clause: up to CLAUSE_WINDOW characters each side.

    A sentence can review one period and plan the next ("the work of the first six months and the
    tasks for the last six"): the plan words of the second are not those of the first.
    """
    lo = max(sentence.start, c.start - CLAUSE_WINDOW)
    before = text[lo:c.start]
    after = text[c.end:min(sentence.end, c.end + CLAUSE_WINDOW)]
    cut = r.clause.search(after)
    return before[before.rfind(";") + 1:] + " " + (after[:cut.start()] if cut else after)


def clause_before(before: str, r: DateRules) -> str:
    """Return the part of the words before a date that lies in the date's own clause."""
    cut = 0
    for m in r.clause.finditer(before):
        cut = m.end()
    return before[cut:]


@lru_cache(maxsize=1024)
def in_sentence(pattern: re.Pattern[str], sentence: str) -> bool:
    """Say whether a pattern occurs in a sentence; kept, as each date of a long sentence asks the same."""
    return pattern.search(sentence) is not None


def read_role(c: Candidate, sentence: Sentence, text: str, r: DateRules, past_due: bool = False) -> str:
    """Read the role of a temporal expression from the words of its sentence.

    past_due says that the date lies before the anchor, so that a sentence in the past reports a result.
    """
    lo = context_start(text, sentence)
    at = c.lead or c.start
    before = text[max(lo, at - 40): at]
    if r.publication.search(before):
        return "event"  # "Published: 29/12/2022" is when the report was written, never a due date
    if r.number_after.match(text, c.end, min(len(text), c.end + 30)):
        return "reference"  # "от 12 марта 2025 г. № 45": the date of a numbered document, its own date
    if r.compare.search(text[max(lo, at - 60): at].rsplit(";", 1)[-1]):
        return "as_of"  # "compared with the same period of 2023": the base of a comparison
    ends = r.end_of.search(before) is not None  # "the end of this month": "of" here names no document's date
    if r.reference.search(before) and not ends and names_document(text[max(lo, at - 120): at], r):
        return "reference"
    # the period in a programme's name: "Project ... for the 2022-2025 period, with a vision to 2030";
    # such names run long, so the programme word is looked for further back
    named = r.documents.search(text[max(lo, at - PROGRAMME_NAME): at]) is not None
    if r.vision.search(before) or named and (r.programme.search(before) or r.programme_after.match(text[c.end:c.end + 20])):
        return "reference"
    if r.as_of.search(before):
        return "as_of"  # before "from": "Stand vom 17. August" is a figure's date
    if r.start.search(before) or c.span == "start":
        return "start"
    if r.review.search(clause_before(text[max(lo, at - CLAUSE_WINDOW): at], r)) and not r.due.search(before):
        return "as_of"  # "a conference reviewing the results of 2025 and setting tasks for 2026": 2025 is reviewed
    if c.span is None and is_dateline(c, text, r):
        return "event"
    planned = in_sentence(r.plan, sentence.text)
    past = in_sentence(r.past, sentence.text)
    opens = opens_sentence(c, sentence, text)
    if opens or c.span == "end":
        main = clause_after(c, sentence, text, r)
        told_past = r.past.search(main) is not None or r.past_after.search(main) is not None
        if told_past and not planned:
            # "Bis zum 12. August 2024 betrug die Zahl ...", "vom 1. Juni bis 23. August 2025 wurden ... ausgestellt":
            # the verb after a date that opens its sentence, or ends a range, is past: "by" dates a figure here
            return "as_of"
        met = r.meeting.search(main)
        if told_past and opens and met and not r.plan.search(main[:met.start()]) and not r.due.search(before):
            # "In April 2023, the committee held a meeting on the plan": the month dates the meeting, which no
            # "will" or "must" before the meeting word puts ahead ("... will hold a conference to review what was done")
            return "as_of"
    # a period the sentence reports in the past, with no plan or obligation in it, is when a figure
    # was measured: "In 2023, the rate reached 45%", "by the end of March 2024, results were limited"
    period = c.kind in PERIODS or c.kind.startswith("within_") or ends
    if period and past and not planned:
        return "as_of"
    if past and not planned and not r.due.search(before):
        return "as_of"  # a day or month the sentence reports as done: "the upgrade was completed in March 2024"
    if past_due and not r.plan.search(clause_around(c, sentence, text, r)) \
            and (past or not r.due.search(before)):
        return "as_of"  # a date before the report's own, with no plan, obligation or "by" for it, dates a fact
    if c.kind == "bare_year" and (past_due or not planned):
        return "as_of"  # a year used as a word ("a 2010 raid", "nahm 1941 teil") dates a fact, it sets no due date
    if r.signed.search(before) and not r.modal.search(clause_before(text[max(lo, at - CLAUSE_WINDOW): at], r)):
        return "reference"  # "Документ подписан 12 марта 2025 года": when a document was signed, not when work is due
    return "deadline"


def extract_deadlines(text: str, sentences: list[Sentence], lang: str, anchor: DateAnchor | None = None,
                      candidates: list[Candidate] | None = None) -> list[Deadline]:
    """Return the temporal expressions of a document with due dates and roles; a year left out comes from the anchor.

    `candidates` are find_candidates' for this text, when the caller has them already (they cost most of the time).
    """
    r = rules(lang)
    candidates = find_candidates(text, r) if candidates is None else candidates
    meeting = {anchor.date} if anchor is not None and anchor.source == "event_date" else set()
    lookup = SentenceLookup(sentences)
    out: list[Deadline] = []
    told: DateAnchor | None = None  # the last day the text gave whole: what "the same day" is
    reference: DateAnchor | None = None  # the last day or month the text gave whole: HeidelTime's narrative reference time
    planned_year = plan_year(text, r) if anchor is None else None
    meeting_days = False  # a range of days that opens on the meeting's day: the days it was held ("On April 11-13")
    for c in candidates:
        sentence = lookup.at(c.start)
        deadline = read_deadline(c, text, sentence, r, anchor, told if c.kind == "same_day" else reference, planned_year)
        if deadline is None:
            continue
        if deadline.role in ("deadline", "as_of") and deadline.due in meeting and c.kind == "day" and c.span != "end" \
                and not due_cue(c, sentence, text, r):
            # the meeting's day, unless a due word sets it: "complete ... before November 18" is due that day
            deadline = replace(deadline, role="event")
        if c.span == "start":
            meeting_days = deadline.due in meeting and c.kind == "day" and not cue_before(c, sentence, text, r.start)
        if c.span is not None and meeting_days:
            deadline = replace(deadline, role="event")
        meeting_days = meeting_days and c.span == "start"
        if c.explicit and c.kind == "day" and deadline.role != "reference":
            told = DateAnchor(deadline.due, "date before")
        if c.explicit and c.kind in ("day", "month") and deadline.role != "reference":
            reference = DateAnchor(deadline.due, "date before")  # "by December 2021 ... by November": that year's
        out.append(deadline)
    return out


@dataclass(frozen=True)
class PlanYear(DateAnchor):
    """The year the report's tasks are for ("remaining tasks for 2024"): a year for months and days that leave it out."""

    def describe(self) -> str:
        """Return how a resolved date names it: 'plan year 2024'."""
        return f"plan year {self.date[:4]}"


def plan_year(text: str, r: DateRules) -> PlanYear | None:
    """Return the one year the text says its tasks are for, if it names exactly one; never the most-mentioned year."""
    years = {int(m["year"]) for regex in r.plan_year for m in regex.finditer(text)}
    return PlanYear(f"{years.pop()}-01-01", "plan year") if len(years) == 1 else None


def tells_past(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> bool:
    """Whether the date's clause tells what happened: a past verb or cue word, and no plan, "will" or due word for it."""
    clause = clause_around(c, sentence, text, r)
    return r.narrative.search(clause) is not None and not r.plan.search(clause) and not r.ahead.search(clause) \
        and not due_cue(c, sentence, text, r)


def looks_ahead(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> bool:
    """Whether a weekday lies after the anchor: a due word before it ("by Friday", "bis Freitag"), or a plan or
    "will" in its clause before any past verb ("said Friday that it will", "on Friday announced it will" tell a past Friday)."""
    if due_cue(c, sentence, text, r):
        return True
    at = c.lead or c.start
    # the clause before the date and the one it opens: "On Tuesday, the committee will hold" is ahead
    clause = clause_before(text[max(context_start(text, sentence), at - CLAUSE_WINDOW):at], r) + " " \
        + clause_after(c, sentence, text, r)
    told = r.narrative.search(clause)
    ahead = [m.start() for m in (r.plan.search(clause), r.ahead.search(clause)) if m is not None]
    return bool(ahead) and (told is None or min(ahead) < told.start())


def names_document(before: str, r: DateRules) -> bool:
    """Whether the words before a date name a document it dates: no "will", "must" or "soll" between the two.

    "Resolution 57 of 22 December 2024" dates the resolution; "the memorandum is to be signed on
    June 1" and "die Vereinbarung soll am 1. Juni unterzeichnet werden" set when it is due.
    """
    last = None
    for last in r.documents.finditer(before):
        pass
    return last is not None and not r.modal.search(before[last.end():])


def due_cue(c: Candidate, sentence: Sentence, text: str, r: DateRules) -> bool:
    """Whether a due word ("by", "before", "bis", "до", "trước") sets the date; the "to" of a range's end is none."""
    return c.span != "end" and cue_before(c, sentence, text, r.due)


def cue_before(c: Candidate, sentence: Sentence, text: str, cue: re.Pattern[str]) -> bool:
    """Whether a cue (one of DateRules' patterns anchored at the end) stands right before the date, as read_role reads it."""
    at = c.lead or c.start
    return cue.search(text[max(context_start(text, sentence), at - 40):at]) is not None


def anchor_for(c: Candidate, anchor: DateAnchor | None, told: DateAnchor | None,
               planned: PlanYear | None = None) -> DateAnchor | None:
    """Return what a candidate that the text does not give whole is resolved against, if anything.

    "The same day" is the day told last; a day or month without its year takes the document's
    anchor, or where there is none the year of the last day the text gave whole (a narrative's
    reference time, as HeidelTime reads narratives), else the year the report's tasks are for
    (`planned`). Relative expressions ("next quarter") need the document's anchor.
    """
    if c.kind == "same_day":
        return told or anchor
    if anchor is None and c.kind in ("day", "month") and c.rel is None:
        return told or planned
    return anchor


def read_deadline(c: Candidate, text: str, sentence: Sentence, r: DateRules,
                  anchor: DateAnchor | None, told: DateAnchor | None, planned: PlanYear | None = None) -> Deadline | None:
    """Resolve one candidate and read its role; None when neither the text nor an anchor gives its date."""
    basis_anchor = None if c.explicit else anchor_for(c, anchor, told, planned)
    if c.explicit:
        due = due_date(c, c.year)
    elif basis_anchor is None:
        return None
    elif c.kind == "weekday":
        base = date.fromisoformat(basis_anchor.date)
        ahead = c.rel == 1 or c.rel in (None, 0) and looks_ahead(c, sentence, text, r)
        due = (weekday_after(base, c.part or 0) if ahead else weekday_on_or_before(base, c.part or 0)).isoformat()
    else:
        due = resolve(c, date.fromisoformat(basis_anchor.date))
    if due is None:
        return None
    if basis_anchor is not None and c.kind in ("day", "month") and c.rel is None and due > basis_anchor.date \
            and tells_past(c, sentence, text, r):
        due = due_date(c, int(due[:4]) - 1) or due  # "arrested in early August" in a March report: last year's August
    past_due = anchor is not None and due < anchor.date
    role = read_role(c, sentence, text, r, past_due)
    if c.kind in TOLD_KINDS and role in ("deadline", "as_of") and not due_cue(c, sentence, text, r) \
            and not cue_before(c, sentence, text, r.as_of):
        role = "event"  # "on Friday", "four years ago": when something happened or is to happen, no due date
    if basis_anchor is not None and role == "deadline" and c.kind in ("day", "month") and c.rel is None \
            and date.fromisoformat(due) < date.fromisoformat(basis_anchor.date) - NEXT_YEAR_AFTER:
        due = due_date(c, int(due[:4]) + 1) or due  # a due date looks ahead: "by January 31" in December
    return Deadline(due=due, granularity=GRANULARITY[c.kind], role=role, text=text[c.start:c.end],
                    start=c.start, end=c.end, sentence=sentence.index,
                    basis="explicit" if basis_anchor is None else "resolved",
                    anchor=None if basis_anchor is None else basis_anchor.describe())
