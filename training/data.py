# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Dataset preparation (tokenize into .bin), validation, and memmap batches.

nanoGPT pattern: the corpus is tokenized once into ``train.bin`` / ``val.bin``
under ``dataset_cache/bin/`` (``np.uint16`` when the vocabulary is below 65,535
ids, ``np.uint32`` otherwise) and skipped when the cache matches the sources.
Training reads the files through ``np.memmap`` and draws batch positions with
``torch.randint`` from a dedicated generator (whose state is the data position
saved in checkpoints). No DataLoader.
"""

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import numpy as np
import torch

from training.paths import RunPaths
from training.sources import build_sources, collect_corpus, select_sources, sources_fingerprint
from training.tokenizer import CharTokenizer

CACHE_FORMAT_VERSION = 2
CHUNK_CHARS = 1_000_000
DOCUMENT_SEPARATOR = "\n\n"
SPLITS = ("train", "val")


def bin_dtype(vocab_size: int) -> np.dtype:
    """np.uint16 when every id fits below 65,535, else np.uint32 (policy section 10)."""
    return np.dtype(np.uint16) if vocab_size < 65535 else np.dtype(np.uint32)


@dataclass(frozen=True)
class DatasetMeta:
    """What ``meta.json`` records about the tokenized dataset."""

    fingerprint: str
    sources: List[str]
    vocab_size: int
    dtype: str
    train_tokens: int
    val_tokens: int
    tokenizer_path: str
    format_version: int = CACHE_FORMAT_VERSION

    def to_dict(self) -> Dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "DatasetMeta":
        """Rebuild from the JSON dict."""
        return cls(**{key: values[key] for key in cls.__dataclass_fields__})


def settings_fingerprint(train: Mapping[str, Any]) -> str:
    """Identity of the tokenization settings and the cache format."""
    return f"v{CACHE_FORMAT_VERSION}|min_count:{train['min_char_count']}|val:{train['val_fraction']}"


def dataset_fingerprint(train: Mapping[str, Any], paths: RunPaths) -> str:
    """Identity of the dataset the config asks for: sources, cap and tokenizer settings."""
    chosen = select_sources(build_sources(train, paths.cache_hf))
    return f"{sources_fingerprint(chosen, int(train['max_corpus_chars']))}|{settings_fingerprint(train)}"


def split_documents(texts: List[str], val_fraction: float) -> Tuple[str, str]:
    """Train and val text: the head of every document trains, its tail validates.

    Splitting each document (rather than the concatenation) keeps the two splits
    drawn from the same mix of files, so the val loss measures generalisation
    and not a change of file type at the end of the corpus.
    """
    train_parts: List[str] = []
    val_parts: List[str] = []
    for text in texts:
        split_at = int(len(text) * (1.0 - val_fraction))
        train_parts.append(text[:split_at])
        val_parts.append(text[split_at:])
    return DOCUMENT_SEPARATOR.join(train_parts), DOCUMENT_SEPARATOR.join(val_parts)


def _read_meta(meta_path: Path) -> Dict[str, Any]:
    """Load meta.json; an unreadable file reads as empty."""
    try:
        with open(meta_path, "r", encoding="utf-8") as handle:
            return dict(json.load(handle))
    except (OSError, ValueError, TypeError) as error:
        print(f"[WARN] Unreadable dataset meta {meta_path}: {error}; rebuilding", flush=True)
        return {}


def _write_tokens(text: str, tokenizer: CharTokenizer, dtype: np.dtype, target: Path, label: str) -> int:
    """Tokenize ``text`` in chunks into ``target`` (atomic), printing % and tok/s."""
    tmp_path = target.with_name(target.name + ".tmp")
    written = 0
    started = time.perf_counter()
    total = max(len(text), 1)
    with open(tmp_path, "wb") as handle:
        for offset in range(0, len(text), CHUNK_CHARS):
            ids = tokenizer.encode(text[offset : offset + CHUNK_CHARS])
            handle.write(ids.astype(dtype).tobytes())
            written += int(ids.size)
            elapsed = max(time.perf_counter() - started, 1e-9)
            percent = 100.0 * min(offset + CHUNK_CHARS, len(text)) / total
            print(f"[INFO] Tokenizing {label}: {percent:5.1f}% | tok/s: {written / elapsed:,.0f}", flush=True)
    os.replace(tmp_path, target)
    return written


def prepare_dataset(train: Mapping[str, Any], paths: RunPaths) -> DatasetMeta:
    """Return the dataset meta, tokenizing into .bin files unless a matching cache exists."""
    paths.cache_bin.mkdir(parents=True, exist_ok=True)
    paths.cache_processed.mkdir(parents=True, exist_ok=True)
    meta_path = paths.cache_bin / "meta.json"
    wanted = dataset_fingerprint(train, paths)
    bins_exist = all((paths.cache_bin / f"{split}.bin").is_file() for split in SPLITS)
    if meta_path.is_file() and bins_exist:
        cached = _read_meta(meta_path)
        if cached.get("fingerprint") == wanted:
            meta = DatasetMeta.from_dict(cached)
            print(
                f"[OK] Dataset cache hit in {paths.cache_bin}: {meta.train_tokens:,} train / "
                f"{meta.val_tokens:,} val tokens; tokenization skipped"
            )
            return meta
        if cached:
            print("[INFO] Dataset cache does not match the configured sources; rebuilding")
    corpus = collect_corpus(train, paths.cache_hf)
    print(
        f"[INFO] Corpus: {len(corpus.documents):,} documents, {corpus.num_chars:,} characters "
        f"from {', '.join(corpus.source_names)}"
    )
    train_text, val_text = split_documents([document.text for document in corpus.documents], float(train["val_fraction"]))
    tokenizer = CharTokenizer.train([train_text, val_text], min_count=int(train["min_char_count"]))
    tokenizer_path = paths.cache_processed / "tokenizer.json"
    tokenizer.save(tokenizer_path)
    dtype = bin_dtype(tokenizer.vocab_size)
    counts = {
        "train": _write_tokens(train_text, tokenizer, dtype, paths.cache_bin / "train.bin", "train"),
        "val": _write_tokens(val_text, tokenizer, dtype, paths.cache_bin / "val.bin", "val"),
    }
    meta = DatasetMeta(
        fingerprint=f"{corpus.fingerprint}|{settings_fingerprint(train)}",
        sources=corpus.source_names,
        vocab_size=tokenizer.vocab_size,
        dtype=dtype.name,
        train_tokens=counts["train"],
        val_tokens=counts["val"],
        tokenizer_path=str(tokenizer_path),
    )
    tmp_path = meta_path.with_name(meta_path.name + ".tmp")
    with open(tmp_path, "w", encoding="utf-8") as handle:
        json.dump(meta.to_dict(), handle, indent=2)
    os.replace(tmp_path, meta_path)
    print(f"[OK] Dataset ready: vocab {meta.vocab_size}, dtype {meta.dtype}, {counts['train']:,} train / {counts['val']:,} val tokens")
    return meta


def validate_dataset(meta: DatasetMeta, bin_dir: Path, block_size: int) -> None:
    """Check dtype, token counts and the vocabulary bound before training; raise ValueError."""
    expected = bin_dtype(meta.vocab_size)
    if np.dtype(meta.dtype) != expected:
        raise ValueError(f"Dataset dtype {meta.dtype} does not match vocab {meta.vocab_size} (expected {expected.name})")
    for split, count in (("train", meta.train_tokens), ("val", meta.val_tokens)):
        path = bin_dir / f"{split}.bin"
        size = path.stat().st_size
        if size != count * expected.itemsize:
            raise ValueError(f"{path}: {size} bytes, expected {count} tokens x {expected.itemsize} bytes")
        if count <= block_size + 1:
            raise ValueError(f"{path}: {count} tokens, need more than block_size + 1 = {block_size + 1}")
        tokens = np.memmap(path, dtype=expected, mode="r")
        highest = int(tokens.max())
        del tokens
        if highest >= meta.vocab_size:
            raise ValueError(f"{path}: token id {highest} out of vocabulary range {meta.vocab_size}")
    print(f"[OK] Dataset validated: dtype {expected.name}, ids < {meta.vocab_size}, counts match file sizes")


class BinDataset:
    """Memory-mapped train/val token files and the batch sampler."""

    def __init__(self, bin_dir: Path, meta: DatasetMeta) -> None:
        dtype = np.dtype(meta.dtype)
        self.splits = {split: np.memmap(bin_dir / f"{split}.bin", dtype=dtype, mode="r") for split in SPLITS}
        self.vocab_size = meta.vocab_size

    def num_tokens(self, split: str) -> int:
        """Number of tokens in a split."""
        return int(self.splits[split].shape[0])

    def get_batch(
        self,
        split: str,
        batch_size: int,
        block_size: int,
        generator: torch.Generator,
        device: torch.device,
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Random (input, target) windows; pinned and copied asynchronously on CUDA."""
        data = self.splits[split]
        starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator).tolist()
        inputs = torch.from_numpy(np.stack([data[start : start + block_size] for start in starts]).astype(np.int64))
        targets = torch.from_numpy(
            np.stack([data[start + 1 : start + 1 + block_size] for start in starts]).astype(np.int64)
        )
        if device.type == "cuda":
            return (
                inputs.pin_memory().to(device, non_blocking=True),
                targets.pin_memory().to(device, non_blocking=True),
            )
        return inputs, targets
