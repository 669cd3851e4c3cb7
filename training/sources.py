# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Real-text sources of the training corpus. No synthetic data, ever.

* ``training_data``: a local folder of text files (text, markdown, json, csv, ...).
* ``huggingface``: a configured Hugging Face dataset in streaming mode, used only
  when the ``datasets`` package is installed and the hub answers.
* ``stdlib``: the running interpreter's own standard-library ``.py`` sources,
  real text that is present on every machine that can run this package.

The user sources (local folder, Hugging Face) come first and are combined; the
standard library is the fallback when neither yields text. When every configured
source fails, ``collect_corpus`` raises RuntimeError saying what to do.
"""

import functools
import hashlib
import importlib
import importlib.util
import sys
import sysconfig
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, List, Mapping, Optional

TEXT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".rst", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".html", ".htm", ".py"}
)
BINARY_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".mp3", ".wav", ".mp4", ".png", ".jpg", ".jpeg"})
STDLIB_SKIPPED_PARTS = frozenset(
    {"site-packages", "dist-packages", "test", "tests", "idle_test", "__pycache__", "lib2to3", "encodings"}
)
STDLIB_SKIPPED_PREFIXES = ("_sysconfigdata",)
HF_ERRORS = (OSError, ValueError, KeyError, RuntimeError, ImportError, ConnectionError, TimeoutError)


@dataclass(frozen=True)
class Document:
    """One text of the corpus and where it came from."""

    origin: str
    text: str


class TextSource(ABC):
    """A place real text can come from."""

    @property
    @abstractmethod
    def name(self) -> str:
        """Short name used in messages and in the dataset fingerprint."""

    @abstractmethod
    def is_available(self) -> bool:
        """Cheap check: can this source yield text at all (no reading)?"""

    @abstractmethod
    def fingerprint(self) -> str:
        """Identity of the source's current content, for cache invalidation."""

    @abstractmethod
    def documents(self) -> Iterator[Document]:
        """Yield the source's documents in a fixed order."""


def _hash_files(files: List[Path], root: Path) -> str:
    """Hash relative names, sizes and modification times of files."""
    digest = hashlib.sha256()
    for path in files:
        status = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}|{status.st_size}|{status.st_mtime_ns}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


def _read_text(path: Path) -> str:
    """Read a text file as UTF-8, replacing undecodable bytes."""
    with open(path, "r", encoding="utf-8", errors="replace") as handle:
        return handle.read()


class LocalFolderSource(TextSource):
    """Text files under a local ``training_data/`` folder, in path order."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def name(self) -> str:
        """Short name of the source."""
        return "training_data"

    def files(self) -> List[Path]:
        """Supported text files under the folder, ordered by relative path."""
        if not self.root.is_dir():
            return []
        found = [path for path in self.root.rglob("*") if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES]
        return sorted(found, key=lambda path: path.relative_to(self.root).as_posix())

    def skipped_files(self) -> List[Path]:
        """Files of formats that need extra libraries (pdf, docx, media)."""
        if not self.root.is_dir():
            return []
        return [path for path in self.root.rglob("*") if path.is_file() and path.suffix.lower() in BINARY_SUFFIXES]

    def is_available(self) -> bool:
        """True when the folder holds at least one supported text file."""
        return bool(self.files())

    def fingerprint(self) -> str:
        """Hash of the folder's file list."""
        return f"training_data:{_hash_files(self.files(), self.root)}"

    def documents(self) -> Iterator[Document]:
        """Yield every supported file's text."""
        skipped = self.skipped_files()
        if skipped:
            print(f"[WARN] {len(skipped)} binary file(s) in {self.root} skipped (pdf/docx/media need extra libraries)")
        for path in self.files():
            yield Document(origin=str(path), text=_read_text(path))


class StdlibSource(TextSource):
    """The running interpreter's standard-library Python sources.

    Tests, third-party packages, codec tables (``encodings/``) and the generated
    ``_sysconfigdata`` module are left out: they are data more than code.
    """

    def __init__(self, root: Optional[Path] = None) -> None:
        self.root = root or Path(sysconfig.get_paths()["stdlib"])

    @property
    def name(self) -> str:
        """Short name of the source."""
        return "stdlib"

    def files(self) -> List[Path]:
        """Standard-library .py files, tests and third-party packages excluded."""
        if not self.root.is_dir():
            return []
        found = [
            path
            for path in self.root.rglob("*.py")
            if not STDLIB_SKIPPED_PARTS.intersection(path.relative_to(self.root).parts)
            and not path.name.startswith(STDLIB_SKIPPED_PREFIXES)
        ]
        return sorted(found, key=lambda path: path.relative_to(self.root).as_posix())

    def is_available(self) -> bool:
        """True when the standard-library folder holds Python files."""
        return bool(self.files())

    def fingerprint(self) -> str:
        """Interpreter version plus a hash of the file list."""
        version = ".".join(str(part) for part in sys.version_info[:3])
        return f"stdlib:{version}:{_hash_files(self.files(), self.root)}"

    def documents(self) -> Iterator[Document]:
        """Yield every standard-library source file's text."""
        for path in self.files():
            yield Document(origin=str(path), text=_read_text(path))


@functools.lru_cache(maxsize=None)
def datasets_installed(dataset: str) -> bool:
    """True when ``datasets`` is importable; otherwise warn once per dataset name."""
    if importlib.util.find_spec("datasets") is not None:
        return True
    print(f"[WARN] Hugging Face dataset '{dataset}' configured but the 'datasets' package is not installed; skipped")
    return False


class HuggingFaceSource(TextSource):
    """A Hugging Face dataset read in streaming mode (needs the ``datasets`` package)."""

    def __init__(
        self,
        dataset: Optional[str],
        config: Optional[str],
        split: str,
        text_field: str,
        cache_dir: Path,
    ) -> None:
        self.dataset = dataset
        self.config = config
        self.split = split
        self.text_field = text_field
        self.cache_dir = cache_dir

    @property
    def name(self) -> str:
        """Short name of the source."""
        return "huggingface"

    def is_available(self) -> bool:
        """True when a dataset is configured and ``datasets`` can be imported."""
        if not self.dataset:
            return False
        return datasets_installed(str(self.dataset))

    def fingerprint(self) -> str:
        """Dataset name, config, split and field."""
        return f"huggingface:{self.dataset}:{self.config}:{self.split}:{self.text_field}"

    def documents(self) -> Iterator[Document]:
        """Stream rows and yield their text field; a failing hub ends the stream with a [WARN]."""
        try:
            datasets = importlib.import_module("datasets")
            stream = datasets.load_dataset(
                self.dataset,
                self.config,
                split=self.split,
                streaming=True,
                cache_dir=str(self.cache_dir),
            )
            print(f"[HF] Streaming {self.dataset} ({self.config or 'default'}, split {self.split})")
            for index, row in enumerate(stream):
                text = row.get(self.text_field) if isinstance(row, Mapping) else None
                if isinstance(text, str) and text:
                    yield Document(origin=f"{self.dataset}#{index}", text=text)
        except HF_ERRORS as error:
            print(f"[WARN] Hugging Face dataset '{self.dataset}' failed: {type(error).__name__}: {error}")


@dataclass(frozen=True)
class Corpus:
    """The collected text and the sources it came from."""

    documents: List[Document]
    source_names: List[str]
    fingerprint: str

    @property
    def num_chars(self) -> int:
        """Total characters over every document."""
        return sum(len(document.text) for document in self.documents)


def build_sources(train: Mapping[str, Any], hf_cache: Path) -> List[TextSource]:
    """Instantiate the configured sources in the configured order."""
    sources: List[TextSource] = []
    for name in train["sources"]:
        if name == "training_data":
            sources.append(LocalFolderSource(Path(str(train["data_dir"]))))
        elif name == "huggingface":
            sources.append(
                HuggingFaceSource(
                    dataset=train.get("hf_dataset"),
                    config=train.get("hf_config"),
                    split=str(train.get("hf_split", "train")),
                    text_field=str(train.get("hf_text_field", "text")),
                    cache_dir=hf_cache,
                )
            )
        elif name == "stdlib":
            sources.append(StdlibSource())
        else:
            raise ValueError(f"Unknown data source '{name}'")
    return sources


def select_sources(sources: List[TextSource]) -> List[TextSource]:
    """User sources that are available; the stdlib fallback only when there is none."""
    user = [source for source in sources if source.name != "stdlib" and source.is_available()]
    if user:
        return user
    return [source for source in sources if source.name == "stdlib" and source.is_available()]


def sources_fingerprint(sources: List[TextSource], max_chars: int) -> str:
    """Identity of a corpus built from ``sources`` with the character cap."""
    return "|".join([source.fingerprint() for source in sources] + [f"max_chars:{max_chars}"])


def read_sources(sources: List[TextSource], max_chars: int) -> List[Document]:
    """Read documents in order until ``max_chars`` characters are collected."""
    documents: List[Document] = []
    total = 0
    for source in sources:
        for document in source.documents():
            remaining = max_chars - total
            if remaining <= 0:
                return documents
            text = document.text[:remaining]
            documents.append(Document(origin=document.origin, text=text))
            total += len(text)
    return documents


def collect_corpus(train: Mapping[str, Any], hf_cache: Path) -> Corpus:
    """Collect the corpus from the configured sources, falling back to the stdlib sources."""
    max_chars = int(train["max_corpus_chars"])
    sources = build_sources(train, hf_cache)
    chosen = select_sources(sources)
    documents = read_sources(chosen, max_chars) if chosen else []
    if not documents and any(source.name != "stdlib" for source in chosen):
        fallback = [source for source in sources if source.name == "stdlib" and source.is_available()]
        print("[WARN] User data sources yielded no text; falling back to the standard-library sources")
        chosen = fallback
        documents = read_sources(chosen, max_chars)
    if not documents:
        raise RuntimeError(
            "No training text found in sources "
            f"{list(train['sources'])}. Put .txt/.md/.json/.csv files under "
            f"'{train['data_dir']}/', or install 'datasets' and set hf_dataset, or add "
            "'stdlib' to sources to train on the interpreter's standard-library sources."
        )
    return Corpus(
        documents=documents,
        source_names=[source.name for source in chosen],
        fingerprint=sources_fingerprint(chosen, max_chars),
    )
