"""The SQLite store: the only package that speaks SQL.

Each document is written in one IMMEDIATE transaction, so a crash, a Ctrl-C or a second
`docket ingest` on the same file never leaves half a document, and a re-run stores what is
missing. The schema carries a version; MIGRATIONS bring an older database up to date.

One module a concern: `connection` opens and migrates, `migrations` holds the schema a version at
a time, `documents` writes and reads documents and records, `queries` finds sentences by the CLI's
filters, `links` holds what linking reads and writes, `translations` the groups it found, `embeddings` the
vectors it keeps; reviews live in `pipeline.reviews`. Store
joins them into the one object the rest of Docket uses.
"""

from __future__ import annotations

from .base import FACT_TABLES, MAX_NUMBER, RECORD_TABLES, import_sqlite_utils, now, record_id, sqlite_utils
from .connection import StoreBase
from .documents import DocumentsMixin, sane_counts, sane_number
from .embeddings import EmbeddingsMixin
from .links import LinksMixin
from .migrations import MIGRATIONS, SCHEMA_VERSION, migrate_to_1, migrate_to_2, migrate_to_3, migrate_to_4, migrate_to_5, migrate_to_6, migrate_to_7
from .queries import QueryMixin, candidates, chunked, fts_query
from .translations import TranslationsMixin

__all__ = ["FACT_TABLES", "MAX_NUMBER", "MIGRATIONS", "RECORD_TABLES", "SCHEMA_VERSION", "Store", "candidates", "chunked",
           "fts_query", "import_sqlite_utils", "migrate_to_1", "migrate_to_2", "migrate_to_3", "migrate_to_4",
           "migrate_to_5", "migrate_to_6", "migrate_to_7", "now", "record_id", "sane_counts", "sane_number", "sqlite_utils"]


class Store(DocumentsMixin, QueryMixin, LinksMixin, TranslationsMixin, EmbeddingsMixin, StoreBase):
    """A Docket database: `Store(path)` opens (and creates or migrates) it; see the modules for what it does."""
