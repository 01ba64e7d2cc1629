"""A small store for the serve tests: two Ha Tinh reports in English and one in German, linked."""

from __future__ import annotations

from pipeline.api import Docket
from tests.fakes import FakeEmbedder, store_text

MARCH = ("Ha Tinh, March 20, 2024. The Provincial People's Committee held a meeting on March 20, 2024.\n"
         "The Department of Justice must digitise 500 civil records by June 30, 2024.\n"
         "The Provincial Police completed 12 of 40 pilot models by May 15, 2024.\n"
         "The Department of Finance must publish the budget portal by March 31, 2099.\n"
         "The Department of Transport must repair 20 bridges by April 30, 2024.\n")
SEPTEMBER = ("Ha Tinh, September 25, 2024. The Provincial People's Committee held a meeting on September 25, 2024.\n"
             "The Provincial Police completed 31 of 40 pilot models.\n"
             "The Department of Justice must digitise 500 civil records by December 31, 2024.\n")
GERMAN = ("Ha Tinh, 26. September 2024. Das Provinzvolkskomitee hielt am 26. September 2024 eine Konferenz.\n"
          "Die Provinzpolizei muss das Datenzentrum bis zum 30. Juni 2099 fertigstellen.\n")


def build(path: str) -> dict[str, str]:
    """Store and link the three reports at path; return their document ids by name."""
    with Docket(path) as dk:
        ids = {"march": store_text(dk.store, MARCH, "en", "ha-tinh-2024-03.en.txt"),
               "september": store_text(dk.store, SEPTEMBER, "en", "ha-tinh-2024-09.en.txt"),
               "german": store_text(dk.store, GERMAN, "de", "ha-tinh-2024-09.de.txt")}
        dk.link(embedder=FakeEmbedder())
    return ids


def record_id(path: str, kind: str, document_id: str, text_part: str) -> str:
    """Return the id of the record of this kind in the document whose text contains text_part."""
    with Docket(path) as dk:
        rows = [r for r in dk.store.raw_records(document_id)[kind] if text_part in r["text"]]
    assert len(rows) == 1, rows
    return rows[0]["id"]
