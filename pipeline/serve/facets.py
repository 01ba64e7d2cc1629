"""A year facet: count rows by the year of an ISO date column (Datasette's own date facet counts days)."""

from __future__ import annotations

from datasette.facets import Facet
from datasette.database import QueryInterrupted
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args


class YearFacet(Facet):
    """Facet `{"year": "due"}`: rows per year of an ISO date; a year selects `due__startswith=YYYY`."""

    type = "year"

    async def suggest(self) -> list[dict]:
        """Suggest nothing: year facets are configured in the metadata where they fit."""
        return []

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        """Count rows per year of each configured column."""
        results, timed_out = [], []
        size = self.get_facet_size()
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            sql = (f"select substr({escape_sqlite(column)}, 1, 4) as value, count(*) as count from ({self.sql}) "
                   f"where {escape_sqlite(column)} glob '[0-9][0-9][0-9][0-9]*' group by value order by value desc "
                   f"limit {size + 1}")
            try:
                rows = (await self.ds.execute(self.database, sql, self.params, truncate=False,
                                              custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                timed_out.append(column)
                continue
            results.append({"name": f"{column} (year)", "type": self.type, "hideable": config["source"] != "metadata",
                            "toggle_url": path_with_removed_args(self.request, {"_facet_year": column}),
                            "truncated": len(rows) > size, "results": [self.value(column, r) for r in rows[:size]]})
        return results, timed_out

    def value(self, column: str, row) -> dict:
        """One facet value: the year, its count, and the link that selects or unselects it."""
        key, year = f"{column}__startswith", row["value"]
        selected = self.request.args.get(key) == year
        path = (path_with_removed_args(self.request, {key: year}) if selected
                else path_with_added_args(self.request, {key: year}))
        return {"value": year, "label": year, "count": row["count"], "selected": selected,
                "toggle_url": self.ds.absolute_url(self.request, path)}
