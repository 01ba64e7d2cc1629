"""Numbers as each language writes them: '1.139' (de), '2 852 992' (ru), '45,03' (ru, de), '1,5 triệu', '-1.3', '1.38pc'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import FLAGS, Lexicon, alternation, raw, words_pattern

SIGNS = "+-−"
SIGN_CLASS = r"+\-−"  # for a [...] class: an unescaped "-" would make a range


@dataclass(frozen=True)
class NumberSyntax:
    """How one language writes numbers, compiled."""

    decimal: str
    groups: tuple[str, ...]
    number: re.Pattern[str]
    digits: str
    scale: re.Pattern[str]
    scales: Lexicon
    words: dict[str, float]
    word_lexicon: Lexicon

    def parse(self, text: str) -> float | None:
        """Return the value of a digit string (with its sign) or a number word."""
        text = text.strip()
        if not text:
            return None
        if text[0] in SIGNS and text[1:2].isdigit():
            value = parse_digits(text[1:], self.decimal, self.groups)
            return -value if value is not None and text[0] != "+" else value
        if text[0].isdigit():
            return parse_digits(text, self.decimal, self.groups)
        name = self.word_lexicon.resolve(text.lower())
        return self.words[name] if name is not None else None


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


def number_pattern(digits: str, words: list[str], glued: list[str]) -> str:
    """Return the regex of one number: signed digits, or a number word.

    A sign counts only where no word or number stands right before it: "-1.3%" is negative,
    "5-6%" is a range and "57-NQ" a code. A percent word may be glued on ("1.38pc").
    """
    signed = rf"(?<![\w.,/\\)%{SIGN_CLASS}–])[{SIGN_CLASS}](?=\d)"
    bare = rf"(?<![\w.,/\\{SIGN_CLASS}–])(?<!\d:)"  # "12:58" is a time
    end = r"(?!\w|[.,]\d|:\d)"
    tail = rf"(?:(?=(?:{alternation(glued)})\b)|{end})" if glued else end
    return rf"(?:{signed}|{bare})(?:{digits}){tail}|{words_pattern(words)}"


@lru_cache(maxsize=None)
def syntax(lang: str) -> NumberSyntax:
    """Compile the number syntax of a language from its resource file."""
    spec = raw(lang)["numbers"]
    dec = re.escape(spec["decimal"])
    groups = tuple(spec["group"])
    group = "|".join(re.escape(g) for g in groups)
    digits = rf"\d{{1,3}}(?:(?:{group})\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?"
    words = {k: float(v) for k, v in spec["words"].items()}
    word_lexicon = Lexicon.build({k: [k] for k in words})  # keyed by the word itself: values may repeat
    number = re.compile(number_pattern(digits, list(words), spec.get("percent_glued", [])), FLAGS)
    by_value: dict[str, list[str]] = {}
    for pattern, value in spec.get("scales", {}).items():
        by_value.setdefault(str(float(value)), []).append(pattern)
    scales = Lexicon.build(by_value)
    scale = re.compile(r"\s*(" + alternation([e[1].pattern for e in scales.entries]) + r")(?!\w)", FLAGS)
    return NumberSyntax(spec["decimal"], groups, number, rf"(?:{digits})(?!\w|[.,]\d)", scale, scales, words, word_lexicon)
