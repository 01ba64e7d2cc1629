"""Numbers as each language writes them: '1.139' (de), '2 852 992' (ru), '45,03' (ru, de), '1,5 triệu'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import FLAGS, Lexicon, alternation, raw, words_pattern


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
        """Return the value of a digit string or number word."""
        text = text.strip()
        if not text:
            return None
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
    number = re.compile(rf"(?<![\w.,/\\-])(?:{digits})(?!\w|[.,]\d)|{words_pattern(list(words))}", FLAGS)
    by_value: dict[str, list[str]] = {}
    for pattern, value in spec.get("scales", {}).items():
        by_value.setdefault(str(float(value)), []).append(pattern)
    scales = Lexicon.build(by_value)
    scale = re.compile(r"\s*(" + alternation([e[1].pattern for e in scales.entries]) + r")(?!\w)", FLAGS)
    return NumberSyntax(spec["decimal"], groups, number, rf"(?:{digits})(?!\w|[.,]\d)", scale, scales, words, word_lexicon)
