# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The gate cannot be loosened by the change it judges: BSL001, BSL002, CFG001, CFG002 and CFG003.

- BSL001: the change adds entries to the baseline (``#/files`` or
  ``#/files/PATH`` approves them); BSL002: the new baseline is unreadable.
- CFG001: the effective configuration of the head is weaker than the base's
  (``checks.baseline.config_gate``), reported at the line of the key.
- CFG002: the change adds a ``# prefguard: ignore[...]`` comment (Python file or notebook code cell)
  (``PATH#/suppressions`` or ``PATH#/suppressions/CODE`` approves it).
- CFG003: the change removes, disables or narrows a prefguard hook of
  ``.pre-commit-config.yaml`` (``.pre-commit-config.yaml#/hooks/ID`` approves it).

The adopting change (no history reachable from the base ever held a
prefguard configuration, baseline or hook) records its baseline and
configuration without approval; every later change needs one.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from checks.baseline.baseline_file import EMPTY_BASELINE, Baseline, BaselineError, parse_baseline
from checks.baseline.config_gate import settings_weakenings
from checks.baseline.gate import BASELINE_APPROVAL_POINTER, AddedEntry, added_entries
from checks.config.config_files import PYPROJECT, EffectiveConfig, effective_config, locate_key
from checks.engine.finding import Finding
from checks.engine.suppressions import find_suppressions
from checks.files.notebook import parse_notebook, python_source
from checks.guard.change_model import ChangeSet, FileChange, Tree
from checks.config.settings import ConfigError
from checks.guard.json_guard import build_policies, is_approved
from checks.guard.memory_rules import is_python_source
from checks.guard.strict_json import join_pointer

PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
NOTEBOOK_SUFFIX = ".ipynb"
SUPPRESSION_POINTER = "/suppressions"
HOOKS_POINTER = "/hooks"
ALL_CODES_TOKEN = "ALL"
# Keys of a prefguard hook (and of the file's top level) whose change can stop it from running or narrow
# what it sees; ``verbose``, ``require_serial``, ``log_file``, ``fail_fast`` and versions cannot, and are not read.
HOOK_KEYS = ("repo", "entry", "args", "stages", "files", "exclude", "types", "types_or", "exclude_types", "always_run",
             "pass_filenames", "language")
TOP_HOOK_KEYS = ("files", "exclude", "default_stages", "default_install_hook_types")
# Lists where only a removed item narrows (an added stage runs the hook more often); None means every stage.
STAGE_KEYS = ("stages", "default_stages", "default_install_hook_types")

Approved = Callable[[str], List[str]]


@dataclass(frozen=True)
class GateScope:
    """What the gate needs beyond the change: where the project's files are, and its history."""

    folders: Tuple[str, ...]
    base: EffectiveConfig
    ever_adopted: Callable[[], bool]
    trailer: str

    @property
    def project(self) -> str:
        """The repository-relative prefix of the project folder."""
        return self.base.folder

    @property
    def baseline(self) -> str:
        """The baseline path named by the base's configuration."""
        return self.base.baseline

    @property
    def hooks_path(self) -> str:
        """The pre-commit configuration of the project."""
        return self.base.folder + PRE_COMMIT_CONFIG


def _finding(code: str, path: str, message: str, commit: Optional[str], pointer: str, line: int = 1, column: int = 1) -> Finding:
    return Finding.at(code, path, message, line, column, pointer=pointer, commit=commit)


def _baseline_of(tree: Tree, path: str) -> Baseline:
    data = tree.read(path)
    return EMPTY_BASELINE if data is None else parse_baseline(data)


def _prefguard_hooks(tree: Tree, path: str) -> Optional[Dict[str, Any]]:
    """The pre-commit configuration's top level and its prefguard hooks by id (None: no readable file)."""
    data = tree.read(path)
    if data is None:
        return None
    try:
        document = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return {"top": {}, "hooks": {}, "unreadable": True}
    if not isinstance(document, dict):
        return {"top": {}, "hooks": {}, "unreadable": True}
    hooks: Dict[str, Any] = {}
    repos = document.get("repos")
    for repo in repos if isinstance(repos, list) else []:
        for hook in (repo.get("hooks") if isinstance(repo, dict) and isinstance(repo.get("hooks"), list) else []):
            if isinstance(hook, dict) and "prefguard" in str(hook.get("id", "")) + str(hook.get("entry", "")):
                hooks[str(hook.get("id"))] = {**{key: hook.get(key) for key in HOOK_KEYS}, "repo": repo.get("repo")}
    top = {key: document.get(key) for key in TOP_HOOK_KEYS}
    return {"top": top, "hooks": hooks, "unreadable": False}


def adopts_the_policy(scope: GateScope, changeset: ChangeSet) -> bool:
    """Whether the change puts the repository under prefguard for the first time.

    Only when neither the base tree nor any history reachable from it ever held a
    configuration table, a baseline or a prefguard hook: removing all three and
    adding them back later is a weakening like any other.
    """
    if scope.base.path is not None or scope.base.error or changeset.old.blob_sha(scope.baseline) is not None:
        return False
    hooks = _prefguard_hooks(changeset.old, scope.hooks_path)
    if hooks is not None and (hooks["hooks"] or hooks["unreadable"]):
        return False
    return not scope.ever_adopted()


def _renamed_pairs(changeset: ChangeSet, project: str) -> Dict[str, str]:
    """Baseline entry paths (project-relative) that git records as renamed, old to new."""
    pairs: Dict[str, str] = {}
    for change in changeset.changes:
        if change.status == "R" and change.old_path and change.new_path:
            if change.old_path.startswith(project) and change.new_path.startswith(project):
                pairs[change.old_path[len(project):]] = change.new_path[len(project):]
    return pairs


def baseline_findings(scope: GateScope, changeset: ChangeSet, approvals: Sequence[str]) -> List[Finding]:
    """BSL001 for entries the change adds without approval, BSL002 when the new baseline is unreadable.

    Entries move with their file only when git records the rename; entries of a
    deleted file do not move onto another file.
    """
    path = scope.baseline
    commit = changeset.commit
    try:
        new = _baseline_of(changeset.new, path)
    except BaselineError as error:
        return [_finding("BSL002", path, f"baseline {path} cannot be used: {error}", commit, "")]
    if adopts_the_policy(scope, changeset):
        return []
    try:
        old = _baseline_of(changeset.old, path)
    except BaselineError:
        old = EMPTY_BASELINE
    by_file: Dict[str, List[AddedEntry]] = {}
    for entry in added_entries(old, new, _renamed_pairs(changeset, scope.project)):
        by_file.setdefault(entry.key.path, []).append(entry)
    findings = []
    for file_path, entries in sorted(by_file.items()):
        pointer = join_pointer(BASELINE_APPROVAL_POINTER, file_path)
        if is_approved(pointer, approvals):
            continue
        counted: Counter = Counter()
        for entry in entries:
            counted[entry.key.code] += entry.added
        shown = ", ".join(f"{code} +{count}" for code, count in sorted(counted.items()))
        message = (
            f"the change adds {sum(counted.values())} finding(s) of {file_path} to the baseline ({shown}): new "
            f"violations must be fixed, not absorbed; if intended, approve them with the commit trailer "
            f"'{scope.trailer}: {path}#{pointer}' (or '{path}#{BASELINE_APPROVAL_POINTER}' for every file)"
        )
        findings.append(_finding("BSL001", path, message, commit, pointer))
    return findings


def _unusable(config: EffectiveConfig) -> str:
    """Why the guard could not run with a configuration (an unknown guard mode, a bad pointer), or ``""``.

    A configuration that cannot be used is replaced by the defaults when it is
    the base of the next change, so accepting it would drop its protections later.
    """
    table = config.settings.table("json-guard")
    try:
        build_policies(table, str(table["memory-dir"]).strip().strip("/"), config.path or "<defaults>")
    except ConfigError as error:
        return str(error)
    if table["log-limit"] < 1:
        return f"{config.path}: [tool.prefguard] json-guard.log-limit: must be at least 1"
    return ""


def config_findings(scope: GateScope, changeset: ChangeSet, head: EffectiveConfig, approved: Approved) -> List[Finding]:
    """CFG001 for every weakening from the base's effective configuration to the head's, at the key's line."""
    base = scope.base
    report_path = head.path or base.path or (scope.project + PYPROJECT)
    commit = changeset.commit
    problem = head.error or _unusable(head)
    if problem:
        return [_finding("CFG001", report_path, f"the configuration cannot be used, so its change cannot be judged: {problem}", commit, "")]
    if adopts_the_policy(scope, changeset):
        return []
    findings: List[Finding] = []
    approvals = approved(report_path)
    in_pyproject = PurePosixPath(report_path).name == PYPROJECT
    for weakening in settings_weakenings(base.settings, head.settings):
        if is_approved(weakening.pointer, approvals):
            continue
        line = locate_key(head.text, weakening.key, in_pyproject) if head.path == report_path and head.text else 1
        origin = f" (the configuration now comes from {head.path or 'the defaults'}, before from {base.path})" if head.path != base.path else ""
        message = (
            f"the configuration is weakened: {weakening.description}{origin}; if intended, approve it with the "
            f"commit trailer '{scope.trailer}: {report_path}#{weakening.pointer}'"
        )
        findings.append(_finding("CFG001", report_path, message, commit, weakening.pointer, line))
    return findings


def _added_lines(old_text: str, new_text: str) -> set:
    """1-based numbers of the new text's lines that are not unchanged old lines."""
    matcher = difflib.SequenceMatcher(None, old_text.splitlines(), new_text.splitlines(), autojunk=False)
    added = set()
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag != "equal":
            added.update(range(start + 1, end + 1))
    return added


def _text_of(tree: Tree, sha: Optional[str]) -> Optional[str]:
    if sha is None:
        return None
    try:
        return tree.blob(sha).decode("utf-8")
    except UnicodeDecodeError:
        return None


def suppression_findings(change: FileChange, changeset: ChangeSet, approvals: Sequence[str], trailer: str) -> List[Finding]:
    """CFG002 for each suppression comment on a line the change adds or edits in one Python file, at its line.

    Moving a suppression, or editing a suppressed line, counts too: the comment
    then silences whatever the new line holds.
    """
    if change.new_path is None or not is_python_source(change.new_path):
        return []
    new_text = _text_of(changeset.new, change.new_sha)
    if new_text is None or "prefguard" not in new_text.lower():
        return []
    suppressions = find_suppressions(new_text)
    if not suppressions:
        return []
    added_lines = _added_lines(_text_of(changeset.old, change.old_sha) or "", new_text)
    findings: List[Finding] = []
    path = change.new_path
    for line, suppression in sorted(suppressions.items()):
        if line not in added_lines:
            continue
        codes = sorted(suppression.codes or {ALL_CODES_TOKEN})
        pointer = _unapproved_suppression(codes, approvals)
        if pointer is None:
            continue
        message = (
            f"the change adds a suppression comment silencing {', '.join(codes)}: a suppression is a weakening of "
            f"the gate; fix the finding, or approve it with the commit trailer '{trailer}: {path}#{pointer}' "
            f"(or '{path}#{SUPPRESSION_POINTER}' for every suppression of the file)"
        )
        findings.append(_finding("CFG002", path, message, changeset.commit, pointer, line, suppression.column))
    return findings


def _unapproved_suppression(codes: Sequence[str], approvals: Sequence[str]) -> Optional[str]:
    """The pointer an approval of a suppression of ``codes`` must name; None when every code is approved."""
    pointers = [join_pointer(SUPPRESSION_POINTER, code) for code in codes]
    if all(is_approved(pointer, approvals) for pointer in pointers):
        return None
    return pointers[0]


def _cell_suppressions(data: Optional[bytes], path: str) -> List[Tuple[int, int, int, str, List[str]]]:
    """``(cell, line, column, line text, codes)`` of every suppression in the code cells of a notebook."""
    if data is None:
        return []
    notebook, _ = parse_notebook(data, path)
    if notebook is None:
        return []
    found = []
    for cell in notebook.cells:
        source = python_source(cell.source) if cell.cell_type == "code" else None
        if source is None or "prefguard" not in source.lower():
            continue
        lines = source.split("\n")
        for line, suppression in sorted(find_suppressions(source).items()):
            found.append((cell.number, line, suppression.column, lines[line - 1].strip(), sorted(suppression.codes or {ALL_CODES_TOKEN})))
    return found


def notebook_suppression_findings(change: FileChange, changeset: ChangeSet, approvals: Sequence[str], trailer: str) -> List[Finding]:
    """CFG002 for each suppression comment a change adds to a code cell of a notebook (its cell and line)."""
    path = change.new_path
    if path is None or not path.endswith(NOTEBOOK_SUFFIX) or change.new_sha is None:
        return []
    new = _cell_suppressions(changeset.new.blob(change.new_sha), path)
    if not new:
        return []
    before = Counter(text for _, _, _, text, _ in _cell_suppressions(changeset.old.blob(change.old_sha) if change.old_sha else None, path))
    findings: List[Finding] = []
    for cell, line, column, text, codes in new:
        if before[text] > 0:
            before[text] -= 1
            continue
        pointer = _unapproved_suppression(codes, approvals)
        if pointer is None:
            continue
        message = (
            f"the change adds a suppression comment silencing {', '.join(codes)} in cell {cell}: a suppression is a "
            f"weakening of the gate; fix the finding, or approve it with the commit trailer '{trailer}: {path}#{pointer}'"
        )
        findings.append(replace(_finding("CFG002", path, message, changeset.commit, pointer, line, column), cell=cell))
    return findings


def _hook_line(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _narrowed(key: str, before: Any, after: Any) -> bool:
    """Whether a hook or top-level key changed in a way that can keep prefguard from running or seeing files."""
    if before == after:
        return False
    if key in STAGE_KEYS:
        if key == "default_install_hook_types":
            before = before if isinstance(before, list) else ["pre-commit"]
            after = after if isinstance(after, list) else ["pre-commit"]
        if before is None:
            return after is not None
        return not isinstance(after, list) and after is not None or bool(set(map(str, before)) - set(map(str, after or before)))
    if key == "always_run":
        return bool(before) and not after
    return True


def hook_findings(scope: GateScope, changeset: ChangeSet, approvals: Sequence[str]) -> List[Finding]:
    """CFG003 for each prefguard hook the change removes, disables or narrows, and for top-level narrowing."""
    path = scope.hooks_path
    old = _prefguard_hooks(changeset.old, path)
    if old is None or not old["hooks"]:
        return []
    new = _prefguard_hooks(changeset.new, path) or {"top": {}, "hooks": {}, "unreadable": False}
    data = changeset.new.read(path)
    text = data.decode("utf-8", "replace") if data is not None else ""
    problems: List[Tuple[str, str, int]] = []
    if new["unreadable"]:
        problems.append((HOOKS_POINTER, f"{path} is no longer readable YAML, so prefguard's hooks may not run", 1))
    for hook_id, before in sorted(old["hooks"].items()):
        after = new["hooks"].get(hook_id)
        pointer = join_pointer(HOOKS_POINTER, hook_id)
        if after is None:
            where = "the file was deleted" if data is None else "it was removed"
            problems.append((pointer, f"the prefguard hook {hook_id!r} no longer runs ({where})", _hook_line(text, "repos:")))
            continue
        changed = sorted(key for key in before if _narrowed(key, before[key], after.get(key)))
        if changed:
            problems.append((pointer, f"the prefguard hook {hook_id!r} changed {', '.join(changed)}", _hook_line(text, hook_id)))
    for key in TOP_HOOK_KEYS:
        if _narrowed(key, old["top"].get(key), new["top"].get(key)):
            problems.append((join_pointer("", key), f"the top-level {key!r} of {path} changed for every hook, prefguard's included", _hook_line(text, f"{key}:")))
    findings = []
    for pointer, description, line in problems:
        if is_approved(pointer, approvals):
            continue
        message = f"{description}; if intended, approve it with the commit trailer '{scope.trailer}: {path}#{pointer}'"
        findings.append(_finding("CFG003", path, message, changeset.commit, pointer, line))
    return findings


def gate_findings(scope: GateScope, changeset: ChangeSet, approved: Approved, scope_changes: Sequence[FileChange]) -> List[Finding]:
    """Every gate finding of one change set (only what the change touched is read).

    For a merge only the paths that differ from every parent count (``scope_changes``): a
    file taken as-is from one side was judged in that side's own commits.
    """
    touched = changeset.touched() if changeset.combined is None else {
        path for change in scope_changes for path in (change.old_path, change.new_path) if path
    }
    findings: List[Finding] = []
    if scope.baseline in touched:
        findings.extend(baseline_findings(scope, changeset, approved(scope.baseline)))
    if touched.intersection(scope.base.candidates):
        head = effective_config(changeset.new.read, scope.folders)
        findings.extend(config_findings(scope, changeset, head, approved))
    if scope.hooks_path in touched:
        findings.extend(hook_findings(scope, changeset, approved(scope.hooks_path)))
    for change in scope_changes:
        if change.new_path is not None and change.old_sha != change.new_sha:
            findings.extend(suppression_findings(change, changeset, approved(change.new_path), scope.trailer))
            findings.extend(notebook_suppression_findings(change, changeset, approved(change.new_path), scope.trailer))
    return findings
