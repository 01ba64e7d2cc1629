"""Numbers as each language writes them: '1.139' (de), '2 852 992' (ru), '45,03' (ru, de), '1,5 triệu', '-1.3', '1.38pc',
and number words, alone or joined into one number ("twenty-one", "one hundred and twenty", "einundzwanzig",
"двадцать один", "hai mươi mốt")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import FLAGS, NEVER_PATTERN, Lexicon, alternation, raw

SIGNS = "+-−"
SIGN_CLASS = r"+\-−"  # for a [...] class: an unescaped "-" would make a range


@dataclass(frozen=True)
class WordGrammar:
    """How one language joins number words into one number.

    Words stand alone ("zwölf"); parts only inside a compound ("ein" in "einundzwanzig", "mốt" in
    "hai mươi mốt"); a multiplier multiplies what stands before it ("two hundred", "hai mươi").
    Plain joins put the larger part first ("twenty-one"); an and-join follows a multiplier ("hundred
    and twenty"); a units-first join puts the units before the tens ("ein|und|zwanzig").
    """

    atom: re.Pattern[str]
    join: re.Pattern[str]
    words: Lexicon
    parts: Lexicon
    multipliers: Lexicon
    leads: Lexicon  # one only first and before a scale word: "a million", "eine Million"

    def value(self, atom: str) -> tuple[float, str, bool]:
        """Return an atom's value, its kind ("mult", "word", "part" or "lead") and whether it may stand alone."""
        alone = self.words.resolve(atom.lower())
        for kind, lexicon in (("mult", self.multipliers), ("word", self.words), ("part", self.parts), ("lead", self.leads)):
            name = lexicon.resolve(atom.lower())
            if name is not None:
                return float(name.split("#")[0]), kind, alone is not None
        raise ValueError(atom)

    def read(self, text: str, start: int = 0, end: int | None = None) -> tuple[float, int] | None:
        """Return the value of the longest number the words at text[start:end] make, and where it ends."""
        end = len(text) if end is None else end
        pos, cur, atoms = start, 0.0, 0
        best: tuple[float, int] | None = None
        while pos < end:
            join = self.join.match(text, pos, end) if atoms else None
            if atoms and join is None:
                break
            atom = self.atom.match(text, join.end() if join else pos, end)
            if atom is None:
                break
            value, kind, alone = self.value(atom.group(0))
            if kind == "lead":
                break  # "a", "eine" make no number of words: "twenty a day" is twenty
            how = join.lastgroup if join else "plain"
            if how == "after_multiplier" and cur % 100:
                break  # "five and six" are two numbers; "hundred and twenty" is one
            if how == "units_first":
                if not (0 < cur < 10 and value % 10 == 0 and 10 < value < 100):
                    break  # "einundzwanzig": units, "und", then tens
                cur += value
            elif kind == "mult":
                low = cur % value
                if cur and not low:
                    break  # "hundred hundred"
                cur = cur - low + (low or 1) * value
            elif cur and cur % place(value):
                break  # "five six", "twenty thirty": a list, not one number
            else:
                cur += value
            atoms, pos = atoms + 1, atom.end()
            if atoms > 1 or alone:  # "mốt", "ein", "один" alone are no number
                best = (cur, pos)
        return best


def place(value: float) -> int:
    """Return the power of ten just above a value: a part added after it must leave those places free."""
    p = 10
    while p <= value:
        p *= 10
    return p


@dataclass(frozen=True)
class NumberSyntax:
    """How one language writes numbers, compiled."""

    decimal: str
    groups: tuple[str, ...]
    number: re.Pattern[str]
    digits: str
    scale: re.Pattern[str]
    scales: Lexicon
    grammar: WordGrammar
    word_number: str  # the regex of number words joined into one number

    def parse(self, text: str, before_scale: bool = False) -> float | None:
        """Return the value of a digit string (with its sign) or of number words that make one number;
        before_scale, also of a part alone ("один" in "один миллион")."""
        text = text.strip()
        if not text:
            return None
        if text[0] in SIGNS and text[1:2].isdigit():
            value = parse_digits(text[1:], self.decimal, self.groups)
            return -value if value is not None and text[0] != "+" else value
        if text[0].isdigit():
            return parse_digits(text, self.decimal, self.groups)
        read = self.grammar.read(text)
        if read and read[1] == len(text):
            return read[0]
        part = self.grammar.atom.fullmatch(text) if before_scale else None
        return self.grammar.value(part.group(0))[0] if part else None

    def fit(self, text: str, m: re.Match[str]) -> re.Match[str] | None:
        """Return the match cut to the number its words make ("five six" is "five"), or None where they make none.

        A part that never stands alone is one before a scale word: "a million", "eine Million", "один миллион", "một triệu".
        """
        if m.group(0)[0].isdigit() or m.group(0)[0] in SIGNS:
            return m
        read = self.grammar.read(text, m.start(), m.end())
        if read is None:
            part = self.grammar.atom.match(text, m.start(), m.end())
            if part and self.scale.match(text, part.end()):
                return self.number.match(text, m.start(), part.end())
            return None
        return m if read[1] == m.end() else self.number.match(text, m.start(), read[1])


def parse_digits(text: str, decimal: str, groups: tuple[str, ...]) -> float | None:
    """Read digits with the language's group and decimal separators."""
    for sep in groups:
        # a group separator is only a separator before exactly three digits ("1.139" but not "12.7" in English)
        text = re.sub(rf"(?<=\d){re.escape(sep)}(?=\d{{3}}(?!\d))", "", text)
    if decimal != ".":
        text = text.replace(decimal, ".")
    try:
        return float(text)
    except ValueError:
        return None


def number_pattern(digits: str, word_number: str, glued: list[str], codes: list[str] = ()) -> str:
    """Return the regex of one number: signed digits, or number words.

    A sign counts only where no word or number stands right before it: "-1.3%" is negative,
    "5-6%" is a range and "57-NQ" a code. A percent or scale word may be glued on ("1.38pc", "3bn"),
    and a currency code before it ("VND1 trillion").
    """
    signed = rf"(?<![\w.,/\\)%{SIGN_CLASS}–])[{SIGN_CLASS}](?=\d)"
    bare = rf"(?<![\w.,/\\{SIGN_CLASS}–])(?<!\d:)"  # "12:58" is a time
    if codes:
        bare = rf"(?:{bare}|{'|'.join(f'(?<={re.escape(c)})' for c in codes)})"
    end = r"(?!\w|[.,]\d|:\d)"
    tail = rf"(?:(?=(?:{alternation(glued)})\b)|{end})" if glued else end
    return rf"(?:{signed}|{bare})(?:{digits}){tail}|{word_number}"


def compile_words(spec: dict) -> tuple[WordGrammar, str]:
    """Compile a language's number words, parts, multipliers and joins into a grammar and its regex."""
    # keyed by the pattern and its value, so that values may repeat across entries
    def lexicon(table: dict) -> Lexicon:
        return Lexicon.build({f"{float(v)}#{k}": [k] for k, v in table.items()})

    words, parts, mults = lexicon(spec["words"]), lexicon(spec.get("word_parts", {})), lexicon(spec.get("multipliers", {}))
    leads = lexicon(spec.get("word_leads", {}))
    atoms = list(spec["words"]) + list(spec.get("word_parts", {})) + list(spec.get("multipliers", {})) + list(spec.get("word_leads", {}))
    joins = spec.get("word_joins", {})
    glued = "" in [p for pats in joins.values() for p in pats]  # German writes one number as one word
    atom = alternation(atoms) if glued else rf"(?:{alternation(atoms)})(?!\w)"
    # the longest join is tried first (" and " before " "), an empty one (German) last: it matches everywhere
    order = sorted((name for name, pats in joins.items() if pats), key=lambda name: -max(len(p) for p in joins[name]))
    named = [f"(?P<{name}>{alternation(joins[name])})" for name in order]
    join = re.compile("|".join(named) or NEVER_PATTERN, FLAGS)
    any_join = alternation([p for pats in joins.values() for p in pats]) or NEVER_PATTERN
    # at most eight words make one number ("two thousand five hundred and twenty-one"): a run of number words costs O(n)
    word_number = rf"(?<!\w)(?:{atom})(?:(?:{any_join})(?:{atom})){{0,7}}(?!\w)"
    return WordGrammar(re.compile(atom, FLAGS), join, words, parts, mults, leads), word_number


@lru_cache(maxsize=None)
def syntax(lang: str) -> NumberSyntax:
    """Compile the number syntax of a language from its resource file."""
    spec = raw(lang)["numbers"]
    dec = re.escape(spec["decimal"])
    groups = tuple(spec["group"])
    group = "|".join(re.escape(g) for g in groups)
    digits = rf"\d{{1,3}}(?:(?:{group})\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?"
    grammar, word_number = compile_words(spec)
    glued = spec.get("percent_glued", []) + spec.get("scale_glued", []) + spec.get("unit_glued", [])
    number = re.compile(number_pattern(digits, word_number, glued, spec.get("currency_glued", [])), FLAGS)
    by_value: dict[str, list[str]] = {}
    for pattern, value in spec.get("scales", {}).items():
        by_value.setdefault(str(float(value)), []).append(pattern)
    scales = Lexicon.build(by_value)
    scale = re.compile(r"\s*(" + alternation([e[1].pattern for e in scales.entries]) + r")(?!\w)", FLAGS)
    return NumberSyntax(spec["decimal"], groups, number, rf"(?:{digits})(?!\w|[.,]\d)", scale, scales,
                        grammar, word_number)
