"""URL to Document: fetch a page through trafilatura's downloader, then read it like a file of its type.

The body is written to a temporary file named by its type and handed to the readers of ingest.py,
so a fetched page, PDF or text goes through the same checks (size, encoding, scans) as a file.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .errors import FetchFailed, FileTooLarge, SkipFile, UnsupportedFormat
from .ingest import max_bytes_allowed, read_document
from .records import Document
from .written import number_text

TIMEOUT_S = 30  # trafilatura's own default; its downloader takes whole seconds
# media type -> the suffix whose reader reads it
SUFFIXES = {
    "text/html": ".html", "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt", "text/markdown": ".md",
}


@dataclass(frozen=True)
class Fetched:
    """A page's body as the server sent it, with the address it came from after redirects."""

    url: str
    body: bytes
    media_type: str


def is_url(item: str) -> bool:
    """Tell an http(s) address from a path."""
    parts = urlsplit(item)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def fetch(url: str, timeout: int = TIMEOUT_S, max_bytes: int | None = None) -> Fetched:
    """Fetch url, following redirects; raise a SkipFile naming the URL and why it could not be fetched."""
    from trafilatura.downloads import fetch_response

    limit = max_bytes if max_bytes is not None else max_bytes_allowed()
    with DownloadErrors() as errors:
        response = fetch_response(url, decode=False, config=download_config(timeout, limit))
    if response is None or response.data is None:
        raise fetch_error(url, errors.caught, timeout, limit)
    if response.status != 200:
        raise FetchFailed(url, f"the server answered HTTP {response.status}")
    if not response.data.strip():
        raise FetchFailed(url, "the server sent an empty body")
    media_type = (response.headers or {}).get("content-type", "").split(";")[0].strip().lower()
    if media_type in ("", "application/octet-stream"):  # servers often send PDFs as mere bytes
        media_type = sniff(response.data)
    if media_type not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise UnsupportedFormat(url, f"the body is {media_type or 'of no stated type'}, not a page Docket reads ({known})")
    return Fetched(response.url or url, response.data, media_type)


def read_url(url: str) -> Document:
    """Fetch url and read it like a file of its type; the URL given is the source, the one fetched the url."""
    page = fetch(url)
    with tempfile.TemporaryDirectory(prefix="docket-fetch-") as tmp:
        path = Path(tmp) / f"page{SUFFIXES[page.media_type]}"
        path.write_bytes(page.body)
        document = read_document(path, source=url)
    return replace(document, url=page.url)


def download_config(timeout: int, max_bytes: int):
    """Return trafilatura's download settings with Docket's timeout and size limit."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, int(timeout))))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "MIN_FILE_SIZE", "1")
    # the user names the address (an office's intranet is a real source of reports); trafilatura's
    # guard against private addresses is for servers that fetch what strangers send them
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    return config


def sniff(body: bytes) -> str:
    """Guess the media type of a body sent without one."""
    head = body[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    return ""


class DownloadErrors(logging.Handler):
    """Catch the exceptions trafilatura's downloader logs instead of raising, to say why a fetch failed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.caught: list[BaseException] = []
        self.logger = logging.getLogger("trafilatura.downloads")

    def emit(self, record: logging.LogRecord) -> None:
        self.caught.extend(arg for arg in record.args or () if isinstance(arg, BaseException))

    def __enter__(self) -> DownloadErrors:
        self.saved = self.logger.propagate
        self.logger.addHandler(self)
        self.logger.propagate = False  # its lines would repeat what the one-line reason says
        return self

    def __exit__(self, *exc_info) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self.saved


def fetch_error(url: str, caught: list[BaseException], timeout: int, max_bytes: int) -> SkipFile:
    """Turn what the downloader logged into one reason."""
    import urllib3

    for exc in caught:
        cause = exc.reason if isinstance(exc, urllib3.exceptions.MaxRetryError) and exc.reason else exc
        # in this order: urllib3's connection errors are also its timeouts
        if isinstance(cause, urllib3.exceptions.NameResolutionError):
            return FetchFailed(url, "the host name does not resolve (no network, or a typo?)")
        if isinstance(cause, urllib3.exceptions.NewConnectionError):
            return FetchFailed(url, "the connection was refused or could not be made")
        if isinstance(cause, urllib3.exceptions.TimeoutError):
            return FetchFailed(url, f"no answer within {timeout} s (timed out)")
        if isinstance(cause, ValueError) and "MAX_FILE_SIZE" in str(cause):
            return FileTooLarge(url, f"the body is over the {number_text(max_bytes / 2**20)} MB limit (raise it with --max-mb)")
        if isinstance(exc, urllib3.exceptions.MaxRetryError):
            return FetchFailed(url, f"too many redirects or retries ({cause})")
        return FetchFailed(url, f"the download failed ({type(cause).__name__}: {cause})")
    return FetchFailed(url, "the download failed (no response)")
