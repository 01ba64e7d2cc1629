"""Benchmark: Docket's date and number readers on public news benchmarks, per language and category.

    python benchmarks/readers_bench.py dates PATH [--lang en] [--anchor pipeline|dct]
    python benchmarks/readers_bench.py quantities PATH [--lang en]
    ... --save run.json                  # keep the scores of this run
    ... --baseline run.json              # print them beside an earlier run (old, new, new/old)
    ... --examples 5                     # print up to 5 cases of each failure kind

The data is not in the repository; fetch it yourself and give its path:
- dates: a folder of TimeML files (.tml) with a DCT, e.g. the TempEval-3 platinum test set
  (te3-platinumstandard.tar.gz of SemEval-2015 task 5 / TempEval-3, annotations CC BY 3.0).
  Any TimeML set in another language (--lang de|ru|vi) is read the same way.
- quantities: NewsQuant.json of CQE (github.com/satya77/CQE_Evaluation, data/formatted_test_set),
  a list of {"text", "quantities": [{"value", "unit", "normalized_unit", "change"}]}, or the same
  objects one per line (.jsonl).

Dates are read as the pipeline reads them: the document creation time (DCT) is given as the
user's `published` date and the Extractor runs on the article's TEXT (--anchor pipeline), so
yearless and relative dates resolve against the meeting date the pipeline finds, else the DCT;
--anchor dct resolves every date against the DCT itself (HeidelTime's setting). Every Deadline
record, whatever its role, is a prediction.
In scope: TIMEX3 of type DATE whose value is a calendar period: a day, month, year, quarter, half or
ISO week. Out of scope, and neither rewarded nor punished: DURATION, TIME (times of day), SET,
and DATE values that are no calendar period (PRESENT_REF, seasons, centuries, XXXX-..). A
prediction overlapping an out-of-scope annotation is counted as ignored, not as a false positive.
Spans match when they overlap; the value is right when the resolved due date falls in the gold
period at the gold's granularity (Docket stores the last day of a period).

Quantities are read sentence by sentence with the Extractor, so dates and identifiers mask
numbers as in the pipeline. In scope: percentages, counts of things (a noun as unit) and the
measures Docket has units for (kilometre, hectare, tonne). Out of scope: money, durations and
ages, rates, multipliers ("six times"), other physical units, numbers with no unit, and a single
one of something ("one of the best phones": NewsQuant counts it as 1, Docket reports no such count). Gold quantities carry no span: a prediction
matches a gold quantity of its sentence by value, by a bound of a gold range, or (detected with a
wrong value) off by a power of ten or by sign. Value accuracy is exact equality (a range is right
when Docket gives its lower bound, as it stores ranges); unit accuracy compares Docket's unit with
the gold head noun, through the language's [units] table.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import Extractor  # noqa: E402
from pipeline.extract import counts as count_rules  # noqa: E402
from pipeline.extract.deadlines import extract_deadlines, find_candidates  # noqa: E402
from pipeline.extract.deadlines import rules as date_rules  # noqa: E402
from pipeline.extract.numbers import syntax  # noqa: E402
from pipeline.extract.sentences import parse, split_sentences  # noqa: E402
from pipeline.records import DateAnchor, Document, Language  # noqa: E402

# ---------------------------------------------------------------- scoring shared by both readers


@dataclass
class Tally:
    """Matches of one row of a table."""

    gold: int = 0
    tp: int = 0
    fp: int = 0
    value_ok: int = 0
    unit_ok: int = 0
    unit_n: int = 0

    def scores(self) -> dict[str, float | int]:
        """Return precision, recall, F1 and the value and unit accuracy over true positives."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out = {"gold": self.gold, "tp": self.tp, "fp": self.fp, "P": p, "R": r, "F1": f,
               "value": self.value_ok / self.tp if self.tp else 0.0}
        if self.unit_n:
            out["unit"] = self.unit_ok / self.unit_n
        return out


@dataclass
class Report:
    """Tallies by row, failure examples by kind, and counts of what was left out of scope."""

    rows: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    excluded: Counter = field(default_factory=Counter)
    ignored: int = 0

    def example(self, kind: str, text: str) -> None:
        """Keep one failure case of a kind."""
        self.examples[kind].append(text)


def clip(text: str, start: int, end: int, width: int = 60) -> str:
    """Return the text around a span, the span in brackets, on one line."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


# ---------------------------------------------------------------- dates: TimeML

GRANULARITY = (
    ("day", re.compile(r"^\d{4}-\d\d-\d\d$")),
    ("month", re.compile(r"^\d{4}-\d\d$")),
    ("year", re.compile(r"^\d{4}$")),
    ("quarter", re.compile(r"^\d{4}-Q[1-4]$")),
    ("half", re.compile(r"^\d{4}-H[12]$")),
    ("week", re.compile(r"^\d{4}-W\d\d$")),
)
# words that place a date relative to another one, by language: a category label, not a reader
RELATIVE = {
    "en": r"\b(?:last|next|this|coming|past|previous|ago|today|tonight|yesterday|tomorrow|now|current\w*|recent\w*|"
          r"earlier|later|same|following|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    "de": r"\b(?:letzte\w*|nächste\w*|diese\w*|vergangene\w*|kommende\w*|heute|gestern|morgen|vorige\w*|"
          r"jetzt|selben|gleichen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|vor)\b",
    "ru": r"(?:прошл\w*|следующ\w*|эт\w+|текущ\w*|сегодня|вчера|завтра|назад|сейчас|понедельник\w*|вторник\w*|"
          r"сред\w+|четверг\w*|пятниц\w+|суббот\w+|воскресень\w+)",
    "vi": r"(?:trước|sau|nay|tới|qua|hôm|mai|hiện|thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu|thứ bảy|chủ nhật)",
}


@dataclass(frozen=True)
class Timex:
    """One gold temporal expression."""

    start: int
    end: int
    kind: str  # TIMEX3 type
    value: str


@dataclass(frozen=True)
class TimeDoc:
    """One TimeML article: its text, its creation time and its annotations."""

    name: str
    text: str
    dct: str
    timexes: tuple[Timex, ...]


def read_timeml(path: Path) -> TimeDoc:
    """Read a TimeML file: the TEXT element as plain text, with the offsets of each TIMEX3."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise SystemExit(f"{path}: not TimeML XML ({err})") from None
    dct = root.find(".//DCT/TIMEX3")
    body = root.find(".//TEXT")
    if dct is None or body is None or not GRANULARITY[0][1].match((dct.get("value") or "")[:10]):
        raise SystemExit(f"{path}: no TEXT, or no DCT with a day value")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            timexes.append(Timex(start, sum(map(len, parts)), node.get("type", ""), node.get("value", "")))

    walk(body)
    return TimeDoc(path.stem, "".join(parts), dct.get("value", "")[:10], tuple(timexes))


def in_scope(t: Timex) -> str | None:
    """Return the granularity of a gold date Docket reads, None when it is out of scope."""
    if t.kind != "DATE":
        return None
    return next((name for name, rx in GRANULARITY if rx.match(t.value)), None)


def date_category(text: str, value: str, lang: str) -> str:
    """Sort an expression into explicit (a year written), yearless (digits, no year), relative, digit-free."""
    bare = text.strip()
    if (value[:4].isdigit() and value[:4] in text) or re.search(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)", text) \
            or (bare.isdigit() and len(bare) == 2 and value[2:4] == bare):
        return "explicit"
    if re.search(r"\d", text):
        return "yearless"
    if re.search(RELATIVE.get(lang, RELATIVE["en"]), text, re.IGNORECASE):
        return "relative"
    return "digit-free"


def value_ok(gran: str, gold: str, due: str) -> bool:
    """Whether Docket's due date lies in the gold period at the gold granularity."""
    if gran == "day":
        return due == gold
    if gran == "month":
        return due[:7] == gold
    if gran == "year":
        return due[:4] == gold
    month = int(due[5:7])
    if gran == "quarter":
        return due[:4] == gold[:4] and (month - 1) // 3 + 1 == int(gold[-1])
    if gran == "half":
        return due[:4] == gold[:4] and (month <= 6) == (gold[-1] == "1")
    return tuple(date.fromisoformat(due).isocalendar())[:2] == (int(gold[:4]), int(gold[-2:]))


def read_dates(doc: TimeDoc, lang: str, anchor: str) -> list:
    """Return the Deadline records Docket reads from an article, as the pipeline reads them."""
    if anchor == "dct":
        sentences = split_sentences(parse(lang, doc.text))
        return extract_deadlines(doc.text, sentences, lang, DateAnchor(doc.dct, "published (user)"),
                                 find_candidates(doc.text, date_rules(lang)))
    document = Document(id=doc.name, source=doc.name, text=doc.text, format="txt",
                        published=doc.dct, published_source="user")
    return list(Extractor()(document, Language(lang, 1.0, True)).deadlines)


def score_dates(docs: list[TimeDoc], lang: str, anchor: str) -> Report:
    """Match Docket's dates with the gold TIMEX3 of each article and tally them by category."""
    report = Report()
    for doc in docs:
        preds = read_dates(doc, lang, anchor)
        used: set[int] = set()
        for t in sorted(doc.timexes, key=lambda t: in_scope(t) is None):  # in-scope gold claims first
            hits = [i for i, p in enumerate(preds) if i not in used and p.start < t.end and t.start < p.end]
            best = max(hits, key=lambda i: min(preds[i].end, t.end) - max(preds[i].start, t.start), default=None)
            gran = in_scope(t)
            if gran is None:
                report.excluded[t.kind if t.kind != "DATE" else "DATE, no calendar value"] += 1
                if best is not None:
                    used.add(best)
                    report.ignored += 1
                continue
            cat = date_category(doc.text[t.start:t.end], t.value, lang)
            where = clip(doc.text, t.start, t.end)
            for row in ("all", cat, f"granularity {gran}"):
                report.rows[row].gold += 1
            if best is None:
                report.example(f"missed, {cat}", f"{doc.name}: {where} gold {t.value}")
                continue
            used.add(best)
            good = value_ok(gran, t.value, preds[best].due)
            for row in ("all", cat, f"granularity {gran}"):
                report.rows[row].tp += 1
                report.rows[row].value_ok += good
            if not good:
                report.example(f"wrong value, {cat}", f"{doc.name}: {where} gold {t.value}, Docket {preds[best].due} "
                                                      f"({preds[best].granularity}, {preds[best].anchor or 'explicit'})")
        for i, p in enumerate(preds):
            if i not in used:
                cat = date_category(p.text, p.due, lang)
                for row in ("all", cat, f"granularity {p.granularity}"):
                    report.rows[row].fp += 1
                report.example(f"false positive, {cat}", f"{doc.name}: {clip(doc.text, p.start, p.end)} -> {p.due} ({p.role})")
    return report


def load_timeml(path: Path) -> list[TimeDoc]:
    """Read every .tml file under a folder (or one file)."""
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise SystemExit(f"{path}: no .tml files")
    return [read_timeml(f) for f in files]


# ---------------------------------------------------------------- quantities: NewsQuant

MONEY = re.compile(r"[$€£¥₫₽₹]|\b(?:dollars?|euros?|pound sterling|yen|yuan|shekels?|ringgit|rupees?|krone|kuna|rand|cents?|sen|"
                   r"ps|rm|usd|eur|jpy|aud|inr|hk|us)\b|^(?:y|p|c\$|s \$)$", re.IGNORECASE)
TIME = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "year of age", "month of age", "age"}
MULTIPLIER = {"times", "sixfold", "fold"}
MEASURE = re.compile(r"(?:metre|meter|mile|foot|feet|inch|yard|gram|ton|pound-mass|ounce|litre|liter|gallon|pint|quart|watt|"
                     r"horsepower|hertz|byte|bit\b|degree|celsius|fahrenheit|pascal|newton|volt|farad|calorie|knot|decibel|"
                     r"parts?[- ]per|roentgen|dram|ampere|kilopound|generation wireless|exavolt|square|cubic|barrel)", re.IGNORECASE)
DOCKET_MEASURES = {"kilometre", "hectare", "ton", "metric ton", "tonne"}
SCALE = re.compile(r"\b(?:hundred|thousand|million|billion|trillion|mln|bln|tens of|hundreds of|thousands of|millions of|dozens?)\b|"
                   r"\d(?:m|bn|b|k|tn|mil)\b|\d\s+(?:m|bn|b|k|tn|mil)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """One gold quantity: its value (a pair for a range), unit words and kind."""

    low: float
    high: float | None
    unit: str
    norm: str
    kind: str  # percent, count, measure (Docket has the unit), or why it is out of scope


def parse_value(text: str) -> tuple[float, float | None] | None:
    """Read a NewsQuant value: '2.5', '-5.0', '252.0-287.0', '3.0 - 4.0'."""
    try:
        return float(text), None
    except ValueError:
        m = re.fullmatch(r"\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*", text)
        return (float(m[1]), float(m[2])) if m else None


def quantity_kind(unit: str, norm: str) -> str:
    """Sort a gold quantity by what its unit names."""
    norm, unit = norm.strip().lower(), unit.strip()
    head = norm.split(" per ")[0]
    if norm.startswith("percentage") or unit.lower() in ("%", "percent", "per cent", "pc", "&", "percent-owned"):
        return "percent"
    if norm.startswith("%"):
        return "out: fraction word"
    if MONEY.search(unit) or MONEY.search(norm):
        return "out: money"
    if head in TIME or unit.lower() in ("a", "min"):
        return "out: duration or age"
    if unit.lower() in MULTIPLIER or head == "count":
        return "out: multiplier"
    if " per " in norm or re.search(r"\b(?:a|per)\s+(?:day|week|month|year|minute)\b", unit, re.IGNORECASE):
        return "out: rate"
    if head in DOCKET_MEASURES:
        return "measure"
    if MEASURE.search(norm) or MEASURE.search(unit):
        return "out: other physical unit"
    if norm in ("-", "") and unit in ("-", ""):
        return "out: no unit"
    return "count"


def read_newsquant(path: Path) -> list[tuple[str, list[Quantity]]]:
    """Read NewsQuant sentences with their gold quantities."""
    try:
        raw = path.read_text(encoding="utf-8")
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()] if path.suffix == ".jsonl" else json.loads(raw)
    except (OSError, json.JSONDecodeError) as err:
        raise SystemExit(f"{path}: cannot read NewsQuant JSON ({err})") from None
    out = []
    for row in rows:
        gold = []
        for q in row.get("quantities", []):
            value = parse_value(str(q.get("value", "")))
            if value is None:
                continue
            kind = quantity_kind(q.get("unit", ""), q.get("normalized_unit", ""))
            if kind == "count" and value == (1.0, None):
                kind = "out: a single one"  # "one of the best phones", "one man": no count Docket reports
            gold.append(Quantity(value[0], value[1], q.get("unit", ""), q.get("normalized_unit", ""), kind))
        out.append((row["text"], gold))
    return out


def same(a: float, b: float) -> bool:
    """Whether two numbers are equal up to float noise."""
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def how_matched(pred: float, q: Quantity) -> str | None:
    """Say how a predicted value meets a gold quantity: exact, range (a bound), off (scale or sign), or not."""
    if q.high is None and same(pred, q.low):
        return "exact"
    if q.high is not None and (same(pred, min(q.low, q.high)) or same(pred, max(q.low, q.high))):
        return "range" if same(pred, min(q.low, q.high)) else "range-high"
    for gold in (q.low, q.high):
        if gold is None or not gold or not pred:
            continue
        ratio = abs(gold / pred)
        if same(abs(pred), abs(gold)) or any(same(ratio, 10.0 ** k) for k in range(-12, 13) if k):
            return "off"
    return None


def unit_words(q: Quantity) -> list[str]:
    """Return the words of a gold unit that may name its head noun."""
    return [w for w in re.findall(r"[^\W\d_][\w'-]*", f"{q.unit} {q.norm}".lower())]


def unit_ok(pred_unit: str, q: Quantity, lang: str) -> bool:
    """Whether Docket's unit names the gold unit's head noun (directly or through a [units] entry)."""
    if q.kind == "percent":
        return pred_unit == "%"
    words = unit_words(q)
    mine = pred_unit.lower().split()
    if mine and mine[-1] in words:
        return True
    for canonical, regex in count_rules.rules(lang).units:
        if canonical == pred_unit and any(regex.fullmatch(w) for w in words):
            return True
    return False


def quantity_tags(text: str, q: Quantity, lang: str) -> list[str]:
    """Return the categories a gold quantity belongs to: its kind, and range, scale word, number word."""
    tags = [q.kind]
    if q.kind == "count":  # the noun is one a [units] entry names, or one Docket must find as the phrase's head
        listed = any(regex.fullmatch(w) for _, regex in count_rules.rules(lang).units for w in unit_words(q))
        tags.append("count, noun in [units]" if listed else "count, other noun")
    if q.high is not None:
        tags.append("range")
    flat = text.replace(",", "")
    digits = f"{q.low:.0f}" if q.low == int(q.low) else f"{q.low:g}"
    if abs(q.low) >= 100 and not re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d])", flat) and SCALE.search(text):
        tags.append("scale word")
    numbers = syntax(lang)
    # a number written in words: the language's word-number pattern reads a phrase of the sentence as this value
    spelled = any((value := numbers.parse(m.group(0))) is not None and same(value, q.low)
                  for m in re.finditer(numbers.word_number, text, re.IGNORECASE))
    if spelled and not re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d.])", flat):
        tags.append("number word")
    return tags


def score_quantities(rows: list[tuple[str, list[Quantity]]], lang: str) -> Report:
    """Match Docket's counts with the gold quantities of each sentence and tally them by category."""
    report = Report()
    extractor = Extractor()
    for n, (text, gold) in enumerate(rows):
        doc = Document(id=f"s{n}", source=f"s{n}", text=text, format="txt")
        preds = list(extractor(doc, Language(lang, 1.0, True)).counts)
        used: set[int] = set()
        pairs: dict[int, tuple[int, str]] = {}
        for stage in ("exact", "range", "range-high", "off"):  # the best kind of match first, over all gold
            for gi, q in enumerate(gold):
                if gi in pairs:
                    continue
                pi = next((i for i, p in enumerate(preds) if i not in used and how_matched(p.value, q) == stage), None)
                if pi is not None:
                    used.add(pi)
                    pairs[gi] = (pi, stage)
        for gi, q in enumerate(gold):
            if q.kind.startswith("out"):
                report.excluded[q.kind] += 1
                report.ignored += gi in pairs
                continue
            tags = ["all"] + quantity_tags(text, q, lang)
            label = f"{q.low:g}{'' if q.high is None else f'-{q.high:g}'} {q.unit}"
            for tag in tags:
                report.rows[tag].gold += 1
            if gi not in pairs:
                report.example(f"missed, {tags[1]}", f"{text[:160]}  || gold {label}")
                continue
            pred, stage = preds[pairs[gi][0]], pairs[gi][1]
            good_value = stage in ("exact", "range")
            good_unit = unit_ok(pred.unit, q, lang)
            for tag in tags:
                row = report.rows[tag]
                row.tp += 1
                row.value_ok += good_value
                row.unit_n += 1
                row.unit_ok += good_unit
            if not good_value:
                report.example(f"wrong value, {'/'.join(tags[1:])}", f"{text[:160]}  || gold {label}, Docket {pred.value:g} '{pred.text}'")
            elif not good_unit:
                report.example(f"wrong unit, {tags[1]}", f"{text[:160]}  || gold {label} ({q.norm}), Docket {pred.value:g} {pred.unit}")
        for i, p in enumerate(preds):
            if i not in used:
                tags = ["all"] + prediction_tags(p, lang)
                for tag in tags:
                    report.rows[tag].fp += 1
                report.example(f"false positive, {tags[1]}", f"{text[:160]}  || Docket {p.value:g} {p.unit} '{p.text}'")
    return report


def prediction_tags(p, lang: str) -> list[str]:
    """Return the rows a Docket count that matches no gold quantity counts against, as quantity_tags sorts gold."""
    units = {canonical for canonical, _ in count_rules.rules(lang).units}
    if p.unit == "%":
        tags = ["percent"]
    elif p.unit in DOCKET_MEASURES:
        tags = ["measure"]
    else:
        tags = ["count", "count, noun in [units]" if p.unit in units else "count, other noun"]
    if p.qualifier == "at_least" and re.search(r"\d\S*\s*(?:-|–|to|and)\s*\S*\d", p.text):
        tags.append("range")
    if SCALE.search(p.text):
        tags.append("scale word")
    if p.text[:1].isalpha():
        tags.append("number word")
    return tags


# ---------------------------------------------------------------- output


def table(report: Report, baseline: dict | None, title: str) -> str:
    """Return the scores as a markdown table, beside the baseline's where one is given."""
    lines = [f"### {title}", "",
             "| row | gold | TP | FP | P | R | F1 | value acc | unit acc |" + (" F1 base | F1 new/base |" if baseline else ""),
             "|---|---|---|---|---|---|---|---|---|" + ("---|---|" if baseline else "")]
    for name, tally in sorted(report.rows.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        s = tally.scores()
        unit = f"{s['unit']:.2f}" if "unit" in s else "-"
        line = f"| {name} | {s['gold']} | {s['tp']} | {s['fp']} | {s['P']:.2f} | {s['R']:.2f} | {s['F1']:.2f} | {s['value']:.2f} | {unit} |"
        if baseline:
            old = baseline.get(name, {}).get("F1")
            line += f" {old:.2f} | {s['F1'] / old:.2f} |" if old else " - | - |"
        lines.append(line)
    lines += ["", f"out of scope (not scored): {dict(report.excluded)}; predictions on them ignored: {report.ignored}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one reader over one benchmark and print its scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("task", choices=("dates", "quantities"))
    ap.add_argument("path", type=Path, help="TimeML folder (dates) or NewsQuant .json/.jsonl (quantities)")
    ap.add_argument("--lang", default="en", choices=("en", "de", "ru", "vi"))
    ap.add_argument("--anchor", default="pipeline", choices=("pipeline", "dct"), help="dates: what resolves yearless dates")
    ap.add_argument("--examples", type=int, default=0, help="print up to N cases of each failure kind")
    ap.add_argument("--save", type=Path, help="write the scores as JSON")
    ap.add_argument("--baseline", type=Path, help="JSON of an earlier run to print beside this one")
    args = ap.parse_args(argv)
    if not args.path.exists():
        raise SystemExit(f"{args.path}: no such file or folder (see the top of {Path(__file__).name} for where to get the data)")
    if args.task == "dates":
        report = score_dates(load_timeml(args.path), args.lang, args.anchor)
        title = f"dates, {args.lang}, {args.path.name}, anchor {args.anchor}"
    else:
        report = score_quantities(read_newsquant(args.path), args.lang)
        title = f"quantities, {args.lang}, {args.path.name}"
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    print(table(report, baseline, title))
    if args.examples:
        for kind, cases in sorted(report.examples.items(), key=lambda kv: -len(kv[1])):
            print(f"\n{kind}: {len(cases)}")
            for case in cases[:args.examples]:
                print(f"  {case}")
    if args.save:
        args.save.write_text(json.dumps({k: v.scores() for k, v in report.rows.items()}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
