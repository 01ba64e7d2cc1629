"""A stored text as HTML with every record's span marked; everything printed is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A record's place in the text."""

    record_id: str
    kind: str
    start: int
    end: int
    rejected: bool = False


def boundaries(text: str, spans: list[Span]) -> list[int]:
    """Return every offset where a span starts or ends, with the text's ends, in order."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))))
    return sorted(cuts)


def segment(text: str, a: int, b: int, covering: list[Span]) -> Markup:
    """Mark one piece of text with the records that cover it (innermost record's kind as its class)."""
    piece = escape(text[a:b])
    if not covering:
        return piece
    inner = min(covering, key=lambda s: s.end - s.start)
    classes = f"rec k-{inner.kind}" + (" rejected" if inner.rejected else "")
    ids = " ".join(s.record_id for s in covering)
    return Markup('<span class="{}" data-records="{}">{}</span>').format(classes, ids, piece)


def marked_text(text: str, spans: list[Span]) -> Markup:
    """Return the text with each record's span marked and an anchor `record-ID` where it starts.

    Spans overlap (a commitment is a whole sentence holding counts and deadlines), so the text is cut
    at every boundary and each piece names all the records that cover it; the page's script marks
    the pieces of the record named in the URL's fragment.
    """
    cuts = boundaries(text, spans)
    out = [Markup("")]
    for a, b in zip(cuts, cuts[1:]):
        out += [Markup('<a class="anchor" id="record-{}"></a>').format(s.record_id) for s in spans if s.start == a]
        out.append(segment(text, a, b, [s for s in spans if s.start <= a and b <= s.end]))
    return Markup("").join(out)


def sentence_with_mark(sentence: str, sentence_start: int, start: int, end: int) -> Markup:
    """Return a sentence with the part [start, end) (document offsets) marked."""
    a, b = max(0, start - sentence_start), max(0, end - sentence_start)
    return (escape(sentence[:a]) + Markup("<mark>") + escape(sentence[a:b]) + Markup("</mark>")
            + escape(sentence[b:]))
