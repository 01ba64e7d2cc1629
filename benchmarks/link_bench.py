"""Benchmark: embedding speed of the real model, and how linking time grows with the corpus.

    python benchmarks/link_bench.py                       # 250, 500, 1000 and 2000 reports
    python benchmarks/link_bench.py --sizes 1000 --embed 128

Embedding: multilingual-e5-small (rebuilt by `docket model build`) over record sentences of the
sample corpus, in batches, after one warm-up batch: sentences per second.

Linking: a generated corpus of quarterly reports from the 63 provinces (English, with one in ten
also in German), stored through the real extractor. Vectors come from a 384-dimension hashing
embedder so that the measurement is linking alone (translation candidates, alignment, series,
moved deadlines, writing the links); with the real model, add sentences / (sentences per second)
once, since vectors are stored and never computed again.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EN = """On {day} {month} {year}, the {place} Provincial People's Committee held a conference to review Project 06.
So far {done} of {models} pilot models have been completed.
The province has connected {services_done} of {services} public services to the national portal.
The Provincial Police must complete the population data center by {due}.
The Department of Home Affairs must digitise {records} civil status records by the end of {records_year}."""

DE = """Am {day}. {month_de} {year} hielt das Provinzvolkskomitee von {place} eine Konferenz zum Projekt 06 ab.
Bisher wurden {done} von {models} Pilotmodellen abgeschlossen.
Die Provinz hat {services_done} von {services} öffentlichen Diensten an das nationale Portal angeschlossen.
Die Provinzpolizei muss das Bevölkerungsdatenzentrum bis zum {due_de} fertigstellen.
Das Innenministerium muss bis Ende {records_year} {records} Personenstandsakten digitalisieren."""

MONTHS = ["March", "June", "September", "December"]
REPEATS = 3
MONTHS_DE = ["März", "Juni", "September", "Dezember"]


# the German template's words in English, so that a report and its translation align as with a multilingual model
GLOSSARY = dict(zip(
    "am hielt das provinzvolkskomitee von eine konferenz zum projekt ab bisher wurden pilotmodellen abgeschlossen die "
    "provinz hat öffentlichen diensten an nationale portal angeschlossen provinzpolizei muss bevölkerungsdatenzentrum "
    "bis fertigstellen innenministerium ende personenstandsakten digitalisieren".split(),
    "on held the provincial_people's_committee of a conference to_review project - so_far have_been pilot_models "
    "completed the province has public_services to the national portal connected provincial_police must "
    "population_data_center by complete department_of_home_affairs end civil_status_records digitise".split()))


class HashingEmbedder:
    """384-dimension bag of hashed words (German template words read as English): linking cost without the model's cost."""

    name = "bench-hashing-384"
    dim = 384

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                for token in GLOSSARY.get(word, word).replace("_", " ").split():
                    out[i, int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def reports(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """Return n (name, language, text) quarterly reports, progress rising, a deadline slipping now and then."""
    from pipeline.extract.resources import places

    rng = random.Random(seed)
    provinces = sorted(p for p, e in places()["places"].items() if e["kind"] == "province")
    out = []
    state = {p: {"models": rng.randint(20, 60), "done": 0, "services": 25, "due_year": 2024,
                 "records": 1000 + 100 * rng.randint(1, 30)} for p in provinces}
    quarter = 0
    while len(out) < n:
        year, q = 2023 + quarter // 4, quarter % 4
        for place in provinces:
            if len(out) >= n:
                break
            s = state[place]
            s["done"] = min(s["models"], s["done"] + rng.randint(1, 6))
            if rng.random() < 0.1:
                s["due_year"] += 1  # the data center slips
            values = {"day": 20 + q, "month": MONTHS[q], "month_de": MONTHS_DE[q], "year": year, "place": place,
                      "done": s["done"], "models": s["models"], "services_done": min(25, 5 + quarter * 3),
                      "services": s["services"], "due": f"December 31, {s['due_year']}", "due_de": f"31. Dezember {s['due_year']}",
                      "records": s["records"], "records_year": 2025}
            name = f"{place.lower().replace(' ', '-')}-{year}-q{q + 1}"
            out.append((name, "en", EN.format(**values)))
            if rng.random() < 0.1 and len(out) < n:
                out.append((name, "de", DE.format(**values)))
        quarter += 1
    return out


def sample_sentences(count: int) -> list[str]:
    """Record sentences of the sample corpus, numbered so that no two are alike, `count` of them."""
    from pipeline.detect import detect_language
    from pipeline.extract import Extractor
    from pipeline.ingest import read_document

    extractor = Extractor()
    sentences = []
    for path in sorted((ROOT / "corpora" / "sample").iterdir()):
        doc = read_document(path)
        sentences += [s.text for s in extractor(doc, detect_language(doc.text)).sentences]
    sentences = (sentences * (count // len(sentences) + 1))[:count]
    return [f"{s} ({i})" for i, s in enumerate(sentences)]


def measure_embedding(count: int) -> list[dict]:
    """Embed the same sentences with each engine, one after the other in this process, after a warm-up:
    sentences per second, each engine's ratio to sentence-transformers, and how far the vectors differ."""
    from pipeline.embed import OnnxEmbedder, SentenceTransformerEmbedder

    sentences = sample_sentences(count)
    words = sum(len(s.split()) for s in sentences) / count
    rows, baseline = [], None
    for name, embedder in (("sentence-transformers (PyTorch), batches of 8", SentenceTransformerEmbedder()),
                           ("ONNX Runtime, batched by length", OnnxEmbedder())):
        embedder.encode(sentences[:16])  # load and warm up
        started = time.perf_counter()
        vectors = embedder.encode(sentences)
        seconds = time.perf_counter() - started
        if baseline is None:
            baseline = (seconds, vectors)
        rows.append({"engine": name, "sentences": count, "mean_words": round(words, 1), "seconds": round(seconds, 2),
                     "sentences_per_s": round(count / seconds, 1), "ratio": round(baseline[0] / seconds, 2),
                     "min_cosine_to_baseline": round(float(np.min(np.sum(vectors * baseline[1], axis=1))), 6)})
    return rows


def measure_link(n: int, tmp: Path) -> dict:
    from pipeline.link import link
    from pipeline.store import Store
    from tests.fakes import store_text

    store = Store(tmp / f"link-{n}.db")
    for name, lang, text in reports(n):
        store_text(store, text, lang, f"{name}.{lang}.txt")
    embedder = HashingEmbedder()
    first = link(store, embedder)  # embeds every sentence once
    times = []
    for _ in range(REPEATS):  # vectors stored: linking alone; the best of a few runs, as this machine is noisy
        started = time.perf_counter()
        again = link(store, embedder)
        times.append(time.perf_counter() - started)
    seconds = min(times)
    members: dict[str, set[str]] = {}
    for row in store.translation_rows():
        members.setdefault(row["group_id"], set()).add(row["source"].rsplit(".", 2)[0])
    right = sum(1 for names in members.values() if len(names) == 1)  # both languages of one generated report
    german = sum(1 for _, lang, _ in reports(n) if lang == "de")
    store.close()
    return {"documents": n, "sentences": again.sentences, "link_s": round(seconds, 2), "first_link_s": first.seconds,
            "translation_groups": again.translation_groups, "right_groups": right, "translated_reports": german,
            "series": again.series, "revisions": again.revisions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--embed", type=int, default=256, help="sentences to embed with the real model (0: skip)")
    args = parser.parse_args()
    import tempfile

    if args.embed:
        for e in measure_embedding(args.embed):
            print(f"embedding (multilingual-e5-small, CPU) with {e['engine']}: {e['sentences']} sentences of "
                  f"{e['mean_words']} words in {e['seconds']} s = {e['sentences_per_s']} sentences/s, "
                  f"{e['ratio']:.2f}x sentence-transformers side by side; vectors' cosine to it >= {e['min_cosine_to_baseline']}",
                  flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(measure_link(n, Path(tmp)))
            r = rows[-1]
            print(f"link {r['documents']:>5} documents, {r['sentences']:>6} sentences: {r['link_s']:>6.2f} s (best of {REPEATS}) "
                  f"(first run with hashing vectors {r['first_link_s']:.2f} s); {r['translation_groups']} translation groups "
                  f"({r['right_groups']} right, {r['translated_reports']} generated), "
                  f"{r['series']} series, {r['revisions']} revisions", flush=True)
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        exponent = math.log(b["link_s"] / a["link_s"]) / math.log(b["sentences"] / a["sentences"])
        print(f"growth: link time ~ sentences^{exponent:.2f} from {a['sentences']} to {b['sentences']} sentences "
              f"(1.00 is linear, 2.00 would be the square)")


if __name__ == "__main__":
    main()
