"""vectors.py: the index beside the database answers like an exact search, and only for the link run that wrote it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline import vectors
from pipeline.vectors import VectorIndex, index_folder, read_index, write_index


def unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def keys_for(n: int) -> list[tuple[str, int]]:
    return [(f"{i // 5:016x}", i % 5) for i in range(n)]


def test_the_index_finds_what_an_exact_search_finds_and_maps_rows_back_to_sentences(tmp_path: Path) -> None:
    m, keys = unit_rows(50), keys_for(50)
    db = str(tmp_path / "docket.db")
    write_index(db, "model-a", list(reversed(keys)), m[::-1], "run 1")  # any order in, sorted by key inside
    index = read_index(db, "model-a", "run 1")
    assert index is not None and index.index is None  # small: exact search
    query = m[17]
    (row, score), *_ = index.search(query, 3)
    assert index.key(row) == keys[17] and score == pytest.approx(1.0, abs=1e-5)
    assert list(index.rows_of(keys[17][0])) == list(range(15, 20))
    assert len(index.rows_of("ffffffffffffffff")) == 0


def test_an_index_of_another_link_run_or_model_is_not_used(tmp_path: Path) -> None:
    db = str(tmp_path / "docket.db")
    write_index(db, "model-a", keys_for(10), unit_rows(10), "run 1")
    assert read_index(db, "model-a", "run 2") is None
    assert read_index(db, "model-b", "run 1") is None
    assert read_index(db, "model-a", None) is None
    assert index_folder(db, "a/b c").name == "a_b_c"  # a model path never escapes the folder


def test_a_large_index_is_an_inverted_file_with_high_recall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EXACT_UP_TO", 1000)
    rng = np.random.default_rng(1)
    centres = unit_rows(40, dim=32, seed=2)
    m = centres[rng.integers(0, 40, 4000)] + rng.normal(scale=0.3, size=(4000, 32)).astype(np.float32)
    m = (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)
    db = str(tmp_path / "docket.db")
    write_index(db, "m", keys_for(4000), m, "run")
    approximate = read_index(db, "m", "run")
    assert approximate is not None and approximate.index is not None
    exact = VectorIndex.in_memory(keys_for(4000), m)
    found = total = 0
    for q in m[rng.integers(0, 4000, 50)]:
        truth = {r for r, _ in exact.search(q, 10)}
        found += len(truth & {r for r, _ in approximate.search(q, 10)})
        total += 10
    assert found / total >= 0.9


def test_a_damaged_index_is_ignored(tmp_path: Path) -> None:
    db = str(tmp_path / "docket.db")
    folder = write_index(db, "m", keys_for(10), unit_rows(10), "run")
    (folder / "keys.npy").write_bytes(b"not numpy")
    assert read_index(db, "m", "run") is None


def test_meaning_search_answers_with_record_sentences_only(tmp_path: Path) -> None:
    """The index holds every sentence (translation alignment needs them all); a hit is a record sentence."""
    from pipeline.api import Docket
    from tests.fakes import FakeEmbedder, store_text

    text = ("The weather in the mountains was cold and foggy during the whole week.\n"
            "The Department of Justice must digitise 500 civil records by June 30, 2025.\n")
    with Docket(tmp_path / "search.db") as dk:
        store_text(dk.store, text, "en", "justice.en.txt")
        embedder = FakeEmbedder()
        dk.link(embedder=embedder)
        hits = dk.search("cold foggy weather in the mountains", limit=5, embedder=embedder)
    assert [h["text"] for h in hits] == ["The Department of Justice must digitise 500 civil records by June 30, 2025."]
