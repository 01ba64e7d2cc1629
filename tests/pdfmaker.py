"""Render paragraphs into a PDF laid out like a published report, for tests and benchmarks.

Narrow columns, justified lines, long words hyphenated at the line end (and words that hold a
hyphen broken after it, as typesetters do), headings in bold, a running header, a footer with the
page number, and two columns on chosen pages. The line breaker is written here on reportlab's
canvas so that every break is known: the reader under test must undo exactly these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]
FINAL = re.compile(r"[.!?…:;]['\"”»)]*$")
SPLITTABLE = re.compile(r"^[^\W\d_]+$")


@dataclass(frozen=True)
class Layout:
    """How a report is set: page, columns, type, running header and footer."""

    page: tuple[float, float] = (420.0, 595.0)  # A5: narrow lines, many breaks
    margin: float = 50.0
    gutter: float = 18.0
    size: float = 9.5
    leading: float = 12.5
    paragraph_gap: float = 5.0
    indent: float = 0.0
    justify: bool = True
    hyphenate: bool = True
    header: str | None = "Provincial report · working copy"
    footer: str | None = "Page {page} of {pages}"
    two_column_pages: frozenset[int] = field(default_factory=frozenset)  # 1-based page numbers


@dataclass
class Placed:
    """One line on a page: its words with their x positions, baseline, font."""

    words: list[tuple[float, str]]
    y: float
    font: str
    size: float


def font_names() -> tuple[str, str]:
    """Register DejaVu Sans (Latin, Cyrillic, Vietnamese) and its bold; return their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        regular, bold = find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")
        pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold if bold.name.endswith("Bold.ttf") else regular)))
    return "DejaVu", "DejaVu-Bold"


def find_font(name: str) -> Path:
    """Find a DejaVu font file on the system or in matplotlib's data."""
    dirs = list(FONT_DIRS)
    try:
        import matplotlib

        dirs.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    for folder in dirs:
        if (folder / name).is_file():
            return folder / name
    if name != "DejaVuSans.ttf":
        return find_font("DejaVuSans.ttf")
    raise FileNotFoundError("DejaVuSans.ttf not found (install fonts-dejavu or matplotlib)")


def is_heading(paragraph: str) -> bool:
    """Whether a paragraph is set as a heading: short and without a closing stop."""
    return len(paragraph) <= 90 and not FINAL.search(paragraph)


def width_of(text: str, font: str, size: float) -> float:
    """Return the printed width of text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def split_word(word: str, room: float, font: str, size: float) -> tuple[str, str] | None:
    """Split a word so that its head fits in room: after a hyphen it holds, or hyphenated between lower-case letters."""
    if "-" in word[1:-1]:
        cut = word.rindex("-", 1, len(word) - 1) + 1
        while cut > 1 and width_of(word[:cut], font, size) > room:
            cut = word.rfind("-", 1, cut - 1) + 1
        return (word[:cut], word[cut:]) if cut > 1 else None
    core = word.rstrip(".,;:!?)»”\"")
    if len(core) < 8 or not SPLITTABLE.match(core):
        return None
    for cut in range(len(core) - 3, 3, -1):
        if syllable_starts(core, cut) and width_of(word[:cut] + "-", font, size) <= room:
            return word[:cut] + "-", word[cut:]
    return None


def syllable_starts(word: str, cut: int) -> bool:
    """Whether a syllable can start at word[cut]: a lower-case consonant before a vowel, as hyphenation rules break."""
    return word[cut - 1].islower() and word[cut].islower() and not is_vowel(word[cut]) and is_vowel(word[cut + 1])


def is_vowel(letter: str) -> bool:
    """Whether a letter is a vowel (Latin with any accents, or Cyrillic)."""
    base = unicodedata.normalize("NFD", letter.lower())[0]
    return base in "aeiouyаеёиоуыэюя"


def break_paragraph(words: list[str], width: float, font: str, size: float, hyphenate: bool) -> tuple[list[str], list[str]]:
    """Take one line's words off the front of words; return the line and what is left."""
    space = width_of(" ", font, size)
    line: list[str] = []
    used = 0.0
    rest = list(words)
    while rest:
        word = rest[0]
        need = width_of(word, font, size) + (space if line else 0.0)
        if used + need <= width:
            line.append(rest.pop(0))
            used += need
            continue
        split = split_word(word, width - used - (space if line else 0.0), font, size) if hyphenate else None
        if split is not None:
            line.append(split[0])
            rest[0] = split[1]
        elif not line:
            line.append(rest.pop(0))  # a word wider than the column overflows rather than loops
        break
    return line, rest


def place_line(line: list[str], x: float, width: float, last: bool, font: str, size: float, justify: bool) -> list[tuple[float, str]]:
    """Give each word of a line its x, spreading the spare room over the gaps when justified."""
    space = width_of(" ", font, size)
    widths = [width_of(w, font, size) for w in line]
    gap = space
    if justify and not last and len(line) > 1:
        gap = (width - sum(widths)) / (len(line) - 1)
    placed = []
    for word, w in zip(line, widths):
        placed.append((x, word))
        x += w + gap
    return placed


def frames(layout: Layout, page: int) -> list[tuple[float, float]]:
    """Return the (x, width) of each column on a page."""
    body = layout.page[0] - 2 * layout.margin
    if page in layout.two_column_pages:
        half = (body - layout.gutter) / 2
        return [(layout.margin, half), (layout.margin + half + layout.gutter, half)]
    return [(layout.margin, body)]


def lay_out(paragraphs: list[str], layout: Layout) -> list[list[Placed]]:
    """Flow paragraphs into columns and pages; return each page's placed lines."""
    regular, bold = font_names()
    top = layout.page[1] - layout.margin
    pages: list[list[Placed]] = []
    queue = [(p.split(), is_heading(p), False) for p in paragraphs if p.strip()]
    while queue:
        placed: list[Placed] = []
        for x, width in frames(layout, len(pages) + 1):
            y = top
            while queue and y - layout.leading >= layout.margin:
                words, heading, started = queue[0]
                font, size = (bold, layout.size + 1.5) if heading else (regular, layout.size)
                indent = 0.0 if heading or started else layout.indent
                line, rest = break_paragraph(words, width - indent, font, size, layout.hyphenate and not heading)
                y -= layout.leading + (1.5 if heading else 0.0)
                placed.append(Placed(place_line(line, x + indent, width - indent, not rest, font, size, layout.justify), y, font, size))
                if rest:
                    queue[0] = (rest, heading, True)
                else:
                    queue.pop(0)
                    y -= layout.paragraph_gap + (4.0 if heading else 0.0)
        pages.append(placed)
    return pages


def render_pdf(path: Path, paragraphs: list[str], layout: Layout = Layout(), title: str | None = None) -> Path:
    """Write paragraphs to a PDF at path, laid out as layout says; return path."""
    from reportlab.pdfgen import canvas

    pages = lay_out(paragraphs, layout)
    regular, _ = font_names()
    c = canvas.Canvas(str(path), pagesize=layout.page)
    if title:
        c.setTitle(title)
    for number, lines in enumerate(pages, start=1):
        for line in lines:
            c.setFont(line.font, line.size)
            for x, word in line.words:
                c.drawString(x, line.y, word)
        draw_running(c, layout, number, len(pages), regular)
        c.showPage()
    c.save()
    return path


def draw_running(c, layout: Layout, page: int, pages: int, font: str) -> None:
    """Draw the running header and the footer with the page number."""
    middle = layout.page[0] / 2
    c.setFont(font, 7.5)
    if layout.header:
        c.drawCentredString(middle, layout.page[1] - layout.margin / 2, layout.header)
    if layout.footer:
        c.drawCentredString(middle, layout.margin / 2, layout.footer.format(page=page, pages=pages))


FOOTERS = ("Page {page} of {pages}", "- {page} -", "{page}/{pages}")


def report_layout(variant: int) -> Layout:
    """Return one of several realistic layouts, chosen by a number (e.g. the report's index)."""
    indented = variant % 2 == 1  # paragraphs marked by a first-line indent instead of space between them
    return Layout(
        footer=FOOTERS[variant % len(FOOTERS)],
        indent=14.0 if indented else 0.0,
        paragraph_gap=0.0 if indented else 5.0,
        two_column_pages=frozenset({2, 3}) if variant % 3 != 1 else frozenset(),
    )


def render_report(source: Path, folder: Path, variant: int) -> Path:
    """Render a plain-text report (one paragraph a line) as folder/<stem>.pdf in a layout chosen by variant."""
    paragraphs = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    # stamped 1970-01-01, a date Docket finds implausible: the PDF carries no more date than its text does,
    # so that the comparison is of the reading alone (a PDF stamped today would date yearless meetings)
    import os
    from unittest import mock

    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "0"}):
        return render_pdf(folder / f"{source.stem}.pdf", paragraphs, report_layout(variant))
