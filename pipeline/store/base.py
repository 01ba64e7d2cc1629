"""What every part of the store shares: sqlite-utils (imported without pandas), the schema's constants,
record ids and the clock."""

from __future__ import annotations

import hashlib
import sys
from datetime import datetime, timezone
from types import ModuleType


def import_sqlite_utils() -> ModuleType:
    """Import sqlite-utils without pandas.

    sqlite-utils imports pandas at start-up when it is installed (the `notebook` extra), only to
    accept pandas values in inserts, which Docket never makes; that costs every command 1.5-2 s.
    """
    hide = "pandas" not in sys.modules
    if hide:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` now raises ImportError
    try:
        import sqlite_utils as module
    finally:
        if hide:
            del sys.modules["pandas"]
    return module


sqlite_utils = import_sqlite_utils()

RECORD_TABLES = ("counts", "deadlines", "agencies", "commitments", "sentences")
FACT_TABLES = ("counts", "deadlines", "agencies", "commitments")
MAX_NUMBER = 1e15  # larger than any count a report states; a 400-digit "number" would be stored as inf


def record_id(document_id: str, kind: str, start: int, end: int) -> str:
    """Return a record's stable id: its document's content hash, its kind and its span.

    The same text gives the same id whatever file it came from and whatever rules read it,
    so that a review of a record survives a re-ingest, a renamed file and new rules.
    """
    return hashlib.sha256(f"{document_id}|{kind}|{start}|{end}".encode()).hexdigest()[:16]


def now() -> str:
    """Return the current UTC time as an ISO string."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
