"""Docket: track government commitments in multilingual meeting reports.

Data flows one way: ingest -> detect -> extract -> store -> (link, report). The Python API is
`pipeline.api`; `import pipeline as docket; docket.open(path)` opens a store.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Docket", "open", "__version__"]


def __getattr__(name: str) -> Any:
    """Load the API on first use, so that `import pipeline` stays cheap for the command line."""
    if name in ("Docket", "open"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
