"""Load one language's resource file and compile its patterns once per process."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources

FLAGS = re.IGNORECASE | re.UNICODE
NEVER_PATTERN = r"(?!x)x"  # matches nothing: a cue list a language leaves empty
NEVER = re.compile(NEVER_PATTERN)


def alternation(patterns: list[str]) -> str:
    """Join regex alternatives, longest first so that the regex engine prefers the fuller reading."""
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """Canonical values with the compiled patterns that name them; resolve() maps matched text back."""

    entries: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, table: dict[str, list[str] | str], flags: int = FLAGS) -> "Lexicon":
        entries = []
        for canonical, patterns in table.items():
            patterns = [patterns] if isinstance(patterns, str) else patterns
            entries.append((canonical, re.compile(alternation(patterns), flags)))
        return cls(tuple(entries))

    @classmethod
    def from_values(cls, table: dict[str, object], flags: int = FLAGS) -> "Lexicon":
        """Build a lexicon from pattern -> value pairs, several patterns sharing one value."""
        grouped: dict[str, list[str]] = {}
        for pattern, value in table.items():
            grouped.setdefault(str(value), []).append(pattern)
        return cls.build(grouped, flags)

    def pattern(self) -> str:
        """Return one alternation that matches any entry."""
        return alternation([e[1].pattern for e in self.entries])

    def resolve(self, text: str) -> str | None:
        """Return the canonical value whose patterns match all of text."""
        for canonical, regex in self.entries:
            if regex.fullmatch(text.strip()):
                return canonical
        return None


@lru_cache(maxsize=None)
def raw(lang: str) -> dict:
    """Return the parsed TOML resource file of a language."""
    path = importlib_resources.files("pipeline.extract").joinpath(f"lang/{lang}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def places() -> dict:
    """Return the place gazetteer shared by all languages."""
    path = importlib_resources.files("pipeline.extract").joinpath("lang/places.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def cue_regex(patterns: list[str], anchor: str = "", articles: list[str] | None = None) -> re.Pattern[str]:
    """Compile cue phrases into one regex; anchor='end' matches a cue just before a match, articles between."""
    body = alternation(patterns) if patterns else NEVER_PATTERN
    if anchor == "end":
        article = rf"(?:\s+(?:{alternation(articles)}))?" if articles else ""
        return re.compile(rf"(?:^|[\s(„“\"'«,])(?:{body}){article}\s*[,:]?\s*$", FLAGS)
    return re.compile(body, FLAGS)


def words_pattern(words: list[str]) -> str:
    """Return an alternation of whole words or phrases."""
    return r"(?<!\w)(?:" + alternation(words) + r")(?!\w)"
URL_PATTERN = r"https?://[^\s<>\"'()\]]+"
