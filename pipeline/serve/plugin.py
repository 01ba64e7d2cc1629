"""Docket's Datasette plugin: its pages, the year facet, and links from records to their pages.

Registered with Datasette's plugin manager by `pipeline.serve.make_datasette` (no entry point, no
plugins folder), so a plain `datasette` run elsewhere on the machine does not load it.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup

from ..reviews import KINDS
from ..written import number_text
from .metadata import DATABASE
from .pages import ROUTES

RECORD_TABLES = set(KINDS) | {f"reviewed_{k}" for k in KINDS}
DOCUMENT_COLUMNS = ("document_id", "from_document", "to_document")


@hookimpl
def register_routes():
    """Add the record, document, places and place pages under /-/docket/."""
    return ROUTES


@hookimpl
def register_facet_classes():
    """Add the year facet."""
    from .facets import YearFacet

    return [YearFacet]


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Link a record id to its page, and (in query results) a document id to its text; write numbers as people do
    (38, not 38.0; 1,000,000)."""
    if database == DATABASE and isinstance(value, float):
        return number_text(value)
    if database != DATABASE or not isinstance(value, str) or not value:
        return None
    if column == "id" and (table in RECORD_TABLES or table is None):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/-/docket/record/{value}"), value)
    if column in DOCUMENT_COLUMNS and table is None:
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/-/docket/document/{value}"), value)
    return None


@hookimpl
def menu_links(datasette):
    """Put Docket's places page and meaning search in Datasette's menu."""
    return [{"href": datasette.urls.path("/-/docket/places"), "label": "Places and timelines"},
            {"href": datasette.urls.path("/-/docket/search"), "label": "Search by meaning"}]
