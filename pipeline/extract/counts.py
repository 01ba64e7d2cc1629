"""Counts: a number, the noun it counts, and what the sentence says of them.

The cascade for one sentence:
1. find numbers (digits in the language's format, signed, or number words that make one number:
   "twenty-one", "einundzwanzig", "двадцать один", "hai mươi mốt"), skipping dates, identifiers and
   numbers that end a name ("Song Bung 4", "Phường 5");
2. read a scale ("1,5 Millionen", "71 billion 355 million"), a range ("15 to 20 per cent"), a fraction
   ("6/38", "6 von 38"; "31/7" after "ngày" is a day) and a percent sign;
3. an amount of money counts its currency ("2,5 Milliarden Euro" is 2.5e9 EUR, "$3 billion" 3e9 USD);
4. otherwise read the counted noun phrase after the number up to where it ends (a function word, a
   punctuation mark), find its head by the language's rule (the first plural noun in English, the first
   capitalised word in German, the first word past the adjectives in Russian, the first syllables in
   Vietnamese), and name the unit: the canonical name of a [units] entry that covers the head, the
   glossary of each language ("Modelle", "моделей", "mô hình" and "models" are all "model"; "Distrikten"
   and "округах" are "district"), else the head's own singular by the language's ending rules;
5. give unit-less numbers the unit of the count before them where the sentence breaks a count
   down ("23/25 tasks, of which 14 ... and 2 in progress"; "(Department of Justice: 38; ...)");
6. read status from the clause and the qualifier from the words just before the number.

Every look-around is bounded (LOOK_BACK, REACH), so a sentence of n numbers costs O(n).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from ..records import Count, Sentence
from .identifiers import SpanIndex
from .numbers import NumberSyntax, syntax
from .resources import FLAGS, NEVER, NEVER_PATTERN, Lexicon, alternation, cue_regex, raw, words_pattern

PHRASE_WORD = re.compile(r"\s*[\"'„“«]?\s*([^\W\d_][\w'’\-]*)", re.UNICODE)
ASIDE = re.compile(r"\s*\([^()\s]{1,12}\)")  # "level-2 electronic identification (e-ID) accounts"
CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s|\.\s")
CURRENCY = "$€£¥₫₽₹"
YEAR = re.compile(r"(?:19|20)\d\d")
QUOTE_OPEN = re.compile(r"[\"'„“«‘]\s*$")
QUOTE_CLOSE = re.compile(r"\s*[\"'“”»’‘]")
SCALED_PART = re.compile(r"\s+(\d{1,3})(?=\s*[^\W\d_])")  # "355" in "71 billion 355 million"
LOOK_BACK = 60  # cues before a number (identifier words, qualifiers, months, "of which") stand this close
REACH = 300  # a clause is read at most this far either side of a count: a status cue farther off is not its own


@dataclass(frozen=True)
class PhraseRules:
    """How one language's counted noun phrase ends and which of its words is the head."""

    head: str  # "plural" (en), "capitalised" (de), "first" (ru), "syllables" (vi)
    words: int
    ends: frozenset[str]
    joins: frozenset[str]
    classifiers: frozenset[str]
    modifier: re.Pattern[str]
    verb: re.Pattern[str]
    not_plural: re.Pattern[str]
    irregular: dict[str, str]
    singular: tuple[tuple[re.Pattern[str], str], ...]
    singular_few: tuple[tuple[re.Pattern[str], str], ...]  # after 2, 3, 4 (ru: "3 объекта", "2 школы": genitive singular)
    lone: frozenset[str]  # a phrase of only this word names no thing: "CMND 9 số" is a 9-digit card


@dataclass(frozen=True)
class CountRules:
    """One language's count rules, compiled."""

    numbers: NumberSyntax
    units: tuple[tuple[str, re.Pattern[str]], ...]
    any_unit: re.Pattern[str]
    phrase: PhraseRules
    percent: re.Pattern[str]
    fraction: re.Pattern[str]
    range_to: re.Pattern[str]
    range_and: re.Pattern[str]
    range_open: re.Pattern[str]
    of_before: re.Pattern[str]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    status: tuple[tuple[str, re.Pattern[str]], ...]
    identifier_before: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    rank_of: re.Pattern[str]
    month_before: re.Pattern[str]
    month: re.Pattern[str]
    breakdown_before: re.Pattern[str]
    number_of: re.Pattern[str]
    share_of: re.Pattern[str]  # "number of X" or "rate of X": the X a fraction after the rate's percent counts
    number_verb: re.Pattern[str]
    list_join: re.Pattern[str]
    stop: re.Pattern[str]
    date_before: re.Pattern[str]  # "ngày 31/7", "trước 15/8": a day and a month, no fraction
    capitalised_name: bool  # "Song Bung 4", "Зуйтьен 1" are names; "в Тханьхоа 27 районов", "Huế 8 xã" still count
    currencies: Lexicon
    currency_after: re.Pattern[str]  # "2,5 Milliarden Euro", "500 tỷ đồng"
    currency_before: re.Pattern[str]  # "$3 billion", "US$44.45 million", "VND1 trillion"


def optional_pattern(spec: dict, key: str) -> re.Pattern[str]:
    """Compile spec[key], or a pattern that never matches where a language has none."""
    return re.compile(spec[key], FLAGS) if spec.get(key) else NEVER


def compile_phrase(data: dict) -> PhraseRules:
    """Compile a language's [noun_phrase] section."""
    spec = data["noun_phrase"]
    return PhraseRules(
        head=spec["head"],
        words=int(spec["words"]),
        ends=frozenset(w.lower() for w in spec["ends"]),
        joins=frozenset(w.lower() for w in spec.get("joins", [])),
        classifiers=frozenset(w.lower() for w in spec.get("classifiers", [])),
        modifier=optional_pattern(spec, "modifier"),
        verb=optional_pattern(spec, "verb"),
        not_plural=optional_pattern(spec, "not_plural"),
        irregular=dict(spec.get("irregular", {})),
        singular=tuple((re.compile(p, FLAGS), repl) for p, repl in spec.get("singular", [])),
        singular_few=tuple((re.compile(p, FLAGS), repl) for p, repl in spec.get("singular_few", [])),
        lone=frozenset(w.lower() for w in spec.get("lone", [])),
    )


def compile_range(spec: dict, second: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compile the range forms: "5-6" and "15 to 20" anywhere, "between 5 and 6" after its opening word."""
    to = alternation(spec.get("range_to", [])) or NEVER.pattern
    and_ = alternation(spec.get("range_and", [])) or NEVER.pattern
    opening = alternation(spec.get("range_open", [])) or NEVER.pattern
    return (re.compile(rf"(?:\s*[-–—]\s*|\s+(?:{to})\s+)({second})", FLAGS),
            re.compile(rf"\s+(?:{and_})\s+({second})", FLAGS),
            re.compile(rf"(?<!\w)(?:{opening})\s+$", FLAGS))


def compile_money(spec: dict) -> dict:
    """Compile the currencies a language writes after an amount ("Euro", "рублей") and before it ("$", "VND")."""
    after = spec.get("currency", {})
    before = spec.get("currency_before", {})
    lexicon = Lexicon.build({code: after.get(code, []) + before.get(code, []) for code in {**after, **before}})
    words_after = [p for pats in after.values() for p in pats]
    signs = [p for pats in before.values() for p in pats]
    return {
        "currencies": lexicon,
        "currency_after": re.compile(rf"\s*({alternation(words_after)})(?!\w)", FLAGS) if words_after else NEVER,
        "currency_before": re.compile(rf"(?<![^\W\d_])({alternation(signs)})\s?$", FLAGS) if signs else NEVER,
    }


def read_money(text: str, back: int, start: int, end: int, r: CountRules) -> tuple[str, int, int] | None:
    """Return the currency code of an amount and where the amount starts and ends: "$3 billion", "2,5 Milliarden Euro"."""
    after = r.currency_after.match(text, end)
    if after:
        return r.currencies.resolve(after.group(1)) or after.group(1), start, after.end()
    before = r.currency_before.search(text, back, start)
    if before:
        return r.currencies.resolve(before.group(1)) or before.group(1), before.start(1), end
    return None


@lru_cache(maxsize=None)
def rules(lang: str) -> CountRules:
    """Compile the count rules of a language."""
    data = raw(lang)
    spec = data["numbers"]
    syn = syntax(lang)
    # a unit ends its word: "commune-level databases" counts databases, not communes
    units = tuple((unit, re.compile(rf"(?:{alternation(pats)})(?![\w-])", FLAGS)) for unit, pats in data["units"].items())
    stop = re.compile(rf"(?:{alternation(spec['stop'])})(?!\w)", FLAGS) if spec.get("stop") else NEVER
    percent = re.compile(r"\s*(?:" + alternation([re.escape(p) if p == "%" else p for p in spec["percent"]]) + r")(?!\w)", FLAGS)
    second = rf"{syn.digits}|{syn.word_number}"
    fraction = re.compile(rf"\s*(?:/|\s(?:{alternation(spec['of'])})\s)\s*({second})", FLAGS)
    ident = data["identifiers"]["before"]
    marker = r"(?:[#№]|no\.|nr\.|số)"
    # short month names the date reader need not know ("2 дек."): a day, no count
    months = [m for forms in data["dates"]["months"] for m in forms] + data["noun_phrase"].get("month_short", [])
    month_stop = bool(data["noun_phrase"].get("month_stop"))
    range_to, range_and, range_open = compile_range(spec, second)
    return CountRules(
        numbers=syn,
        units=units,
        any_unit=re.compile("|".join(regex.pattern for _, regex in units), FLAGS),
        phrase=compile_phrase(data),
        percent=percent,
        fraction=fraction,
        range_to=range_to,
        range_and=range_and,
        range_open=range_open,
        of_before=re.compile(rf"(?:^|\s)(?:{alternation(spec['of'])})\s*$", FLAGS),
        qualifiers=tuple((name, cue_regex(pats, anchor="end")) for name, pats in data["qualifiers"].items()),
        status=tuple((name, re.compile(alternation(pats), FLAGS)) for name, pats in data["status"].items()),
        identifier_before=re.compile(
            rf"(?:(?:^|[^\w])(?:{alternation(ident)})\s*{marker}?|(?:^|[^\w]){marker})\s*[\"'„“«]?$", FLAGS),
        ordinal_after=re.compile(spec.get("ordinal_suffix", NEVER.pattern), FLAGS),
        # the "of 63" after a rank or a name ("56th of 63", "Platz 56 von 63", "thứ 12 trên 63") is no count either
        rank_of=re.compile(rf"(?:\d(?:{spec.get('ordinal_suffix', NEVER.pattern)})|(?:^|[^\w])(?:{alternation(ident)})\s*{marker}?"
                           rf"\s*\d+(?:[.,]\d+)*(?:{spec.get('ordinal_suffix', NEVER.pattern)})?)\s*(?:/|\s(?:{alternation(spec['of'])})\s)\s*$", FLAGS),
        # "Dec. 2 that the province": a day of a month, not a count
        month_before=re.compile(rf"(?<!\w)(?:{alternation(months)})\.?\s+$", FLAGS) if month_stop else NEVER,
        month=re.compile(rf"(?:{alternation(months)})(?!\w)", FLAGS) if month_stop else NEVER,
        # one word may stand between: "davon haben 148.000", "trong đó có 148.000", "of whom about 148,000"
        breakdown_before=re.compile(rf"(?:{words_pattern(spec.get('breakdown', ['of which']))})(?:[\s,]+[^\W\d_]+)?[\s,]*$", FLAGS),
        number_of=re.compile(words_pattern(spec["number_of"]), FLAGS) if spec.get("number_of") else NEVER,
        share_of=re.compile(words_pattern(spec.get("share_of", []) + spec.get("number_of", [])), FLAGS)
        if spec.get("share_of") or spec.get("number_of") else NEVER,
        # the verb, then at most two words ("about", "более", "gần") right before the number
        number_verb=re.compile(rf"{words_pattern(spec['number_verbs'])}(?:\s+[^\W\d_]+){{0,2}}\s*$", FLAGS)
        if spec.get("number_verbs") else NEVER,
        list_join=re.compile(rf"\s+(?:{alternation(data['noun_phrase'].get('joins') or [NEVER_PATTERN])})\s+", FLAGS),
        stop=stop,
        capitalised_name=bool(data["identifiers"].get("capitalised_name")),
        date_before=re.compile(rf"{words_pattern(spec['date_before'])}\s*$", FLAGS) if spec.get("date_before") else NEVER,
        **compile_money(spec),
    )


def phrase_words(text: str, pos: int, p: PhraseRules) -> list[re.Match[str]]:
    """Return the words of the noun phrase that starts at pos, up to the word or mark that ends it."""
    words: list[re.Match[str]] = []
    while len(words) < p.words:
        aside = ASIDE.match(text, pos) if words else None
        word = PHRASE_WORD.match(text, aside.end() if aside else pos)
        if word and words and word.group(1).lower() in p.joins and is_modifier(words[-1].group(1), p):
            word = PHRASE_WORD.match(text, word.end(1))  # "two important and fundamental laws"
        if not word or word.group(1).lower() in p.ends:
            break
        words.append(word)
        pos = word.end(1)
    return words


def is_modifier(word: str, p: PhraseRules) -> bool:
    """Whether a word can only modify a head that follows it (so "and" after it joins two modifiers)."""
    if p.head == "plural":
        return not is_plural(word, p)
    if p.head == "capitalised":
        return word[:1].islower()
    return p.head == "first" and bool(p.modifier.search(word.lower()))


def is_plural(word: str, p: PhraseRules) -> bool:
    """Whether an English-like word is a plural noun: irregular, or in -s but not -ss, -us, -ous, ..."""
    low = word.lower()
    return low in p.irregular or (len(low) > 2 and low.endswith("s") and not p.not_plural.search(low))


def head_index(words: list[re.Match[str]], value: float, p: PhraseRules) -> int | None:
    """Return which word of the phrase is its head, by the language's rule; None where no noun is counted."""
    if p.head == "plural":
        # one of something is not a plural; it counts only where a [units] entry names it
        # the first plural that no plural follows: "658 open data sources" counts sources
        plural = [is_plural(w.group(1), p) for w in words] + [False]
        return None if value == 1 else next((i for i in range(len(words)) if plural[i] and not plural[i + 1]), None)
    if p.head == "capitalised":
        # a capitalised adjective ("Allgemeine", "Digitale") is no head where a capitalised noun follows it
        caps = [i for i, w in enumerate(words) if w.group(1)[0].isupper()]
        return next((i for i in caps if not (i + 1 in caps and p.modifier.search(words[i].group(1).lower()))), None)
    if p.head == "first":
        i = next((i for i, w in enumerate(words) if not p.modifier.search(w.group(1).lower())), None)
        return None if i is None or p.verb.search(words[i].group(1).lower()) else i
    return 0 if words else None


def known_unit(text: str, words: list[re.Match[str]], head: int | None, r: CountRules) -> tuple[str, int] | None:
    """Return the [units] entry that covers the head (any phrase word where there is no head), and its end."""
    last = words[head] if head is not None else None
    upto = None if head is None else head + 1
    if upto == 1 and r.phrase.head == "syllables" and words[0].group(1).lower() in r.phrase.classifiers:
        upto = 2  # "3 chiếc xe": the noun after a classifier names the unit
    for word in words[:upto]:
        best = unit_at(text, word.start(1), r)
        hyphen = word.group(1).rfind("-")
        if best is None and hyphen > 0:  # "Online-Dienstleistungen", "BTS-Stationen": the last part names the unit
            best = unit_at(text, word.start(1) + hyphen + 1, r)
        if best and (last is None or best[1] >= last.end(1)):
            return best
    return None


def unit_at(text: str, pos: int, r: CountRules) -> tuple[str, int] | None:
    """Return the [units] entry that matches longest at pos, and its end."""
    if not r.any_unit.match(text, pos):
        return None  # one regex rules out most words before each unit is tried
    best: tuple[str, int] | None = None
    for unit, regex in r.units:
        m = regex.match(text, pos)
        if m and (best is None or m.end() > best[1]):
            best = (unit, m.end())
    return best


def is_few(value: float) -> bool:
    """Whether a number takes the forms of 2, 3 and 4 (22, 103, but not 12): Russian puts its noun in the genitive singular."""
    n = int(value)
    return n == value and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)


def lemma(word: str, p: PhraseRules, value: float = 2.0) -> str:
    """Return the dictionary form of a head no [units] entry names, by the language's ending rules."""
    form = word if p.head == "capitalised" and not word.isupper() else word.lower()
    if form.lower() in p.irregular:
        return p.irregular[form.lower()]
    if len(form) <= 4:
        return form
    for pattern, replacement in (p.singular_few if is_few(value) else ()) + p.singular:
        changed, n = pattern.subn(replacement, form, count=1)
        if n:
            return changed
    return form


def head_syllables(words: list[re.Match[str]], p: PhraseRules) -> tuple[str, int]:
    """Return a Vietnamese head: a noun's two syllables (three after a classifier), short of an
    upper-case abbreviation ("20 công trình KH-CN" counts "công trình")."""
    size = 3 if words[0].group(1).lower() in p.classifiers else 2
    taken = words[:1]
    for word in words[1:size]:
        if word.group(1).isupper() or taken[0].group(1).isupper():
            break
        taken.append(word)
    return " ".join(w.group(1).lower() for w in taken), taken[-1].end(1)


def is_lone(words: list[re.Match[str]], p: PhraseRules) -> bool:
    """Whether the phrase is one word that names no thing on its own ("9 số" ends before "tỷ lệ")."""
    return len(words) == 1 and words[0].group(1).lower() in p.lone


def find_unit(text: str, pos: int, value: float, r: CountRules) -> tuple[str, int, bool] | None:
    """Return the unit of the noun phrase after pos, where it ends, and whether a [units] entry named it."""
    words = phrase_words(text, pos, r.phrase)
    if not words or r.month.fullmatch(words[0].group(1)) or is_lone(words, r.phrase):
        return None  # "2 December": a day
    head = head_index(words, value, r.phrase)
    if r.phrase.head == "capitalised" and words[0].group(1)[0].islower() and known_unit(text, words[:1], 0, r):
        head = 0  # "12,5 km Straßen": a measure written small is the head, the noun after it what is measured
    upto = words if head is None else words[: head + 1]
    if any(r.stop.match(text, w.start(1)) for w in upto):
        return None  # "2 years of implementing the project": a duration, not 2 projects
    known = known_unit(text, words, head, r)
    if known:
        return known[0], known[1], True
    if head is None:
        return None
    if r.phrase.head == "syllables":
        return (*head_syllables(words[head:], r.phrase), False)
    return lemma(words[head].group(1), r.phrase, value), words[head].end(1), False


@dataclass(frozen=True)
class Reading:
    """A number as the text writes it: its value, where its reading ends, a total, whether it was a range."""

    value: float
    end: int
    total: float | None = None
    ranged: bool = False


def scaled(text: str, end: int, value: float, r: CountRules) -> tuple[float, int, bool]:
    """Apply a scale word after a number ("2.2 billion", "1,5 Millionen", "4 hundred"), and add the smaller
    scaled numbers that follow it ("71 billion 355 million", "1 миллиард 420 млн", "2 tỷ 500 triệu")."""
    scale = r.numbers.scale.match(text, end)
    if not scale:
        return value, end, False
    factor = float(r.numbers.scales.resolve(scale.group(1)) or 1)
    total, end = value * factor, scale.end()
    while (more := SCALED_PART.match(text, end)) and (part := r.numbers.parse(more.group(1))) is not None:
        smaller = r.numbers.scale.match(text, more.end(1))
        next_factor = float(r.numbers.scales.resolve(smaller.group(1)) or 1) if smaller else 0.0
        if not smaller or next_factor >= factor or part >= 1000:
            break
        total, end, factor = total + part * next_factor, smaller.end(), next_factor
    return round(total, 6), end, True  # 65.77 million is 65770000, not 65769999.99999999


def read_range(text: str, start: int, reading: Reading, had_scale: bool, base: int, spans: SpanIndex,
               r: CountRules) -> Reading | None:
    """Read "15 to 20", "5-6%", "between 5% and 6%" as one count: the lower bound, where the range ends."""
    pct = r.percent.match(text, reading.end)
    mid = pct.end() if pct else reading.end
    m = r.range_to.match(text, mid)
    if m is None:
        m = r.range_and.match(text, mid)
        m = m if m and r.range_open.search(text, max(0, start - LOOK_BACK), start) else None
    if m is None or spans.overlaps(base + m.start(1), base + m.end(1)):
        return None
    written = r.numbers.parse(m.group(1))
    if written is None or (YEAR.fullmatch(m.group(1)) and not 1900 <= reading.value <= 2100):
        return None  # "12 до 2025 года": a number and a year, no range
    upper, end, upper_scale = scaled(text, m.end(), written, r)
    value = reading.value
    if upper_scale and not had_scale and written:  # "1.5 to 2 million": the scale is shared
        value *= upper / written
    if upper <= value:
        return None  # "30-15" is no range
    return Reading(value, end, ranged=True)


def named_before(text: str, back: int, start: int, r: CountRules) -> bool:
    """Whether a name or a month stands right before a number ("Project 06", "No. 42", "Dec. 2")."""
    last = text[back:start].rstrip()[-1:]
    if r.currency_before.search(text, back, start):
        return False  # "$5 million", "VND1 trillion": money, read with its currency
    if last and last in CURRENCY:
        return True  # "¥40", "₹40": money in a currency the language names no code for
    if not (last.isalpha() or last in ".#№\"'„“«"):
        return False  # after a digit or a comma no name can end: skip the searches below
    return bool(r.identifier_before.search(text, back, start) or r.month_before.search(text, back, start))


def read_number(text: str, m: re.Match[str], base: int, spans: SpanIndex, r: CountRules) -> Reading | None:
    """Read a number with its scale, range or fraction; None where it is no count (identifier, date, ordinal)."""
    start, end = m.span()
    if spans.overlaps(base + start, base + end) or r.ordinal_after.match(text, end):
        return None
    back = max(0, start - LOOK_BACK)
    if named_before(text, back, start, r) and not r.percent.match(text, end):
        return None  # a percent is a count whatever stands before it: "thông báo 100% số định danh"
    if r.rank_of.search(text, back, start):
        return None
    value = r.numbers.parse(m.group(0), before_scale=r.numbers.scale.match(text, end) is not None)
    if value is None:
        return None
    value, end, had_scale = scaled(text, end, value, r)
    reading = Reading(value, end)
    ranged = read_range(text, start, reading, had_scale, base, spans, r)
    if ranged:
        return ranged
    frac = r.fraction.match(text, end)
    if frac and not spans.overlaps(base + frac.start(1), base + frac.end(1)):
        if value == 1 and m.group(0)[0].isalpha() and "/" not in frac.group(0):
            return None  # "one of 10 provinces" names a member, not a part done: the 10 is read on its own
        total = r.numbers.parse(frac.group(1))
        if is_day_month(text, back, start, m.group(0), frac, value, total, r):
            return None
        return Reading(value, frac.end(), total=total)
    return reading


def is_day_month(text: str, back: int, start: int, written: str, frac: re.Match[str], value: float, total: float | None,
                 r: CountRules) -> bool:
    """Whether "31/7" is a day and a month: a part larger than its whole of at most 12, or a date word before it
    and no known unit after it."""
    if "/" not in frac.group(0) or not (written.isdigit() and frac.group(1).isdigit()) or total is None:
        return False
    if not (1 <= value <= 31 and 1 <= total <= 12):
        return False
    if value > total:
        return True
    if r.date_before.search(text, back, start) is None:
        return False
    unit = find_unit(text, frac.end(), value, r)
    return not (unit and unit[2])  # "tăng từ 5/7 xã": a known unit after it makes it a fraction again


NAME_WORD = re.compile(r"([^\W\d_][\w'’-]*)[»”\"']? $")
NEXT_WORD = re.compile(r"\s*[«“\"']?([^\W\d_])")
SENTENCE_OPENS = ".!?:;•\n"


def in_name(text: str, m: re.Match[str], hit: tuple[str, int, bool] | None, r: CountRules) -> bool:
    """Whether a small number ends a name: "Song Bung 4 hydropower plant", "Зуйтьен 1", "Hoa Sen 1".

    The word before is capitalised, within the sentence (not its first word) and no possessive; the word
    after is not (a title-case headline, "Province Completes 120 Tasks", counts). Two or more of a known
    unit still count: "в провинции Тханьхоа 27 районов", "trong đó Huế 8 xã" ("Hoa Sen 1 tổ chức" is a name).
    """
    if not r.capitalised_name or not m.group(0).isdigit() or len(m.group(0)) > 3:
        return False
    if hit is not None and hit[2] and int(m.group(0)) >= 2:
        return False
    word = NAME_WORD.search(text, max(0, m.start() - 40), m.start())
    if word is None or not word.group(1)[0].isupper() or word.group(1).isupper() or word.group(1).endswith(("'s", "’s")):
        return False
    opened = text[:word.start()].rstrip(" «“\"'(")
    if not opened or opened[-1] in SENTENCE_OPENS:
        return False  # "Only 6 models", "Block 2 residents": a sentence's first word may be any word
    after = NEXT_WORD.match(text, m.end())
    return not (after and after.group(1).isupper())


def is_year(m: re.Match[str], value: float) -> bool:
    """Whether a number is written like a year (4 plain digits, 1900-2100)."""
    return m.group(0).isdigit() and len(m.group(0)) == 4 and 1900 <= value <= 2100


def is_bare(text: str, m: re.Match[str], reading: Reading, r: CountRules) -> bool:
    """Whether a number without a unit may be a part of a count before it: digits, no total, no year, no duration."""
    if not m.group(0)[-1].isdigit() or reading.total is not None or reading.ranged or is_year(m, reading.value):
        return False
    word = PHRASE_WORD.match(text, reading.end)
    if word and is_lone(phrase_words(text, reading.end, r.phrase), r.phrase):
        return False
    return not (word and (r.stop.match(text, word.start(1)) or r.month.fullmatch(word.group(1))))


def extract_counts(sentence: Sentence, lang: str, masks: SpanIndex | list[tuple[int, int]]) -> list[Count]:
    """Return the counts in one sentence; masks are document spans already read as dates or identifiers."""
    r = rules(lang)
    spans = masks if isinstance(masks, SpanIndex) else SpanIndex(masks)
    text, base = sentence.text, sentence.start
    found: list[Count] = []
    bare: list[tuple[int, int, float]] = []
    pos = 0
    while found_number := r.numbers.number.search(text, pos):
        pos = found_number.end()
        m = r.numbers.fit(text, found_number)  # "five six" is two numbers: read the first, then go on after it
        if m is None:
            continue
        pos = m.end()
        reading = read_number(text, m, base, spans, r)
        if reading is None:
            continue
        pct = r.percent.match(text, reading.end)
        if not pct and is_slogan(text, m.start(), reading.end, r):
            continue
        money = None if pct else money_count(text, base, sentence.index, m, reading, r)
        if money:
            found.append(money)
            pos = max(pos, reading.end)
            continue
        hit = ("%", pct.end(), True) if pct else find_unit(text, reading.end, reading.value, r)
        if not pct and reading.total is None and in_name(text, m, hit, r):
            continue
        hit = hit or unit_from_context(text, m, reading, found, base, r)
        if hit is None or (not hit[2] and is_year(m, reading.value)):
            if is_bare(text, m, reading, r):
                bare.append((m.start(), reading.end, reading.value))
            continue
        if not hit[2] and hit[0] != "%" and is_part(text, m.start(), reading.end, hit[1], found, r):
            bare.append((m.start(), reading.end, reading.value))  # "of whom 148,000 completed ... skills": a part of the learners
            continue
        unit, unit_end, _ = hit
        pos = max(pos, reading.end)
        qualifier = "at_least" if reading.ranged else None
        found.append(make_count(text, base, sentence.index, m.start(), unit_end, reading, unit, qualifier, r))
    shared = shared_unit_counts(text, base, found, bare, r)
    taken = {c.start - base for c in shared}
    found.extend(breakdown_counts(text, base, sentence.index, found, [b for b in bare if b[0] not in taken], r))
    found.extend(shared)
    found.sort(key=lambda c: c.start)
    return own_status(text, base, found, r)


def money_count(text: str, base: int, index: int, m: re.Match[str], reading: Reading, r: CountRules) -> Count | None:
    """Return an amount of money as a count of its currency, its evidence from the sign: "$3 billion"."""
    money = read_money(text, max(0, m.start() - LOOK_BACK), m.start(), reading.end, r)
    if money is None:
        return None
    code, start, end = money
    return make_count(text, base, index, start, end, reading, code, "at_least" if reading.ranged else None, r)


def unit_from_context(text: str, m: re.Match[str], reading: Reading, found: list[Count], base: int,
                      r: CountRules) -> tuple[str, int, bool] | None:
    """Return the unit that a number with no noun of its own takes from its sentence: the noun of a rate
    before a fraction in parentheses, or of a "number of X" phrase before its verb."""
    if reading.total is not None:
        counted = fraction_after_percent(text, m.start(), base, found, r)
        if counted:
            return counted, reading.end, True
    if is_bare(text, m, reading, r):
        counted = counted_before(text, m.start(), r)
        if counted:
            return counted, reading.end, True
    return None


def counted_before(text: str, start: int, r: CountRules, cue: re.Pattern[str] | None = None) -> str | None:
    """Return the unit of a "number of X" phrase that a verb joins to the number at start:
    "the number of services reached 1,595", "số hồ sơ ... là 1.595", "количество услуг составило 1595"."""
    back = max(0, start - REACH // 2)
    verb = r.number_verb.search(text, back, start)
    if verb is None:
        return None
    cues = list((cue or r.number_of).finditer(text, back, verb.start()))
    if not cues or re.search(r"[.;:!?]\s", text[cues[-1].end():verb.start()]):
        return None  # the phrase must stand in the verb's own sentence part
    unit = find_unit(text, cues[-1].end(), 2.0, r)
    return unit[0] if unit else None


def fraction_after_percent(text: str, start: int, base: int, found: list[Count], r: CountRules) -> str | None:
    """Return the unit of a fraction in parentheses after a percent: "the rate of records handled on time
    reached 100% (113,893/113,893)" counts records, the noun of the rate's phrase before its verb."""
    if not found or found[-1].unit != "%" or not re.fullmatch(r"\s*\(\s*", text[found[-1].end - base:start]):
        return None
    return counted_before(text, found[-1].start - base, r, r.share_of)


def is_slogan(text: str, start: int, end: int, r: CountRules) -> bool:
    """Whether a number and its phrase are the whole of a quotation: a slogan ("„Vier Neins“", "«3 нет»"), no count."""
    if not QUOTE_OPEN.search(text, max(0, start - 3), start):
        return False
    words = phrase_words(text, end, r.phrase)
    return any(QUOTE_CLOSE.match(text, w.end(1)) for w in words)


def is_part(text: str, start: int, end: int, unit_end: int, found: list[Count], r: CountRules) -> bool:
    """Whether a number after "of which", "davon", "из них", "trong đó" is a part of a count before it:
    its own phrase is a clause ("148,000 completed ... skills"), not a noun phrase ("12 new libraries")."""
    if not any(c.unit != "%" for c in found) or not r.breakdown_before.search(text, max(0, start - LOOK_BACK), start):
        return False
    return any(regex.search(text, end, unit_end) for _, regex in r.status)


def shared_unit_counts(text: str, base: int, found: list[Count], bare: list[tuple[int, int, float]], r: CountRules) -> list[Count]:
    """Give a number joined to the next count its unit: "55 and 56 charging points" counts 55 points too."""
    by_start = {c.start - base: c for c in found}
    out: list[Count] = []
    for start, end, value in reversed(bare):  # right to left, so "4 or 5 and 6 tasks" passes the unit along
        # "620 level-3 and 912 level-4 online services": the join may follow the number's own modifiers
        words = phrase_words(text, end, r.phrase)
        join = r.list_join.match(text, end) or (r.list_join.match(text, words[-1].end(1)) if words else None)
        after = by_start.get(join.end()) or by_start.get(after_verb(text, join.end(), r)) if join else None
        if after is None or after.unit == "%":
            continue
        count = Count(value=value, total=None, unit=after.unit, qualifier=read_qualifier(text[max(0, start - LOOK_BACK):start], r),
                      text=text[start:end], start=base + start, end=base + end, sentence=after.sentence)
        by_start[start] = count
        out.append(count)
    return out


def after_verb(text: str, pos: int, r: CountRules) -> int:
    """Return where a count may start past the verb that opens a joined clause: "simplified 2,675 and
    abolished 1,200 procedures", "упрощено 2675 и отменено 1200 процедур", "2.675 và bãi bỏ 1.200 thủ tục"."""
    for _ in range(3):
        word = PHRASE_WORD.match(text, pos)
        if not word or word.group(1).lower() in r.phrase.ends or r.any_unit.match(text, word.start(1)):
            break
        pos = word.end(1)
        space = re.match(r"\s+", text[pos:pos + 3])
        if space and (nxt := pos + space.end()) < len(text) and text[nxt].isdigit():
            return nxt
    return -1


def clause_around(text: str, start: int, end: int) -> tuple[str, int]:
    """Return the clause of a sentence that holds the span [start, end) (at most REACH either side), and where the span starts in it."""
    left = max(0, start - REACH)
    for m in CLAUSE_BREAK.finditer(text, left, start):
        left = m.end()
    right_match = CLAUSE_BREAK.search(text, end, end + REACH)
    right = right_match.start() if right_match else min(len(text), end + REACH)
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
    wholes = {(c.total, c.unit) for c in out if c.total is not None}  # once per sentence: linear in its counts
    return [replace(c, status=None) if c.total is None and c.status in PROGRESS and (c.value, c.unit) in wholes else c
            for c in out]


# A whole whose parts stand in the same sentence ("из 38 моделей выполнены 12, 20 реализуются") has no
# progress of its own: the parts' "completed" is not the whole's.
PROGRESS = ("completed", "in_progress", "not_started")


def make_count(text: str, base: int, index: int, start: int, end: int, reading: Reading, unit: str,
               qualifier: str | None, r: CountRules) -> Count:
    """Build a Count with its qualifier; own_status reads its status once all counts of the sentence are known."""
    return Count(
        value=reading.value,
        total=reading.total,
        unit=unit,
        qualifier=read_qualifier(text[max(0, start - LOOK_BACK):start], r) or qualifier,
        text=text[start:end],
        start=base + start,
        end=base + end,
        sentence=index,
    )


def breakdown_counts(text: str, base: int, index: int, found: list[Count], bare: list[tuple[int, int, float]], r: CountRules) -> list[Count]:
    """Give unit-less numbers the unit of an earlier count in the sentence where the sentence breaks it down."""
    out: list[Count] = []
    ends = [c.end - base for c in found]  # found is in text order, so are its ends
    for start, end, value in bare:
        earlier = [c for c in found[: bisect_left(ends, start + 1)][-8:] if c.unit != "%"]
        if not earlier:
            continue
        parent = earlier[-1]
        back = text[max(0, start - LOOK_BACK):start]
        clause, at = clause_around(text, start, end)
        labelled = re.search(r":\s*$", back) is not None and re.match(r"\s*[;,)]", text[end:end + 3] or ";") is not None
        status = read_status(clause, at, end - start, r=r)
        after_breakdown = r.breakdown_before.search(back) is not None
        if not (labelled or after_breakdown or status in ("completed", "in_progress", "not_started")):
            continue
        # "из 20 задач ... выполнены 12": a parent introduced by "of" is the total of its parts
        parent_start = parent.start - base
        of_parent = r.of_before.search(text, max(0, parent_start - LOOK_BACK), parent_start) is not None
        if parent_start >= start - at and not of_parent and not labelled:
            continue  # the parent stands in the same clause: its status is the parent's, not a breakdown
        total = parent.value if of_parent and not labelled else None  # a labelled part ("Justice: 38") is a share, not progress
        out.append(Count(value=value, total=total, unit=parent.unit, status=status, qualifier=None,
                         text=text[start:end], start=base + start, end=base + end, sentence=index))
    return out
