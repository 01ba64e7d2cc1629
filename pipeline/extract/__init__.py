"""Document to counts, deadlines, agencies and commitments: one module per kind, one resource file per language.

Extractor is the stage object: `extractor(document, language)` for one document and
`extractor.pipe(pairs)` for a stream, which lets spaCy batch the tokenisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..detect import SUPPORTED
from ..records import Document, Extraction, Language
from .agencies import extract_agencies
from .commitments import extract_commitments
from .counts import extract_counts
from .deadlines import extract_deadlines, find_candidates
from .deadlines import rules as date_rules
from .document_time import date_anchor, find_event_date, find_published
from .facts import find_place, find_title
from .identifiers import SpanIndex, identifier_spans
from .sentences import parse, pipeline, split_sentences


class Extractor:
    """Extract records from documents in the supported languages."""

    def __call__(self, document: Document, language: Language) -> Extraction:
        """Extract the records of one document."""
        if language.code not in SUPPORTED:
            return unsupported(document, language)
        return extract_from_doc(document, language.code, parse(language.code, document.text))

    def pipe(self, items: Iterable[tuple[Document, Language]]) -> Iterator[Extraction]:
        """Extract records from a stream of documents, in order."""
        for document, language in items:
            yield self(document, language)


def warm_up(languages: Iterable[str] = SUPPORTED) -> None:
    """Load spaCy pipelines and compile every rule now, so that forked workers share them."""
    from . import agencies, commitments, counts, deadlines, document_time

    for lang in languages:
        pipeline(lang)
        counts.rules(lang)
        deadlines.rules(lang)
        document_time.rules(lang)
        agencies.rules(lang)
        commitments.assign_cues(lang)
    from .facts import place_forms

    place_forms()


def unsupported(document: Document, language: Language) -> Extraction:
    """Return the facts Docket can give for a language it does not extract from."""
    return Extraction(title=find_title(document.text, document.title), url=document.url,
                      published=document.published, published_source=document.published_source,
                      notes=(f"language {language.code!r} is not yet supported for extraction",))


def extract_from_doc(document: Document, lang: str, doc: Doc) -> Extraction:
    """Run every extractor over one parsed document."""
    text = document.text
    sentences = split_sentences(doc)
    published = find_published(document, lang)
    dates = find_candidates(text, date_rules(lang))
    event = find_event_date(text, sentences, dates, published, lang)
    deadlines = extract_deadlines(text, sentences, lang, date_anchor(event, published), dates)
    # sorted once per document: a lookup per number then costs log(spans), not spans
    masks = SpanIndex([(d.start, d.end) for d in deadlines] + identifier_spans(text, lang))
    counts = [c for s in sentences for c in extract_counts(s, lang, masks)]
    agencies = extract_agencies(text, sentences, lang)
    commitments = extract_commitments(sentences, counts, deadlines, agencies, lang)
    evidence = {r.sentence for group in (counts, deadlines, agencies) for r in group}
    return Extraction(
        sentences=tuple(s for s in sentences if s.index in evidence),
        spans=tuple((s.start, s.end) for s in sentences),
        counts=tuple(counts),
        deadlines=tuple(deadlines),
        agencies=tuple(agencies),
        commitments=tuple(commitments),
        event_date=event.date if event else None,
        event_date_anchor=event.anchor if event else None,
        published=published.date if published else None,
        published_source=published.source if published else None,
        place=find_place(text),
        title=find_title(text, document.title),
        url=document.url,
    )
