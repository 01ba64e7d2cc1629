"""Document text to language: langdetect, seeded so that re-runs agree."""

from __future__ import annotations

import re

from .records import Language

SUPPORTED = ("en", "de", "ru", "vi")
# langdetect's cost grows with the text; 6,000 characters decide a report's language with room to spare
SAMPLE_CHARS = 6000
_NOISE = re.compile(r"https?://\S+|[\d\W_]+", re.UNICODE)


def detect_language(text: str) -> Language:
    """Return the main language of text with langdetect's probability for it."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS])
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return Language(code="und", confidence=0.0, supported=False)
    code = best.lang.split("-")[0]
    return Language(code=code, confidence=round(best.prob, 4), supported=code in SUPPORTED)


def given_language(code: str) -> Language:
    """Return the language a user named with --lang, taken as certain."""
    code = code.lower()
    return Language(code=code, confidence=1.0, supported=code in SUPPORTED)
