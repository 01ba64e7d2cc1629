"""Opening a database: WAL mode, a busy timeout, foreign keys, and the migrations in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import reviews
from ..errors import StoreError
from .base import sqlite_utils
from .migrations import MIGRATIONS, SCHEMA_VERSION


class StoreBase:
    """The connection to a Docket database: opened in WAL mode and migrated to SCHEMA_VERSION."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=60)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA busy_timeout = 60000")
            if self.path != ":memory:":
                self.db.enable_wal()
            self.db.execute("PRAGMA foreign_keys = ON")
            # in WAL mode NORMAL keeps the database consistent through a crash; it may lose the last
            # commits on power loss, which a re-run of the same ingest restores
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def schema_version(self) -> int:
        """Return the schema version the database is at (0 when new)."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the database to SCHEMA_VERSION, one migration at a time, each in its own transaction."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(f"database {self.path} has schema {version}; this Docket knows up to {SCHEMA_VERSION}")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](self.db)
                self.db.conn.execute(f"PRAGMA user_version = {target}")
            if version < SCHEMA_VERSION:  # the views list the record tables' columns: rebuild them after any migration
                reviews.create_views(self.db)
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise
