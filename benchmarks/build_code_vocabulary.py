# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Build ``checks/english/data/code_words.txt``: identifier words that real Python code uses.

ENG002 judges each word of a name against word-frequency lists, which know
prose, not code: ``proba`` (``predict_proba``) and ``stati`` (``REDIRECT_STATI``)
look Romanian, ``idx`` and ``cfg`` look like nothing. This script reads Python
sources (by default the running interpreter's standard library and its
installed packages), takes every code-shaped name (``snake_case``,
``camelCase``, ``UPPER_CASE``), splits it into words and keeps the words that
at least ``--min-packages`` different top-level packages use in at least
``--min-files`` files. Only the words that ENG002 would otherwise report are
written, so the file stays small and every line is a word that real code
showed to be programmers' vocabulary. The names of the top-level packages
read (library names: ``sklearn``, ``scipy``) are kept the same way.

    python benchmarks/build_code_vocabulary.py [--min-packages 3] [--min-files 5] [FOLDER ...]
"""

import argparse
import os
import re
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

from checks.english.allowlist import code_vocabulary
from checks.english.detector import identifier_part_language
from checks.english.text import split_identifier

OUTPUT = Path(__file__).resolve().parent.parent / "checks" / "english" / "data" / "code_words.txt"
CODE_NAME = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z0-9]*\b")
HEADER = (
    "# Identifier words that real Python code uses although word lists call them foreign.\n"
    "# Built by benchmarks/build_code_vocabulary.py from the standard library and installed packages;\n"
    "# one lower-case word per line.\n"
)


def default_folders() -> List[Path]:
    """The standard library and the site-packages folder of the running interpreter."""
    paths = sysconfig.get_paths()
    return [Path(paths["stdlib"]), Path(paths["purelib"])]


def python_files(folder: Path) -> Iterator[Tuple[str, Path]]:
    """(top-level package, file) for every ``.py`` file under a folder."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith(".") and name != "__pycache__")
        relative = Path(root).relative_to(folder)
        package = relative.parts[0] if relative.parts else "<top>"
        for name in sorted(files):
            if name.endswith(".py"):
                yield (package if relative.parts else name[:-3]), Path(root) / name


def count_words(folders: List[Path]) -> Tuple[Dict[str, Set[str]], Dict[str, int]]:
    """For each lower-case word of a code-shaped name: the packages using it and the number of files."""
    packages: Dict[str, Set[str]] = {}
    files: Dict[str, int] = {}
    for folder in folders:
        for package, path in python_files(folder):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            seen: Set[str] = set()
            for name in set(CODE_NAME.findall(text)):
                for part in split_identifier(name):
                    word = part.lower()
                    if len(word) >= 3 and word.isascii() and word.isalpha():
                        seen.add(word)
            for word in seen:
                packages.setdefault(word, set()).add(f"{folder}:{package}")
                files[word] = files.get(word, 0) + 1
    return packages, files


def write_atomic(path: Path, text: str) -> None:
    """Write a file through a temporary file and a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".code_words.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def main() -> int:
    """Count, filter and write the vocabulary."""
    parser = argparse.ArgumentParser(description="Build the ENG002 code vocabulary from Python sources.")
    parser.add_argument("folders", nargs="*", type=Path, help="folders of Python sources (default: stdlib and site-packages)")
    parser.add_argument("--min-packages", type=int, default=3, help="distinct top-level packages a word needs")
    parser.add_argument("--min-files", type=int, default=5, help="files a word needs")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the word list")
    args = parser.parse_args()
    folders = args.folders or default_folders()
    for folder in folders:
        if not folder.is_dir():
            print(f"[ERROR] {folder}: not a folder", flush=True)
            return 2
    packages, files = count_words(folders)
    common = sorted(
        word
        for word, users in packages.items()
        if len(users) >= args.min_packages and files[word] >= args.min_files
    )
    print(f"[INFO] {len(packages)} words in code-shaped names, {len(common)} used widely", flush=True)
    names = sorted({package.lower() for users in packages.values() for user in users for package in [user.rsplit(":", 1)[1]]})
    known = code_vocabulary()
    kept = sorted(
        {word for word in common if word in known or identifier_part_language(word) is not None}
        | {name for name in names if name.isascii() and name.isalpha() and identifier_part_language(name) is not None}
    )
    write_atomic(args.output, HEADER + "".join(word + "\n" for word in kept))
    print(f"[OK] {len(kept)} words that ENG002 would have reported written to {args.output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
