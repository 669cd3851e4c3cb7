# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which files a run checks, which of them are new, and safe writes."""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import FrozenSet, Iterable, List, Optional, Set

from checks.config.settings import Settings
from hooks.errors import UsageError
from hooks.runtime.temporary import remove_staging, staging_folder

SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".env", "env", "__pycache__", "build", "dist",
        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".prefguard_cache",
        "node_modules", "site-packages", ".eggs", ".ipynb_checkpoints",
    }
)
SOURCE_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class SourceFile:
    """A file to check: where it is on disk and its path relative to the project root."""

    absolute: Path
    relative: str
    display: str


def _is_skipped_folder(folder: Path) -> bool:
    name = folder.name
    return name in SKIPPED_FOLDERS or name.endswith(".egg-info") or (folder / "pyvenv.cfg").is_file()


def git_toplevel(start: Path) -> Optional[Path]:
    """The work tree root containing ``start``, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=start if start.is_dir() else start.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip()).resolve()


def _git_listed(folder: Path, top: Path) -> List[Path]:
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise UsageError(f"git ls-files failed in {folder}: {result.stderr.decode('utf-8', 'replace').strip()}")
    paths = []
    for raw in result.stdout.split(b"\0"):
        if raw:
            paths.append(folder / os.fsdecode(raw))
    return paths


def _walk(folder: Path) -> List[Path]:
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current)
        dirs[:] = sorted(d for d in dirs if not _is_skipped_folder(base / d))
        found.extend(base / name for name in sorted(files))
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _within(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or below it (plain string test, no file system access)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _posix_relpath(target: str, start: str) -> str:
    prefix = start.rstrip(os.sep) + os.sep
    if target.startswith(prefix):
        return target[len(prefix):].replace(os.sep, "/")
    try:
        return os.path.relpath(target, start).replace(os.sep, "/")
    except ValueError:
        return target.replace(os.sep, "/")


class VirtualEnvironments:
    """Whether a path lies in a folder holding ``pyvenv.cfg`` (a virtual environment) below a root; cached per folder."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.known: dict = {}

    def holds(self, relative: str) -> bool:
        """Whether a POSIX path relative to the root is inside a virtual environment."""
        if relative.startswith("../"):
            return False
        parts = relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder not in self.known:
                self.known[folder] = os.path.isfile(os.path.join(self.root, folder, "pyvenv.cfg"))
            if self.known[folder]:
                return True
        return False


def in_skipped_folder(relative: str) -> bool:
    """Whether a POSIX relative path lies in a version-control, virtual-environment or build folder."""
    parts = relative.split("/")[:-1]
    return any(part in SKIPPED_FOLDERS or part.endswith(".egg-info") for part in parts)


def discover(paths: Iterable[str], settings: Settings, suffixes: tuple = SOURCE_SUFFIXES) -> List[SourceFile]:
    """Expand files and folders into the source files to check, sorted and unique.

    In a git work tree, folders expand to tracked and untracked-not-ignored
    files. Version-control, virtual-environment and build folders are never
    entered (a folder holding ``pyvenv.cfg`` is a virtual environment whatever
    its name, also for files named one by one, as pre-commit does when a
    virtual environment was staged), and nothing outside the project root is
    read through a symlink (a linked file, or a file under a linked folder).
    """
    root = os.path.realpath(settings.root)
    cwd = os.path.realpath(os.getcwd())
    environments = VirtualEnvironments(root)
    chosen: dict = {}
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"path not found: {given}")
        if path.is_dir():
            top = git_toplevel(path)
            candidates = _git_listed(path, top) if top is not None else _walk(path)
            explicit = False
            base_real = os.path.realpath(path)
            base_given = str(path)
        else:
            candidates = [path]
            explicit = True
        for candidate in candidates:
            if not candidate.name.endswith(suffixes):
                continue
            if candidate.is_symlink():
                if not _inside(candidate, Path(root)):
                    continue
                real = os.path.realpath(candidate)
            elif explicit:
                real = os.path.realpath(candidate)
            else:
                real = os.path.join(base_real, os.path.relpath(str(candidate), base_given))
            if not candidate.is_file():
                continue
            if not _within(real, root) and _within(os.path.abspath(candidate), root):
                continue
            relative = _posix_relpath(real, root)
            if not explicit and in_skipped_folder(relative):
                continue
            if environments.holds(relative):
                continue
            if settings.is_excluded(relative):
                continue
            if relative not in chosen:
                # A symlink is checked (and fixed) as the file it points to: writing a fix
                # through the link's own path would replace the link with a copy.
                absolute = Path(real) if candidate.is_symlink() else candidate
                chosen[relative] = SourceFile(absolute, relative, _posix_relpath(real, cwd))
    return [chosen[key] for key in sorted(chosen)]


def files_in_base(root: Path, base: str = "HEAD") -> Optional[FrozenSet[str]]:
    """Paths (relative to ``root``) present in the git tree ``base``; None outside git.

    A repository without commits yields an empty set: every file is new.
    """
    top = git_toplevel(root)
    if top is None:
        return None
    result = subprocess.run(
        ["git", "ls-tree", "-r", "-z", "--name-only", "--full-tree", base],
        cwd=top,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        verify = subprocess.run(["git", "rev-parse", "--verify", "-q", base], cwd=top, capture_output=True, check=False)
        if verify.returncode != 0 and base == "HEAD":
            return frozenset()
        raise UsageError(f"cannot read git tree {base!r}: {result.stderr.decode('utf-8', 'replace').strip()}")
    names: Set[str] = set()
    prefix = root.resolve().relative_to(top).as_posix() if root.resolve() != top else ""
    for raw in result.stdout.split(b"\0"):
        if not raw:
            continue
        name = os.fsdecode(raw)
        if prefix:
            if not name.startswith(prefix + "/"):
                continue
            name = name[len(prefix) + 1:]
        names.add(name)
    return frozenset(names)


def confined_target(root: Path, path: Path) -> Path:
    """``path`` as a write target inside ``root``: UsageError (exit 2) when it is not one.

    Refused: a path outside the root (``..`` included), and a path any part of
    which below the root is a symbolic link (the file itself or a folder on
    the way), since writing through it would change a file elsewhere.
    """
    real_root = Path(os.path.realpath(root))
    absolute = Path(os.path.abspath(path))
    relative: Optional[Path] = None
    for base in (Path(os.path.abspath(root)), real_root):
        try:
            relative = absolute.relative_to(base)
            break
        except ValueError:
            continue
    if relative is None:
        raise UsageError(f"refusing to write {path}: it is outside the repository {real_root}")
    current = real_root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise UsageError(
                f"refusing to write {path}: {current.relative_to(real_root).as_posix()} is a symbolic link "
                "(prefguard never writes through a link); replace the link with a regular file or folder"
            )
    if not _within(os.path.realpath(current), str(real_root)):
        raise UsageError(f"refusing to write {path}: it resolves outside the repository {real_root}")
    return current


def write_atomically(path: Path, data: bytes, inside: Optional[Path] = None) -> None:
    """Write a file's bytes atomically (a staging file beside it, then ``os.replace``).

    An existing file keeps its permission bits and is refused when read-only; a
    new file gets the usual mode under the current umask. With ``inside`` (the
    repository root) the target must lie inside it with no symbolic link on the
    way (:func:`confined_target`); without, a symbolic link is written through:
    its target gets the bytes and the link stays a link. The staging file lives
    in a git-ignored folder of its own (:mod:`hooks.runtime.temporary`).
    """
    if inside is not None:
        path = confined_target(inside, path)
    elif path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.exists():
        mode = path.stat().st_mode & 0o7777
        if not mode & 0o222:
            raise PermissionError(f"{path} is read-only; left unchanged")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    staging = staging_folder(path.parent)
    try:
        temporary = staging / "content"
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        remove_staging(staging)
