"""PDF text as a reader sees it: columns in reading order, paragraphs whole, page furniture gone.

pdfplumber gives the words of a page with their boxes; the layout is read here in four steps:

1. Words become rows (same baseline), rows are split at a gutter that no row crosses into
   columns, and each column's lines are read top to bottom, left column first.
2. Lines at the top or bottom of a page that recur (digits aside) at the same place on most
   pages are running headers and footers; a first or last line that is only a page number
   ("Page 3 of 12", "- 3 -", "3/12") goes too.
3. Two lines belong to one paragraph unless the second sits lower than the line pitch, is
   indented, or is set in another style (a heading), or the first ends early: short by more than
   the next line's first word (a typesetter would have put it there), or short and ending a
   sentence. A capital at the start of a line says nothing: German nouns and names have one.
4. Lines of a paragraph are joined with a space. A hyphen at a line end stays before a capital or
   a digit ("COVID-\n19") and in a number or URL; it is dropped where the document prints the
   joined word elsewhere; it stays with a space before a conjunction ("Informations-\nund"); it
   stays where the document or the language writes compounds of that first part with a hyphen
   ("Online-", "социально-": pdftext.toml); otherwise it was the typesetter's and goes
   ("Provinz-\nvolkskomitee").

Only the lines of each page are kept between pages, never its characters, so a long PDF is read
with the memory of one page.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

FINAL = re.compile(r"[.!?…:;][\"'”»)]*$")
BULLET = re.compile(r"^[-–•·*+▪■]\s")
NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-zа-я])[.)]\s")
TOKEN_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Line:
    """One printed line of one column: its text, box and style, and the edges of its column."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    bold: bool
    first_width: float  # width of its first word: would it have fitted at the end of the line before?
    column: tuple[int, int, int]  # page, block on the page, side (-1 one column, 0 left, 1 right)
    left: float = 0.0
    right: float = 0.0


@dataclass(frozen=True)
class Body:
    """The body text's size, weight and line pitch, against which every line is judged."""

    size: float
    bold: bool
    pitch: float


@lru_cache(maxsize=1)
def words_of_languages() -> dict[str, Any]:
    """Return the words of all languages that layout reading needs (pdftext.toml)."""
    with open(Path(__file__).with_name("pdftext.toml"), "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def page_number_pattern() -> re.Pattern[str]:
    """Return the pattern of a line that is only a page number."""
    data = words_of_languages()
    label = "|".join(re.escape(w) for w in data["page_label"])
    of = "|".join(re.escape(w) for w in data["page_of"])
    return re.compile(
        rf"^(?:[-–—‒\[(|]*\s*\d{{1,4}}\s*[-–—‒\])|]*"  # 3, - 3 -, [3]
        rf"|\d{{1,4}}\s*/\s*\d{{1,4}}"  # 3/12
        rf"|(?:{label})\.?\s*\d{{1,4}}(?:\s*(?:/|{of})\s*\d{{1,4}})?)$",  # Page 3 of 12, Trang 3/12
        re.IGNORECASE,
    )


# 1. Words to lines in reading order


def page_lines(page: Any, number: int) -> list[Line]:
    """Return a pdfplumber page's lines in reading order, column by column."""
    # letters of a word touch; a space is at least a fifth of an em (1.8 pt at 9 pt), so 1.5 pt parts words
    # even where a PDF draws no space characters; a change of font or size also parts them (see line_text)
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["size", "fontname"])
    rows = group_rows(words)
    gutter = find_gutter(rows, float(page.width))
    lines: list[Line] = []
    for block, (two_columns, block_rows) in enumerate(split_blocks(rows, gutter)):
        if not two_columns or gutter is None:
            lines.extend(make_line(row, (number, block, -1)) for row in block_rows)
            continue
        for side in (0, 1):
            for row in block_rows:
                part = [w for w in row if (w["x1"] <= gutter) == (side == 0)]
                if part:
                    lines.append(make_line(part, (number, block, side)))
    return lines


def group_rows(words: list[dict]) -> list[list[dict]]:
    """Group words whose vertical middle falls within a row's first word into rows, top to bottom."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if rows and rows[-1][0]["top"] <= middle <= rows[-1][0]["bottom"]:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def find_gutter(rows: list[list[dict]], width: float) -> float | None:
    """Return the x of a gutter between two columns: a band in the page's middle that no text row crosses."""
    if len(rows) < 4:
        return None
    low, high = int(width * 0.3), int(width * 0.7)
    covered = [0] * (high - low)
    left = [0] * (high - low)
    right = [0] * (high - low)
    for row in rows:
        for x in {x for w in row for x in range(max(low, int(w["x0"]) - 1), min(high, int(w["x1"]) + 2))}:
            covered[x - low] += 1
        for x in range(max(low, int(row[0]["x1"]) + 2), high):
            left[x - low] += 1
        for x in range(low, min(high, int(row[-1]["x0"]) - 1)):
            right[x - low] += 1
    # a gutter: hardly a row covers it (a running header, a footer, a heading over both columns),
    # and rows have text on either side of it (the last page's right column may hold two lines)
    crossing, enough = max(3, 0.15 * len(rows)), max(2, 0.1 * len(rows))
    ok = [covered[i] <= crossing and left[i] >= enough and right[i] >= enough for i in range(high - low)]
    best: tuple[int, int] = (0, 0)
    start = None
    for i, good in enumerate(ok + [False]):
        if good and start is None:
            start = i
        elif not good and start is not None:
            best = max(best, (i - start, start))
            start = None
    run, begin = best
    if run < 8:  # narrower than a gutter: spaces between words
        return None
    gutter = low + begin + run / 2
    return gutter if column_starts(rows, gutter) >= 2 else None


def column_starts(rows: list[list[dict]], gutter: float) -> int:
    """Count the rows whose text right of the gutter starts at the most common x: a column's left edge."""
    starts = Counter(round(next(w["x0"] for w in row if w["x0"] > gutter)) for row in rows if row[-1]["x0"] > gutter)
    # a wide space in one justified line is no column: a column starts several lines at one x
    return starts.most_common(1)[0][1] if starts else 0


def split_blocks(rows: list[list[dict]], gutter: float | None) -> list[tuple[bool, list[list[dict]]]]:
    """Cut a page's rows into runs that are two columns (no word crosses the gutter) or one."""
    blocks: list[tuple[bool, list[list[dict]]]] = []
    for row in rows:
        split = gutter is not None and not any(w["x0"] < gutter < w["x1"] for w in row)
        if blocks and blocks[-1][0] == split:
            blocks[-1][1].append(row)
        else:
            blocks.append((split, [row]))
    return blocks


def make_line(row: list[dict], column: tuple[int, int, int]) -> Line:
    """Make a line from a row's words, left to right."""
    sizes = [round(float(w["size"]), 1) for w in row]
    bold = sum(len(w["text"]) for w in row if is_bold(w["fontname"])) * 2 > sum(len(w["text"]) for w in row)
    return Line(
        text=line_text(row),
        x0=float(row[0]["x0"]),
        x1=float(row[-1]["x1"]),
        top=float(min(w["top"] for w in row)),
        size=statistics.median(sizes),
        bold=bold,
        first_width=float(row[0]["x1"] - row[0]["x0"]),
        column=column,
    )


def line_text(row: list[dict]) -> str:
    """Join a row's words with spaces, except where only a change of font parted them ("**Ministry**,")."""
    text = row[0]["text"]
    for before, word in zip(row, row[1:]):
        text += ("" if word["x0"] - before["x1"] < 0.5 else " ") + word["text"]
    return text


def is_bold(fontname: str) -> bool:
    """Whether a PDF font name is a bold face."""
    return re.search(r"bold|black|heavy|semibold|demi", fontname, re.IGNORECASE) is not None


def with_column_edges(lines: list[Line]) -> list[Line]:
    """Give each line the left and right edges of its column (one-column blocks share the page's)."""
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    by_key: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for line in lines:
        by_key[edge_key(line)].append(line)
    for key, group in by_key.items():
        edges[key] = (min(l.x0 for l in group), max(l.x1 for l in group))
    return [replace(line, left=edges[edge_key(line)][0], right=edges[edge_key(line)][1]) for line in lines]


def edge_key(line: Line) -> tuple[int, int]:
    """Return which lines share edges: a page's one-column blocks together, each side of its two columns apart."""
    page, _, side = line.column
    return page, side


# 2. Running headers, footers and page numbers


def drop_furniture(pages: Sequence[list[Line]]) -> list[list[Line]]:
    """Remove running headers and footers and page numbers from each page's lines."""
    edges = [margin_lines(lines) for lines in pages]
    recurring = recurring_keys(edges, len(pages))
    numbered = page_number_pattern()
    kept: list[list[Line]] = []
    for lines, margin in zip(pages, edges):
        gone = {id(l) for l in margin if furniture_key(l) in recurring or numbered.match(l.text.strip())}
        kept.append([l for l in lines if id(l) not in gone])
    if not any(kept):  # a document that is all furniture is still its text
        return [list(lines) for lines in pages]
    return kept


def margin_lines(lines: list[Line]) -> list[Line]:
    """Return the lines of a page's first two and last two rows, where headers and footers stand."""
    tops = sorted({round(l.top) for l in lines})
    edge = set(tops[:2] + tops[-2:])
    return [l for l in lines if round(l.top) in edge]


def furniture_key(line: Line) -> tuple[str, int]:
    """Return what makes a header or footer the same on every page: its text without digits, and its place."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split())), round(line.top / 3)


def recurring_keys(margins: list[list[Line]], pages: int) -> set[tuple[str, int]]:
    """Return the keys of margin lines found on most pages (at least two)."""
    counts: Counter[tuple[str, int]] = Counter()
    for lines in margins:
        counts.update({furniture_key(l) for l in lines})
    return {key for key, n in counts.items() if n >= 2 and n * 2 >= pages}


# 3. Lines to paragraphs


def body_of(lines: list[Line]) -> Body:
    """Return the size, weight and line pitch of the text that most characters are set in."""
    sizes: Counter[float] = Counter()
    weights: Counter[bool] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
        weights[line.bold] += len(line.text)
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if a.column == b.column and a.size == b.size == size and 0 < b.top - a.top < 3 * size]
    pitch = statistics.median(steps) if steps else size * 1.2
    return Body(size=size, bold=weights.most_common(1)[0][0] if weights else False, pitch=pitch)


def is_heading(line: Line, body: Body) -> bool:
    """Whether a line is set apart from the body: larger, or bold in a body that is not."""
    return line.size > body.size * 1.12 or (line.bold and not body.bold)


def spaced(a: Line, b: Line, body: Body) -> bool:
    """Whether b sits lower under a (in the same column) than the line pitch."""
    return a.column == b.column and b.top - a.top > body.pitch * max(1.0, a.size / body.size) * 1.3


def is_short(line: Line) -> bool:
    """Whether a line fills less than three fifths of its column."""
    return line.x1 - line.left < 0.6 * (line.right - line.left)


def stands_alone(line: Line, after: Line | None, body: Body) -> bool:
    """Whether a line is a heading by its layout alone: short, no closing stop, space or a new style after it."""
    if not is_short(line) or FINAL.search(line.text):
        return False
    return after is None or spaced(line, after, body) or is_heading(after, body) != is_heading(line, body)


def breaks(a: Line, b: Line, body: Body) -> bool:
    """Whether line b starts a new paragraph after line a."""
    if is_heading(a, body) != is_heading(b, body) or abs(a.size - b.size) > 0.5:
        return True
    if spaced(a, b, body):
        return True
    em = body.size
    if b.x0 - b.left > 0.8 * em and abs(b.x0 - a.x0) > 1.0:
        return True  # a first-line indent
    slack = a.right - a.x1
    if slack > b.first_width + 0.4 * em and (FINAL.search(a.text) or is_short(a)):
        # the next word would have fitted: the line was ended on purpose, after a sentence or as
        # a heading (a line wrapped by hand can be short by a word in the middle of a sentence)
        return True
    if FINAL.search(a.text) and (slack > 3 * em or BULLET.match(b.text) or (slack > em and NUMBERED.match(b.text))):
        # a visibly short line, or an item of a list, after the end of a sentence; "Nr.\n57) und"
        # at the end of a full line is a number in brackets, not an item
        return True
    return False


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines in reading order into paragraphs (a heading is a paragraph of its own)."""
    body = body_of(lines)
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        after = lines[i + 1] if i + 1 < len(lines) else None
        # a short last line of a paragraph (a URL, a caption) stands alone too: a heading must follow a sentence's end
        heading = groups and FINAL.search(groups[-1][-1].text) and stands_alone(line, after, body)
        if groups and not breaks(groups[-1][-1], line, body) and not heading:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


# 4. Paragraphs to text


def vocabulary(lines: list[Line]) -> set[str]:
    """Return the lower-cased words the document prints, to tell its hyphenated compounds from broken words."""
    words: set[str] = set()
    for line in lines:
        for token in line.text.split():
            word = TOKEN_EDGE.sub("", token.lower())
            words.add(word)
            if "-" in word:
                words.add(word.split("-", 1)[0] + "-")  # "социально-" starts compounds in this document
    return words


def join_pair(head: str, tail: str, vocab: set[str]) -> str:
    """Join the text so far with the next line, undoing a hyphenation made by the line break."""
    if not head.endswith(("-", "\u00ad")) or len(head) < 2 or not head[-2].isalnum():
        return f"{head} {tail}"
    if head.endswith("\u00ad"):
        return head[:-1] + tail  # a soft hyphen is a break by definition
    first = tail.split(maxsplit=1)[0] if tail.strip() else ""
    word = head.rsplit(maxsplit=1)[-1]
    if head[-2].isdigit() or not first[:1].islower() or "/" in word:
        return head + tail  # "57-NQ/TW", "COVID-19", "Bà Rịa-Vũng Tàu", a URL: the hyphen is the word's
    last, bare = TOKEN_EDGE.sub("", word).lower(), TOKEN_EDGE.sub("", first).lower()
    if f"{last}{bare}" in vocab:
        return head[:-1] + tail  # the document prints the word whole elsewhere
    if bare in words_of_languages()["suspended_hyphen"]:
        return f"{head} {tail}"  # "Informations- und"
    compound = f"{last}-" in vocab or last in words_of_languages()["compound_first"]
    if f"{last}-{bare}" in vocab or (compound and len(bare) >= 4):
        return head + tail  # the document writes this compound, or others with this first part, with a hyphen
    return head[:-1] + tail


def paragraph_text(group: list[Line], vocab: set[str]) -> str:
    """Return a paragraph's lines as one line of text."""
    text = group[0].text
    for line in group[1:]:
        text = join_pair(text, line.text, vocab)
    return text


def reading_text(pages: Sequence[list[Line]]) -> str:
    """Return a document's text from its pages' lines: furniture gone, one paragraph a line, blank lines between."""
    # column edges are measured without the furniture: a running header may be wider than a last, short column
    lines = [line for page in drop_furniture(pages) for line in with_column_edges(page)]
    vocab = vocabulary(lines)
    return "\n\n".join(paragraph_text(group, vocab) for group in paragraphs(lines))
