"""`docket serve`: the store in Datasette, with Docket's metadata, canned queries, pages and review form.

Everything Docket adds is registered through Datasette's plugin hooks (`plugin.py`) and its
metadata (`metadata.py`, `queries.py`); there is no web app of Docket's own.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def register_plugin() -> None:
    """Register Docket's hooks with Datasette's plugin manager (once per process)."""
    from datasette.plugins import pm

    from . import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="docket")


def make_datasette(path: str | Path, review: bool = False):
    """Return a Datasette serving the store at path as the database 'docket'; review turns the form on."""
    from datasette.app import Datasette
    from datasette.database import Database

    from .metadata import DATABASE, metadata

    register_plugin()
    ds = Datasette(metadata=metadata(review), template_dir=str(TEMPLATES),
                   settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 500})
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=DATABASE)
    return ds


def serve(path: str | Path, host: str = "127.0.0.1", port: int = 8001, review: bool = False) -> None:
    """Serve the store until interrupted; the model for meaning search loads in the background meanwhile."""
    import uvicorn

    from .pages import warm_embedder

    warm_embedder()
    uvicorn.run(make_datasette(path, review).app(), host=host, port=port, log_level="warning")
