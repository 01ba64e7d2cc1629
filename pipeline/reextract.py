"""Extract again from stored texts after the rules, the language resources or the model changed.

No source file is read: each document's text, format and language come from the store. Each
document's records are replaced in one transaction, and what changed is told by record id (a
record keeps its id while it keeps its span, see `store.record_id`): added, removed, and changed
with the fields that differ. Reviews live in their own table and apply again by record id; a
review whose record is gone is an orphan (see `reviews.orphans`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .engine import Engine, LocalEngine
from .extract import Extractor, warm_up
from .records import Document, Extraction, Language
from .store import FACT_TABLES, Store

# file-level sources of `published`: extraction cannot find them in the text again, so they go back in
FILE_LEVEL = ("html-metadata", "pdf-metadata", "user")
IGNORED = {"id", "document_id", "idx", "sentence_idx"}  # positions, not findings


@dataclass(frozen=True)
class Change:
    """What re-extraction did to one document's records."""

    document_id: str
    source: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, record id)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, dict[str, tuple]]] = field(default_factory=list)  # (kind, id, field -> (old, new))

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def stored_document(row: dict) -> tuple[Document, Language]:
    """Rebuild the Document and Language that ingest gave extraction, from a stored row."""
    keep = row["published_source"] in FILE_LEVEL
    document = Document(id=row["id"], source=row["source"], text=row["text"], format=row["format"],
                        title=row["title"], url=row["url"], published=row["published"] if keep else None,
                        published_source=row["published_source"] if keep else None)
    return document, Language(row["language"], row["language_confidence"] or 0.0, bool(row["supported"]))


def compare(before: dict[str, list[dict]], after: dict[str, list[dict]], document_id: str, source: str) -> Change:
    """Tell added, removed and changed records between two extractions of one document, by record id."""
    change = Change(document_id, source)
    for kind in FACT_TABLES:
        old = {r["id"]: r for r in before.get(kind, [])}
        new = {r["id"]: r for r in after.get(kind, [])}
        change.added.extend((kind, i) for i in new if i not in old)
        change.removed.extend((kind, i) for i in old if i not in new)
        for i in old.keys() & new.keys():
            fields = {k: (old[i][k], new[i].get(k)) for k in old[i] if k not in IGNORED and old[i][k] != new[i].get(k)}
            if fields:
                change.changed.append((kind, i, fields))
    return change


def extract_task(extractor: Extractor, item: tuple[Document, Language]) -> Extraction:
    """Extract one stored document again, on any engine's worker."""
    document, language = item
    return extractor(document, language)


def stored_items(store: Store, ids: list[str]) -> Iterator[tuple[Document, Language]]:
    """Read the stored documents one at a time, as the engine asks for them."""
    for doc_id in ids:
        yield stored_document(store.stored_text(doc_id))


def reextract(store: Store, document_ids: Iterable[str] | None = None, extractor: Extractor | None = None,
              engine: Engine | None = None) -> Iterator[Change]:
    """Extract every stored document (or these) again, replacing its records; yield what changed, one document at a time.

    The engine (default: this process) extracts; the texts travel with the tasks, since there are no
    source files to read, and this process alone replaces the records.
    """
    ids = list(document_ids) if document_ids is not None else [d["id"] for d in store.iter_documents()]
    extractor = extractor or Extractor()
    engine = engine or LocalEngine(1)
    if ids and isinstance(engine, LocalEngine):
        warm_up()
    for done in engine.map(extract_task, stored_items(store, ids), extractor):
        if done.error is not None:
            raise done.error
        document, _ = done.item
        before, after = store.replace_records(document.id, done.result)
        yield compare(before, after, document.id, document.source)
