# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What a commit (or the staged index) changed, read from git history with GitPython.

- ``staged``: the index (the staged blobs, never the working tree) against
  HEAD, or against the empty tree in a repository without commits.
- ``commit_range``: every commit of ``FROM..TO``, oldest first, each against
  its first parent and with its own message. A merge also records what
  differs from each other parent and which paths differ from all of them.
- Renames are followed (``-M``), deletions are reported as such.
- A range whose base is missing in a shallow clone is an error that says to
  fetch more history; it is never treated as "no history".

GitPython is imported only when a repository is opened. One ``Repo`` per run;
``close`` ends its ``git cat-file`` processes.
"""

import os
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

from checks.guard.change_model import REGULAR_MODES, SUBMODULE_MODE, ChangeSet, FileChange, mode_name
from hooks.errors import UsageError
from hooks.vcs.raw_diff import parse_raw_records

__all__ = ["ChangeSet", "FileChange", "GitError", "GitHistory", "Snapshot", "parse_raw_diff", "read_message_file"]
BLOB_CACHE_BYTES = 64 * 1024 * 1024
FETCH_HINT = (
    "fetch more history (for example `git fetch --unshallow`, or `fetch-depth: 0` "
    "in actions/checkout) and run again"
)


class GitError(UsageError):
    """A git environment problem that stops the run (exit status 2)."""


class Snapshot:
    """One side of a comparison: a tree plus per-path overrides (the staged index)."""

    def __init__(
        self,
        history: "GitHistory",
        tree: Optional[str],
        overrides: Optional[Dict[str, Optional[str]]] = None,
        label: str = "",
        commit: Optional[str] = None,
    ) -> None:
        self.history = history
        self.tree = tree
        self.overrides: Dict[str, Optional[str]] = dict(overrides or {})
        self.label = label
        self.commit = commit
        self._lookups: Dict[str, Optional[str]] = {}

    def blob(self, sha: str) -> bytes:
        """The content of a blob by id."""
        return self.history.blob(sha)

    def blob_sha(self, path: str) -> Optional[str]:
        """The blob id of a path on this side, or None when the path is absent."""
        if path in self.overrides:
            return self.overrides[path]
        if path not in self._lookups:
            self._lookups[path] = self.history.tree_blob(self.tree, path)
        return self._lookups[path]

    def read(self, path: str) -> Optional[bytes]:
        """The content of a path on this side, or None when it is absent."""
        sha = self.blob_sha(path)
        return None if sha is None else self.history.blob(sha)


def parse_raw_diff(output: bytes) -> List[FileChange]:
    """Parse ``git diff-* --raw -z`` output into changes (submodules skipped)."""
    try:
        records = parse_raw_records(output)
    except ValueError as error:
        raise GitError(str(error)) from None
    changes: List[FileChange] = []
    for record in records:
        letter = record.letter
        if letter == "U":
            raise GitError(f"{record.path} has unresolved merge conflicts; resolve them and stage the result first")
        zero = set("0")
        old_blob = None if set(record.old_id) <= zero else record.old_id
        new_blob = None if set(record.new_id) <= zero else record.new_id
        old_regular = record.old_mode in REGULAR_MODES
        new_regular = record.new_mode in REGULAR_MODES
        if letter in ("M", "T", "R") and old_regular and not new_regular:
            # A regular file replaced by a symbolic link or a gitlink: the file is gone.
            changes.append(FileChange("D", record.path, None, old_blob, None, mode_name(record.new_mode)))
            continue
        if letter not in ("A", "D", "C") and not old_regular and new_regular:
            changes.append(FileChange("A", None, record.final_path, None, new_blob))
            continue
        if SUBMODULE_MODE in (record.old_mode, record.new_mode) or not (old_regular or new_regular):
            continue
        if letter == "A" and not new_regular or letter == "D" and not old_regular:
            continue
        if letter == "A":
            changes.append(FileChange("A", None, record.path, None, new_blob))
        elif letter == "D":
            changes.append(FileChange("D", record.path, None, old_blob, None))
        elif letter == "R":
            changes.append(FileChange("R", record.path, record.new_path, old_blob, new_blob))
        elif letter == "C":
            changes.append(FileChange("A", None, record.new_path, None, new_blob))
        else:
            changes.append(FileChange("M", record.path, record.path, old_blob, new_blob))
    return changes


def read_message_file(path: str) -> str:
    """A commit message file as git will store it: comment lines and the scissors part dropped."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError as error:
        raise GitError(f"cannot read the commit message file {path}: {error.strerror}") from None
    kept: List[str] = []
    for line in text.splitlines():
        if line.startswith("# ") and ">8" in line and line.strip("# -").startswith(">8"):
            break
        if line.startswith("#"):
            continue
        kept.append(line)
    return "\n".join(kept)


class GitHistory:
    """One repository opened for a run (use as a context manager, or call close)."""

    def __init__(self, start: str = ".") -> None:
        import git

        self._git_module = git
        try:
            self.repo = git.Repo(start, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(f"{os.path.abspath(start)} is not inside a git repository") from None
        if self.repo.bare:
            self.repo.close()
            raise GitError("the repository is bare; run prefguard guard inside a work tree")
        self.root = str(self.repo.working_tree_dir)
        self._blobs: "OrderedDict[str, bytes]" = OrderedDict()
        self._cached_bytes = 0
        self._trees: Dict[str, Any] = {}
        self._empty_tree: Optional[str] = None

    def __enter__(self) -> "GitHistory":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """End the persistent git processes of the Repo."""
        self.repo.close()

    def _run(self, *args: str) -> bytes:
        """Run one git command and return its raw stdout."""
        command = self._git_module.GitCommandError
        try:
            return self.repo.git.execute(["git", *args], stdout_as_string=False, strip_newline_in_stdout=False)
        except command as error:
            stderr = error.stderr.strip() if isinstance(error.stderr, str) else str(error.stderr)
            raise GitError(f"git {' '.join(args[:2])} failed: {stderr}") from None

    def _try(self, *args: str) -> Optional[bytes]:
        """Run one git command; None when it exits non-zero."""
        try:
            return self.repo.git.execute(["git", *args], stdout_as_string=False, strip_newline_in_stdout=False)
        except self._git_module.GitCommandError:
            return None

    @property
    def empty_tree(self) -> str:
        """The id of the empty tree in this repository's hash algorithm."""
        if self._empty_tree is None:
            self._empty_tree = self._run("hash-object", "-t", "tree", os.devnull).decode("ascii").strip()
        return self._empty_tree

    def blob(self, sha: str) -> bytes:
        """The content of a blob (read through the persistent cat-file process)."""
        cached = self._blobs.get(sha)
        if cached is not None:
            self._blobs.move_to_end(sha)
            return cached
        data = self.repo.odb.stream(bytes.fromhex(sha)).read()
        self._blobs[sha] = data
        self._cached_bytes += len(data)
        while self._cached_bytes > BLOB_CACHE_BYTES and len(self._blobs) > 1:
            _, dropped = self._blobs.popitem(last=False)
            self._cached_bytes -= len(dropped)
        return data

    def tree_blob(self, tree: Optional[str], path: str) -> Optional[str]:
        """The blob id at a path of a tree (None when absent or not a file)."""
        if tree is None:
            return None
        if tree not in self._trees:
            self._trees[tree] = self._git_module.Tree(self.repo, bytes.fromhex(tree), 0o040000, "")
        try:
            item = self._trees[tree] / path
        except KeyError:
            return None
        if item.type != "blob" or item.mode & 0o170000 != 0o100000:
            return None
        return item.hexsha

    def has_head(self) -> bool:
        """Whether HEAD points at a commit (False in a repository without commits)."""
        return self._try("rev-parse", "--verify", "--quiet", "HEAD^{commit}") is not None

    def resolve(self, ref: str) -> str:
        """The commit id of a ref; a missing ref is an error with a hint for shallow clones."""
        output = self._try("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        if output is None:
            if self.is_shallow():
                raise GitError(f"{ref!r} is not in this shallow clone; {FETCH_HINT}")
            raise GitError(f"{ref!r} does not name a commit in this repository")
        return output.decode("ascii").strip()

    def is_shallow(self) -> bool:
        """Whether the repository is a shallow clone."""
        output = self._try("rev-parse", "--is-shallow-repository")
        return output is not None and output.strip() == b"true"

    def shallow_boundary(self) -> Set[str]:
        """Commits whose parents a shallow clone does not have."""
        output = self._try("rev-parse", "--git-path", "shallow")
        if output is None:
            return set()
        path = Path(output.decode("utf-8", errors="surrogateescape").strip())
        if not path.is_absolute():
            path = Path(self.root) / path
        if not path.is_file():
            return set()
        return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}

    def staged(self, message: str = "") -> ChangeSet:
        """The staged change: the index against HEAD (or the empty tree)."""
        head_tree: Optional[str] = None
        head_commit: Optional[str] = None
        base = self.empty_tree
        if self.has_head():
            head_tree = self._run("rev-parse", "HEAD^{tree}").decode("ascii").strip()
            head_commit = self._run("rev-parse", "HEAD^{commit}").decode("ascii").strip()
            base = head_tree
        output = self._run("diff-index", "--cached", "--raw", "-z", "-M", "--no-color", "--ignore-submodules=all", base)
        changes = parse_raw_diff(output)
        overrides: Dict[str, Optional[str]] = {}
        for change in changes:
            if change.old_path is not None:
                overrides[change.old_path] = None
        for change in changes:
            if change.new_path is not None:
                overrides[change.new_path] = change.new_sha
        old = Snapshot(self, head_tree, label="HEAD", commit=head_commit)
        new = Snapshot(self, head_tree, overrides, label="the index")
        changeset = ChangeSet(commit=None, message=message, changes=changes, old=old, new=new)
        merge_heads = self.merge_heads() if head_tree is not None else []
        if merge_heads:
            combined = {change.path for change in changes}
            for parent in merge_heads:
                parent_tree = self.repo.commit(parent).tree.hexsha
                output = self._run("diff-index", "--cached", "--raw", "-z", "-M", "--no-color", "--ignore-submodules=all", parent_tree)
                parent_changes = parse_raw_diff(output)
                changeset.other_parents.append((parent, Snapshot(self, parent_tree, label=parent[:12]), parent_changes))
                combined &= {change.path for change in parent_changes}
            changeset.combined = combined
        return changeset

    def merge_heads(self) -> List[str]:
        """The commits being merged when a merge is being concluded (empty otherwise)."""
        output = self._try("rev-parse", "--git-path", "MERGE_HEAD")
        if output is None:
            return []
        path = Path(output.decode("utf-8", errors="surrogateescape").strip())
        if not path.is_absolute():
            path = Path(self.root) / path
        if not path.is_file():
            return []
        heads = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [self.resolve(head) for head in heads]

    def _diff_trees(self, old_tree: str, new_commit: str) -> List[FileChange]:
        output = self._run("diff-tree", "-r", "--raw", "-z", "-M", "--no-color", "--no-commit-id", old_tree, new_commit)
        return parse_raw_diff(output)

    def commit_range(self, from_ref: str, to_ref: str) -> List[ChangeSet]:
        """Every commit of ``from_ref..to_ref``, oldest first, each against its first parent."""
        base = self.resolve(from_ref)
        head = self.resolve(to_ref)
        shallow = self.is_shallow()
        if shallow and self._try("merge-base", base, head) is None:
            raise GitError(
                f"no common history between {from_ref!r} and {to_ref!r} in this shallow clone; {FETCH_HINT}"
            )
        if base != head and self._try("merge-base", "--is-ancestor", base, head) is None:
            hint = f"; if this shallow clone lacks the history between them, {FETCH_HINT}" if shallow else ""
            raise GitError(
                f"--to-ref {to_ref!r} does not descend from --from-ref {from_ref!r}: the range would judge no commit "
                f"(a rewound or unrelated branch); give the base of the change as --from-ref{hint}"
            )
        listing = self._run("rev-list", "--reverse", "--topo-order", f"{base}..{head}").decode("ascii").split()
        boundary = self.shallow_boundary() if shallow else set()
        changesets: List[ChangeSet] = []
        for sha in listing:
            if sha in boundary:
                raise GitError(f"the parents of commit {sha[:12]} are missing in this shallow clone; {FETCH_HINT}")
            changesets.append(self.commit_change(sha))
        return changesets

    def commit_change(self, sha: str) -> ChangeSet:
        """One commit against its first parent (a root commit against the empty tree)."""
        commit = self.repo.commit(sha)
        message = commit.message if isinstance(commit.message, str) else commit.message.decode("utf-8", "replace")
        parents = [parent.hexsha for parent in commit.parents]
        tree = commit.tree.hexsha
        first = parents[0] if parents else None
        first_tree = self.repo.commit(first).tree.hexsha if first else None
        changes = self._diff_trees(first_tree or self.empty_tree, sha)
        old = Snapshot(self, first_tree, label=first[:12] if first else "the empty tree", commit=first)
        new = Snapshot(self, tree, label=sha[:12], commit=sha)
        changeset = ChangeSet(commit=sha, message=message, changes=changes, old=old, new=new)
        if len(parents) > 1:
            combined = {change.path for change in changes}
            for parent in parents[1:]:
                parent_tree = self.repo.commit(parent).tree.hexsha
                parent_changes = self._diff_trees(parent_tree, sha)
                changeset.other_parents.append((parent, Snapshot(self, parent_tree, label=parent[:12]), parent_changes))
                combined &= {change.path for change in parent_changes}
            changeset.combined = combined
        return changeset

    def range_change(self, from_ref: str, to_ref: str, message: str) -> ChangeSet:
        """The whole range as one change: ``to_ref``'s tree against ``from_ref``'s (what a squash would commit)."""
        base = self.resolve(from_ref)
        head = self.resolve(to_ref)
        base_tree = self.repo.commit(base).tree.hexsha
        changes = self._diff_trees(base_tree, head)
        old = Snapshot(self, base_tree, label=base[:12], commit=base)
        new = Snapshot(self, self.repo.commit(head).tree.hexsha, label=head[:12], commit=head)
        return ChangeSet(commit=f"{base[:12]}..{head[:12]}", message=message, changes=changes, old=old, new=new)

    def policy_history(self, commit: Optional[str], paths: List[str], baseline: str) -> bool:
        """Whether any commit reachable from ``commit`` held a prefguard configuration, baseline or hook.

        Conservative: a commit that added or removed a line naming ``tool.prefguard`` in a
        pyproject, touched a ``prefguard.toml`` or the baseline, or named prefguard in the
        pre-commit configuration counts.
        """
        if commit is None:
            return False
        pyprojects = [path for path in paths if path.rsplit("/", 1)[-1] == "pyproject.toml"]
        others = [path for path in paths if path not in pyprojects and not path.endswith(".pre-commit-config.yaml")]
        hooks = [path for path in paths if path.endswith(".pre-commit-config.yaml")]
        probes = [
            ["log", "-1", "--format=%H", commit, "--", *others, baseline],
            ["log", "-1", "--format=%H", "-G", "tool.prefguard", commit, "--", *pyprojects],
            ["log", "-1", "--format=%H", "-G", "prefguard", commit, "--", *hooks],
        ]
        for probe in probes:
            if probe[-1] == "--":
                continue
            output = self._run(*probe)
            if output.strip():
                return True
        return False

    def last_version(self, commit: Optional[str], path: str, limit: int = 20) -> Optional[str]:
        """The blob of the last regular-file version of ``path`` in the history reachable from ``commit``.

        None when no commit within the ``limit`` most recent ones touching the path held it as a regular file.
        """
        if commit is None:
            return None
        listing = self._run("log", "--format=%H %P", f"-{limit}", commit, "--", path).decode("ascii").split("\n")
        for line in listing:
            shas = line.split()
            for candidate in shas[:2]:
                found = self.tree_blob(self.repo.commit(candidate).tree.hexsha, path)
                if found is not None:
                    return found
        return None

    def snapshot(self, ref: str) -> Snapshot:
        """The tree of a commit as a snapshot."""
        sha = self.resolve(ref)
        return Snapshot(self, self.repo.commit(sha).tree.hexsha, label=sha[:12], commit=sha)

    def relative(self, path: str, cwd: str) -> str:
        """A repository-relative path made relative to ``cwd``, with '/' separators."""
        absolute = os.path.join(self.root, path)
        try:
            relative = os.path.relpath(absolute, cwd)
        except ValueError:
            return path
        return relative.replace(os.sep, "/")


