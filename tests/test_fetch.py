"""docket ingest URL: pages fetched from a local HTTP server started in the test (never the internet)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import FetchFailed, FileTooLarge, UnsupportedFormat
from pipeline.fetch import fetch, is_url, read_url
from pipeline.store import Store

from .conftest import make_pdf

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Province reviews its digital transformation plan</title>
<meta property="og:title" content="Province reviews its digital transformation plan">
<meta property="article:published_time" content="2025-03-12T08:30:00+07:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Province reviews its digital transformation plan</h1>
<p>On the morning of March 11, the Provincial People's Committee met to review the plan for digital
transformation in the first quarter. The Department of Information and Communications reported that
12 of 20 online public services had been completed.</p>
<p>The Chairman asked the Department of Justice to finish the remaining 8 public services by June 30,
2025, and to report the results to the Provincial People's Committee before the end of the second quarter.</p>
</article>
<footer>Copyright the provincial portal</footer>
</body></html>
"""
SLOW_S = 3.0


class Handler(http.server.BaseHTTPRequestHandler):
    """Serve the cases a news site can present: a page, a redirect, an error, a slow or huge or odd body."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        routes = {
            "/news/plan.html": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
            "/notice.txt": (200, "text/plain; charset=utf-8",
                            b"The Department of Finance will complete 5 of 7 tasks by December 31, 2025.\n"),
            "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
            "/huge.html": (200, "text/html", b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"),
        }
        if self.path == "/files/plan.pdf":  # a PDF sent as mere bytes, as many servers do
            routes[self.path] = (200, "application/octet-stream", self.server.pdf)
        if self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/news/plan.html")
            self.end_headers()
            return
        if self.path == "/slow.html":
            time.sleep(SLOW_S)
        status, media_type, body = routes.get(self.path, (404, "text/html", b"<html><body>Not found</body></html>"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout case)
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start an HTTP server on a free port of 127.0.0.1 and return its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pdf = make_pdf(tmp_path_factory.mktemp("served") / "plan.pdf",
                   [["The Department of Health will open 4 of 6 clinics by September 30, 2025."]])
    httpd.pdf = pdf.read_bytes()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_told_from_a_path() -> None:
    assert is_url("https://example.org/news/1.html") and is_url("http://127.0.0.1:8000/")
    assert not is_url("reports/https/a.html") and not is_url("http:/missing-slash") and not is_url("ftp://host/a.pdf")


def test_a_page_keeps_its_url_title_and_date(server: str) -> None:
    document = read_url(f"{server}/news/plan.html")
    assert document.source == document.url == f"{server}/news/plan.html"
    assert document.format == "html" and document.title == "Province reviews its digital transformation plan"
    assert (document.published, document.published_source) == ("2025-03-12", "html-metadata")
    assert "12 of 20 online public services" in document.text and "Copyright" not in document.text


def test_a_redirect_is_followed_and_the_final_address_kept(server: str) -> None:
    document = read_url(f"{server}/old-address")
    assert document.source == f"{server}/old-address"  # what the user gave
    assert document.url == f"{server}/news/plan.html"  # where the page is
    assert "Department of Justice" in document.text


def test_a_pdf_sent_as_bytes_is_read_as_a_pdf(server: str) -> None:
    document = read_url(f"{server}/files/plan.pdf")
    assert document.format == "pdf" and "open 4 of 6 clinics" in document.text


def test_a_text_body_is_read_as_text(server: str) -> None:
    document = read_url(f"{server}/notice.txt")
    assert document.format == "txt" and document.text.startswith("The Department of Finance")


@pytest.mark.parametrize(("path", "error", "reason"), [
    ("/gone.html", FetchFailed, "the server answered HTTP 404"),
    ("/photo.png", UnsupportedFormat, "the body is image/png, not a page Docket reads"),
])
def test_a_page_that_cannot_be_read_names_the_url_and_the_reason(server: str, path: str, error: type, reason: str) -> None:
    with pytest.raises(error) as caught:
        fetch(f"{server}{path}")
    assert caught.value.path == f"{server}{path}" and reason in caught.value.reason


def test_a_body_over_the_limit_is_refused(server: str) -> None:
    with pytest.raises(FileTooLarge) as caught:
        fetch(f"{server}/huge.html", max_bytes=1024 * 1024)
    assert "over the 1 MB limit (raise it with --max-mb)" in caught.value.reason


def test_a_server_that_does_not_answer_in_time_is_a_timeout(server: str) -> None:
    with pytest.raises(FetchFailed) as caught:
        fetch(f"{server}/slow.html", timeout=1)
    assert caught.value.reason == "no answer within 1 s (timed out)"


def test_nothing_listening_is_a_refused_connection() -> None:
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed, match="refused or could not be made"):
        fetch(f"http://127.0.0.1:{port}/a.html", timeout=2)


def test_ingest_takes_urls_beside_paths_and_records_the_failures(server: str, tmp_path: Path, db_path: str) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The Department of Transport will finish 3 of 4 roads by the end of 2026.\n", encoding="utf-8")
    runner = CliRunner()
    page, gone = f"{server}/news/plan.html", f"{server}/gone.html"
    result = runner.invoke(cli, ["--db", db_path, "ingest", "--no-link", "-q", page, str(note), gone], obj={})
    assert result.exit_code == 1, result.output
    assert f"skipped {gone}: the server answered HTTP 404" in result.output
    store = Store(db_path)
    by_source = {d["source"]: d for d in store.documents()}
    store.close()
    assert set(by_source) == {page, str(note)}
    assert by_source[page]["url"] == page and by_source[page]["published"] == "2025-03-12"
    skipped = runner.invoke(cli, ["--db", db_path, "skipped", "--format", "csv"], obj={})
    assert gone in skipped.output and "fetch" in skipped.output


def test_the_python_api_ingests_a_url(server: str, db_path: str) -> None:
    import pipeline as docket

    with docket.open(db_path) as dk:
        events = dk.ingest([f"{server}/notice.txt", f"{server}/gone.html"])
        assert [(e.kind, e.path) for e in events] == [("stored", f"{server}/notice.txt"), ("skipped", f"{server}/gone.html")]
        assert [d["source"] for d in dk.documents()] == [f"{server}/notice.txt"]
