"""Queries over evidence sentences: the filters of `docket query`, full-text search, records by sentence.

A page of `docket query` is found one of two ways (`QueryMixin.choose_plan`): walked, reading documents
in date order through an index and testing each sentence until the page is full (its cost is the page's,
not the store's, when the filters are broad), or driven from the index of the narrowest filter, whose
whole answer is then sorted by date (its cost is that answer's, small when the filter is rare). A walk
goes window by window over ranges of the key (event_date, source) and drives what its budget leaves.
Every way gives the same sentences in the same order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from .base import FACT_TABLES

# the columns of each kind of record that a query hit carries
ATTACHED = {"counts": "id, value, total, unit, status, qualifier, text, review_status",
            "deadlines": "id, due, granularity, role, text, review_status",
            "agencies": "id, name, role, text, review_status"}

# what a driven read costs per candidate (its document's date and source looked up, its tests, the sort) over
# what a walk costs per sentence it passes (index steps and tests): about 6 to 8 measured here at 5,000 reports
DRIVEN_COST = 6
SAMPLE = 100  # candidates of the narrowest filter tested against every filter, to see how many match and where
RANK_BOUND = 20_000  # candidates counted at most to pick the narrowest of several filters, or a broad one's window

ORDER = "ORDER BY d.event_date, d.source, s.idx, s.document_id"
FTS_ROWIDS = "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?"
FTS_MATCH = f"s.rowid IN ({FTS_ROWIDS})"
HIT_COLUMNS = "s.document_id, s.idx, s.text, d.source, d.language, d.place, d.event_date"


@dataclass(frozen=True)
class Driver:
    """A filter that an index answers: its candidates (a clause on sentence s), and a probe that counts them."""

    name: str
    clause: str  # selects the sentences s of the index's candidates (a superset of the answer)
    params: tuple
    probe: tuple[str, tuple]  # SELECT of one row per candidate, through the index alone
    key: str = "(s.document_id, s.idx)"  # what of a sentence a row of the probe names


@dataclass
class SentenceQuery:
    """The filters of one query as SQL: conditions on the document d, tests on the sentence s, and drivers."""

    documents: list[tuple[str, tuple]] = field(default_factory=list)
    tests: list[tuple[str, tuple]] = field(default_factory=list)
    drivers: list[Driver] = field(default_factory=list)
    search: str | None = None

    @classmethod
    def of(cls, unit: str | None = None, status: str | None = None, agency: str | None = None,
           due_before: str | None = None, due_after: str | None = None, language: str | None = None,
           search: str | None = None, place: str | None = None, history: bool = False) -> SentenceQuery:
        """Turn the CLI's filters into conditions, tests and drivers; a test reads the reviewed views, so it is exact."""
        q = cls()
        if not history:  # the current version of each source, unless its history is asked for
            q.documents.append(("d.version = (SELECT MAX(v.version) FROM documents v WHERE v.source = d.source)", ()))
        if language:
            q.documents.append(("d.language = ?", (language,)))
        if place:
            q.documents.append(("d.place = ? COLLATE NOCASE", (place,)))
        if unit:
            q.record_filter("counts", "unit", "c.unit = ? COLLATE NOCASE", (unit,),
                            "SELECT document_id, sentence_idx FROM counts WHERE unit = ? COLLATE NOCASE")
        if status:
            q.record_filter("counts", "status", "c.status = ?", (status,),
                            "SELECT document_id, sentence_idx FROM counts WHERE status = ?")
        if agency:
            # a substring: matched against the distinct names (agency_names), then their records by the name index
            q.record_filter("agencies", "agency", "c.name LIKE ? COLLATE NOCASE", (f"%{agency}%",),
                            "SELECT document_id, sentence_idx FROM agencies WHERE name IN "
                            "(SELECT name FROM agency_names WHERE name LIKE ?)")
        if due_before or due_after:
            cond = ["c.role = 'deadline'"] + ["c.due <= ?"] * bool(due_before) + ["c.due >= ?"] * bool(due_after)
            dates = tuple(d for d in (due_before, due_after) if d)
            q.record_filter("deadlines", "due", " AND ".join(cond), dates,
                            "SELECT document_id, sentence_idx FROM deadlines WHERE " + " AND ".join(cond).replace("c.", ""))
        if search:
            q.search = fts_query(search)
            q.drivers.append(Driver("search", FTS_MATCH, (q.search,), (FTS_ROWIDS, (q.search,)), "s.rowid"))
        return q

    def record_filter(self, table: str, name: str, condition: str, params: tuple, candidates_sql: str) -> None:
        """Add a filter on one kind of record: a test of the sentence's reviewed records, and a driver from its index."""
        self.tests.append((f"EXISTS (SELECT 1 FROM reviewed_{table} c WHERE c.document_id = s.document_id "
                           f"AND c.sentence_idx = s.idx AND {condition})", params))
        self.drivers.append(Driver(name, candidates(table, candidates_sql), params, (candidates_sql, params)))

    def walk_sql(self, limit: int | None, keys: tuple[str, tuple] | None = None) -> tuple[str, list]:
        """Return the query that reads documents in date order (an index on place, language or date serves the order,
        within a range of keys if given) and tests each of their sentences, so that SQLite stops when the page is full."""
        where = self.documents + ([keys] if keys else []) + self.tests
        if self.search:
            # the matching rowids are read once into a set (well under a microsecond each): a match sought per
            # sentence costs a full-text query each, 20-200 us
            where.append((FTS_MATCH, (self.search,)))
        return self.sql("FROM documents d CROSS JOIN sentences s ON s.document_id = d.id", where, limit)

    def driven_sql(self, limit: int | None, driver: Driver | None, keys: tuple[str, tuple] | None = None) -> tuple[str, list]:
        """Return the query that starts from the driver's candidates (of documents in a range of keys, if given)
        and tests the other filters on each."""
        where = self.documents + ([keys] if keys else [])
        if driver is not None:
            where.append((driver.clause, driver.params))
        where += self.tests  # a driver's candidates are a superset (every reviewed record): its own test stays
        if self.search and (driver is None or driver.name != "search"):
            where.append((FTS_MATCH, (self.search,)))
        return self.sql("FROM sentences s JOIN documents d ON d.id = s.document_id", where, limit)

    def sample_sql(self, driver: Driver, size: int) -> tuple[str, list]:
        """Return the query that gives the sentences of the driver's first candidates: each one's key (event_date,
        source) and whether it matches every filter."""
        where = self.documents + self.tests + ([(FTS_MATCH, (self.search,))] if self.search else [])
        probe, probe_params = driver.probe
        matches = " AND ".join(f"({c})" for c, _ in where) or "1"
        return (f"SELECT d.event_date, d.source, {matches} FROM sentences s JOIN documents d ON d.id = s.document_id "
                f"WHERE {driver.key} IN (SELECT * FROM ({probe} LIMIT {int(size)}))",
                [p for _, ps in where for p in ps] + list(probe_params))

    @staticmethod
    def sql(source: str, where: list[tuple[str, tuple]], limit: int | None) -> tuple[str, list]:
        """Join the parts into one SELECT of hits, by date, with its parameters in order."""
        clauses = [c for c, _ in where] or ["1 = 1"]
        sql = f"SELECT {HIT_COLUMNS} {source} WHERE {' AND '.join(clauses)} {ORDER}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return sql, [p for _, ps in where for p in ps]


@dataclass(frozen=True)
class Plan:
    """How a page is found: walked in date order through about `window` documents (all when None), the rest then
    driven; or driven from `driver` alone."""

    walk: bool
    driver: Driver | None = None
    window: int | None = None
    first: int | None = None  # the first window, if smaller: where the sample says the page fills


Key = tuple[str | None, str]  # a document's place in the order of hits: (event_date, source)


def order_key(key: Key) -> tuple[bool, str, str]:
    """Return what sorts keys as SQLite does: NULL dates first."""
    return key[0] is not None, key[0] or "", key[1]


def key_ranges(low: Key | None, high: Key | None) -> list[tuple[str, tuple]]:
    """Return conditions on the documents whose key sorts after low and up to high (None: no bound), in order, each
    one range of an index on (..., event_date, source): SQLite sorts NULL dates first, but a row value holding
    NULL compares to nothing, so the undated documents are a range of their own."""
    out = []
    low_dated, high_undated = low is not None and low[0] is not None, high is not None and high[0] is None
    if not low_dated:  # undated documents may lie in the range
        cond, params = ["d.event_date IS NULL"], []
        if low is not None:
            cond.append("d.source > ?"); params.append(low[1])
        if high_undated:
            cond.append("d.source <= ?"); params.append(high[1])  # type: ignore[index]
        out.append((" AND ".join(cond), tuple(params)))
    if not high_undated:
        cond, params = [], []
        if low_dated:
            cond.append("(d.event_date, d.source) > (?, ?)"); params += low  # type: ignore[arg-type]
        if high is not None:
            cond.append("(d.event_date, d.source) <= (?, ?)"); params += high
        out.append((" AND ".join(cond) or "d.event_date IS NOT NULL", tuple(params)))
    return out


class QueryMixin:
    """Finding sentences and their records by the CLI's filters (used as part of Store)."""

    def query_records(self, unit: str | None = None, status: str | None = None, agency: str | None = None,
                      due_before: str | None = None, due_after: str | None = None, language: str | None = None,
                      search: str | None = None, place: str | None = None, limit: int | None = None,
                      history: bool = False, plan: str | None = None, window: int | None = None) -> list[dict]:
        """Return counts, deadlines and agencies joined to their sentences, filtered as asked, by date.

        Filters that concern one kind of record (unit, status; due dates; agency) select the
        sentences that hold such a record, and every record of those sentences is returned, so
        that "--agency 'Provincial Police' --due-before 2025-12-31" finds the police's dated tasks.
        plan ("walk" or "driven") and window (documents a walk reads before the rest is driven) override
        `choose_plan`, for tests and benchmarks: every plan gives the same sentences in the same order.
        """
        if plan not in (None, "walk", "driven"):
            raise ValueError(f"no plan {plan!r} (plans: walk, driven)")
        q = SentenceQuery.of(unit=unit, status=status, agency=agency, due_before=due_before, due_after=due_after,
                             language=language, search=search, place=place, history=history)
        chosen = self.choose_plan(q, limit)
        if plan or window:
            chosen = Plan(plan == "walk" if plan else chosen.walk, chosen.driver, window if limit else None)
        out = self.attach_many(self.walk(q, limit, chosen) if chosen.walk
                               else self.hits(*q.driven_sql(limit, chosen.driver)))
        for sentence in out:
            if unit:
                sentence["counts"] = [c for c in sentence["counts"] if c["unit"].lower() == unit.lower()]
            if status:
                sentence["counts"] = [c for c in sentence["counts"] if c["status"] == status]
        return out

    def hits(self, sql: str, params: list) -> list[dict]:
        """Return the sentence rows a query of SentenceQuery selects."""
        return list(self.db.query(sql, params))

    def walk(self, q: SentenceQuery, limit: int | None, plan: Plan) -> list[dict]:
        """Return a page walked in date order, window by window, the rest driven when the walk's budget is spent.

        The first window is the plan's (where its sample says the page fills); the next is twice what the last window's rate of hits says the page still
        needs (none when it found nothing); the walk stops at twice the first window (what a driven read was
        estimated to cost) and drives the rest, from after the last key walked. Windows end after a whole key
        (event_date, source), so that two versions of a file of one date are never cut apart, and each is walked
        through index ranges that end.
        """
        if not plan.window or not limit:
            return self.hits(*q.walk_sql(limit))
        out: list[dict] = []
        low: Key | None = None
        walked, size = 0, plan.first or plan.window
        while walked + size <= 2 * plan.window:
            high = self.key_at(q, walked + size - 1)  # None: the documents end before it
            before = len(out)
            for keys in key_ranges(low, high):
                out += self.hits(*q.walk_sql(limit - len(out), keys))
                if len(out) == limit:
                    return out
            if high is None:
                return out
            if len(out) == before:
                break
            low, walked, size = high, walked + size, math.ceil(2 * (limit - len(out)) * size / (len(out) - before))
        after = key_ranges(low, None)
        where = ("(" + " OR ".join(f"({c})" for c, _ in after) + ")", tuple(p for _, ps in after for p in ps))
        return out + self.hits(*q.driven_sql(limit - len(out), plan.driver, where))

    def key_at(self, q: SentenceQuery, position: int) -> Key | None:
        """Return the key (event_date, source) at this position (from 0) in the order the walk reads documents (of the
        query's place or language, from the same index), or None when there are fewer keys."""
        where = [c for c in q.documents if not c[0].startswith("d.version")]  # versions only thin the windows
        sql = (f"SELECT DISTINCT d.event_date, d.source FROM documents d WHERE {' AND '.join(c for c, _ in where) or '1 = 1'} "
               f"ORDER BY d.event_date, d.source LIMIT 1 OFFSET {int(position)}")
        row = self.db.execute(sql, [p for _, ps in where for p in ps]).fetchone()
        return (row[0], row[1]) if row else None

    def probe(self, driver: Driver, cap: int) -> int:
        """Return how many records (or sentences) a filter's index holds for it, counted up to cap."""
        sql, params = driver.probe
        return self.db.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT {int(cap)})", params).fetchone()[0]

    def narrowest(self, q: SentenceQuery, cap: int) -> tuple[Driver, int]:
        """Return the filter with the fewest candidates and how many it has (counted up to cap)."""
        sizes = [self.probe(d, cap) for d in q.drivers]
        return q.drivers[sizes.index(min(sizes))], min(sizes)

    def choose_plan(self, q: SentenceQuery, limit: int | None) -> Plan:
        """Pick how to find a page of sentences: walked in date order or driven from the narrowest filter.

        A walk reads sentences in date order until the page is full: with filters matching m of the store's
        s sentences it passes about limit * s / m of them. A driven read takes every candidate of the narrowest
        filter and sorts them: about DRIVEN_COST * m. The walk is cheaper when m exceeds sqrt(limit * s /
        DRIVEN_COST) (a few hundred at 5,000 reports, about 10,000 at 1,000,000), so each filter's candidates
        are counted from its index up to that bound; when one falls short, it drives. When every filter reaches it,
        the walk is given the documents whose sentences cost what the driven read would (its window), and is taken
        if a sample of the narrowest filter's candidates says the page fills there: broad filters may match few
        sentences together (an agency with a due date), or lie late in the order (a due date the early reports do
        not reach, undated reports first). A walk that does not fill its page drives the rest. Without a limit
        every match is read anyway: driven.
        """
        if not q.drivers:
            return Plan(walk=bool(limit))
        if not limit and len(q.drivers) == 1:
            return Plan(walk=False, driver=q.drivers[0])
        sentences = self.db.execute("SELECT MAX(rowid) FROM sentences").fetchone()[0] or 0
        # without a limit, counting further tells the narrowest filter apart, and costs little beside reading its answer
        bound = math.isqrt(limit * sentences // DRIVEN_COST) + 1 if limit else RANK_BOUND
        driver, least = self.narrowest(q, bound)
        if not limit or least < bound:
            return Plan(walk=False, driver=driver)
        driver, least = self.narrowest(q, RANK_BOUND)
        documents = self.db.execute("SELECT MAX(rowid) FROM documents").fetchone()[0] or 1
        window = max(limit, DRIVEN_COST * least * documents // max(sentences, 1))
        sample = self.db.execute(*q.sample_sql(driver, SAMPLE)).fetchall()
        matches = [order_key((date, source)) for date, source, match in sample if match]
        # the documents that would fill the page if the matches were spread evenly, four times over; then the window
        # (which may hold every document of the query's place or language)
        even = math.ceil(4 * limit * documents * len(sample) / (least * len(matches))) if matches else window
        for size in sorted({min(even, window), window}):
            end = self.key_at(q, size - 1)
            if end is None or least * sum(1 for m in matches if m <= order_key(end)) / len(sample) >= limit:
                return Plan(walk=True, driver=driver, window=window, first=size)
        return Plan(walk=False, driver=driver)

    def fact_rows(self, kind: str) -> list[dict]:
        """Return every record of one kind, reviews applied, with its document's facts and its sentence."""
        if kind not in FACT_TABLES:
            raise ValueError(f"no records of kind {kind!r} (kinds: {', '.join(FACT_TABLES)})")
        return list(self.db.query(
            f"SELECT t.*, d.source, d.language, d.place, d.event_date, s.text AS sentence FROM reviewed_{kind} t "
            f"JOIN documents d ON d.id = t.document_id "
            f"LEFT JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx "
            f"ORDER BY d.event_date, d.source, t.idx"))

    def records_of(self, ids: list[str]) -> dict[str, dict[str, list[dict]]]:
        """Return every record of these documents by document and kind, as `document_records` gives one document's
        (reviews applied, rejected ones left out, each with its evidence sentence): five reads per 400 documents."""
        out: dict[str, dict[str, list[dict]]] = {doc: {table: [] for table in FACT_TABLES} for doc in ids}
        for chunk in chunked(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            sentences = {(doc, idx): text for doc, idx, text in self.db.execute(
                f"SELECT document_id, idx, text FROM sentences WHERE document_id IN ({marks})", chunk)}
            for table in FACT_TABLES:
                for row in self.db.query(f"SELECT * FROM reviewed_{table} WHERE document_id IN ({marks}) "
                                         "ORDER BY document_id, idx", chunk):
                    row["sentence"] = sentences.get((row["document_id"], row["sentence_idx"]))
                    out[row["document_id"]][table].append(row)
        return out

    def documents_with_rejections(self, ids: list[str]) -> set[str]:
        """Return which of these documents have a rejected record (whose reviews `reviews.rejected` then reads)."""
        found: set[str] = set()
        for chunk in chunked(sorted(set(ids))):
            found.update(doc for (doc,) in self.db.execute(
                f"SELECT DISTINCT document_id FROM reviews WHERE status = 'rejected' AND document_id IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return found

    def count_ids(self) -> dict[tuple[str, int], str]:
        """Map (document id, count index) to the count's record id, for commitments that list counts by index."""
        return {(doc, idx): rid for doc, idx, rid in self.db.execute("SELECT document_id, idx, id FROM counts")}

    def attach_records(self, sentence: dict) -> dict:
        """Add the counts, deadlines and agencies found in a sentence row (document_id, idx), reviews applied."""
        return self.attach_many([sentence])[0]

    def attach_many(self, sentences: list[dict]) -> list[dict]:
        """Add their counts, deadlines and agencies to sentence rows, reviews applied: three reads per 500 documents."""
        for row in sentences:
            row.update(counts=[], deadlines=[], agencies=[])
        by_key = {(row["document_id"], row["idx"]): row for row in sentences}
        docs = sorted({row["document_id"] for row in sentences})
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for table, columns in ATTACHED.items():
                # by document through the (document_id, sentence_idx) index; a record of a sentence not asked is dropped
                for record in self.db.query(f"SELECT document_id, sentence_idx, {columns} FROM reviewed_{table} "
                                            f"WHERE document_id IN ({marks}) ORDER BY document_id, idx", chunk):
                    row = by_key.get((record.pop("document_id"), record.pop("sentence_idx")))
                    if row is not None:
                        row[table].append(record)
        return sentences


def chunked(items: list, size: int = 400) -> Iterator[list]:
    """Yield items in lists of at most size, so that an IN (...) stays within SQLite's bound parameters."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def candidates(table: str, records_sql: str) -> str:
    """Return a clause that drives a query from the records records_sql selects (document_id, sentence_idx) through an
    index, and from every reviewed record (a correction may make one match); a test of the reviewed view then
    decides, so the answer is exact."""
    return (f"s.rowid IN (SELECT x.rowid FROM ({records_sql} "
            f"UNION SELECT t.document_id, t.sentence_idx FROM reviews r CROSS JOIN {table} t ON t.id = r.record_id "
            f"WHERE r.kind = '{table}') k CROSS JOIN sentences x ON x.document_id = k.document_id AND x.idx = k.sentence_idx)")


def fts_query(text: str) -> str:
    """Quote each word so that user text never breaks FTS5 syntax; a word ending in * matches words that start so."""
    out = []
    for word in text.split():
        stem = word.replace('"', "").strip("*")
        if stem:  # FTS5 has prefix queries ("Provinz"*) but no suffix or infix ones: a leading * is dropped
            out.append(f'"{stem}"' + ("*" if word.endswith("*") else ""))
    return " ".join(out) or '""'
