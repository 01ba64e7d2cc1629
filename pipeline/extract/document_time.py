"""Document time: when a report was written (`published`) and the date of the meeting it reports.

`published`, the first of these that gives a plausible date:
1. the user's date (`docket ingest --published`);
2. the report's own dateline or publication line ("Hà Nội, ngày 12/3/2025", "(VNA) March 12 -",
   "14:05, 3 марта 2025 г.", "Báo Sài Gòn Giải phóng•02/07/2025"), found here;
3. a publication line that gives only a month ("April 2023", "2023-04", "04/2023"): `published` is
   then the ISO month ("2023-04"), and a file's day inside that month refines it;
4. the file's metadata (a page's publication date, a PDF's CreationDate), read at ingest.
The report's own line wins over the file's because a PDF is often made, and a page re-dated, long
after the report was written. A site's current-date banner is not a publication line: it is the
date line followed by the site's navigation, not by the article.

The meeting date (`event_date`) is a day-date in the opening sentences that the text marks as the
day it narrates (a meeting word, a day part: "On the afternoon of May 10", "Chiều 26/4"), else
the date of a document the report says was just signed, else a start the report is about ("from
July 1, 2025, the department officially began"). A year the text leaves out comes, in this order,
from `published`, from the period the meeting's sentence reviews ("achievements of 2025 and tasks
for 2026" in January: 2026), from the dated documents the report follows from (a meeting on
13 January that cites a decision of 10 January 2025 is in 2025), or from the period that the
body's sentences about the meeting name ("In 2025, there are 136 tasks ... right after this
conference"), and only then from a file's date. Without any of them it stays null. The end of a
range ("from June 15 to July 2") is never the meeting's day, nor a day a figure is counted at ("As of
August 17, ..."). A meeting the report names only as yesterday, today or a weekday ("Вчера прошло
совещание", "On Tuesday, the committee held") is counted back from a `published` day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..records import DateAnchor, Document, Sentence
from . import deadlines
from .deadlines import Candidate, DateRules, cue_before, due_cue, due_date, in_sentence, plain_letters, read_role
from .resources import FLAGS, Lexicon, alternation, cue_regex, raw
from .sentences import SentenceLookup

# numeric dates read the same in every language (day first, as all four write them), and ISO dates
NUMERIC_DATES = (
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
)
# a publication line that gives only a month, in every language: "2023-04", "04/2023", "04.2023"
NUMERIC_MONTHS = (
    re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})(?![\d/.-])"),
    re.compile(r"(?<![\d/.-])(?P<month>\d{1,2})[/.](?P<year>(?:19|20)\d\d)(?![\d/.-])"),
)
NAVIGATION = re.compile(r"^\s*[•·▪►|*]|@|\b(?:hotline|e-?mail|tel|fax)\b", re.I)
SEPARATOR_END = re.compile(r"[,•·|:–—-]$")
# datelines and publication lines sit above the body or just after its lead; further down, a line
# that is only a date is a table's cell or a signature's date
OPENING_CHARS = 2000
SOURCE_WORDS = 6  # a publication line may start with the source's name: "Báo Sài Gòn Giải phóng•02/07/2025"
EARLIEST = date(1990, 1, 1)
EVENT_WINDOW_SENTENCES = 6


@dataclass(frozen=True)
class Dated:
    """A date with where it came from; `issued` when it is the dateline of the document itself.

    A publication line may give only a month: the date is then an ISO month ("2023-04"), and `day`
    is its last day, the latest the report can have been written.
    """

    date: str
    source: str  # dateline, text, html-metadata, pdf-metadata, user
    issued: bool = False

    @property
    def day(self) -> date:
        """Return the day written, or the last day of the month written."""
        if len(self.date) == 7:
            return deadlines.last_day(int(self.date[:4]), int(self.date[5:]))
        return date.fromisoformat(self.date)

    @property
    def month_only(self) -> bool:
        """Say whether only the month is known."""
        return len(self.date) == 7


@dataclass(frozen=True)
class DayMark:
    """A dateline's day, with a year where the line gives one."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    source: str
    issued: bool = False


@dataclass(frozen=True)
class EventDate:
    """The meeting's date and where its year came from."""

    date: str
    anchor: str  # explicit, "published 2025-07-02 (dateline)", "review period 2026", "after reference 2025-01-10", ...


@dataclass(frozen=True)
class TimeRules:
    """One language's dateline and meeting-date words, compiled."""

    months: Lexicon
    line_dates: tuple[re.Pattern[str], ...]
    chrome: re.Pattern[str]  # fullmatch: the text is only chrome
    chrome_tail: re.Pattern[str]  # the chrome at the end of a text
    opening: tuple[re.Pattern[str], ...]
    issued: tuple[re.Pattern[str], ...]
    titles: re.Pattern[str]
    day_part: re.Pattern[str]
    meeting_dates: tuple[re.Pattern[str], ...]
    meeting: re.Pattern[str]
    signed: re.Pattern[str]
    launch: re.Pattern[str]
    month_lines: tuple[re.Pattern[str], ...]  # a line's month and year, with no day
    relative_days: Lexicon  # "yesterday" -1, "today" 0
    weekdays: Lexicon  # "monday" 0 ... "sunday" 6
    named_day: re.Pattern[str]  # either of them, as whole words
    ahead: re.Pattern[str]  # words that put a meeting ahead of the report: "will", "sẽ"


@lru_cache(maxsize=None)
def rules(lang: str) -> TimeRules:
    """Compile the dateline and meeting-date rules of a language."""
    data = raw(lang)
    spec, meeting = data["dateline"], data["meeting"]
    months = Lexicon.build({str(i + 1): names for i, names in enumerate(data["dates"]["months"])})

    def compile_all(patterns: list[str], flags: int = FLAGS) -> tuple[re.Pattern[str], ...]:
        # month names in any case, also where the rest of a pattern is case-sensitive (a capitalised place)
        return tuple(re.compile(p.replace("{MONTH}", f"(?i:{months.pattern()})"), flags) for p in patterns)

    d = deadlines.rules(lang)
    relative_days = Lexicon.from_values(meeting.get("relative_days", {}))
    weekdays = Lexicon.build({str(i): names for i, names in enumerate(meeting.get("weekdays", []))})
    named = [p for p in (relative_days.pattern(), weekdays.pattern()) if p]
    return TimeRules(
        months=months,
        line_dates=compile_all(spec["dates"]) + NUMERIC_DATES,
        chrome=d.chrome,
        chrome_tail=d.chrome_tail,
        opening=compile_all(spec["opening"], re.MULTILINE | re.UNICODE),
        issued=compile_all(spec["issued"], re.MULTILINE | re.UNICODE),
        titles=re.compile(rf"^\s*(?:{alternation(spec['titles'])})\b", re.UNICODE),
        day_part=cue_regex(meeting["day_part"], anchor="end"),
        meeting_dates=compile_all(meeting["dates"]),
        meeting=re.compile(alternation(meeting["cues"]), FLAGS),
        signed=re.compile(alternation(meeting["signed"]), FLAGS),
        launch=re.compile(alternation(meeting["launch"]), FLAGS),
        month_lines=compile_all(spec.get("months", [])) + NUMERIC_MONTHS,
        relative_days=relative_days,
        weekdays=weekdays,
        named_day=re.compile(rf"(?<!\w)(?:{'|'.join(named)})(?!\w)", FLAGS) if named else deadlines.NEVER,
        ahead=re.compile(alternation(meeting["ahead"]), FLAGS) if meeting.get("ahead") else deadlines.NEVER,
    )


def plausible(year: int, month: int, day: int, today: date | None = None) -> str | None:
    """Return the ISO date when it is a real day between 1990 and today, else None."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if EARLIEST <= value <= (today or date.today()) else None


def month_number(text: str, months: Lexicon) -> int:
    """Return a month given as a number or a name, or 0 when it is neither."""
    return int(text) if text.isdigit() else int(months.resolve(text.lower()) or 0)


def day_mark(m: re.Match[str], offset: int, r: TimeRules, source: str, issued: bool = False) -> DayMark | None:
    """Turn a dateline match into a DayMark, or None when its parts are not a day."""
    month, day = month_number(m["month"], r.months), int(m["day"])
    year = int(m["year"]) if m.groupdict().get("year") else None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DayMark(offset + m.start(), offset + m.end(), year, month, day, source, issued)


# ---------------------------------------------------------------- published: datelines and publication lines


def publication_line(line: str, r: TimeRules) -> re.Match[str] | None:
    """Return the date of a line that holds only a date and its chrome (weekday, time, zone, the source's name)."""
    if len(line) > 100:
        return None
    for pattern in r.line_dates:
        m = pattern.search(line)
        if m is None:
            continue
        if not r.chrome.fullmatch(line[m.end():]):
            return None
        prefix = line[:m.start()]
        if r.chrome.fullmatch(prefix):
            return m
        # what is left before the date is the source's name, glued to it or set off by a separator:
        # "The meeting took place on 12/3/2025" is a sentence, not a publication line
        name = r.chrome_tail.sub("", prefix, count=1)
        set_off = not prefix[-1].isspace() or SEPARATOR_END.search(name) is not None
        if set_off and len(name.split()) <= SOURCE_WORDS and not re.search(r"\d", name):
            return m
        return None
    return None


def is_banner(lines: list[str], index: int) -> bool:
    """Say whether a date line is the site's current-date banner: the site's navigation follows it, not the article."""
    following = [line for line in lines[index + 1:] if line.strip()][:2]
    return len(following) == 2 and all(NAVIGATION.search(line) or len(line.split()) <= 3 for line in following)


def line_marks(text: str, r: TimeRules) -> list[DayMark]:
    """Return the days of the publication lines near the top of the text, banners left out."""
    head = plain_letters(text[:OPENING_CHARS])
    lines = head.split("\n")
    marks, offset, body_started = [], 0, False
    for i, line in enumerate(lines):
        m = publication_line(line.strip(), r)
        if m is not None and not is_banner(lines, i):
            mark = day_mark(m, offset + line.find(line.strip()), r, "text" if body_started else "dateline")
            if mark is not None:
                marks.append(mark)
        body_started = body_started or len(line.split()) >= 12
        offset += len(line) + 1
    return marks


def dateline_marks(text: str, r: TimeRules) -> list[DayMark]:
    """Return the days of news datelines and of an issued document's dateline near the top of the text."""
    head = plain_letters(text[:OPENING_CHARS])
    marks = []
    for pattern in r.opening:
        marks += [mark for m in pattern.finditer(head) if (mark := day_mark(m, 0, r, "dateline"))]
    for pattern in r.issued:
        for m in pattern.finditer(head):
            after = [line for line in head[m.end():].split("\n") if line.strip()][:3]
            mark = day_mark(m, 0, r, "dateline", issued=any(r.titles.match(line) for line in after))
            if mark is not None:
                marks.append(mark)
    return marks


def find_dateline(text: str, lang: str) -> DayMark | None:
    """Return the report's own dateline or publication line: the first near the top with a plausible day."""
    r = rules(lang)
    for mark in sorted(line_marks(text, r) + dateline_marks(text, r), key=lambda k: k.start):
        if mark.year is None or plausible(mark.year, mark.month, mark.day):
            return mark
    return None


def year_on_or_before(month: int, day: int, near: str) -> int | None:
    """Return the latest year that puts a day and month on or before an ISO date."""
    ref = date.fromisoformat(near)
    for year in (ref.year, ref.year - 1, ref.year - 2):
        try:
            if date(year, month, day) <= ref:
                return year
        except ValueError:
            continue
    return None


AHEAD_DAYS = 31  # a report may announce what starts soon after it is written ("from July 1", written on June 25)


def event_year(month: int, day: int, published: Dated) -> int | None:
    """Return the year of a day the report narrates: on or before its writing, or at most a month after it."""
    return year_on_or_before(month, day, (published.day + timedelta(days=AHEAD_DAYS)).isoformat())


def choose_published(document: Document, mark: DayMark | None, month: Dated | None = None) -> Dated | None:
    """Return when the document was written: the user's date, else its own dateline, else its file's metadata.

    A publication line that gives only a month ("April 2023") comes after a dateline with a day; a
    file's date within that month gives it its day, one outside it (a page re-dated later) does not.
    """
    if document.published and document.published_source == "user":
        return Dated(document.published, "user")
    if mark is not None and mark.year is not None:
        return Dated(date(mark.year, mark.month, mark.day).isoformat(), mark.source, mark.issued)
    if mark is not None and document.published:
        # a dateline without a year ("(VNA) March 12 -") keeps its day and takes the year from the file,
        # which was made or re-dated on that day or after it
        year = year_on_or_before(mark.month, mark.day, document.published)
        if year is not None:
            return Dated(date(year, mark.month, mark.day).isoformat(), mark.source)
    if month is not None and not (document.published and document.published.startswith(month.date)):
        return month
    if document.published:
        return Dated(document.published, document.published_source or "metadata")
    return None


def find_month_line(text: str, r: TimeRules) -> Dated | None:
    """Return the month of a publication line near the top that gives a month and a year but no day."""
    head = plain_letters(text[:OPENING_CHARS])
    lines = head.split("\n")
    body_started = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) <= 100 and not is_banner(lines, i):
            for pattern in r.month_lines:
                m = pattern.search(stripped)
                if m is None or not (r.chrome.fullmatch(stripped[:m.start()]) and r.chrome.fullmatch(stripped[m.end():])):
                    continue
                month, year = month_number(m["month"], r.months), int(m["year"])
                if 1 <= month <= 12 and plausible(year, month, 1):
                    return Dated(f"{year}-{month:02}", "text" if body_started else "dateline")
        body_started = body_started or len(line.split()) >= 12
    return None


def find_published(document: Document, lang: str) -> Dated | None:
    """Return when a document was written, and from what."""
    r = rules(lang)
    return choose_published(document, find_dateline(document.text, lang), find_month_line(document.text, r))


# ---------------------------------------------------------------- the meeting date


def meeting_candidates(text: str, r: TimeRules, known: list[Candidate]) -> list[Candidate]:
    """Return the language's meeting-only day forms ("Chiều 26/4") that the date patterns did not find."""
    found = []
    for pattern in r.meeting_dates:
        for m in pattern.finditer(plain_letters(text)):
            if any(not (m.end() <= k.start or m.start() >= k.end) for k in known):
                continue
            year = int(m["year"]) if m["year"] else None
            found.append(Candidate("day", m.start(), m.end(), year, int(m["month"]), int(m["day"]), None))
    return found


def narrated_day(c: Candidate, sentence: Sentence, text: str, r: TimeRules, d: DateRules) -> bool:
    """Say whether the text marks a day as the one it narrates: a day part before it, or a meeting in its sentence."""
    if r.day_part.search(text[max(sentence.start, c.start - 40):c.start]):
        return True
    if due_cue(c, sentence, text, d) or cue_before(c, sentence, text, d.as_of):
        return False  # "complete ... before November 18, 2025" is a due date, "As of August 17, ..." a figure's date
    role = read_role(c, sentence, text, d)
    if role == "reference" or role == "start" and (c.span != "start" or cue_before(c, sentence, text, d.start)):
        return False  # a document's date; a start "from July 1" (but a meeting "on April 11-13" starts on its day)
    # a report that opens with a day and a comma ("On December 5, 2024, the committee ...") dates its event,
    # unless a word that ends a span stands before it ("Đến ngày 17/8, toàn tỉnh có ...": up to that day)
    opens = sentence.index < 2 and c.start - sentence.start <= 25 and re.match(r"\s*,", text[c.end:c.end + 3]) is not None \
        and not d.range_join.fullmatch(text[sentence.start:c.lead or c.start])
    return opens or r.meeting.search(sentence.text) is not None


def event_day(text: str, sentences: list[Sentence], candidates: list[Candidate], r: TimeRules, d: DateRules,
              marked: frozenset[int]) -> tuple[Candidate, Sentence] | None:
    """Return the day the report is about and its sentence: a narrated day, a signed document's, a start."""
    opening = SentenceLookup(sentences[:EVENT_WINDOW_SENTENCES]) if sentences else None
    days = []
    for c in candidates:
        if c.kind != "day" or opening is None or c.span == "end":
            continue  # the end of a range ("from June 15 to July 2") closes a period, it is not the day narrated
        sentence = opening.at(c.start)
        if sentence.start <= c.start < sentence.end:
            days.append((c, sentence))
    for c, s in days:
        if c.start in marked or narrated_day(c, s, text, r, d):
            return c, s
    for c, s in days:  # "has just signed Directive No. 24 dated September 13, 2025"
        if s.index < 2 and in_sentence(r.signed, s.text) and read_role(c, s, text, d) == "reference":
            return c, s
    for c, s in days:  # "from July 1, 2025, the department officially began ..."
        if read_role(c, s, text, d) == "start" and in_sentence(r.launch, s.text) and not opens_range(c, candidates, text):
            return c, s
    return None


def opens_range(c: Candidate, candidates: list[Candidate], text: str) -> bool:
    """Say whether a start date opens a period ("from July 1 to August 19"): a plan's span, not a launch."""
    nxt = next((k for k in candidates if k.start >= c.end), None)
    return nxt is not None and nxt.start - c.end <= 12 and not re.search(r"[.;,]", text[c.end:nxt.start])


def period_years(c: Candidate, span: tuple[int, int], candidates: list[Candidate]) -> set[int]:
    """Return the years of the periods named in a span of text; a day-date there is another document's date."""
    return {k.year for k in candidates if k is not c and k.kind != "day" and k.year and span[0] <= k.start < span[1]}


def review_year(c: Candidate, sentence: Sentence, opening: list[Sentence], candidates: list[Candidate]) -> int | None:
    """Return the year of the period the meeting reviews or plans ("tasks for 2026"), if the report names one.

    The meeting's own sentence is read first, then the opening sentences. Two consecutive years
    ("achievements of 2025 and tasks for 2026") put a meeting of the first half in the later one.
    """
    years = period_years(c, (sentence.start, sentence.end), candidates)
    if not years and opening:
        years = period_years(c, (opening[0].start, opening[-1].end), candidates)
    return one_year(c, years)


def one_year(c: Candidate, years: set[int]) -> int | None:
    """Return the year a meeting belongs to among the periods it reviews or plans: one, or the later of two in its first half."""
    if len(years) == 1:
        return years.pop()
    if len(years) == 2 and max(years) - min(years) == 1:
        return max(years) if (c.month or 12) <= 6 else min(years)
    return None


def body_period_year(c: Candidate, text: str, sentences: list[Sentence], candidates: list[Candidate],
                     r: TimeRules, d: DateRules) -> int | None:
    """Return the year of the period that the report's sentences about the meeting itself name, anywhere in the body.

    "In 2025, there are 136 tasks ... right after this conference": the report plans its own year
    further down. Periods that name another document ("Project ... 2022-2025") are left out.
    """
    lookup = SentenceLookup(sentences) if sentences else None
    years = set()
    for k in candidates:
        if k is c or k.kind == "day" or not k.year or lookup is None:
            continue
        s = lookup.at(k.start)
        if r.meeting.search(s.text) and read_role(k, s, text, d) in ("deadline", "as_of"):
            years.add(k.year)
    return one_year(c, years)


def latest_reference(text: str, sentences: list[Sentence], candidates: list[Candidate], d: DateRules) -> date | None:
    """Return the latest date of a document the report refers to ("Decision No. 229 of 10 January 2025")."""
    lookup = SentenceLookup(sentences) if sentences else None
    found = []
    for c in candidates:
        if c.kind == "day" and c.year and lookup is not None and read_role(c, lookup.at(c.start), text, d) == "reference":
            try:
                found.append(date(c.year, c.month, c.day))
            except (ValueError, TypeError):
                continue
    return max(found, default=None)


FILE_LEVEL = ("html-metadata", "pdf-metadata")


def resolve_event(c: Candidate, sentence: Sentence, text: str, sentences: list[Sentence], candidates: list[Candidate],
                  published: Dated | None, r: TimeRules, d: DateRules) -> EventDate | None:
    """Give the meeting day its year: the text's, else published's, the reviewed period's, after the documents it cites, the body's period.

    The report's own words come before its file's date: a published date from a dateline or the
    user is taken first, one from a page's or PDF's metadata (made or re-dated later) last.
    """
    if c.year:
        return dated(c, c.year, "explicit")
    own = published if published is not None and published.source not in FILE_LEVEL else None
    if own is not None:
        return dated(c, event_year(c.month, c.day, own), f"published {own.date} ({own.source})")
    year = review_year(c, sentence, sentences[:EVENT_WINDOW_SENTENCES], candidates)
    if year is not None:
        return dated(c, year, f"review period {year}")
    bound = latest_reference(text, sentences, candidates, d)
    if bound is not None:
        year = bound.year if (c.month, c.day) >= (bound.month, bound.day) else bound.year + 1
        return dated(c, year, f"after reference {bound.isoformat()}")
    year = body_period_year(c, text, sentences, candidates, r, d)
    if year is not None:
        return dated(c, year, f"report period {year}")
    if published is not None:
        return dated(c, event_year(c.month, c.day, published), f"published {published.date} ({published.source})")
    return None


def dated(c: Candidate, year: int | None, anchor: str) -> EventDate | None:
    """Return the candidate's day in a year, with where the year came from, or None when it is no real day."""
    due = due_date(c, year) if year else None
    return EventDate(due, anchor) if due else None


def find_event_date(text: str, sentences: list[Sentence], candidates: list[Candidate], published: Dated | None,
                    lang: str) -> EventDate | None:
    """Return the date of the meeting or decision the report is about, with where its year came from."""
    if published is not None and published.issued:
        # the report is the issued document itself: its dateline is the decision's date
        return EventDate(published.date, f"dateline of the document {published.date}")
    r, d = rules(lang), deadlines.rules(lang)
    # the dateline's day is when the report was written, not what it reports
    datelines = line_marks(text, r) + dateline_marks(text, r)
    days = [k for k in candidates + meeting_candidates(text, r, candidates)
            if not any(m.start <= k.start < m.end for m in datelines)]
    marked = frozenset(k.start for k in days if k not in candidates)
    found = event_day(text, sentences, sorted(days, key=lambda k: k.start), r, d, marked)
    if found is None:
        return named_day_event(sentences[:EVENT_WINDOW_SENTENCES], r, published)
    return resolve_event(found[0], found[1], text, sentences, candidates, published, r, d)


def named_day_event(opening: list[Sentence], r: TimeRules, published: Dated | None) -> EventDate | None:
    """Return the meeting's day where the report names it only as yesterday, today or a weekday, from when it was written.

    "Yesterday, the committee held a conference", "Во вторник губернатор провёл совещание": the first
    such word in an opening sentence about a meeting that no word puts ahead ("will hold") is
    counted back from `published` (a weekday: the latest one on or before it). A month without a
    day gives no basis.
    """
    if published is None or published.month_only:
        return None
    for sentence in opening:
        m = r.named_day.search(sentence.text)
        if m is None or not r.meeting.search(sentence.text) or r.ahead.search(sentence.text):
            continue
        word = m.group().lower()
        written = published.day
        shift = r.relative_days.resolve(word)
        if shift is not None:
            day = written + timedelta(days=int(shift))
        else:
            day = deadlines.weekday_on_or_before(written, int(r.weekdays.resolve(word) or 0))
        return EventDate(day.isoformat(), f"{m.group()} of published {published.date} ({published.source})")
    return None


def date_anchor(event: EventDate | None, published: Dated | None) -> DateAnchor | None:
    """Return what yearless and relative dates are resolved against: the meeting date, else published.

    Without either there is no anchor: a yearless day then takes the year of the last day the text
    gave whole before it (see deadlines.anchor_for), and a relative date is left out.
    """
    if event is not None:
        return DateAnchor(event.date, "event_date")
    if published is not None and published.month_only:
        return DateAnchor(published.day.isoformat(), f"published in {published.date} ({published.source})")
    if published is not None:
        return DateAnchor(published.date, f"published ({published.source})")
    return None
