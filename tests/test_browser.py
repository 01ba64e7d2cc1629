"""End to end in a real browser: `docket serve --review` in a subprocess, driven by playwright and a system Chromium.

Skipped with the reason when playwright (pip) or Chromium (Debian's `chromium`) is missing; `make test`
installs Chromium from Debian when it can. Playwright's own browser download is never used.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serve_store import build, record_id

CHROMIUM = os.environ.get("DOCKET_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright (pip install playwright)")
if not Path(CHROMIUM).is_file():
    pytest.skip(f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium, or set DOCKET_CHROMIUM)",
                allow_module_level=True)


def free_port() -> int:
    """Return a localhost port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def docket(db: str, *args: str, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    """Run the docket command on db from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pipeline.cli", "--db", db, *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True)


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    """Wait until the server answers at url (or fail with its stderr)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"docket serve exited: {server.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"docket serve did not answer at {url} in {seconds:.0f} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, str]]]:
    """A built store served with --review on a free port; yields (base URL, database path, document ids)."""
    db = str(tmp_path_factory.mktemp("browser") / "docket.db")
    ids = build(db)
    port = free_port()
    server = docket(db, "serve", "--review", "--port", str(port), background=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", server)
        yield base, db, ids
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def page(site):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


def test_facet_by_language(site, page):
    base, _, _ = site
    page.goto(base + "/docket/documents")
    page.locator(".facet-info[data-column=language] a", has_text="de").click()
    assert "language=de" in page.url
    assert page.locator("table.rows-and-columns tbody tr").count() == 1


def test_overdue_query(site, page):
    base, db, ids = site
    page.goto(base + "/docket/overdue")
    links = page.locator("table.rows-and-columns tbody td.col-id a").all_inner_texts()
    expected = {record_id(db, "commitments", ids["march"], "Department of Justice"),
                record_id(db, "commitments", ids["march"], "Department of Transport"),
                record_id(db, "commitments", ids["september"], "Department of Justice")}
    assert set(links) == expected


def test_place_timeline(site, page):
    base, _, _ = site
    page.goto(base + "/-/docket/places")
    page.get_by_role("link", name="Ha Tinh").click()
    assert page.get_by_role("heading", name="Ha Tinh: targets over time").is_visible()
    chart = page.frame_locator("iframe.docket-timeline").locator("#chart svg")
    chart.wait_for()
    assert page.locator("text=12/40").first.is_visible()


def test_evidence_is_highlighted_in_the_text(site, page):
    base, db, ids = site
    rid = record_id(db, "counts", ids["march"], "12 of 40")
    page.goto(f"{base}/-/docket/record/{rid}")
    page.get_by_role("link", name="Read it in the document's text").click()
    assert page.url.endswith(f"#record-{rid}")
    assert page.locator(".rec.hl").first.inner_text() == "12 of 40 pilot models"


def test_a_correction_in_the_browser_reaches_the_export(site, page):
    base, db, ids = site
    rid = record_id(db, "counts", ids["march"], "12 of 40")
    page.goto(f"{base}/-/docket/record/{rid}")
    page.fill("#field_value", "14")
    page.fill("#note", "the annex table says 14")
    page.get_by_role("button", name="Save correction").click()
    assert "corrected by" in page.locator("#review-status").inner_text()
    exported = [json.loads(line) for line in docket(db, "export").stdout.splitlines()]
    count = next(c for d in exported for c in d["counts"] if c["id"] == rid)
    assert count["value"] == 14 and count["review"]["original"]["value"] == 12
    assert count["review"]["note"] == "the annex table says 14"
