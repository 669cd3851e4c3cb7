"""Data: sources, tokenizer, .bin preparation and cache, validation, memmap batches."""

import shutil
import sysconfig
from pathlib import Path
from typing import Any, Callable, Dict

import numpy as np
import pytest
import torch

from training.data import BinDataset, bin_dtype, prepare_dataset, split_documents, validate_dataset
from training.paths import run_paths_from_config
from training.sources import HuggingFaceSource, collect_corpus
from training.tokenizer import UNKNOWN_ID, CharTokenizer

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def test_bin_dtype_boundary() -> None:
    assert bin_dtype(256) == np.uint16
    assert bin_dtype(65534) == np.uint16
    assert bin_dtype(65535) == np.uint32
    assert bin_dtype(200_000) == np.uint32


def test_char_tokenizer_round_trip_and_unknown(tmp_path: Path) -> None:
    text = (STDLIB / "abc.py").read_text(encoding="utf-8")
    tokenizer = CharTokenizer.train([text], min_count=1)
    ids = tokenizer.encode(text)
    assert ids.dtype == np.uint32 and ids.size == len(text)
    assert tokenizer.decode(ids) == text
    assert int(ids.max()) < tokenizer.vocab_size
    assert tokenizer.encode("\u4e2d")[0] == UNKNOWN_ID
    tokenizer.save(tmp_path / "tokenizer.json")
    assert CharTokenizer.load(tmp_path / "tokenizer.json").chars == tokenizer.chars


def test_split_documents_takes_the_tail_of_each_document() -> None:
    train, val = split_documents(["abcdefghij", "0123456789"], 0.2)
    assert train == "abcdefgh\n\n01234567"
    assert val == "ij\n\n89"


@pytest.mark.slow
def test_local_training_data_folder_is_preferred_and_cached(
    make_config: Callable[..., Dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data_dir = tmp_path / "training_data" / "text"
    data_dir.mkdir(parents=True)
    shutil.copy(STDLIB / "textwrap.py", data_dir / "textwrap.txt")
    shutil.copy(STDLIB / "string.py", data_dir / "string.md")
    (data_dir / "scan.pdf").write_bytes(b"%PDF-1.4")
    config = make_config(
        "local", sources=["training_data", "stdlib"], data_dir=str(tmp_path / "training_data"), cache_dir=None
    )
    paths = run_paths_from_config(config["train"])
    meta = prepare_dataset(config["train"], paths)
    output = capsys.readouterr().out
    assert meta.sources == ["training_data"]
    assert "[WARN] 1 binary file(s)" in output
    assert "[INFO] Tokenizing train: 100.0% | tok/s:" in output
    assert paths.cache_bin == paths.root / "dataset_cache" / "bin"
    expected_chars = sum(len((STDLIB / name).read_text(encoding="utf-8")) for name in ("textwrap.py", "string.py"))
    assert meta.train_tokens + meta.val_tokens == expected_chars + 2 * len("\n\n")
    assert meta.dtype == "uint16"
    train_bin = paths.cache_bin / "train.bin"
    stamp = train_bin.stat().st_mtime_ns

    again = prepare_dataset(config["train"], paths)
    assert "[OK] Dataset cache hit" in capsys.readouterr().out
    assert again == meta and train_bin.stat().st_mtime_ns == stamp

    shutil.copy(STDLIB / "shlex.py", data_dir / "shlex.txt")
    rebuilt = prepare_dataset(config["train"], paths)
    assert "does not match the configured sources; rebuilding" in capsys.readouterr().out
    assert rebuilt.train_tokens > meta.train_tokens


@pytest.mark.slow
def test_no_source_raises_runtime_error_with_instructions(make_config: Callable[..., Dict[str, Any]], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    config = make_config("none", sources=["training_data"], data_dir=str(tmp_path / "empty"), cache_dir=None)
    with pytest.raises(RuntimeError, match="training_data|stdlib"):
        collect_corpus(config["train"], tmp_path / "hf")


@pytest.mark.slow
def test_huggingface_without_datasets_warns_and_falls_back(
    make_config: Callable[..., Dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    if HuggingFaceSource("x", None, "train", "text", tmp_path).is_available():
        pytest.skip("the datasets package is installed here")
    capsys.readouterr()
    config = make_config(
        "hf",
        sources=["huggingface", "stdlib"],
        hf_dataset="karpathy/tiny_shakespeare",
        max_corpus_chars=20_000,
        cache_dir=None,
    )
    corpus = collect_corpus(config["train"], tmp_path / "hf")
    assert "[WARN] Hugging Face dataset 'karpathy/tiny_shakespeare' configured but the 'datasets' package" in (
        capsys.readouterr().out
    )
    assert corpus.source_names == ["stdlib"]
    assert corpus.num_chars == 20_000


@pytest.mark.slow
def test_validation_rejects_out_of_range_ids(make_config: Callable[..., Dict[str, Any]], tmp_path: Path) -> None:
    config = make_config("validate", max_corpus_chars=50_000, cache_dir=str(tmp_path / "cache"))
    paths = run_paths_from_config(config["train"])
    meta = prepare_dataset(config["train"], paths)
    validate_dataset(meta, paths.cache_bin, 64)
    with pytest.raises(ValueError, match="block_size"):
        validate_dataset(meta, paths.cache_bin, meta.val_tokens)
    tokens = np.memmap(paths.cache_bin / "val.bin", dtype=np.uint16, mode="r+")
    tokens[5] = meta.vocab_size
    tokens.flush()
    del tokens
    with pytest.raises(ValueError, match="out of vocabulary range"):
        validate_dataset(meta, paths.cache_bin, 64)


@pytest.mark.slow
def test_batches_are_shifted_windows_of_the_memmap(make_config: Callable[..., Dict[str, Any]]) -> None:
    config = make_config("batches")
    paths = run_paths_from_config(config["train"])
    meta = prepare_dataset(config["train"], paths)
    dataset = BinDataset(paths.cache_bin, meta)
    generator = torch.Generator().manual_seed(3)
    inputs, targets = dataset.get_batch("train", 4, 16, generator, torch.device("cpu"))
    assert inputs.shape == targets.shape == (4, 16)
    assert inputs.dtype == torch.int64
    assert torch.equal(inputs[:, 1:], targets[:, :-1])
    replay = torch.Generator().manual_seed(3)
    again, _ = dataset.get_batch("train", 4, 16, replay, torch.device("cpu"))
    assert torch.equal(inputs, again)
