"""Test doubles: a deterministic embedder, and a way to store a written report without files."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from pipeline.extract import Extractor
from pipeline.records import Document, Language
from pipeline.store import Store

# the words the test reports use in German and Russian, mapped to English, so that the fake
# embedder puts a sentence and its translation near each other as a multilingual model would
GLOSSARY = {
    "von": "of", "pilotmodellen": "pilot models", "wurden": "have been", "abgeschlossen": "completed", "provinz": "province",
    "provinzpolizei": "provincial police", "das": "the", "die": "the", "der": "the", "datenzentrum": "data center",
    "bis": "by", "zum": "on", "juni": "june", "dezember": "december", "fertigstellen": "complete", "muss": "must",
    "konferenz": "conference", "hielt": "held", "provinzvolkskomitee": "provincial people's committee",
    "am": "on", "märz": "march", "und": "and", "modelle": "models", "in": "in", "umsetzung": "implementation",
    "sich": "", "befinden": "are being implemented", "eine": "a", "projekt": "project", "ab": "", "bisher": "so far",
    "justizamt": "department of justice", "prüfte": "reviewed", "verwaltungsverfahren": "administrative procedures",
}
DIM = 256


class FakeEmbedder:
    """Bag of words hashed into 256 dimensions, German mapped to English first; counts its calls."""

    name = "fake-bag-of-words"
    dim = DIM

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[^\W\d_]+", text.lower()):
                for token in GLOSSARY.get(word, word).split():
                    out[i, int(hashlib.md5(token.encode()).hexdigest(), 16) % DIM] += 1.0
            norm = np.linalg.norm(out[i])
            out[i] /= norm or 1.0
        return out


def store_text(store: Store, text: str, lang: str, source: str) -> str:
    """Extract and store a report given as text; return its document id."""
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    document = Document(id=doc_id, source=source, text=text, format="txt")
    language = Language(lang, 1.0, True)
    store.save(document, language, Extractor()(document, language))
    return doc_id
