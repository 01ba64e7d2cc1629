"""Sentences: spaCy's blank pipeline for each language with Docket's sentence boundaries.

spaCy's rule sentencizer splits after "No." and "Nr." and never at a line break, and the
Vietnamese tokenizer without pyvi keeps punctuation on its words; headlines in reports have
no final stop at all. The docket_sentences component marks a start after a line break and
after a word that ends a sentence, unless that word is one of the language's abbreviations
or, where the resource file sets ordinal_dot, an ordinal ("am 2. April").
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..records import Sentence
from .resources import raw

FINAL = re.compile(r"[.!?…]+[\"'”»)]*$")
OPENING = re.compile(r"^[\"'„“«(\[]?[\w\d]", re.UNICODE)


@Language.factory("docket_sentences")
def make_sentence_marker(nlp: Language, name: str) -> "SentenceMarker":
    """Create the sentence marker for nlp's language."""
    spec = raw(nlp.lang)["sentences"]
    return SentenceMarker(spec["abbreviations"], spec.get("ordinal_dot", False))


class SentenceMarker:
    """Mark sentence starts at line breaks and after sentence-final words."""

    def __init__(self, abbreviations: list[str], ordinal_dot: bool = False):
        self.abbreviations = {a.lower().rstrip(".") for a in abbreviations}
        self.ordinal_dot = ordinal_dot

    def __call__(self, doc: Doc) -> Doc:
        # all starts at once: setting token.is_sent_start one by one re-checks the whole doc each time
        starts = numpy.full((len(doc), 1), -1, dtype="int64")
        previous = None
        for token in doc:
            if previous is None or self.breaks_after(previous, token):
                starts[token.i, 0] = 1
            if not token.is_space or "\n" in token.text:
                previous = token
        if len(doc):
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc

    def breaks_after(self, previous, token) -> bool:
        """Whether a sentence starts at token, given the last token before it."""
        if "\n" in previous.text or "\n" in previous.whitespace_:
            return not token.is_space
        if token.is_space or not FINAL.search(previous.text) or not OPENING.match(token.text):
            return False
        word = previous.text.rstrip(".!?…\"'”»)").lower()
        if not word and previous.i > 0:
            word = previous.doc[previous.i - 1].text.lower()
        if word in self.abbreviations:
            return False
        if self.ordinal_dot and word.isdigit() and len(word) <= 2 and previous.text.endswith(".") and token.text[:1].isalpha():
            return False  # "2. April", "17. Kongresses": an ordinal, where the language writes them with a dot
        return token.text[:1].isupper() or token.text[:1].isdigit() or not token.text[:1].isalpha()


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """Return spaCy's blank pipeline for a language with Docket's sentence marker."""
    config = {"nlp": {"tokenizer": {"use_pyvi": False}}} if lang == "vi" else {}
    nlp = spacy.blank(lang, config=config)
    nlp.add_pipe("docket_sentences")
    return nlp


def parse(lang: str, text: str, piece_chars: int | None = None) -> Doc:
    """Parse text, in pieces cut at paragraph breaks when it is longer than spaCy takes at once (E088).

    spaCy refuses texts over nlp.max_length (1,000,000 characters) for the memory of parsers and
    taggers, which this tokenizer-only pipeline does not have; the pieces are joined back into one
    Doc whose text, and so every offset, is the original's.
    """
    nlp = pipeline(lang)
    size = piece_chars or nlp.max_length - 1
    if len(text) <= size:
        return nlp(text)
    docs = [nlp(piece) for piece in pieces(text, size)]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text, "pieces must join back into the text"
    return doc


BREAKS = ("\n\n", "\n", ". ", " ")  # where a piece may end, best first


def pieces(text: str, size: int) -> list[str]:
    """Cut text into pieces of at most size characters, each ending after a paragraph break where there is one."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((i + len(b) for b in BREAKS if (i := window.rfind(b)) > size // 2), size)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def split_sentences(doc: Doc) -> list[Sentence]:
    """Return the non-empty sentences of a parsed doc with their character offsets."""
    out: list[Sentence] = []
    for span in doc.sents:
        text = span.text
        stripped = text.strip()
        if not stripped:
            continue
        start = span.start_char + (len(text) - len(text.lstrip()))
        out.append(Sentence(index=len(out), start=start, end=start + len(stripped), text=stripped))
    return out


class SentenceLookup:
    """Find the sentence that holds a character offset."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def at(self, offset: int) -> Sentence:
        """Return the last sentence starting at or before offset (the first one for text before it)."""
        return self.sentences[max(bisect.bisect_right(self.starts, offset) - 1, 0)]
