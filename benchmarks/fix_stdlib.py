# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Fix safety at scale: ``prefguard check --fix`` over a copy of the standard library.

The script copies the interpreter's standard library (every ``.py`` file
outside ``site-packages``), varies the copy so that file modes, encodings and
line endings are exercised (executable and private modes, CRLF and CR line
endings, a UTF-8 byte order mark, read-only files), runs the real command
line ``prefguard check --fix`` over it twice and proves:

- every file the first run changed still compiles (when the original did) and
  still parses with CPython;
- its syntax tree differs from the original only by the edits the fixing
  rules intend, each edit recognised and attributed to its rule by an oracle
  written here, independent of the rules' code (header comments change no
  tree at all; IMP001 must resolve to the very module the relative import
  named, by ``importlib.util.resolve_name``);
- its permission bits, its encoding (as CPython detects it, byte order mark
  included) and its kinds of line ending are kept;
- a read-only file is reported with a clear error and left byte for byte;
- the second run changes nothing.

It prints the counts and exits 0 when every check holds, 1 otherwise.

    python benchmarks/fix_stdlib.py [--source DIR] [--sample N] [--seed S] [--jobs N] [--keep DIR]
"""

import argparse
import ast
import codecs
import difflib
import importlib.util
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import tokenize
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG = '[tool.prefguard.header]\nyear = 2026\n'
STATUS_PREFIXES = ("[OK]", "[HF]", "[WARN]", "[ERROR]", "[INFO]")
SEPARATOR_CHARACTERS = "=-*#~_+"
SEPARATOR_WIDTH = 70
SKIPPED_PARTS = frozenset({"site-packages", "__pycache__"})
# Files whose shape is hard for a fixer: always part of a sample.
CURATED = (
    "pydoc_data/topics.py",
    "test/encoded_modules/module_iso_8859_1.py",
    "test/encoded_modules/module_koi8_r.py",
    "test/tokenizedata/bad_coding.py",
    "test/tokenizedata/bad_coding2.py",
    "test/tokenizedata/badsyntax_pep3120.py",
    "test/test_future_stmt/badsyntax_future3.py",
    "lib2to3/tests/data/crlf.py",
    "lib2to3/tests/data/bom.py",
    "email/utils.py",
    "json/decoder.py",
    "importlib/metadata/__init__.py",
    "concurrent/futures/process.py",
    "idlelib/idle_test/test_config.py",
    "test/typinganndata/ann_module.py",
)
MODE_EXECUTABLE = 0o755
MODE_PRIVATE = 0o600
MODE_READ_ONLY = 0o444


@dataclass
class Variant:
    """How one copied file was varied before the run."""

    relative: str
    mode: int
    line_ending: str = "kept"
    bom_added: bool = False


@dataclass
class Report:
    """Counts and failures of one benchmark run."""

    corpus: int = 0
    checked: int = 0
    changed: int = 0
    compiled: int = 0
    original_not_compiling: int = 0
    ast_verified: int = 0
    comment_only: int = 0
    text_verified: int = 0
    edits_by_rule: Dict[str, int] = field(default_factory=dict)
    modes_kept: int = 0
    encodings_kept: int = 0
    line_endings_kept: int = 0
    read_only: int = 0
    read_only_untouched: int = 0
    second_run_changed: int = 0
    failures: List[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        """Record one failed check."""
        self.failures.append(message)


def standard_library() -> Path:
    """The folder of the running interpreter's standard library."""
    return Path(sysconfig.get_paths()["stdlib"])


def corpus_files(source: Path) -> List[str]:
    """Every ``.py`` file under ``source`` outside site-packages, as sorted POSIX paths."""
    found = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_PARTS)
        for name in sorted(files):
            path = Path(folder) / name
            if name.endswith(".py") and path.is_file() and not path.is_symlink():
                found.append(path.relative_to(source).as_posix())
    return found


def choose(files: Sequence[str], sample: int, seed: int) -> List[str]:
    """All files (sample 0), else the curated files present plus a seeded random sample."""
    if sample <= 0 or sample >= len(files):
        return list(files)
    present = set(files)
    chosen = [name for name in CURATED if name in present]
    rest = sorted(present - set(chosen))
    chosen.extend(random.Random(seed).sample(rest, max(0, sample - len(chosen))))
    return sorted(chosen)


def _endings(data: bytes) -> Set[str]:
    kinds = set()
    if b"\r\n" in data:
        kinds.add("crlf")
    if re.search(rb"\r(?!\n)", data):
        kinds.add("cr")
    if re.search(rb"(?<!\r)\n", data):
        kinds.add("lf")
    return kinds


def detected_encoding(data: bytes) -> Optional[str]:
    """The codec CPython reads the bytes with (``utf-8-sig`` with a byte order mark), or None."""
    lines = iter(data.splitlines(keepends=True)[:2])
    try:
        name, _ = tokenize.detect_encoding(lambda: next(lines, b""))
    except SyntaxError:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def vary(index: int, data: bytes) -> Tuple[bytes, int, str, bool]:
    """Deterministic variations of one file: (bytes, mode, line-ending label, BOM added)."""
    mode = 0o644
    if index % 9 == 1:
        mode = MODE_EXECUTABLE
    elif index % 9 == 2:
        mode = MODE_PRIVATE
    elif index % 17 == 6:
        mode = MODE_READ_ONLY
    ending = "kept"
    if b"\r" not in data and index % 7 == 3:
        data = data.replace(b"\n", b"\r\n")
        ending = "crlf"
    elif b"\r" not in data and index % 23 == 5:
        data = data.replace(b"\n", b"\r")
        ending = "cr"
    bom = False
    if index % 11 == 4 and not data.startswith(codecs.BOM_UTF8) and detected_encoding(data) == "utf-8":
        head = data.splitlines()[:2]
        if not any(b"coding" in line for line in head):
            data = codecs.BOM_UTF8 + data
            bom = True
    return data, mode, ending, bom


def copy_corpus(source: Path, names: Sequence[str], target: Path) -> Dict[str, Variant]:
    """Copy and vary the chosen files under ``target``; modes are set last."""
    variants: Dict[str, Variant] = {}
    for index, name in enumerate(names):
        data, mode, ending, bom = vary(index, (source / name).read_bytes())
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        variants[name] = Variant(name, mode, ending, bom)
    for name, variant in variants.items():
        os.chmod(target / name, variant.mode)
    return variants


def snapshot(root: Path, names: Sequence[str]) -> Dict[str, Tuple[bytes, int]]:
    """Bytes and permission bits of every file."""
    return {name: ((root / name).read_bytes(), stat.S_IMODE((root / name).stat().st_mode)) for name in names}


def run_fix(root: Path, config: Path, jobs: int, workdir: Path) -> Tuple[int, str, float]:
    """``prefguard check --fix`` over ``root``; (exit status, stderr, seconds).

    The command runs from a neutral folder: started from the copy itself,
    ``python -m`` would import the copied standard library modules.
    """
    command = [sys.executable, "-m", "hooks.cli", "check", "--fix", "--no-cache", "--config", str(config), str(root)]
    if jobs:
        command[4:4] = ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    return result.returncode, result.stderr.decode("utf-8", "replace"), time.perf_counter() - start


def parse_quietly(data: bytes) -> Optional[ast.Module]:
    """CPython's tree of the bytes, or None when CPython cannot parse them."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def compiles(data: bytes) -> bool:
    """Whether CPython compiles the bytes."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, "<fixed>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def _dump(node: object) -> str:
    if isinstance(node, list):
        return "[" + ", ".join(_dump(item) for item in node) + "]"
    if isinstance(node, ast.AST):
        return ast.dump(node, annotate_fields=True, include_attributes=False)
    return repr(node)


def _is_constant(node: ast.AST, value: object) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is type(value) and node.value == value


def _is_separator_expression(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        return len(text) >= 3 and len(set(text)) == 1 and text[0] in SEPARATOR_CHARACTERS
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = node.left, node.right
        return (
            isinstance(left, ast.Constant)
            and isinstance(left.value, str)
            and len(left.value) == 1
            and left.value in SEPARATOR_CHARACTERS
            and isinstance(right, ast.Constant)
            and type(right.value) is int
        )
    return False


def _is_standard_separator(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mult)
        and _is_constant(node.left, "=")
        and _is_constant(node.right, SEPARATOR_WIDTH)
    )


def _retagged(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with its leading status tag replaced by a configured prefix."""
    lead = len(old) - len(old.lstrip())
    if old[:lead] != new[:lead]:
        return False
    old_body, new_body = old[lead:], new[lead:]
    prefix = next((p for p in STATUS_PREFIXES if new_body.startswith(p)), None)
    if prefix is None or old_body.startswith(prefix):
        return False
    rest = new_body[len(prefix):].strip()
    return old_body.rstrip().endswith(rest) and len(old_body.strip()) > len(rest)


class EditOracle:
    """Explains every difference between two syntax trees as one intended edit, or fails."""

    def __init__(self, relative: str) -> None:
        self.relative = relative
        parts = relative.split("/")
        folders = parts[:-1]
        if folders and folders[0] == "src":
            folders = folders[1:]
        self.package = ".".join(folders)
        self.edits: Dict[str, int] = {}
        self.unexplained: List[str] = []
        self.edited_lines: Set[int] = set()

    def compare(self, old: ast.AST, new: ast.AST) -> None:
        """Walk both trees side by side, recording each edit or each unexplained difference."""
        pending = [(old, new)]
        while pending:
            before, after = pending.pop()
            if _dump(before) == _dump(after):
                continue
            rule = self.explain(before, after, pending)
            if rule is None:
                line = getattr(before, "lineno", getattr(after, "lineno", "?"))
                self.unexplained.append(f"{self.relative}:{line}: {_dump(before)[:160]} -> {_dump(after)[:160]}")
            elif rule:
                self.edits[rule] = self.edits.get(rule, 0) + 1
                first = getattr(before, "lineno", None)
                if first is not None:
                    self.edited_lines.update(range(first, (getattr(before, "end_lineno", None) or first) + 1))

    def explain(self, before: object, after: object, pending: List[Tuple[object, object]]) -> Optional[str]:
        """The rule an edit belongs to, '' when children are queued instead, None when unexplained."""
        if isinstance(before, list) and isinstance(after, list):
            if len(before) != len(after):
                return None
            pending.extend(zip(before, after))
            return ""
        if not (isinstance(before, ast.AST) and isinstance(after, ast.AST)):
            return None
        if isinstance(before, ast.ImportFrom) and isinstance(after, ast.ImportFrom):
            return self._relative_import(before, after)
        if _is_separator_expression(before) and _is_standard_separator(after):
            return "SEP001"
        if isinstance(before, ast.Call) and isinstance(after, ast.Call):
            return self._call(before, after, pending)
        if isinstance(before, ast.Constant) and isinstance(after, ast.Constant):
            if isinstance(before.value, str) and isinstance(after.value, str) and _retagged(before.value, after.value):
                return "PRN001"
            return None
        if type(before) is not type(after):
            return None
        for name, value in ast.iter_fields(before):
            pending.append((value, getattr(after, name, None)))
        return ""

    def _relative_import(self, before: ast.ImportFrom, after: ast.ImportFrom) -> Optional[str]:
        if before.level == 0 or after.level != 0 or _dump(before.names) != _dump(after.names):
            return None
        written = "." * before.level + (before.module or "")
        try:
            expected = importlib.util.resolve_name(written, self.package)
        except (ImportError, ValueError):
            return None
        return "IMP001" if after.module == expected else None

    def _call(self, before: ast.Call, after: ast.Call, pending: List[Tuple[object, object]]) -> Optional[str]:
        if len(before.args) != len(after.args):
            return None
        pending.append((before.func, after.func))
        pending.extend(zip(before.args, after.args))
        old_keywords = {k.arg: k for k in before.keywords}
        new_keywords = {k.arg: k for k in after.keywords}
        rule = ""
        for name in set(old_keywords) | set(new_keywords):
            old_keyword, new_keyword = old_keywords.get(name), new_keywords.get(name)
            if old_keyword is not None and new_keyword is not None:
                if name == "flush" and _is_constant(new_keyword.value, True) and not _is_constant(old_keyword.value, True):
                    rule = "PRN002"
                else:
                    pending.append((old_keyword.value, new_keyword.value))
            elif old_keyword is None and name == "encoding" and _is_constant(new_keyword.value, "utf-8"):
                rule = "ENC001"
            elif old_keyword is None and name == "flush" and _is_constant(new_keyword.value, True):
                rule = "PRN002"
            else:
                return None
        return rule


def verify_file(name: str, variant: Variant, before: Tuple[bytes, int], after: Tuple[bytes, int], report: Report) -> None:
    """Every check on one file the first run changed."""
    old, old_mode = before
    new, new_mode = after
    if new_mode == old_mode:
        report.modes_kept += 1
    else:
        report.fail(f"{name}: mode {old_mode:o} became {new_mode:o}")
    if detected_encoding(old) == detected_encoding(new) and old.startswith(codecs.BOM_UTF8) == new.startswith(codecs.BOM_UTF8):
        report.encodings_kept += 1
    else:
        report.fail(f"{name}: encoding {detected_encoding(old)} became {detected_encoding(new)}")
    final_kept = old.endswith((b"\n", b"\r")) == new.endswith((b"\n", b"\r")) or not old.strip()
    if final_kept and (not _endings(old) or _endings(new) <= _endings(old)):
        report.line_endings_kept += 1
    else:
        report.fail(f"{name}: line endings {sorted(_endings(old))} became {sorted(_endings(new))} ({variant.line_ending})")
    if compiles(old):
        if compiles(new):
            report.compiled += 1
        else:
            report.fail(f"{name}: compiled before the fix, does not compile after it")
    else:
        report.original_not_compiling += 1
    old_tree, new_tree = parse_quietly(old), parse_quietly(new)
    if old_tree is None:
        return
    if new_tree is None:
        report.fail(f"{name}: CPython parsed it before the fix, not after")
        return
    oracle = EditOracle(name)
    oracle.compare(old_tree, new_tree)
    for message in oracle.unexplained:
        report.fail(f"unintended tree change: {message}")
    if not oracle.unexplained:
        report.ast_verified += 1
        if not oracle.edits:
            report.comment_only += 1
    stray = stray_line_changes(old, new, oracle.edited_lines)
    if stray:
        report.fail(f"{name}: lines changed outside the fixed code that are not comments: {stray[:3]}")
    else:
        report.text_verified += 1
    for rule, count in oracle.edits.items():
        report.edits_by_rule[rule] = report.edits_by_rule.get(rule, 0) + count


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip().lstrip("\ufeff")
    return not stripped or stripped.startswith("#")


def stray_line_changes(old: bytes, new: bytes, edited_lines: Set[int]) -> List[str]:
    """Old lines removed or replaced outside the edited code, and inserted lines, that are not comments.

    The syntax trees prove the code unchanged; this proves the text around it
    is too: only comment lines may appear, disappear or change elsewhere.
    """
    encoding = detected_encoding(old)
    if encoding is None:
        return []
    try:
        before = old.decode(encoding).splitlines()
        after = new.decode(encoding).splitlines()
    except (UnicodeError, LookupError):
        return ["the fixed file does not decode with the original's encoding"]
    stray = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, first, last, start, end in matcher.get_opcodes():
        if tag == "equal":
            continue
        touched = set(range(first + 1, last + 1))
        if touched and touched <= edited_lines:
            continue
        for line in before[first:last] + after[start:end]:
            if not _is_comment_or_blank(line):
                stray.append(line[:120])
    return stray


def checked_count(stderr: str) -> int:
    """The file count of the run's closing line ("... in N file(s)")."""
    counts = re.findall(r"(?:findings|finding\(s\)) in (?:\d+ of )?(\d+) file\(s\)", stderr)
    return int(counts[-1]) if counts else 0


def run_benchmark(source: Path, sample: int, seed: int, jobs: int, keep: Optional[Path]) -> Report:
    """Copy, fix twice, verify; the counts and failures."""
    report = Report()
    names = choose(corpus_files(source), sample, seed)
    report.corpus = len(names)
    work = Path(tempfile.mkdtemp(prefix="prefguard-fix-stdlib-"))
    root = work / "corpus"
    neutral = work / "cwd"
    neutral.mkdir()
    root.mkdir()
    config = root / "prefguard.toml"
    config.write_text(CONFIG, encoding="utf-8")
    try:
        variants = copy_corpus(source, names, root)
        before = snapshot(root, names)
        print(f"[INFO] {len(names)} files copied from {source} to {root}", flush=True)
        status, stderr, seconds = run_fix(root, config, jobs, neutral)
        print(f"[INFO] first --fix run: exit {status}, {seconds:.1f} s", flush=True)
        if status not in (0, 1) or "Traceback" in stderr:
            report.fail(f"first run exited {status}: {stderr[-2000:]}")
        report.checked = checked_count(stderr)
        middle = snapshot(root, names)
        for name in names:
            variant = variants[name]
            if variant.mode == MODE_READ_ONLY:
                report.read_only += 1
                if middle[name] == before[name]:
                    report.read_only_untouched += 1
                else:
                    report.fail(f"{name}: read-only file was changed")
                continue
            if middle[name][0] == before[name][0]:
                continue
            report.changed += 1
            verify_file(name, variant, before[name], middle[name], report)
        refused = [name for name in names if variants[name].mode == MODE_READ_ONLY and f"{name}: fixes not written" in stderr]
        print(f"[INFO] read-only files named in an error line: {len(refused)} of {report.read_only}", flush=True)
        status, stderr, seconds = run_fix(root, config, jobs, neutral)
        print(f"[INFO] second --fix run: exit {status}, {seconds:.1f} s", flush=True)
        if status not in (0, 1) or "Traceback" in stderr:
            report.fail(f"second run exited {status}: {stderr[-2000:]}")
        after = snapshot(root, names)
        for name in names:
            if after[name] != middle[name]:
                report.second_run_changed += 1
                report.fail(f"{name}: changed again by the second run")
    finally:
        if keep is not None:
            shutil.copytree(root, keep, dirs_exist_ok=True)
        for folder, _, files in os.walk(work):
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        shutil.rmtree(work, ignore_errors=True)
    return report


def print_report(report: Report) -> None:
    """The counts, then every failure."""
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(report.edits_by_rule.items())) or "none"
    lines = [
        f"files in the corpus copy:           {report.corpus}",
        f"files checked by prefguard:         {report.checked}",
        f"files changed by the first --fix:   {report.changed}",
        f"  still compiling:                  {report.compiled} (originals that did not compile: {report.original_not_compiling})",
        f"  tree differs only by intended edits: {report.ast_verified} (comments only: {report.comment_only})",
        f"  other lines changed only in comments: {report.text_verified}",
        f"  intended edits recognised:        {rules}",
        f"  modes kept:                       {report.modes_kept}",
        f"  encodings kept:                   {report.encodings_kept}",
        f"  line endings kept:                {report.line_endings_kept}",
        f"read-only files left untouched:     {report.read_only_untouched} of {report.read_only}",
        f"files changed by the second --fix:  {report.second_run_changed}",
        f"failures:                           {len(report.failures)}",
    ]
    for line in lines:
        print(f"[INFO] {line}", flush=True)
    for failure in report.failures[:200]:
        print(f"[ERROR] {failure}", flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the benchmark; 0 when every check holds."""
    parser = argparse.ArgumentParser(description="prefguard check --fix over a copy of the standard library")
    parser.add_argument("--source", type=Path, default=standard_library(), help="corpus folder (default: this interpreter's stdlib)")
    parser.add_argument("--sample", type=int, default=0, help="check only the curated files plus a seeded sample of N files in all")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes of prefguard (default: its own choice)")
    parser.add_argument("--keep", type=Path, default=None, help="copy the fixed corpus here before cleaning up")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    report = run_benchmark(args.source, args.sample, args.seed, args.jobs, args.keep)
    print_report(report)
    print(f"[INFO] total {time.perf_counter() - start:.1f} s", flush=True)
    if report.failures:
        print("[ERROR] fix safety failed", flush=True)
        return 1
    print("[OK] every fixed file verified", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
