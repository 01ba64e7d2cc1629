"""Read the interactive timeline's Vega-Lite spec back out of a page, for the tests of report.py and serve."""

from __future__ import annotations

import json
import re

SPEC = re.compile(r'<script type="application/json" id="docket-spec">(.*?)</script>', re.S)


def page_spec(page: str) -> dict:
    """Return the Vega-Lite spec a page embeds."""
    found = SPEC.search(page)
    assert found, "the page embeds no chart spec"
    return json.loads(found.group(1))


def rows_with(value: object, key: str) -> list[dict]:
    """Return every object in a JSON value that has key (the data rows of a spec's layers)."""
    if isinstance(value, dict):
        return ([value] if key in value else []) + [r for v in value.values() for r in rows_with(v, key)]
    if isinstance(value, list):
        return [r for v in value for r in rows_with(v, key)]
    return []


def spec_points(page: str) -> list[dict]:
    """Return the chart's points (the rows with evidence) from the spec in a page."""
    return rows_with(page_spec(page), "evidence")
