"""Agencies: organisation mentions resolved to canonical English names.

Names are built from parts, so that bodies no list has seen still come out right:
a level ("Provinz-", "провинциальный", "tỉnh") with a body ("Volkskomitee", "народный комитет",
"UBND") gives "Provincial People's Committee"; a frame ("Sở", "Департамент", "Department of")
with a domain ("Tư pháp", "юстиции", "Justice") gives "Department of Justice". A frame with an open
part ("Department of Sea Ports", "Amt für Seehäfen", "Департамент морских портов", "Sở Cảng biển") is
read up to where the language ends a name; a domain no list knows is kept as written. Parts joined by "and"
make one name ("Ministry of Ethnic Affairs and Religions") unless the words after "and" start another body.
A unit of a Party committee is named whole ("Ban Tuyên giáo Thành ủy" is the Propaganda and Education
Committee of the City Party Committee). A bare body ("the Steering Committee") is the one the document names,
or the document's own level; one named only in persons' titles acts nowhere and is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
import bisect
from functools import lru_cache

from ..records import Agency, Sentence
from .resources import FLAGS, NEVER, NEVER_PATTERN, Lexicon, alternation, cue_regex, places, raw, words_pattern
from .sentences import SentenceLookup


@dataclass(frozen=True)
class AgencyPattern:
    """One compiled agency pattern and how to name what it matches."""

    regex: re.Pattern[str]
    kind: str  # body, name, frame or open_frame
    canonical: str
    priority: int
    anchor: str | None = None  # a word every match contains, lower-cased: only text around it is searched


QUANTIFIERS = "?*{"
ANCHOR_MIN = 4
WINDOW = 160


def required_literal(pattern: str) -> str | None:
    """Return the longest run of plain letters that every match of a pattern contains, or None.

    Only the top level of the pattern counts: groups, classes and escapes end a run, a letter with
    ?, * or {..} after it is optional, and a top-level | means nothing is required.
    """
    runs, run, depth, i = [], "", 0, 0
    while i < len(pattern):
        c = pattern[i]
        nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
        if c == "\\":
            runs.append(run); run = ""; i += 2; continue
        if c == "[":
            runs.append(run); run = ""
            i = pattern.index("]", i + 2 if nxt == "]" else i + 1) + 1; continue
        if c == "{":  # a placeholder ({LEVEL}) or a counted repeat
            runs.append(run); run = ""
            i = pattern.index("}", i) + 1; continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return None
        if depth == 0 and (c.isalpha() or c == " "):
            if nxt and nxt in QUANTIFIERS:
                runs.append(run); run = ""
            else:
                run += c
        else:
            runs.append(run); run = ""
        i += 1
    runs.append(run)
    best = max((r.strip() for r in runs), key=len, default="")
    return best.lower() if len(best) >= ANCHOR_MIN else None


@dataclass(frozen=True)
class AgencyRules:
    """One language's agency patterns, compiled."""

    patterns: tuple[AgencyPattern, ...]
    levels: Lexicon
    domains: Lexicon
    place_kinds: dict[str, str]
    coordinate: re.Pattern[str]
    titles: re.Pattern[str]  # a person's title just before a body's name: "Head of the", "Trưởng"
    lead_before: re.Pattern[str]
    lead_after: re.Pattern[str]
    continuation: re.Pattern[str]
    open_name: "OpenName"
    coordinators: frozenset[str]  # words that join the parts of one name or a list: "and", ","
    concepts: re.Pattern[str]  # phrases whose agency word names a concept: "digital government"
    local_ministry: str | None = None
    renamed: dict[str, str] = field(default_factory=dict)  # a name the language's reports mean otherwise
    unit_heads: Lexicon = Lexicon(())  # the head of a Party committee's unit -> its English ("Ban" -> "Committee")
    not_unit: re.Pattern[str] = NEVER  # words before a head that make another body: "Standing"
    national_actors: re.Pattern[str] = NEVER  # persons who speak for the state: "Premierminister"
    national_owner: re.Pattern[str] = NEVER  # words after a ministry that make it the state's
    wards: re.Pattern[str] = NEVER  # medical specialties a hospital names its units after
    hospitals: re.Pattern[str] = NEVER  # words for a hospital or clinic


@dataclass(frozen=True)
class Glossary:
    """A language's words of public administration, each with its English, to translate an open name whole."""

    terms: tuple[tuple[str, re.Pattern[str]], ...]  # English -> the native word (a stem, a syllable group)
    joins: dict[str, str]  # native connectors -> English ("và" -> "and", "," -> ",")
    skip: frozenset[str]  # words a name may hold that English drops ("по делам", "các")
    head_first: bool  # the head comes first ("Cảnh sát giao thông" is "Traffic Police"): reverse a run of words

    def match(self, text: str, pos: int) -> tuple[str, int] | None:
        """Return the English of the longest term at pos and where it ends, or None."""
        best = None
        for english, regex in self.terms:
            m = regex.match(text, pos)
            if m and m.end() > pos and (best is None or m.end() > best[1]):
                best = (english, m.end())
        return best

    def translate(self, name: str) -> str | None:
        """Return a name's English when every word of it is a term, connector or skipped word, else None."""
        runs: list[list[str]] = [[]]
        seps: list[str] = []
        pos = 0
        while (pos := skip_space(name, pos)) < len(name):
            token = TOKEN.match(name, pos)
            word = token.group(0).lower() if token else name[pos]
            hit = self.match(name, pos)
            if word in self.joins and not (hit and hit[1] > pos + len(word)):
                if not runs[-1]:
                    return None  # a connector with nothing before it
                seps.append(self.joins[word]); runs.append([]); pos += len(word); continue
            if hit is not None:
                runs[-1].append(hit[0]); pos = hit[1]; continue
            if word in self.skip:
                pos += len(word); continue
            return None
        if not runs[-1]:
            return None
        phrases = [" ".join(reversed(r) if self.head_first else r) for r in runs]
        # a part said twice is one part: machine translations write "Tuyên giáo" as "пропаганды и пропаганды"
        keep = [i for i, p in enumerate(phrases) if p not in phrases[:i]]
        phrases, seps = [phrases[i] for i in keep], [seps[i - 1] for i in keep[1:]]
        out = phrases[0]
        for i, (sep, phrase) in enumerate(zip(seps, phrases[1:])):
            # English lists with commas and one "and" before the last part: "строительства и жилищно-коммунального
            # хозяйства" is "Construction, Housing and Utilities", not "Construction and Housing and Utilities"
            later = seps[i + 1:] + phrases[i + 1:]
            if sep == "and" and any(w == "and" or " and " in w for w in later):
                sep = ","
            out += f"{sep} {phrase}" if sep == "," else f" {sep} {phrase}"
        return out


def skip_space(text: str, pos: int) -> int:
    """Return the first position at or after pos that is not white space."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def glossary(spec: dict) -> Glossary | None:
    """Compile a language's [agencies.glossary] table with the joins and skipped words of [agencies.open]."""
    table, o = spec.get("glossary"), spec["open"]
    if not table:
        return None
    terms = tuple((english, re.compile(rf"(?:{alternation(pats)})(?!\w)", FLAGS)) for english, pats in table.items())
    return Glossary(terms, {k.lower(): v for k, v in o.get("joins", {}).items()},
                    frozenset(w.lower() for w in o.get("skip", [])), o.get("head_first", False))


@dataclass(frozen=True)
class OpenName:
    """How a language writes the open part of a name ("of Tourism and Heritage", "für digitale Wirtschaft")."""

    word: re.Pattern[str]  # a word of the name
    upper: bool  # words of the name start with a capital (en, de, vi)
    tail: re.Pattern[str] | None  # a lower-case syllable that may follow a word: "Du lịch", "Văn hóa"
    modifier: re.Pattern[str] | None  # a lower-case word that may come before a word: "digitale Transformation"
    max_tail: int  # how many lower-case syllables may follow a word
    leading: frozenset[str]  # words that may open the name before its first word: "по делам"
    connectors: frozenset[str]  # words that join words of the name: "and", "of", ","
    stops: re.Pattern[str]  # words that start another name: "Department", "Sở", "Ministeriums", "Văn phòng"
    not_domain: re.Pattern[str]  # a phrase that starts so names no domain ("the", "nhân dân")
    jurisdiction: re.Pattern[str]  # where the place the body serves begins: " of Nghe An province"
    max_words: int
    glossary: Glossary | None = None  # known words read whole, so a name runs to its natural end
    links: frozenset[str] = frozenset()  # lower-case words inside a name only before a term: "về", "các"
    verbs: re.Pattern[str] | None = None  # terms that, written in lower case after a name, are its verb: "tổ chức"
    heads: tuple[tuple[str, re.Pattern[str]], ...] = ()  # a head in any case -> its nominative: "Департаментом"
    plural: re.Pattern[str] = NEVER  # a frame that names several bodies: "Departments", "các Sở"
    adjective: re.Pattern[str] = NEVER  # a capitalised word that describes the frame: "Sächsischen"
    domain_lists: bool = True  # known domains after a singular frame are a list of bodies, one domain each
    # frames that a known domain written before them is put after: "Finance Ministry" is the Ministry of Finance,
    # while "Finance Commission" is a name of its own; None: every frame
    reorder: frozenset[str] | None = None
    keep_written: bool = True  # a name the glossary cannot translate is kept as written; False: it is dropped

    def stop_at(self, text: str, pos: int) -> bool:
        """Tell whether another name starts at pos: a stop may be several words ("Văn phòng" ends a name, "Văn hóa"
        does not)."""
        return bool(self.stops.match(text, pos))

    def nominative(self, written: str) -> str:
        """Return a name kept as written with its head in the nominative ("Комитету по ..." -> "Комитет по ...")."""
        head, _, rest = written.partition(" ")
        for nominative, regex in self.heads:
            if regex.fullmatch(head):
                return f"{nominative} {rest}".strip()
        return written


def open_name(spec: dict, terms: Glossary | None = None) -> OpenName:
    """Compile a language's [agencies.open] table."""
    return OpenName(
        word=re.compile(spec["word"], re.UNICODE),
        upper=spec.get("upper", False),
        tail=re.compile(spec["tail"], re.UNICODE) if "tail" in spec else None,
        modifier=re.compile(spec["modifier"], re.UNICODE) if "modifier" in spec else None,
        max_tail=spec.get("max_tail", 1),
        leading=frozenset(spec.get("leading", [])),
        connectors=frozenset(spec["connectors"]),
        stops=re.compile(rf"(?:{alternation(spec['stops'])})(?!\w)" if spec["stops"] else NEVER_PATTERN, re.UNICODE),
        not_domain=re.compile(rf"(?:{alternation(spec['not_domain'])})(?!\w)", FLAGS),
        jurisdiction=re.compile(spec["jurisdiction"], FLAGS),
        max_words=spec.get("max_words", 8),
        glossary=terms,
        links=frozenset(spec.get("links", [])),
        verbs=re.compile(alternation(spec["verbs"]), FLAGS) if spec.get("verbs") else None,
        heads=tuple((nom, re.compile(pat, re.UNICODE)) for nom, pat in spec.get("heads", {}).items()),
        plural=re.compile(spec["plural"], re.UNICODE) if spec.get("plural") else NEVER,
        adjective=re.compile(spec["adjective"], re.UNICODE) if spec.get("adjective") else NEVER,
        domain_lists=spec.get("domain_lists", True),
        reorder=frozenset(spec["reorder"]) if "reorder" in spec else None,
        keep_written=spec.get("keep_written", True),
    )


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
    units = spec.get("units", {})
    fill = {
        "{LEVEL}": levels.pattern(),
        # capitalised words, looked up in the gazetteer afterwards: one pattern instead of 200 names
        "{PLACE}": r"(?-i:[A-ZĐÂĂÊÔƠƯА-ЯЁ][\w’'-]*(?:[ -][A-ZĐÂĂÊÔƠƯА-ЯЁ][\w’'-]*){0,3})",
        "{DOMAIN}": f"(?P<domain>{domains.pattern()})",
        # a generous window of words; open_phrase() cuts it where the name ends
        "{FREE}": r"(?P<free>[^\W\d][\w’'&-]*(?:(?:\s*,\s*|\s+)[^\W\d][\w’'&-]*){0,11})",
        "{BEFORE}": r"(?P<before>(?:[^\W\d][\w’'&-]*\s+){1,4})",
        # the words that name a unit of a Party committee ("Tuyên giáo", "пропаганды", "Propaganda and Education")
        "{UNIT}": f"(?P<unit>{units.get('unit', NEVER_PATTERN)})",
    }

    def compile_all(table: dict, kind: str, priority: int, flags: int = FLAGS) -> list[AgencyPattern]:
        out = []
        for canonical, pats in table.items():
            for p in pats:
                # a pattern may name the word every match contains where none is plain at its top level:
                # {pattern = "...", anchor = "парт"}
                given = p.get("anchor") if isinstance(p, dict) else None
                p = p["pattern"] if isinstance(p, dict) else p
                # a pattern that starts with a word needs no look-behind, which would stop the regex
                # engine's fast scan for that word (find_mentions checks the boundary); one that starts
                # with a group keeps it, or it would be tried inside every word
                literal_start = p[:1].isalpha()
                anchor = given.lower() if given else required_literal(p)
                for key, value in fill.items():
                    p = p.replace(key, value)
                p = rf"(?:{p})(?!\w)" if literal_start else rf"(?<!\w)(?:{p})(?!\w)"
                out.append(AgencyPattern(re.compile(p, flags), kind, canonical, priority, anchor))
        return out

    patterns = (
        compile_all(spec.get("names", {}), "name", 0)
        + compile_all(spec.get("bodies", {}), "body", 0)
        + compile_all(spec.get("frames", {}), "frame", 0)
        # a unit before the open frames: of two readings of one span, the first in this order is kept
        + compile_all({"": units.get("patterns", [])}, "unit", 0)
        + compile_all(spec.get("open_frames", {}), "open_frame", 0, flags=re.UNICODE)
    )
    return AgencyRules(
        patterns=tuple(patterns),
        levels=levels,
        domains=domains,
        place_kinds=kinds,
        coordinate=cue_regex(spec["coordinate"], anchor="end", articles=spec.get("articles")),
        titles=cue_regex(spec.get("titles", []), anchor="end", articles=spec.get("articles")),
        lead_before=cue_regex(spec["lead"], anchor="end", articles=spec.get("articles")),
        # "X shall preside over", "X chủ trì": the cue may follow a modal word or two
        lead_after=re.compile(r"^[\s,–-]*(?:[^\W\d]+\s+){0,2}?(?:" + alternation(spec["lead"]) + ")", FLAGS),
        continuation=re.compile(rf"\s*(?:{alternation([re.escape(c) if not c.isalpha() else c for c in spec.get('conjunctions', [',', 'and'])])})\s*"
                                rf"(?P<domain>{domains.pattern()})(?!\w)", FLAGS),
        open_name=open_name(spec["open"], glossary(spec)),
        coordinators=frozenset(c.lower() for c in spec.get("conjunctions", [",", "and"]) if c not in ";:"),
        concepts=re.compile(words_pattern(spec["concepts"]) if spec.get("concepts") else NEVER_PATTERN, FLAGS),
        wards=re.compile(words_pattern(spec["wards"]) if spec.get("wards") else NEVER_PATTERN, FLAGS),
        hospitals=re.compile(words_pattern(spec["hospitals"]) if spec.get("hospitals") else NEVER_PATTERN, FLAGS),
        local_ministry=spec.get("local_ministry"),
        renamed=dict(spec.get("renamed", {})),
        unit_heads=Lexicon.build(units.get("heads", {})),
        not_unit=re.compile(alternation(units["not_unit"]) if units.get("not_unit") else NEVER_PATTERN, FLAGS),
        national_actors=re.compile(words_pattern(spec["national_actors"]) if spec.get("national_actors") else NEVER_PATTERN,
                                   FLAGS),
        national_owner=re.compile(rf"\s+(?:{alternation(spec['national_owner'])})(?!\w)" if spec.get("national_owner")
                                  else NEVER_PATTERN, FLAGS),
    )


@dataclass
class Mention:
    """A matched agency mention before bare bodies are resolved."""

    start: int
    end: int
    name: str
    body: str | None = None
    level: str | None = None
    project: str | None = None
    specific: bool = False  # named by its purpose or number: "Steering Committee for ...", "Steering Committee 1287"

    @property
    def bare(self) -> bool:
        return self.body is not None and self.level is None and self.project is None and not self.specific


def mention_of(p: AgencyPattern, m: re.Match[str], r: AgencyRules) -> Mention | None:
    """Return the mention a pattern match names, or None when its parts name no agency."""
    g = m.groupdict()
    if p.kind == "name":
        return Mention(m.start(), m.end(), p.canonical)
    if p.kind == "frame":
        domain = r.domains.resolve(g.get("domain") or "")
        return Mention(m.start(), m.end(), f"{p.canonical} of {domain}") if domain else None
    if p.kind == "open_frame":
        return open_mention(p, m, r)
    if p.kind == "unit":
        return unit_mention(m, r)
    level, start, end = None, m.start(), m.end()
    if g.get("district"):  # "Bat Xat district police" and "Si Ma Cai district police" are two bodies
        first = m.start("district") == m.start()  # the place before its level word: "The Bat Xat district police"
        named = district_name(g["district"], r, first)
        if named is None:
            return None
        lo, hi, place = named
        if first:
            start += lo
        else:
            end = m.start("district") + hi
        level = f"{place} District"
    elif g.get("level"):
        level = r.levels.resolve(g["level"].lower())
    elif g.get("place"):
        kind = place_kind(g["place"], r)
        if kind is None:
            return None  # capitalised words that are no place we know: a shorter reading may still match
        level = "City" if kind == "city" else "Provincial"
        first, _, rest = g["place"].partition(" ")
        if rest and r.levels.resolve(first.lower()) == "City":
            level = "City"  # "Công an TP Hà Tĩnh" is the police of Ha Tinh city, not of Ha Tinh province
    project = g.get("project")
    return Mention(start, end, compose(p.canonical, level, project), p.canonical, level, project,
                   specific=bool(g.get("purpose")))


def unit_mention(m: re.Match[str], r: AgencyRules) -> Mention | None:
    """Name a unit of a Party committee whole: "Ban Tuyên giáo Thành ủy" is the Propaganda and Education Committee of
    the City Party Committee, not the City Party Committee; a central one is a Central Commission. The unit's words
    are translated by the glossary (English keeps its own); a unit no glossary reads is left to the other patterns."""
    g = m.groupdict()
    level, head = r.levels.resolve(g["level"]), r.unit_heads.resolve(g["head"])
    written = " ".join(g["unit"].split())
    if level is None or head is None or r.not_unit.fullmatch(written):
        return None
    glossary = r.open_name.glossary
    end = m.end()
    if glossary is None:
        unit = written
    elif m.end("unit") < m.end():
        unit = glossary.translate(written)  # the unit is all the words between its head and its Party committee
    else:
        # a unit that ends the match ends where its name does: the longest run of words the glossary reads
        # ("по пропаганде и массовой мобилизации", not "... приняла решение")
        unit = None
        words = list(re.finditer(r"\S+", g["unit"]))
        for last in reversed(words):
            unit = glossary.translate(g["unit"][:last.end()])
            if unit:
                end = m.start("unit") + last.end()
                break
    if not unit:
        return None
    if level == "Central":
        return Mention(m.start(), end, f"Central {unit} Commission")
    return Mention(m.start(), end, f"{unit} {head} of the {level} Party Committee")


def district_name(words: str, r: AgencyRules, first: bool) -> tuple[int, int, str] | None:
    """Return where a district's name starts and ends in the capitalised words before or after its level word, and the
    name in plain Latin letters: a word that starts a sentence before it ("The") or another name after its first two
    words ("Bát Xát Nguyễn Văn ...") is dropped; a province or city is no district."""
    tokens = list(re.finditer(r"\S+", words))
    o = r.open_name
    while first and tokens and o.stop_at(words, tokens[0].start()):
        tokens.pop(0)
    for i in range(2, len(tokens)):
        if o.stop_at(words, tokens[i].start()):
            tokens = tokens[:i]
            break
    if not tokens:
        return None
    name = words[tokens[0].start():tokens[-1].end()]
    if name.lower() in r.place_kinds or r.levels.resolve(name.lower()):
        return None
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return tokens[0].start(), tokens[-1].end(), "".join(c for c in plain if not unicodedata.combining(c))


TOKEN = re.compile(r"[^\W\d][\w’'&-]*|\d+|,")


def is_word(token: str, o: OpenName) -> bool:
    """Tell whether a token is a word of a name in the language."""
    return bool(o.word.fullmatch(token)) and (not o.upper or token[0].isupper())


def open_phrase(text: str, o: OpenName) -> int:
    """Return where the open part of a name ends in text, 0 where it has none.

    Words of the name are taken while they are words of the name, joined by connectors; another name's
    first word ("and Department of ...") ends it before the connector, any other word ends it after the
    last word. A comma joins only a list that a conjunction closes ("Culture, Sports and Tourism"), not
    a name and what follows it ("Tourism, Nguyen Van An"). A term of the glossary is read whole, in
    lower case too ("Cảnh sát quản lý hành chính về trật tự xã hội"), so a long name runs to its end;
    after a term only another term continues the name, not a free syllable ("Thống kê khuyến cáo").
    """
    end, cut, words, tail, comma, joined, upto = 0, 0, 0, -1, False, False, 0
    for t in TOKEN.finditer(text):
        if t.start() < upto:
            continue  # inside a term already read
        token = t.group(0)
        if o.stop_at(text, t.start()):
            return cut if joined or comma else end
        term = glossary_term(text, t, o, after_word=end > 0 and not joined)
        if term and words < o.max_words:
            end = upto = term
            words, tail, joined = words + 1, o.max_tail, False
        elif is_word(token, o) and words < o.max_words:
            end, words, tail, joined = t.end(), words + 1, 0, False
        elif 0 <= tail < o.max_tail and o.tail is not None and o.tail.fullmatch(token):
            end, tail = t.end(), tail + 1
        elif token.lower() in o.links and end and term_after(text, t.end(), o):
            tail = -1  # "về trật tự xã hội": a link word belongs to the name only before a term
        elif token.lower() in o.connectors and end:
            if not joined:
                cut, comma, joined = end, token == ",", True
            tail = -1
        elif (o.modifier is not None and o.modifier.fullmatch(token) and word_follows(text, t.end(), o)) \
                or (not end and token.lower() in o.leading):
            tail = -1  # belongs to the name only if a word follows
        else:
            break
    return cut if comma else end


def word_follows(text: str, pos: int, o: OpenName) -> bool:
    """Tell whether the next token is a word of a name: a modifier comes right before one ("digitale
    Transformation"), so a verb that looks like one ("berichtete über die ...") ends the name."""
    nxt = TOKEN.search(text, pos)
    return nxt is not None and is_word(nxt.group(0), o)


def glossary_term(text: str, t: re.Match[str], o: OpenName, after_word: bool) -> int:
    """Return where a glossary term starting at a token ends, 0 for none.

    Where names are capitalised, a lower-case term continues a word of the name only if it is no verb
    ("Sở Du lịch tổ chức hội nghị": "tổ chức" is what it does), and opens one only as a modifier would.
    """
    if o.glossary is None or (hit := o.glossary.match(text, t.start())) is None:
        return 0
    if o.upper and not t.group(0)[0].isupper():
        written = text[t.start():hit[1]]
        if not after_word:
            if o.modifier is not None and o.modifier.fullmatch(t.group(0)):
                return hit[1]  # "für digitale Transformation"
            # a name written in lower case after its frame ("Ban Quản lý các khu công nghiệp"): only a
            # term of several syllables that is no verb, so "Ban hành" or "Sở Y tế tổ chức" stay what they are
            syllabic = o.tail is not None and " " in written.strip()
            return hit[1] if syllabic and not (o.verbs is not None and o.verbs.fullmatch(written)) else 0
        if o.verbs is not None and o.verbs.fullmatch(written):
            return 0
        if " " not in written.strip() and o.tail is not None and not o.tail.fullmatch(t.group(0)):
            return 0  # a one-syllable term the language forbids in a name's tail
    return hit[1]


def term_after(text: str, pos: int, o: OpenName) -> bool:
    """Tell whether a glossary term that may continue a name starts at the first token after pos."""
    first = TOKEN.search(text, pos)
    return first is not None and bool(glossary_term(text, first, o, True))


def reversed_phrase(text: str, o: OpenName) -> int:
    """Return where the open part of a name written before its frame starts ("the Immigration Department")."""
    tokens = list(TOKEN.finditer(text))
    start = len(text)
    for t in reversed(tokens):
        if o.stop_at(text, t.start()) or not is_word(t.group(0), o) or t.group(0).endswith(("'s", "’s")):
            break  # a possessive names the owner, not the body: "Việt Nam’s Immigration Department"
        start = t.start()
    return start


def open_mention(p: AgencyPattern, m: re.Match[str], r: AgencyRules) -> Mention | None:
    """Name a frame with an open part: a known domain by its canonical name, an unknown one as written."""
    o = r.open_name
    before = m.groupdict().get("before")
    if before is not None:  # "Immigration Department": the open part comes first
        lo = m.start("before") + reversed_phrase(before, o)
        free, start, end = m.string[lo:m.end("before")].strip(), lo, m.end()
    else:
        window = m.group("free")
        if o.not_domain.match(window) or inside_name(m.string, m.start(), o):
            return None
        cut = jurisdiction_cut(window[:open_phrase(window, o)], r)
        cut = another_agency(window[:cut], m.start("free"), m.string, r)
        free, start, end = window[:cut].strip(), m.start(), m.start("free") + len(window[:cut].rstrip())
    if not free or o.not_domain.fullmatch(free) or r.levels.resolve(free) or place_kind(free, r):
        return None
    plural = bool(o.plural.search(m.string, max(0, m.start() - 8), m.start("free") if before is None else m.end()))
    if known_prefix(free, r, plural):
        return None  # "Departments of Justice, Finance and ...", "Министерства финансов по ...": the domain frame reads it
    domain = r.domains.resolve(free) or (o.glossary.translate(free) if o.glossary else None)
    if domain and before is not None and o.reorder is not None and p.canonical not in o.reorder:
        domain = None  # "the Health Authority", "the Finance Commission": kept as written
    if domain:
        # a frame may name its own preposition: "State Office for Environment", not "State Office of Environment"
        joined = " " if p.canonical.endswith((" for", " of", " on")) else " of "
        return Mention(start, end, f"{p.canonical}{joined}{domain}")
    written = " ".join(m.string[start:end].split())
    if not o.keep_written:
        return None  # a language whose names are never output as written ("Управление ветеринарии")
    if before is not None or o.glossary is not None:
        # a word no glossary knows: the name as written, whole, rather than an English frame on native words
        return Mention(start, end, written if before is not None else o.nominative(written))
    # English keeps its own preposition ("Committee for Ethnic Minority Affairs")
    return Mention(start, end, f"{p.canonical} {m.groupdict().get('prep') or 'of'} {free}")


def inside_name(text: str, start: int, o: OpenName) -> bool:
    """Tell whether a frame word continues a name begun before it ("Steering Committee for ...")."""
    if not o.upper:
        return False
    snippet = text[max(0, start - 40):start]
    before = list(TOKEN.finditer(snippet))
    if not before or o.stop_at(snippet, before[-1].start()) or before[-1].group(0).endswith(("'s", "’s")):
        return False  # "The Committee for ...", "Hanoi's Department of ..."
    if o.adjective.fullmatch(before[-1].group(0)):
        return False  # "des Niedersächsischen Ministeriums für ...": an adjective, not the start of a longer name
    return is_word(before[-1].group(0), o)


def known_prefix(free: str, r: AgencyRules, plural: bool) -> bool:
    """Tell whether the open part starts with a known domain that the domain frame reads on its own: one that a
    lower-case word or a preposition ends ("Nội vụ phải", "безопасности по запуску"), or the first of a list that a
    plural frame shares ("Departments of Justice and Tourism"), or, where the language's departments each serve one
    known domain, a list of known domains ("the Department of Justice, Finance and Health"). A frame whose other
    parts are no known domains names one body ("Ministry of Ethnic Affairs and Religions", "Министерство
    строительства и жилищно-коммунального хозяйства"), and so does a German one whatever its parts ("Ministerium für
    Soziales und Gesundheit"), and a domain that a word of a longer name follows ("Science and Technology Development")."""
    o = r.open_name
    for t in TOKEN.finditer(free):
        if not t.start() or not r.domains.resolve(free[:t.start()]):
            continue
        word = t.group(0).lower()
        if word in o.connectors:
            if word not in r.coordinators or plural or (o.domain_lists and all_domains(free[t.start():], r)):
                return True
        elif not is_word(t.group(0), o):
            return True
    return False


def all_domains(rest: str, r: AgencyRules) -> bool:
    """Tell whether every part of a list after its first ("and Finance", ", Finance and Transport") is a known domain."""
    o = r.open_name
    parts, part = [], []
    for t in TOKEN.finditer(rest):
        if t.group(0).lower() in o.connectors:
            parts.append(" ".join(part)); part = []
        else:
            part.append(t.group(0))
    parts.append(" ".join(part))
    parts = [p for p in parts if p]
    return bool(parts) and all(r.domains.resolve(p) for p in parts)


def another_agency(window: str, offset: int, text: str, r: AgencyRules) -> int:
    """Return where a name joined to another body ends in its open part: "Ministry of Finance and Vietnam Social
    Security" names two bodies, as the words after "and" start a body of their own; len(window) where none does."""
    o = r.open_name
    first = None  # the first connector of a run: "und der Lenkungsausschuss" ends the name before "und"
    for t in TOKEN.finditer(window):
        if t.group(0).lower() in o.connectors:
            first = t.start() if first is None else first
            continue
        if first and any(p.kind != "open_frame" and p.regex.match(text, offset + t.start()) for p in r.patterns):
            return first
        first = None
    return len(window)


def jurisdiction_cut(name: str, r: AgencyRules) -> int:
    """Return where the place a body serves begins in its name ("Tourism of Nghe An", "туризма провинции")."""
    j = r.open_name.jurisdiction.match(name)
    if j is None:
        return len(name)
    place = j.groupdict().get("place")
    return j.end("name") if place is None or place.lower() in r.place_kinds else len(name)


def place_kind(words: str, r: AgencyRules) -> str | None:
    """Return the kind of the place that ends a run of capitalised words ("The Ha Tinh" -> province)."""
    parts = words.split()
    for i in range(len(parts)):
        kind = r.place_kinds.get(" ".join(parts[i:]).lower())
        if kind:
            return kind
    return None


def compose(body: str, level: str | None, project: str | None) -> str:
    """Build an agency name from a level, a body and the project a working group serves."""
    if body == "Working Group":
        if level == "Government" and project:
            return f"Government's Project {project} Working Group"
        if level:
            # a province's group is "the Provincial Working Group" whether or not a text names its
            # project: translations drop or add "Project 06", and one name keeps them in agreement
            return f"{level} Working Group"
        return f"{'Project ' + project + ' ' if project else ''}Working Group"
    if "{level}" in body:  # a body named after another's level: "Party Committee of the {level} People's Committee"
        return body.replace("{level}", level or "").replace("  ", " ")
    return f"{level} {body}" if level else body


def find_mentions(text: str, r: AgencyRules) -> list[Mention]:
    """Return non-overlapping agency mentions, the longest reading first."""
    hits: list[tuple[int, Mention]] = []
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = ""  # a character whose lower case is longer: offsets would not line up, search everything
    for p in r.patterns:
        for m in search(p, text, lowered):
            if m.start() and text[m.start() - 1].isalnum():
                continue  # starts inside a word
            if code_suffix(text, m):
                continue
            mention = mention_of(p, m, r)
            if mention is None:
                continue
            hits.append((p.priority, mention))
            if p.kind == "frame":
                hits.extend((p.priority, more) for more in continued(text, m.end(), p.canonical, r))
    concepts = [c.span() for c in r.concepts.finditer(text)]
    hits = [h for h in hits if not any(h[1].start < b and a < h[1].end for a, b in concepts)]
    hits.sort(key=lambda h: (h[0], -(h[1].end - h[1].start), h[1].start))
    kept: list[Mention] = []
    for _, mention in hits:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda k: k.start)


def code_suffix(text: str, m: re.Match[str]) -> bool:
    """Tell whether an upper-case match ends a document number ("344/KH-UBND", "57-NQ/TW"): the issuer, not an actor."""
    at = m.start()
    return at >= 2 and text[at - 1] in "-/" and text[at - 2].isalnum() and m.group(0).isupper()


def scan(p: AgencyPattern, text: str, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    """Return a pattern's matches between lo and hi; an open frame's may overlap, as its window of words
    runs over the next frame ("Ban Tổ chức Tỉnh ủy và Ban Dân vận"), which must still be found."""
    hi = len(text) if hi is None else hi
    if p.kind != "open_frame":
        return list(p.regex.finditer(text, lo, hi))
    out = []
    while (m := p.regex.search(text, lo, hi)) is not None:
        out.append(m)
        lo = m.start() + 1
    return out


def search(p: AgencyPattern, text: str, lowered: str) -> list[re.Match[str]]:
    """Return the pattern's matches, searching only around its anchor word where it has one."""
    if not p.anchor or not lowered:
        return scan(p, text)
    windows: list[list[int]] = []
    at = lowered.find(p.anchor)
    while at != -1:
        lo, hi = max(0, at - WINDOW), min(len(text), at + len(p.anchor) + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
        at = lowered.find(p.anchor, at + 1)
    matches: list[re.Match[str]] = []
    for lo, hi in windows:
        # finditer with bounds keeps offsets and lets look-behinds see the text before the window
        matches.extend(m for m in scan(p, text, lo, hi) if m.start() > lo or lo == 0 or not text[lo - 1].isalnum())
    return matches


def continued(text: str, pos: int, frame: str, r: AgencyRules) -> list[Mention]:
    """Read a list that shares one frame: "Departments of Justice, Finance and Transport"."""
    out = []
    while (m := r.continuation.match(text, pos)) is not None:
        domain = r.domains.resolve(m.group("domain"))
        if domain is None:
            break
        out.append(Mention(m.start("domain"), m.end(), f"{frame} of {domain}"))
        pos = m.end()
    return out


def local_level(mentions: list[Mention]) -> str | None:
    """Return the local level (Provincial or City) the document's bodies mostly have, or None."""
    local = [m.level for m in mentions if m.level in LOCAL_LEVELS]
    return max(sorted(set(local)), key=local.count) if local else None


def infer_levels(mentions: list[Mention], level: str | None) -> None:
    """Give a specific body without a level ("the Steering Committee for Digital Transformation") the local
    level the document speaks of: a central one is written "Central", a province's often is not."""
    for m in mentions:
        if level and m.specific and m.level is None and m.body is not None:
            m.level = level
            m.name = compose(m.body, level, m.project)


def resolve_bare(mentions: list[Mention], level: str | None) -> None:
    """Name a bare body ("the Working Group") after the nearest named body of its kind before it; with none
    before, after the document's own level where it has one, else after the first named one after it.
    Name a working group without its project after the same level's group that has one."""
    named: dict[str, list[Mention]] = {}
    for m in mentions:  # in text order
        if m.body is not None and not m.bare:
            named.setdefault(m.body, []).append(m)
    for m in mentions:
        if not m.bare:
            continue
        others = named.get(m.body or "", [])
        i = bisect.bisect_left([n.start for n in others], m.start)
        if i:
            m.name = others[i - 1].name
        elif level and m.body in LOCAL_BODIES:
            m.name = compose(m.body, level, m.project)
        elif others:
            m.name = others[0].name
    with_project = {m.level: m.name for m in mentions if m.body == "Working Group" and m.project}
    for m in mentions:
        if m.body == "Working Group" and m.level and not m.project and m.level in with_project:
            m.name = with_project[m.level]


# bodies a local report names without their level, meaning its own: "the Steering Committee" of a
# provincial report is the province's (a Party committee is left out: "Đảng ủy" is often an agency's own)
LOCAL_BODIES = frozenset({"Steering Committee", "Working Group", "People's Committee", "People's Council",
                          "Public Administration Service Center"})

# bodies that provinces have no department of: their ministry is always the national one
NATIONAL_ONLY = frozenset({"Public Security", "National Defence", "Defence", "Foreign Affairs"})
LOCAL_LEVELS = frozenset({"Provincial", "City"})


# bodies that speak for the state: where one of them governs a ministry's work, it is the central ministry
NATIONAL_BODIES = frozenset({"Government", "Government Office", "National Assembly", "National Assembly Standing Committee",
                             "Politburo", "Secretariat", "Party Central Committee", "Council of Ministers"})


def localise_ministries(mentions: list[Mention], lookup: SentenceLookup, r: AgencyRules, text: str) -> None:
    """Read "Ministry of X" as the provincial department where the nearest governing actor in its sentence is a
    provincial body, and then every undecided mention of the same written name in the document: one word of a
    translation names one body throughout ("Planungs- und Investitionsministerium" is not a ministry in one
    sentence and a department in the next). A national actor ("Premierminister", "die Regierung") or an owner
    written after the name ("Ministerium für Gesundheit des Landes") keeps it the central ministry."""
    frame = r.local_ministry
    decided: dict[int, str | None] = {}
    for i, m in enumerate(mentions):
        domain = m.name.removeprefix("Ministry of ")
        if domain == m.name or domain in NATIONAL_ONLY:
            continue
        owner = r.national_owner.match(text, m.end)
        if owner:
            m.end = owner.end()  # "des Landes" is part of the name, not another actor
            decided[i] = "national"
        else:
            decided[i] = governing_actor(m, mentions, lookup.at(m.start), r, text)
    local_written = {written_key(text[mentions[i].start:mentions[i].end]) for i, d in decided.items() if d == "local"}
    for i, d in decided.items():
        m = mentions[i]
        if d == "local" or (d is None and written_key(text[m.start:m.end]) in local_written):
            m.name = f"{frame} of {m.name.removeprefix('Ministry of ')}"
    # an owner absorbed into a ministry's name ("der Regierung") is no mention of its own
    spans = [(mentions[i].start, mentions[i].end) for i, d in decided.items() if d == "national"]
    mentions[:] = [m for m in mentions if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans)]


def governing_actor(ministry: Mention, mentions: list[Mention], sentence: Sentence, r: AgencyRules,
                    text: str) -> str | None:
    """Return "local" or "national" for the actor nearest a ministry in its sentence (before it first), None for none."""
    actors: list[tuple[int, int, str]] = []
    for m in mentions:
        if sentence.start <= m.start < sentence.end and m is not ministry:
            if m.level in LOCAL_LEVELS:
                actors.append((m.start, m.end, "local"))
            elif m.name in NATIONAL_BODIES or m.level in ("Central", "Government"):
                actors.append((m.start, m.end, "national"))
    for c in r.national_actors.finditer(text, sentence.start, sentence.end):
        actors.append((c.start(), c.end(), "national"))
    before = [a for a in actors if a[1] <= ministry.start]
    if before:
        return max(before, key=lambda a: a[1])[2]
    after = [a for a in actors if a[0] >= ministry.end]
    return min(after)[2] if after else None


def written_key(written: str) -> str:
    """Return a written name with its case and line breaks folded, to compare mentions of one name."""
    return " ".join(written.lower().split())


def drop_wards(mentions: list[Mention], lookup: SentenceLookup, r: AgencyRules, text: str) -> None:
    """Drop units named after a medical specialty in a sentence about a hospital: "a Geriatric Department" to be
    set up is a ward, while a ministry's "Abteilung für Geriatrie" is a department."""
    wards = []
    for w in r.wards.finditer(text):
        sentence = lookup.at(w.start())
        if r.hospitals.search(text, sentence.start, sentence.end):
            wards.append(w.span())
    mentions[:] = [m for m in mentions if not any(m.start < b and a < m.end for a, b in wards)]


def drop_title_only(mentions: list[Mention], text: str, r: AgencyRules) -> None:
    """Drop a generic body ("the Steering Committee", no level, purpose or named one to be) that the text names only
    in persons' titles ("Head of the Steering Committee", "Trưởng Ban Chỉ đạo"): no body acts there, and a bare
    generic name is reported only where one acts."""
    generic: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.bare and m.name == m.body:
            generic.setdefault(m.name, []).append(m)
    # an owner ("members of the Steering Committee's Working Group") is named for its own sake, not in the title
    drop = {name for name, ms in generic.items()
            if all(r.titles.search(text, max(0, m.start - 40), m.start) and text[m.end:m.end + 2] not in ("'s", "’s")
                   for m in ms)}
    mentions[:] = [m for m in mentions if not (m.name in drop and m.bare)]


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
    r = rules(lang)
    mentions = find_mentions(text, r)
    level = local_level(mentions)
    infer_levels(mentions, level)
    resolve_bare(mentions, level)
    lookup = SentenceLookup(sentences)
    if sentences:
        drop_wards(mentions, lookup, r, text)
    if r.local_ministry and sentences:
        localise_ministries(mentions, lookup, r, text)
    drop_title_only(mentions, text, r)
    out = []
    for m in mentions:
        m.name = r.renamed.get(m.name, m.name)
        out.append(Agency(name=m.name, text=text[m.start:m.end], start=m.start, end=m.end,
                          sentence=lookup.at(m.start).index if sentences else 0,
                          role=read_role(text, m.start, m.end, r)))
    return out
