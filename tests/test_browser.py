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
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(site, browser):
    return browser.new_page(viewport={"width": 1280, "height": 900})


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
    point = page.locator('#chart svg path[aria-label^="Ha Tinh: model, total 40, report of 2024-09-25: 31/40"]')
    point.hover()
    assert "31 of 40 pilot models" in page.locator("#vg-tooltip-element").inner_text()
    point.click()  # a point opens its document's page on this server
    page.wait_for_url("**/-/docket/document/*")
    assert "31 of 40 pilot models" in page.locator(".docket-text").inner_text()


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


# -- the timeline page written by `docket timeline -o x.html`, opened from a file ---------------------


@pytest.fixture(scope="module")
def timeline_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Reports as files, stored and linked, and their timeline written to pages/ from another folder."""
    from tests.fakes import FakeEmbedder, store_text
    from tests.serve_store import MARCH, SEPTEMBER

    from pipeline.api import Docket

    root = tmp_path_factory.mktemp("timeline")
    (root / "reports").mkdir()
    db = str(root / "docket.db")
    with Docket(db) as dk:
        for name, text in (("ha-tinh-2024-03.en.txt", MARCH), ("ha-tinh-2024-09.en.txt", SEPTEMBER)):
            (root / "reports" / name).write_text(text, encoding="utf-8")
            store_text(dk.store, text, "en", str(root / "reports" / name))
        dk.link(embedder=FakeEmbedder())
    (root / "elsewhere").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "pipeline.cli", "--db", db, "timeline", "--place", "Ha Tinh", "-o",
                    "../pages/ha-tinh.html"], cwd=root / "elsewhere", env=env, check=True, capture_output=True)
    return root / "pages" / "ha-tinh.html", root / "reports"


def test_the_timeline_file_draws_hovers_hides_zooms_and_links(timeline_file, browser):
    html_file, reports = timeline_file
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html_file.as_uri())
    point = page.locator('#chart svg path[aria-label^="Ha Tinh: model, total 40, report of 2024-03-20: 12/40"]')
    point.wait_for()
    assert page.locator("#chart svg g.mark-symbol path").count() >= 4
    # a target stated without a value is drawn on its lane, hollow, and says so when hovered
    stated = page.locator('#chart svg path[aria-label*="record, total 500, report of 2024-03-20: target 500, no value"]')
    stated.hover()
    assert "must digitise 500 civil records" in page.locator("#vg-tooltip-element").inner_text()
    point.hover()
    tooltip = page.locator("#vg-tooltip-element").inner_text()
    assert "12/40" in tooltip and "The Provincial Police completed 12 of 40 pilot models" in tooltip
    # the legend hides the other series: choosing "model" fades the civil records
    label = page.locator("#chart svg .role-legend-label text", has_text="model, total 40").bounding_box()
    page.mouse.click(label["x"] + 10, label["y"] + label["height"] / 2)  # labels take no events: their entry does
    sync_api.expect(stated).to_have_attribute("opacity", "0.12")
    assert point.get_attribute("opacity") == "1"
    assert page.locator("#points tbody tr:not(.hidden)").all_inner_texts() == [  # and the table shows that series alone
        t for t in page.locator("#points tbody tr").all_inner_texts() if "model" in t]
    assert page.locator("#points tbody tr:not(.hidden)").count() == 2
    # the wheel zooms the time axis
    before = page.evaluate("docketView.scale('x').domain().map(Number)")
    box = page.locator("#chart svg.marks").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    after = page.evaluate("docketView.scale('x').domain().map(Number)")
    assert after[1] - after[0] < before[1] - before[0]
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)  # back to the whole time axis
    # a point opens its report, found relative to the page's folder wherever the command ran
    point.click()
    page.wait_for_url("file://**/reports/ha-tinh-2024-03.en.txt")
    assert Path(page.url.removeprefix("file://")) == reports / "ha-tinh-2024-03.en.txt"
    assert "12 of 40 pilot models" in page.content()
    assert not errors
    page.close()
