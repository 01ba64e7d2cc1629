"""Agencies: organisation mentions resolved to canonical English names.

Names are built from parts, so that bodies no list has seen still come out right:
a level ("Provinz-", "провинциальный", "tỉnh") with a body ("Volkskomitee", "народный комитет",
"UBND") gives "Provincial People's Committee"; a frame ("Sở", "Департамент", "Department of")
with a domain ("Tư pháp", "юстиции", "Justice") gives "Department of Justice". A bare body
("the Working Group") takes the level the document gives it elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..records import Agency, Sentence
from .resources import FLAGS, Lexicon, alternation, cue_regex, places, raw


@dataclass(frozen=True)
class AgencyPattern:
    """One compiled agency pattern and how to name what it matches."""

    regex: re.Pattern[str]
    kind: str  # body, name, frame or open_frame
    canonical: str
    priority: int


@dataclass(frozen=True)
class AgencyRules:
    """One language's agency patterns, compiled."""

    patterns: tuple[AgencyPattern, ...]
    levels: Lexicon
    domains: Lexicon
    place_kinds: dict[str, str]
    coordinate: re.Pattern[str]
    lead_before: re.Pattern[str]
    lead_after: re.Pattern[str]


def place_surfaces() -> dict[str, str]:
    """Map every written form of a place (lower-cased) to its kind: city or province."""
    out = {}
    for name, entry in places()["places"].items():
        for form in [name, *entry.get("names", [])]:
            out[form.lower()] = entry["kind"]
    return out


@lru_cache(maxsize=None)
def rules(lang: str) -> AgencyRules:
    """Compile the agency rules of a language."""
    spec = raw(lang)["agencies"]
    levels = Lexicon.build(spec["levels"])
    domains = Lexicon.build(spec["domains"])
    kinds = place_surfaces()
    fill = {
        "{LEVEL}": levels.pattern(),
        "{PLACE}": alternation([re.escape(p) for p in kinds]),
        "{DOMAIN}": f"(?P<domain>{domains.pattern()})",
    }

    def compile_all(table: dict, kind: str, priority: int, flags: int = FLAGS) -> list[AgencyPattern]:
        out = []
        for canonical, pats in table.items():
            for p in pats:
                for key, value in fill.items():
                    p = p.replace(key, value)
                out.append(AgencyPattern(re.compile(rf"(?<!\w)(?:{p})(?!\w)", flags), kind, canonical, priority))
        return out

    patterns = (
        compile_all(spec.get("names", {}), "name", 0)
        + compile_all(spec.get("bodies", {}), "body", 0)
        + compile_all(spec.get("frames", {}), "frame", 0)
        + compile_all(spec.get("open_frames", {}), "open_frame", 1, flags=re.UNICODE)
    )
    return AgencyRules(
        patterns=tuple(patterns),
        levels=levels,
        domains=domains,
        place_kinds=kinds,
        coordinate=cue_regex(spec["coordinate"], anchor="end", articles=spec.get("articles")),
        lead_before=cue_regex(spec["lead"], anchor="end", articles=spec.get("articles")),
        lead_after=re.compile(r"^[\s,–-]*(?:" + alternation(spec["lead"]) + ")", FLAGS),
    )


@dataclass
class Mention:
    """A matched agency mention before bare bodies are resolved."""

    start: int
    end: int
    name: str
    body: str | None
    bare: bool


def name_of(p: AgencyPattern, m: re.Match[str], r: AgencyRules) -> tuple[str, bool] | None:
    """Return the canonical name of a match and whether it was a bare body."""
    g = m.groupdict()
    if p.kind == "name":
        return p.canonical, False
    if p.kind == "frame":
        domain = r.domains.resolve(g.get("domain") or "")
        return (f"{p.canonical} of {domain}", False) if domain else None
    if p.kind == "open_frame":
        free = re.sub(r"(?:,|\s+and|\s*-)\s*$", "", g["free"]).strip()
        return (f"{p.canonical} of {free}", False) if free else None
    level = None
    if g.get("level"):
        level = r.levels.resolve(g["level"].lower())
    elif g.get("place"):
        level = "City" if r.place_kinds.get(g["place"].lower()) == "city" else "Provincial"
    project = g.get("project")
    return compose(p.canonical, level, project), level is None and project is None


def compose(body: str, level: str | None, project: str | None) -> str:
    """Build an agency name from a level, a body and the project a working group serves."""
    if body == "Working Group":
        prefix = "Government's " if level == "Government" else (f"{level} " if level else "")
        return f"{prefix}{'Project ' + project + ' ' if project else ''}Working Group"
    return f"{level} {body}" if level else body


def find_mentions(text: str, r: AgencyRules) -> list[Mention]:
    """Return non-overlapping agency mentions, the longest reading first."""
    raw_hits = []
    for p in r.patterns:
        for m in p.regex.finditer(text):
            named = name_of(p, m, r)
            if named:
                raw_hits.append((m.start(), m.end(), p.priority, named[0], p.canonical if p.kind == "body" else None, named[1]))
    raw_hits.sort(key=lambda h: (h[2], -(h[1] - h[0]), h[0]))
    kept: list[Mention] = []
    for start, end, _, name, body, bare in raw_hits:
        if all(end <= k.start or start >= k.end for k in kept):
            kept.append(Mention(start, end, name, body, bare))
    return sorted(kept, key=lambda k: k.start)


def resolve_bare(mentions: list[Mention]) -> None:
    """Give a bare body ("the Working Group") the level the document names most often for it."""
    named = Counter((m.body, m.name) for m in mentions if m.body and not m.bare)
    for m in mentions:
        if m.bare and m.body:
            options = [(n, name) for (body, name), n in named.items() if body == m.body]
            if options:
                m.name = max(options)[1]


def read_role(text: str, start: int, end: int, r: AgencyRules) -> str | None:
    """Return 'coordinate' or 'lead' where the words around a mention say so."""
    before = text[max(0, start - 40):start]
    if r.coordinate.search(before):
        return "coordinate"
    if r.lead_after.search(text[end:end + 30]) or r.lead_before.search(before):
        return "lead"
    return None


def extract_agencies(text: str, sentences: list[Sentence], lang: str) -> list[Agency]:
    """Return the agency mentions of a document with canonical names and roles."""
    import bisect

    r = rules(lang)
    mentions = find_mentions(text, r)
    resolve_bare(mentions)
    starts = [s.start for s in sentences]
    out = []
    for m in mentions:
        index = max(bisect.bisect_right(starts, m.start) - 1, 0)
        out.append(Agency(name=m.name, text=text[m.start:m.end], start=m.start, end=m.end,
                          sentence=sentences[index].index if sentences else 0,
                          role=read_role(text, m.start, m.end, r)))
    return out
