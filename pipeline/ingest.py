"""File to Document: find the files, read them by suffix, decode, normalise to NFC."""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from .errors import (
    BinaryFile,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileTooLarge,
    NoTextLayer,
    SkipFile,
    UnreadableFile,
    UnsupportedFormat,
)
from .pdftext import Line, page_lines, reading_text
from .records import Document
from .written import number_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# UTF-16 without a BOM is told by its NUL pattern; in a handful of bytes a few stray NULs make the same pattern
UTF16_MIN_BYTES = 16
DEFAULT_MAX_PAGES = 500
NUL_SHARE, NUL_ALLOWED = 0.02, 16  # stray NUL bytes in text are damage to strip; more than 2% (and 16) is binary
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
URL_RE = re.compile(r"https?://[^\s<>\"'()\]]+")


def document_id(text: str) -> str:
    """Return the content hash that identifies a document: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    """Return text in NFC with uniform line ends and no NUL or BOM characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.replace("\x00", "")


def decode_bytes(raw: bytes, name: str) -> str:
    """Decode a text file's bytes: BOMs first, then strict UTF-8, then a detected legacy encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    # UTF-16 without a BOM shows as every other byte NUL in mostly-ASCII text
    if len(raw) >= UTF16_MIN_BYTES and raw[1::2].count(0) > len(raw) * 0.4:
        return raw.decode("utf-16-le", errors="replace")
    if len(raw) >= UTF16_MIN_BYTES and raw[0::2].count(0) > len(raw) * 0.4:
        return raw.decode("utf-16-be", errors="replace")
    if b"\x00" in raw:
        raw = strip_nul(raw, name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only paid for files that are not UTF-8

    best = from_bytes(raw[:200_000], cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1", "cp1258", "iso8859_15"]).best()
    if best is None:
        raise BinaryFile(name, "looks binary (no text encoding fits)")
    return raw.decode(best.encoding, errors="replace")


def strip_nul(raw: bytes, name: str) -> bytes:
    """Drop the stray NUL bytes of a text file; refuse one where they are too many to be damage."""
    if raw.count(0) > max(NUL_ALLOWED, len(raw) * NUL_SHARE):
        raise BinaryFile(name, "looks binary (NUL bytes in a text file)")
    return raw.replace(b"\x00", b"")


def check_text(text: str, name: str) -> str:
    """Refuse text that is empty or mostly control characters."""
    if not text.strip():
        raise EmptyFile(name, "no text in the file")
    sample = text[:20_000]
    controls = len(CONTROL.findall(sample))
    if controls > len(sample) * 0.05:
        raise BinaryFile(name, "looks binary (control characters in a text file)")
    return text


def read_text(path: Path, name: str) -> tuple[str, str | None, str | None, str | None]:
    """Read .txt and .md files in any common encoding."""
    text = check_text(decode_bytes(read_bytes(path, name), name), name)
    return text, None, None, None


def read_html(path: Path, name: str) -> tuple[str, str | None, str | None, str | None]:
    """Read the main text of an HTML page, without menus, scripts and footers."""
    import trafilatura  # heavy import, paid only when a page is read

    html = decode_bytes(read_bytes(path, name), name)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    # extensive=False: the date from the page's metadata (meta tags, JSON-LD, <time>, the URL) only;
    # a guess from the page's text could be the site's current-date banner
    meta = trafilatura.extract_metadata(html, extensive=False)
    if not text or not text.strip():
        raise EmptyFile(name, "no main text in the HTML page")
    title = meta.title if meta is not None else None
    url = meta.url if meta is not None else None
    published = plausible_date(meta.date) if meta is not None and meta.date else None
    return text, title, url, published


def read_pdf(path: Path, name: str) -> tuple[str, str | None, str | None, str | None]:
    """Read a PDF's text as a reader sees it (see pdftext); refuse encrypted, damaged and scanned files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    read_bytes(path, name, keep=False)  # permission, size and symlink checks
    pages: list[list[Line]] = []
    try:
        with pdfplumber.open(path) as pdf:
            check_pages(len(pdf.pages), name)
            title = (pdf.metadata or {}).get("Title") or None
            published = pdf_date(pdf.metadata or {})
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(page_lines(page, number))
                page.close()  # only the page's lines are kept: its characters and layout go now
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFile(name, "the PDF is encrypted") from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedFile(name, "the PDF is encrypted") from exc
        raise CorruptFile(name, f"damaged or truncated PDF ({type(cause).__name__})") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise CorruptFile(name, f"damaged or truncated PDF ({type(exc).__name__})") from exc
    if not pages:
        raise CorruptFile(name, "the PDF has no pages")
    text = reading_text(pages) if any(pages) else ""
    if not text.strip():
        raise NoTextLayer(name, f"no text layer in {len(pages)} page(s), as in a scan: run with --ocr "
                                f"(needs Tesseract: apt-get install tesseract-ocr, and pip install 'docket[ocr]')")
    if isinstance(title, bytes):
        title = title.decode("utf-8", errors="replace")
    return text, title, None, published


PDF_DATE = re.compile(r"^(?:D:)?(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")


def pdf_date(metadata: dict) -> str | None:
    """Return the PDF's CreationDate (else ModDate) as an ISO date when it is a real day between 1990 and today."""
    for key in ("CreationDate", "ModDate"):
        value = metadata.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", errors="replace")
        m = PDF_DATE.match(value.strip()) if isinstance(value, str) else None
        if m and (found := plausible_date(f"{m['year']}-{m['month']}-{m['day']}")):
            return found
    return None


def plausible_date(value: str) -> str | None:
    """Return an ISO date (its first ten characters) when it is a real day between 1990 and today, else None."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day.isoformat() if date(1990, 1, 1) <= day <= date.today() else None


def read_markdown(path: Path, name: str) -> tuple[str, str | None, str | None, str | None]:
    """Read a .md file as a reader sees it: the words without Markdown's marks (headings, emphasis, links,
    list bullets, tables), each block a paragraph; the first heading is the title."""
    text, _, _, _ = read_text(path, name)
    plain, title = markdown_text(text)
    return plain, title, None, None


def markdown_text(text: str) -> tuple[str, str | None]:
    """Return Markdown as plain text (blocks as paragraphs) and its first heading, parsed by markdown-it-py."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    title = None
    row: list[str] | None = None
    heading = False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "heading_open":
            heading = True
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            words = inline_text(token.children or [])
            if row is not None:
                row.append(words)
            elif words:
                blocks.append(words)
                if heading and title is None:
                    title = words
            heading = False
        elif token.type in ("fence", "code_block", "html_block") and token.content.strip():
            blocks.append(token.content.strip())
    return "\n\n".join(blocks) + "\n", title


def inline_text(children: list) -> str:
    """Join an inline token's text, keeping line breaks and dropping the marks around it."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(inline_text(child.children or []))
    return "".join(parts).strip()


# a reader returns the text, the title, the URL and the date the file says it was published
Reader = Callable[[Path, str], tuple[str, "str | None", "str | None", "str | None"]]
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}

_MAX_BYTES = [DEFAULT_MAX_BYTES]
_MAX_PAGES = [DEFAULT_MAX_PAGES]
_OCR = [False]
FILE_TYPES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
              (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def set_max_bytes(limit: int) -> None:
    """Set the largest file Docket reads; bigger files are refused before any byte is read."""
    _MAX_BYTES[0] = limit


def set_max_pages(limit: int) -> None:
    """Set the most pages Docket reads of one PDF; longer PDFs are refused before any page is read."""
    _MAX_PAGES[0] = limit


def check_pages(pages: int, name: str) -> None:
    """Refuse a PDF with more pages than the page budget."""
    if pages > _MAX_PAGES[0]:
        raise FileTooLarge(name, f"{pages:,} pages is over the {_MAX_PAGES[0]:,} page limit (raise it with --max-pages)")


def check_regular(mode: int, name: str) -> None:
    """Refuse what is not a regular file (a pipe, a device) before a byte of it is read: it may never end."""
    if stat.S_ISREG(mode):
        return
    kind = next((what for test, what in FILE_TYPES if test(mode)), "a special file")
    raise UnreadableFile(name, f"not a regular file ({kind})")


def max_bytes_allowed() -> int:
    """Return the largest file (or fetched body) Docket reads."""
    return _MAX_BYTES[0]


def set_ocr(enabled: bool) -> None:
    """Recognise the text of scanned PDFs (no text layer at all) with OCR instead of skipping them."""
    _OCR[0] = enabled


def read_bytes(path: Path, name: str, keep: bool = True) -> bytes:
    """Read a regular file's bytes, turning OS errors, special files and oversized files into skips."""
    try:
        check_regular(os.stat(path).st_mode, name)
        # non-blocking, and checked again on the open file: a pipe swapped in after the stat must not hang us
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise os_skip(name, exc) from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        check_regular(info.st_mode, name)
        if info.st_size == 0:
            raise EmptyFile(name, "the file is empty (0 bytes)")
        if info.st_size > _MAX_BYTES[0]:
            raise FileTooLarge(
                name,
                f"{info.st_size / 2**20:.1f} MB is over the {number_text(_MAX_BYTES[0] / 2**20)} MB limit (raise it with --max-mb)",
            )
        if not keep:
            return b""
        try:
            return fh.read(_MAX_BYTES[0] + 1)
        except OSError as exc:
            raise os_skip(name, exc) from exc


def os_skip(name: str, exc: OSError) -> SkipFile:
    """Translate an OSError into a skip with a plain reason."""
    if exc.errno == errno.ELOOP:
        return UnreadableFile(name, "symlink loop")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UnreadableFile(name, "permission denied")
    if exc.errno == errno.ENOENT:
        return UnreadableFile(name, "file not found (a broken symlink?)")
    if exc.errno == errno.EISDIR:
        return UnreadableFile(name, "is a directory")
    return UnreadableFile(name, exc.strerror or str(exc))


def read_document(path: Path | str, source: str | None = None) -> Document:
    """Read one file into a Document, or raise a SkipFile naming the file and the reason."""
    path = Path(path)
    name = source or str(path)
    try:
        check_regular(os.stat(path).st_mode, name)  # /dev/zero and pipes have no suffix to go by
    except OSError as exc:
        raise os_skip(name, exc) from exc
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(name, f"no reader for {path.suffix or 'files without an extension'!r} (known: {known})")
    fmt = path.suffix.lower().lstrip(".")
    try:
        raw_text, title, url, published = reader(path, name)
    except NoTextLayer:
        if not (_OCR[0] and reader is read_pdf):
            raise
        from .ocr import read_scanned  # OCRmyPDF and Tesseract are paid for only by scans

        raw_text, title, url, published = read_scanned(path, name)
        fmt = "pdf-ocr"  # marks the text as recognised, not read from a text layer
    text = normalise(raw_text)
    if not text.strip():
        raise EmptyFile(name, "no text in the file")
    if url is None:
        found = URL_RE.search(text)
        url = found.group(0).rstrip(".,;") if found else None
    source_of_date = {"html": "html-metadata", "htm": "html-metadata", "pdf": "pdf-metadata", "pdf-ocr": "pdf-metadata"}
    return Document(id=document_id(text), source=name, text=text, format=fmt, title=title, url=url,
                    published=published, published_source=source_of_date.get(fmt) if published else None)


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | SkipFile]:
    """Yield the files named by paths, folders (recursively) and globs; yield a SkipFile for what cannot be walked."""
    seen_dirs: set[str] = set()
    for item in inputs:
        matches = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not matches:
            yield UnreadableFile(item, "no such file or folder")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from walk(path, seen_dirs)
            elif path.is_symlink() and not path.exists():
                yield os_skip(str(path), _probe(path))
            elif path.exists():
                yield resolved(path)
            else:
                yield UnreadableFile(str(path), "no such file or folder")


def _probe(path: Path) -> OSError:
    try:
        path.stat()
    except OSError as exc:
        return exc
    return OSError(errno.ENOENT, "not found")


def walk(root: Path, seen_dirs: set[str]) -> Iterator[Path | SkipFile]:
    """Walk a folder in sorted order, following folder links once; report loops and dangling links."""
    real = os.path.realpath(root)
    if real in seen_dirs:
        yield UnreadableFile(str(root), "symlink loop (folder already visited)")
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield os_skip(str(root), exc)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield os_skip(str(path), exc)
            continue
        if is_dir:
            yield from walk(path, seen_dirs)
        elif entry.is_symlink() and not path.exists():
            yield os_skip(str(path), _probe(path))
        else:
            yield resolved(path)


def resolved(path: Path) -> Path:
    """Return a file's absolute path with links resolved: one file is one source, one history, from any folder."""
    return Path(os.path.realpath(path))
