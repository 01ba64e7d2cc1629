"""Linking: embeddings, translation groups, the same target over time, moved deadlines and totals.

Every sentence of every document is embedded once (vectors are stored by content hash), then:

1. Translations and duplicates. Documents that share uncommon names, codes, dates or numbers, or
   whose sentences meet in a random-hyperplane hash, are candidates. Their sentences are aligned
   as in bitext mining: mutual nearest neighbours by margin, near enough by cosine, numbers that
   agree, in order. Two documents are one article when the aligned pairs cover TRANSLATION_MIN of
   the shorter one (an excerpt may stop early): a translation in two languages, a duplicate in one.
   A differing date or place is reported, never decisive: one of them was misread. A group holds
   one article once per language; duplicates count as one.
2. Target series. A target is a count with a total ("6 of 38 models") or a planned count ("38
   registered pilot models"); progress counts of the same unit in the report fill in its value.
   The same target in another report has the same unit, the same place and the same total, and
   evidence that is not unrelated (cosine >= SAME_TARGET_FLOOR); a plain mention ("38 pilot
   models") joins a series only through such a match. A target whose total changed is linked when
   its evidence is close (cosine >= REVISED_TOTAL) and the old total is not reported again.
3. Revisions. Deadlines of one series that change from report to report, and dated commitments
   whose evidence matches across two reports of the same place (cosine >= SAME_COMMITMENT, with an
   agency or a count in common) but whose dates differ, are listed as moved: later means slipped.
   Those whose totals or dates agree are kept as restatements, so that a review of either side
   can make one a revision without linking again.

A series point names the records its figures come from and the sentences whose deadlines it
takes; readers read the figures through reviews' views (reviews.points_view_sql), so a review made
after a link is seen at once. Linking itself reads reviewed records: it decides what belongs
together, the records (as reviewed) say what the figures are.

Reports are translation groups: a fact that a translated pair reports twice is one point.
Only reports of the same place are compared, each with the WINDOW reports before it, so the
work grows with the number of reports, not with its square.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from .codes import CODE
from .embed import Embedder
from .engine import Engine, LocalEngine
from .records import Sentence
from .store import Store, now
from .vectors import index_stamp, write_index
from .written import number_text

# cosine thresholds for multilingual-e5-small, read off the development and sample reports:
# translated sentences 0.87-0.96, different commitments of one domain up to 0.86, unrelated 0.72-0.77
ALIGNED = 0.86  # a sentence and its translation (mutual nearest neighbours by margin)
ALIGNED_WITH_NUMBERS = 0.80  # the same, where both state the same numbers
DUPLICATE_ALIGNED = 0.97  # a sentence and its copy in the same language (one language's paraphrases reach 0.96)
NUMBERS_AGREE = 0.5  # Jaccard of two aligned sentences' numbers, where both have some
TRANSLATION_MIN = 0.65  # share of the shorter document's sentences aligned one to one, in order
# (on the development and sample reports translations score 0.82-1.0, other pairs at most 0.50)
SURE_MIN = 0.9  # the same for a same-language copy, and where a date or place was read to differ
MIN_ALIGNED = 2  # aligned sentences, at the least, to call two documents one article
NEIGHBOURS, BACKGROUND_SAMPLE = 4, 4096  # margin scoring: k nearest neighbours, sought among this many sentences
BUCKET, HASH_TABLES = 8, 4  # candidate search: mean sentences per hash bucket, and hash tables
COMMON_FACT_DOCS, COMMON_FACT_SHARE = 20, 0.01  # an anchor in more documents than this finds no translation
SAME_TARGET_FLOOR = 0.78  # same unit, place and total, and evidence not unrelated
SAME_TARGET_NO_PLACE = 0.88  # same unit and total where no place is known: the evidence must say it
REVISED_TOTAL = 0.92  # same unit and place, another total, near-identical evidence
REVISED_RATIO = (0.5, 2.0)  # a revised total stays within this factor of the old one
SAME_COMMITMENT = 0.86  # a dated commitment reported again
WINDOW = 8  # earlier reports of the same place that a report is compared with
NO_TARGET_UNITS = frozenset({"%"})  # rates describe a moment, not an amount of work to finish
PROGRESS = ("completed", "in_progress", "not_started")
LEVEL_FRAME = re.compile(r"^(?:Ministry|Department) of ")
NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")  # group separators of the four languages


def content_hash(text: str, kind: str = "passage") -> str:
    """Key a text's vector by what the model sees: its kind (prompt) and its text."""
    return hashlib.sha256(f"{kind}\0{text}".encode("utf-8")).hexdigest()[:32]


def embed_texts(store: Store, embedder: Embedder, texts: list[str], kind: str = "passage", batch: int = 256,
                progress: Callable[[int], None] | None = None, engine: Engine | None = None) -> tuple[np.ndarray, int]:
    """Return one vector per text and how many were computed; stored vectors are never computed again.

    The engine (default: this process) encodes batches of texts as tasks; each finished batch is
    stored at once, so an interrupted run resumes.
    """
    hashes = [content_hash(t, kind) for t in texts]
    known = store.stored_vectors(embedder.name, sorted(set(hashes)))
    missing = list(dict.fromkeys((h, t) for h, t in zip(hashes, texts) if h not in known))
    chunks = [(kind, missing[i:i + batch]) for i in range(0, len(missing), batch)]
    for done in (engine or LocalEngine(1)).map(encode_task, chunks, embedder):
        if done.error is not None:
            raise done.error
        vectors = done.result
        fresh = {h: v.tobytes() for (h, _), v in zip(done.item[1], vectors)}
        store.save_vectors(embedder.name, vectors.shape[1], fresh)
        known.update(fresh)
        if progress:
            progress(len(fresh))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.stack([np.frombuffer(known[h], dtype=np.float32) for h in hashes]), len(missing)


def encode_task(embedder: Embedder, chunk: tuple[str, list[tuple[str, str]]]) -> np.ndarray:
    """Encode one batch of (hash, text) on any engine's worker.

    The embedder is the map's context: a worker receives it once and loads the model on its first
    batch, then keeps it for the others.
    """
    kind, pairs = chunk
    return embedder.encode([t for _, t in pairs], kind=kind).astype(np.float32)


def record_sentences(docs: list[dict]) -> tuple[list[tuple[str, int]], list[str]]:
    """Return the (document, sentence) keys and texts of every record sentence, in one fixed order."""
    keys = [(d["id"], idx) for d in docs for idx in sorted(d["sentences"])]
    docs_by_id = {d["id"]: d for d in docs}
    return keys, [docs_by_id[doc]["sentences"][idx] for doc, idx in keys]


# -- reports ----------------------------------------------------------------------------------


@dataclass
class Report:
    """One document with what linking needs: its date, and the rows of its sentences in the vector matrix."""

    doc: dict
    date: str | None
    rows: dict[int, int] = field(default_factory=dict)  # sentence idx -> row in the vector matrix

    @property
    def id(self) -> str:
        return self.doc["id"]

    @property
    def place(self) -> str | None:
        return self.doc["place"]


def report_date(doc: dict) -> str | None:
    """Date a report by its meeting or decision, else by the earliest date its figures are as of
    (a later "as of" is more often a horizon, "a vision to 2030", than the reporting date)."""
    if doc["event_date"]:
        return doc["event_date"][:10]
    as_of = [d["due"] for d in doc["deadlines"] if d["role"] == "as_of" and d["due"]]
    return min(as_of) if as_of else None


def build_reports(docs: list[dict], keys: list[tuple[str, int]]) -> list[Report]:
    """Attach to each document the rows of its sentences' vectors."""
    rows_of: dict[str, dict[int, int]] = defaultdict(dict)
    for row, (doc_id, idx) in enumerate(keys):
        rows_of[doc_id][idx] = row
    return [Report(doc, report_date(doc), rows_of.get(doc["id"], {})) for doc in docs]


def similarity(vectors: np.ndarray, a: Report, a_idx: list[int], b: Report, b_idx: list[int]) -> np.ndarray:
    """Cosine matrix between some sentences of one report and some of another."""
    left = vectors[[a.rows[i] for i in a_idx if i in a.rows]]
    right = vectors[[b.rows[i] for i in b_idx if i in b.rows]]
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return left @ right.T


# -- translations and duplicates --------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    """Two documents' sentences aligned one to one and in order: the evidence that they are one article."""

    kind: str  # "translation" (two languages) or "duplicate" (one language, two copies)
    pairs: list[tuple[int, int, float]]  # (sentence idx in a, sentence idx in b, cosine)
    overlap: int  # sentences both could share: the shorter document's, as an excerpt stops early

    @property
    def score(self) -> float:
        return len(self.pairs) / self.overlap if self.overlap else 0.0


def document_sentences(doc: dict) -> list[Sentence]:
    """Return a stored document's sentences as extraction split them, so that indexes match the stored ones.

    The spans stored at ingest are read back; a document stored before schema 5 has none and is split
    again with spaCy, as extraction did.
    """
    if doc.get("sentence_spans"):
        text = doc["text"]
        return [Sentence(index=i, start=start, end=end, text=text[start:end])
                for i, (start, end) in enumerate(json.loads(doc["sentence_spans"]))]
    from .extract.sentences import pipeline, split_sentences  # spaCy only for documents stored without spans

    return split_sentences(pipeline(doc["language"])(doc["text"]))


def all_sentences(docs: list[dict]) -> tuple[list[tuple[str, int]], list[str]]:
    """Return the (document, sentence) keys and texts of every sentence of every document."""
    keys, texts = [], []
    for doc in docs:
        for s in document_sentences(doc):
            keys.append((doc["id"], s.index))
            texts.append(s.text)
    return keys, texts


def sentence_numbers(text: str) -> frozenset[str]:
    """Numbers of a sentence as digits only, so "1,250", "1.250" and "1 250" are one number."""
    return frozenset(str(int(re.sub(r"\D", "", m.group()))) for m in NUMBER.finditer(text))


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """Whether two sentences' numbers say they are one statement: a translation keeps most of them (a month
    written as a word drops one), another period's report changes them; None where either has none."""
    if not a or not b:
        return None
    return len(a & b) / len(a | b) >= NUMBERS_AGREE


def aligned(cos: float, numbers: bool | None, duplicate: bool) -> bool:
    """Whether mutual nearest sentences are one statement: near enough by meaning, or a little less near
    and stating the same numbers (Vietnamese translations of English sentences reach only 0.83-0.91)."""
    if numbers is False:
        return False
    if duplicate:
        return cos >= DUPLICATE_ALIGNED
    return cos >= ALIGNED or (numbers is True and cos >= ALIGNED_WITH_NUMBERS)


def background(vectors: np.ndarray, owner: np.ndarray, k: int = NEIGHBOURS, sample: int = BACKGROUND_SAMPLE) -> np.ndarray:
    """Return each sentence's mean cosine to its k nearest sentences of other documents, the denominator of
    margin scoring; neighbours are sought in a fixed sample of the corpus, so the cost grows linearly."""
    if len(vectors) < 2:
        return np.ones(len(vectors), dtype=np.float32)
    rng = np.random.default_rng(0)
    pool = np.sort(rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False))
    out = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), 1024):
        sims = vectors[start:start + 1024] @ vectors[pool].T
        sims[owner[start:start + 1024, None] == owner[None, pool]] = -1.0  # a document is not its own neighbour
        top = min(k, sims.shape[1])
        out[start:start + 1024] = np.partition(sims, -top, axis=1)[:, -top:].mean(axis=1)
    return np.maximum(out, 1e-6)


def in_order(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Keep the longest run of pairs increasing on both sides: a translation keeps its sentences' order."""
    pairs = sorted(pairs)
    tails: list[int] = []  # tails[n]: the pair that ends the chain of length n + 1 with the smallest b
    ends: list[int] = []  # that pair's b
    before = [-1] * len(pairs)
    for i, (_, b, _) in enumerate(pairs):
        n = bisect.bisect_left(ends, b)
        before[i] = tails[n - 1] if n else -1
        tails[n:n + 1], ends[n:n + 1] = [i], [b]
    chain, i = [], tails[-1] if tails else -1
    while i >= 0:
        chain.append(pairs[i])
        i = before[i]
    return chain[::-1]


def align(a: Report, b: Report, vectors: np.ndarray, margin_base: np.ndarray, numbers: dict[int, frozenset[str]]) -> Alignment:
    """Align two documents' sentences as bitext mining does: mutual nearest neighbours by margin (cosine over
    the mean of both sentences' nearest neighbours), kept when they are near enough (see `aligned`) and
    run in order; the score counts them against the shorter document, which is all an excerpt can share."""
    kind = "duplicate" if a.doc["language"] == b.doc["language"] else "translation"
    a_idx, b_idx = sorted(a.rows), sorted(b.rows)
    ra, rb = [a.rows[i] for i in a_idx], [b.rows[i] for i in b_idx]
    cos = vectors[ra] @ vectors[rb].T
    margin = cos / ((margin_base[ra][:, None] + margin_base[rb][None, :]) / 2)
    best_b, best_a = margin.argmax(axis=1), margin.argmax(axis=0)
    pairs = [(a_idx[i], b_idx[j], round(float(cos[i, j]), 3)) for i, j in enumerate(best_b)
             if best_a[j] == i and aligned(float(cos[i, j]), numbers_agree(numbers[ra[i]], numbers[rb[j]]), kind == "duplicate")]
    return Alignment(kind, in_order(pairs), min(len(a_idx), len(b_idx)))


def anchors(doc: dict) -> set[str]:
    """Names and codes a translation keeps in any language: document numbers ("57-NQ/TW"), agencies
    (read in canonical English), dates, numbers, and the place and day of the meeting."""
    out = {"#" + re.sub(r"\s", "", m.group()).upper().replace("Đ", "D") for m in CODE.finditer(doc["text"])}
    out |= {"@" + a["name"] for a in doc["agencies"]}
    out |= {d["due"] for d in doc["deadlines"] if d["due"]}
    out |= {f"{c['value']:g}" for c in doc["counts"]}  # a key, never shown: the short form suffices
    if doc["place"] and doc["event_date"]:
        out.add(f"&{doc['place']}|{doc['event_date'][:10]}")  # one province's meeting of one day
    return out


def differing(a: Report, b: Report) -> list[str]:
    """Name the meeting date or place that the two documents were read to differ in."""
    return [key.replace("_", " ") for key in ("event_date", "place")
            if a.doc[key] and b.doc[key] and a.doc[key][:10] != b.doc[key][:10]]


def support(a: Report, b: Report) -> str:
    """Say which names, document numbers and dates the two share, and which read differently."""
    shared = anchors(a.doc) & anchors(b.doc)
    names = sorted(x[1:] for x in shared if x[0] in "#@") + sorted(x for x in shared if "-" in x and x[0].isdigit())
    text = f"both name {', '.join(names[:6])}" if names else "no shared name, document number or date"
    if differ := differing(a, b):
        text += f"; the {' and '.join(differ)} read from the two differ, taken as a misreading"
    return text


def required(found: Alignment, a: Report, b: Report) -> float:
    """Return the score two documents need to be one article: more for a copy in one language, whose
    sentences are all there, and for two whose date or place were read to differ (two meetings of a
    template, unless nearly every sentence says one article and the reading was wrong)."""
    if found.kind == "duplicate" or differing(a, b):
        return SURE_MIN
    return TRANSLATION_MIN


def anchor_candidates(reports: list[Report], texts: list[str], min_shared: int = 2) -> set[tuple[int, int]]:
    """Pairs of documents in two languages that share at least min_shared uncommon names, codes, numbers
    or dates, and pairs in one language that share min_shared sentences word for word.

    Anchors survive translation unchanged and a copy keeps its sentences, so an inverted index finds
    candidates without comparing every document with every other; what many documents state ("100%",
    "31 December 2025", a site's footer) tells nothing and is skipped.
    """
    common = max(COMMON_FACT_DOCS, int(COMMON_FACT_SHARE * len(reports)))
    holders: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        for anchor in anchors(r.doc) | {"=" + " ".join(texts[row].lower().split()) for row in r.rows.values()}:
            holders[anchor].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for anchor, docs in holders.items():
        if len(docs) <= common:
            for x, y in combinations(docs, 2):
                if (reports[x].doc["language"] == reports[y].doc["language"]) == anchor.startswith("="):
                    shared[(x, y)] += min_shared if anchor.startswith("&") else 1
    return {pair for pair, n in shared.items() if n >= min_shared}


def neighbour_candidates(reports: list[Report], vectors: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of documents with at least two sentence pairs that fall in one bucket of a random-hyperplane
    hash: an approximate nearest-neighbour search whose buckets stay small as the corpus grows."""
    owner = {row: i for i, r in enumerate(reports) for row in r.rows.values()}
    rows = np.array(sorted(owner))
    if len(rows) < 2:
        return set()
    centred = vectors[rows] - vectors[rows].mean(axis=0)  # e5's vectors share one large direction
    bits = int(np.clip(np.log2(len(rows) / BUCKET), 4, 30))
    rng = np.random.default_rng(0)
    met: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for _ in range(HASH_TABLES):
        codes = (centred @ rng.standard_normal((centred.shape[1], bits)) > 0) @ (1 << np.arange(bits))
        order = np.argsort(codes, kind="stable")
        for bucket in np.split(order, np.flatnonzero(np.diff(codes[order])) + 1):
            if len(bucket) > 4 * BUCKET:
                continue  # a crowded bucket holds what every report says, not a translation
            for x, y in combinations(rows[bucket].tolist(), 2):
                if owner[x] != owner[y]:
                    pair = (min(owner[x], owner[y]), max(owner[x], owner[y]))
                    met[pair].add((x, y) if owner[x] < owner[y] else (y, x))
    return {pair for pair, hits in met.items() if len(hits) >= 2}


def find_translations(reports: list[Report], vectors: np.ndarray, texts: list[str]) -> tuple[list[dict], dict[str, str]]:
    """Return translation and duplicate links with their aligned sentences, and a map from document id to group id."""
    with_text = [r for r in reports if r.rows]
    rows = sorted(row for r in with_text for row in r.rows.values())
    owner = np.full(len(vectors), -1)
    for i, r in enumerate(with_text):
        owner[list(r.rows.values())] = i
    margin_base = np.ones(len(vectors), dtype=np.float32)
    if rows:
        margin_base[rows] = background(vectors[rows], owner[rows])
    numbers = {row: sentence_numbers(texts[row]) for row in rows}
    links = []
    for x, y in sorted(anchor_candidates(with_text, texts) | neighbour_candidates(with_text, vectors)):
        a, b = with_text[x], with_text[y]
        found = align(a, b, vectors, margin_base, numbers)
        if len(found.pairs) >= MIN_ALIGNED and found.score >= required(found, a, b):
            links.append({"a": a.id, "b": b.id, "score": round(found.score, 3), "reason": reason(found, a, b),
                          "kind": found.kind, "pairs": json.dumps([list(p) for p in found.pairs])})
    groups, used = group_links(links, {r.id: r.doc["language"] for r in reports})
    return [link for link in links if (link["a"], link["b"]) in used], groups


def reason(found: Alignment, a: Report, b: Report) -> str:
    """Say why two documents are one article: how many sentences align and what else they share."""
    rule = (f"cosine >= {DUPLICATE_ALIGNED}" if found.kind == "duplicate"
            else f"cosine >= {ALIGNED}, or >= {ALIGNED_WITH_NUMBERS} with the same numbers")
    mean = sum(p[2] for p in found.pairs) / len(found.pairs)
    return (f"{len(found.pairs)}/{found.overlap} sentences of the shorter aligned one to one in order "
            f"(mutual nearest by margin, {rule}; mean cosine {mean:.2f}); {support(a, b)}")


def evidence_rows(store: Store) -> list[dict]:
    """Return one row per aligned sentence pair of every stored link, with both sentences' text."""
    links = store.translation_links()
    docs = store.document_texts(sorted({d for link in links for d in (link["a"], link["b"])}))
    sentences = {doc_id: {s.index: s.text for s in document_sentences(doc)} for doc_id, doc in docs.items()}
    groups = store.translation_groups()
    return [{"group": groups.get(link["a"], "")[:12], "kind": link["kind"], "a": docs[link["a"]]["source"],
             "b": docs[link["b"]]["source"], "a_idx": i, "b_idx": j, "cosine": cos,
             "a_sentence": sentences[link["a"]].get(i), "b_sentence": sentences[link["b"]].get(j)}
            for link in links for i, j, cos in link["pairs"]]


def group_links(links: list[dict], language: dict[str, str]) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Join linked documents into groups, duplicates first, then translations best first; a group holds one
    article once per language (its duplicates count as one). Return the groups and the links that made them."""
    group: dict[str, str] = {}
    used: set[tuple[str, str]] = set()
    members: dict[str, set[str]] = {}
    for link in sorted(links, key=lambda x: (x["kind"] != "duplicate", -x["score"], x["a"], x["b"])):
        a, b = link["a"], link["b"]
        ga, gb = group.get(a, a), group.get(b, b)
        if ga == gb:
            continue
        ma, mb = members.get(ga, {a}), members.get(gb, {b})
        if link["kind"] == "translation" and {language[d] for d in ma} & {language[d] for d in mb}:
            continue
        keep = min(ga, gb)
        for d in ma | mb:
            group[d] = keep
        members.pop(ga, None), members.pop(gb, None)
        members[keep] = ma | mb
        used.add((a, b))
    return group, used


# -- targets ----------------------------------------------------------------------------------


@dataclass
class Observation:
    """A target as one document states it."""

    report: Report
    unit: str
    total: float
    strong: bool  # stated with a total or as planned work; a plain mention is weak
    count_idx: int
    sentence_idx: int
    sentences: set[int] = field(default_factory=set)  # every sentence that speaks of it: the evidence to compare
    value: float | None = None
    status: str | None = None
    qualifier: str | None = None  # of the value ("about 1 million"), or of the total where no value is stated
    in_progress: float | None = None
    not_started: float | None = None
    due: str | None = None
    agencies: tuple[str, ...] = ()
    # the records each stated figure is read from, by stable id, so that readers apply a later review at once
    target_id: str | None = None  # the count that states the total
    total_field: str = "total"  # its field that holds the total: "total" ("6 of 38"), or "value" ("38 planned")
    value_id: str | None = None
    in_progress_id: str | None = None
    not_started_id: str | None = None

    @property
    def evidence(self) -> tuple[Report, int]:
        return self.report, self.sentence_idx


def target_total(count: dict) -> tuple[float, bool] | None:
    """Return the total a count states a target of, and whether it is stated firmly."""
    if count["unit"] in NO_TARGET_UNITS or count["value"] is None:
        return None
    if count["total"] is not None:
        return float(count["total"]), True
    if count["status"] == "planned":
        return float(count["value"]), True
    if count["status"] is None:
        return float(count["value"]), False
    return None


def observations(report: Report) -> list[Observation]:
    """Return a document's targets, one per unit and total, with progress filled in from its counts."""
    doc = report.doc
    found: dict[tuple[str, float], Observation] = {}
    for c in doc["counts"]:
        stated = target_total(c)
        if stated is None:
            continue
        total, strong = stated
        key = (c["unit"], total)
        obs = found.get(key)
        if obs is None or (strong and not obs.strong):
            found[key] = obs = Observation(report, c["unit"], total, strong, c["idx"], c["sentence_idx"],
                                           set(obs.sentences) if obs else set(), qualifier=c["qualifier"],
                                           target_id=c["id"], total_field="total" if c["total"] is not None else "value")
        obs.sentences.add(c["sentence_idx"])
        if c["total"] is not None and obs.value is None:
            obs.value, obs.status, obs.qualifier = float(c["value"]), c["status"] or "completed", c["qualifier"]
            obs.count_idx, obs.sentence_idx = c["idx"], c["sentence_idx"]
            obs.target_id = obs.value_id = c["id"]  # "6 of 38" states the value and the total at once
            obs.total_field = "total"
    strong_units = {unit for (unit, _), o in found.items() if o.strong}
    progress_values = {(c["unit"], float(c["value"])) for c in doc["counts"] if c["status"] in PROGRESS}
    targets = [o for o in found.values()
               # a plain "12 models" beside a firm target of models is one of its parts, not a target
               if o.strong or (o.unit not in strong_units and (o.unit, o.total) not in progress_values)]
    fill_progress(doc, targets)
    deadlines = defaultdict(list)
    for d in doc["deadlines"]:
        if d["role"] == "deadline" and d["due"]:
            deadlines[d["sentence_idx"]].append(d["due"])
    agencies = defaultdict(list)
    for a in doc["agencies"]:
        agencies[a["sentence_idx"]].append(a["name"])
    for o in targets:
        dues = [due for idx in sorted(o.sentences) for due in deadlines.get(idx, [])]
        o.due = max(dues) if dues else None
        o.agencies = tuple(dict.fromkeys(n for idx in sorted(o.sentences) for n in agencies.get(idx, [])))
    return targets


def fill_progress(doc: dict, targets: list[Observation]) -> None:
    """Give a target its completed, in-progress and not-started counts where the report states them apart."""
    by_unit = defaultdict(list)
    for o in targets:
        by_unit[o.unit].append(o)
    for unit, group in by_unit.items():
        if len(group) != 1:
            continue  # two targets of one unit: a loose "6 models completed" could belong to either
        o = group[0]
        for c in doc["counts"]:
            if c["unit"] != unit or c["total"] is not None or c["status"] not in PROGRESS or c["value"] > o.total:
                continue
            if c["status"] == "completed" and o.value is None:
                o.value, o.status, o.value_id, o.qualifier = float(c["value"]), "completed", c["id"], c["qualifier"]
            elif c["status"] == "in_progress" and o.in_progress is None:
                o.in_progress, o.in_progress_id = float(c["value"]), c["id"]
            elif c["status"] == "not_started" and o.not_started is None:
                o.not_started, o.not_started_id = float(c["value"]), c["id"]
            else:
                continue
            o.sentences.add(c["sentence_idx"])


@dataclass
class Point:
    """A target as one report (a document and its translations) states it."""

    group: str
    members: list[Observation]
    score: float = 1.0
    reason: str = "first report of this target"

    @property
    def main(self) -> Observation:
        return max(self.members, key=lambda o: (o.strong, o.value is not None))


def evidence_similarity(a: Point, b: Point, vectors: np.ndarray) -> float:
    """Best cosine between any sentence stating one point and any stating the other, in any of their languages."""
    best = 0.0
    for x in a.members:
        for y in b.members:
            sims = similarity(vectors, x.report, sorted(x.sentences), y.report, sorted(y.sentences))
            if sims.size:
                best = max(best, float(sims.max()))
    return best


def find_series(reports: list[Report], groups: dict[str, str], vectors: np.ndarray) -> tuple[list[dict], list[dict], list[dict]]:
    """Link targets across reports; return series, their points, and their totals and deadlines compared report by report."""
    group_of = {r.id: groups.get(r.id, r.id) for r in reports}
    by_scope: dict[str, dict[str, dict[tuple[str, float], list[Observation]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for r in reports:
        for o in observations(r):
            by_scope[(r.place or "").lower()][group_of[r.id]][(o.unit, o.total)].append(o)
    series_rows, points, compared = [], [], []
    for scope, by_group in by_scope.items():
        for chain in chain_targets(by_group, vectors, placed=bool(scope)):
            if not any(o.strong for p in chain for o in p.members):
                continue  # plain mentions that never met a firm target
            rows = series_records(chain)
            series_rows.append(rows[0])
            points.extend(rows[1])
            compared.extend(rows[2])
    return series_rows, points, compared


def chain_targets(by_group: dict[str, dict[tuple[str, float], list[Observation]]], vectors: np.ndarray,
                  placed: bool) -> list[list[Point]]:
    """Link one place's targets into series, report by report in date order."""
    def first_date(group: str) -> str:
        return min((o.report.date for obs in by_group[group].values() for o in obs if o.report.date), default="9999")

    chains: list[list[Point]] = []
    index: dict[tuple[str, float], list[int]] = defaultdict(list)  # (unit, total) -> chains
    by_unit: dict[str, list[int]] = defaultdict(list)
    for group in sorted(by_group, key=lambda g: (first_date(g), g)):
        for (unit, total), members in sorted(by_group[group].items()):
            point = Point(group, members)
            strong = any(o.strong for o in members)
            candidates = index[(unit, total)][-WINDOW:]  # the chains this target was last seen in
            best = same_total(point, [chains[ci] for ci in candidates], vectors, placed)
            if best is not None:
                best = (candidates[best[0]], *best[1:])
            elif strong and placed:
                best = revised_total(point, chains, by_unit[unit][-WINDOW:], vectors)
            if best is None:
                if not strong and not placed:
                    continue
                chains.append([point])
                ci = len(chains) - 1
                by_unit[unit].append(ci)
            else:
                ci, point.score, point.reason = best[0], round(best[1], 3), best[2]
                chains[ci].append(point)
            if ci in index[(unit, total)]:
                index[(unit, total)].remove(ci)
            index[(unit, total)].append(ci)  # most recently extended last
    return chains


def same_total(point: Point, candidates: list[list[Point]], vectors: np.ndarray, placed: bool) -> tuple[int, float, str] | None:
    """Pick the chain whose last report states the same unit and total with evidence that is not unrelated."""
    o = point.main
    floor = SAME_TARGET_FLOOR if placed else SAME_TARGET_NO_PLACE
    best = None
    for i, chain in enumerate(candidates):
        sim = evidence_similarity(chain[-1], point, vectors)
        if sim >= floor and (best is None or sim > best[1]):
            where = f"place {o.report.place}" if placed else "no place known"
            best = (i, sim, f"same unit '{o.unit}', {where}, total {number_text(o.total)}; evidence cosine {sim:.2f}")
    return best


def revised_total(point: Point, chains: list[list[Point]], recent: list[int], vectors: np.ndarray) -> tuple[int, float, str] | None:
    """Pick a recent chain of the same unit whose total this report revises: near-identical evidence, a
    total within REVISED_RATIO, and a firm target whose old total this report does not state again."""
    o = point.main
    best = None
    for ci in recent:
        last = chains[ci][-1].main
        if (last.total == o.total or not last.strong or not within_ratio(last.total, o.total)
                or chains[ci][-1].group == point.group):
            continue
        sim = evidence_similarity(chains[ci][-1], point, vectors)
        if sim >= REVISED_TOTAL and (best is None or sim > best[1]):
            best = (ci, sim, f"same unit '{o.unit}' and place {o.report.place}, total revised "
                             f"{number_text(last.total)} -> {number_text(o.total)}; evidence cosine {sim:.2f}")
    return best


def within_ratio(old: float, new: float) -> bool:
    """Whether a new total stays within REVISED_RATIO of the old one; a total of 0 or less is revised by nothing."""
    # a generated or misread "0 of 0" is a total too: dividing by it lost whole link runs
    return old > 0 and REVISED_RATIO[0] <= new / old <= REVISED_RATIO[1]


def series_records(chain: list[Point]) -> tuple[dict, list[dict], list[dict]]:
    """Turn a chain of points into a series row, one point row per document, and the comparisons of its totals
    and deadlines from report to report (those that differ are revisions).

    Each point row names the records its figures are read from (by stable id) and the sentences whose
    deadlines it takes, so that `reviewed_series_points` applies a review made after this run at once.
    """
    first = chain[0].main
    place = first.report.place
    # the id is a hash of what the series is; :g keeps the ids of earlier runs
    series_id = hashlib.sha1(f"{place}|{first.unit}|{first.total:g}|{chain[0].group}".encode()).hexdigest()[:12]
    agencies = [a for p in chain for o in p.members for a in o.agencies]
    agency = max(sorted(set(agencies)), key=agencies.count) if agencies else None
    last = chain[-1].main
    series = {"id": series_id, "unit": first.unit, "total": last.total, "place": place, "agency": agency,
              "last_document": last.report.id}
    rows, compared = [], []
    for point in chain:
        for o in point.members:
            rows.append({
                "series_id": series_id, "document_id": o.report.id, "group_id": point.group, "date": o.report.date,
                "value": o.value, "total": o.total, "status": o.status, "qualifier": o.qualifier, "in_progress": o.in_progress,
                "not_started": o.not_started, "count_idx": o.count_idx, "sentence_idx": o.sentence_idx,
                "due": o.due, "score": point.score, "reason": point.reason, "target_id": o.target_id,
                "total_field": o.total_field, "value_id": o.value_id, "in_progress_id": o.in_progress_id,
                "not_started_id": o.not_started_id, "sentences": json.dumps(sorted(o.sentences))})
    # a deadline is compared with the last report that gave one (a report silent on it moves nothing), as long
    # as the total stays: a revised total starts the target anew
    previous = chain[0].main
    for before, point in zip(chain, chain[1:]):
        o = point.main
        compared.append(revision("total", series_id, before.main.evidence, o.evidence, before.main.total,
                                 o.total, point.score, f"total of the '{o.unit}' target changed; {point.reason}"))
        if previous.due and o.due:
            compared.append(revision("deadline", series_id, previous.evidence, o.evidence, previous.due, o.due,
                                     point.score, f"deadline of the '{o.unit}' target changed; {point.reason}"))
        if o.due or previous.total != o.total:
            previous = o
    return series, rows, compared


def revision(kind: str, series_id: str | None, old: tuple[Report, int], new: tuple[Report, int], old_value: str | float,
             new_value: str | float, score: float, reason: str) -> dict:
    """Build one comparison row from the (report, sentence) that stated each value (a date, or a total written as
    people write it); later or larger is 'later' / 'up', the same value has no direction."""
    if old_value == new_value:
        direction = None
    elif kind == "deadline":
        direction = "later" if new_value > old_value else "earlier"
    else:
        direction = "up" if new_value > old_value else "down"
    if kind == "total":
        old_value, new_value = number_text(old_value), number_text(new_value)
    return {"kind": kind, "series_id": series_id, "old": old_value, "new": new_value, "direction": direction,
            "from_document": old[0].id, "to_document": new[0].id, "from_sentence_idx": old[1],
            "to_sentence_idx": new[1], "score": round(score, 3), "reason": reason}


# -- moved deadlines of commitments -----------------------------------------------------------


def dated_sentences(report: Report) -> dict[int, str]:
    """Map each sentence that sets a deadline to its (latest) due date.

    The sentence that dates the meeting is left out: a period in it ("held a conference to review
    the first quarter") is what the meeting looks back on. So is a date before the report's own:
    a report does not set a deadline that has already passed.
    """
    meeting = {d["sentence_idx"] for d in report.doc["deadlines"] if d["role"] == "event"}
    out: dict[int, str] = {}
    for d in report.doc["deadlines"]:
        idx = d["sentence_idx"]
        if d["role"] != "deadline" or not d["due"] or idx not in report.rows or idx in meeting:
            continue
        if report.date and d["due"] < report.date:
            continue
        out[idx] = max(out.get(idx, ""), d["due"])
    return out


def sentence_facts(report: Report, idx: int) -> tuple[set[str], set[str]]:
    """Agencies and counts of one sentence: what two statements of one commitment share.

    A ministry and a department of one domain compare equal: translations blur the level
    ("Innenministerium" for the provincial Department of Home Affairs)."""
    agencies = {LEVEL_FRAME.sub("", a["name"]) for a in report.doc["agencies"] if a["sentence_idx"] == idx}
    counts = {f"{c['unit']}:{number_text(c['value'])}" for c in report.doc["counts"] if c["sentence_idx"] == idx}
    return agencies, counts


def conveners(report: Report) -> set[str]:
    """Agencies named in the sentence that dates the meeting: they appear everywhere and tell nothing."""
    meeting = {d["sentence_idx"] for d in report.doc["deadlines"] if d["role"] == "event"}
    return {a["name"] for a in report.doc["agencies"] if a["sentence_idx"] in meeting}


def find_moved_deadlines(reports: list[Report], groups: dict[str, str], vectors: np.ndarray,
                         already: set[tuple[str, int]]) -> list[dict]:
    """Match each report's dated commitments with the latest earlier statement among the WINDOW reports
    before it in its place; return every match: a different date is a moved deadline, the same date is
    kept (and a review of either date can still move it)."""
    by_place: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        if r.place and r.date and r.rows:
            by_place[r.place].append(r)
    out = []
    for place_reports in by_place.values():
        place_reports.sort(key=lambda r: (r.date, r.id))
        for i, new in enumerate(place_reports):
            pending = {idx: due for idx, due in dated_sentences(new).items() if (new.id, idx) not in already}
            for old in reversed(place_reports[max(0, i - WINDOW):i]):  # the latest earlier statement wins
                if not pending:
                    break
                if groups.get(old.id, old.id) == groups.get(new.id, new.id) or old.date == new.date:
                    continue
                for idx, row in moved_between(old, new, pending, vectors):
                    pending.pop(idx, None)  # matched: moved or kept, older reports are not asked again
                    out.append(row)
    return out


def moved_between(old: Report, new: Report, new_dated: dict[int, str], vectors: np.ndarray) -> list[tuple[int, dict]]:
    """Return the dated sentences of new that state a commitment of old again, each with the comparison of
    the two dates (a revision where they differ)."""
    old_dated = dated_sentences(old)
    if not old_dated:
        return []
    old_idx, new_idx = list(old_dated), list(new_dated)
    sims = similarity(vectors, old, old_idx, new, new_idx)
    generic = {LEVEL_FRAME.sub("", name) for name in conveners(old) | conveners(new)}
    out = []
    for j, nj in enumerate(new_idx):
        i = int(np.argmax(sims[:, j]))
        sim, oi = float(sims[i, j]), old_idx[i]
        (old_agencies, old_counts), (new_agencies, new_counts) = sentence_facts(old, oi), sentence_facts(new, nj)
        shared = ((old_agencies & new_agencies) - generic) | (old_counts & new_counts)
        if old_counts and new_counts and not old_counts & new_counts:
            continue  # both state an amount of work, and not the same one: two commitments
        if sim < SAME_COMMITMENT or not shared:
            continue
        # the dates are the row's old and new, not part of the reason: a review of either changes them
        out.append((nj, revision("deadline", None, (old, oi), (new, nj), old_dated[oi], new_dated[nj], sim,
                                 f"same commitment (evidence cosine {sim:.2f}; both name {', '.join(sorted(shared))})")))
    return out


# -- the whole run ----------------------------------------------------------------------------


@dataclass
class LinkSummary:
    """What a linking run found and how long it took."""

    documents: int
    sentences: int
    embedded: int
    translation_groups: int
    series: int
    revisions: int
    seconds: float
    embed_seconds: float


def link(store: Store, embedder: Embedder, progress: Callable[[int], None] | None = None,
         on_total: Callable[[int], None] | None = None, engine: Engine | None = None) -> LinkSummary:
    """Embed what is new, find translations, series and revisions, and replace the stored links."""
    started = time.perf_counter()
    docs = store.link_inputs()
    keys, texts = all_sentences(docs)
    if on_total:
        on_total(len(texts))
    vectors, embedded = embed_texts(store, embedder, texts, progress=progress, engine=engine)
    embed_seconds = time.perf_counter() - started
    reports = build_reports(docs, keys)
    translations, groups = find_translations(reports, vectors, texts)
    series, points, compared = find_series(reports, groups, vectors)
    already = {(r["to_document"], r["to_sentence_idx"]) for r in compared if r["kind"] == "deadline" and r["direction"]}
    compared += find_moved_deadlines(reports, groups, vectors, already)
    # what changed is a revision; what a later report states again unchanged is kept, so that a review of
    # either side can make it one (see reviews.revisions_view_sql); one numbering for both
    revisions = [r for r in compared if r["direction"]]
    restatements = [r for r in compared if not r["direction"]]
    for i, r in enumerate(revisions + restatements, 1):
        r["id"] = i
    group_rows = [{"document_id": d, "group_id": g} for d, g in sorted(groups.items())]
    summary = LinkSummary(len(docs), len(texts), embedded, len(set(groups.values())), len(series), len(revisions),
                          round(time.perf_counter() - started, 3), round(embed_seconds, 3))
    run = {"at": now(), "model": embedder.name, **{k: getattr(summary, k) for k in (
        "documents", "sentences", "embedded", "translation_groups", "series", "revisions", "seconds")}}
    store.replace_links({"translation_links": translations, "translation_groups": group_rows, "series": series,
                         "series_points": points, "revisions": revisions, "restatements": restatements}, run)
    write_index(store.path, embedder.name, keys, vectors, index_stamp(run))
    return summary

