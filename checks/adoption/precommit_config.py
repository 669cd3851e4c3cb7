# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""prefguard's hooks in a repository's ``.pre-commit-config.yaml``, merged as text.

The merge inserts lines and never rewrites the user's: every comment, hook,
anchor and quoting style stays byte for byte. PyYAML composes the document
to find where the ``repos`` sequence ends and whether
``default_install_hook_types`` lists both stages; after the insertion the new
text is loaded again and must equal the old data plus exactly prefguard's
additions. A layout the merge cannot extend safely (a non-empty flow
sequence, a scalar where a list belongs) is not written: the caller prints
the lines the user must add instead.

Two forms of the hooks (:class:`HookSource`). The recommended one, as
pre-commit users expect of a tool (ruff-pre-commit, black): prefguard's hook
repository (``repo:`` its URL or path, ``rev:`` the release tag or commit of
the prefguard that wrote the baseline); pre-commit installs it in an isolated
environment of its own, so a commit never depends on the shell's PATH. The
other, ``repo: local`` with ``language: system``, runs the prefguard installed
in the project's environment and needs no network at all, but only when that
environment's ``prefguard`` is on PATH at commit time.

Adding ``commit-msg`` to ``default_install_hook_types`` would make every
existing hook without its own ``stages`` run on commit messages too: when the
file has no ``default_stages``, the merge adds one holding the stages that
were installed before, so the project's hooks run exactly where they ran.
Inserted lines follow the file's own indentation (the offset of the keys of a
``repos`` item and of its ``hooks`` list).
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from checks.adoption.errors import AdoptionInputError

CONFIG_FILE = ".pre-commit-config.yaml"
HOOK_TYPES: Tuple[str, ...] = ("pre-commit", "commit-msg")
HOOK_IDS: Tuple[str, ...] = ("prefguard-check", "prefguard-guard", "prefguard-verify")
MINIMUM_VERSION = "3.2.0"
DEFAULT_HOOK_REPOSITORY = "https://github.com/fragmergent/prefguard"
LOCAL = "local"

_HOOKS: Dict[str, Tuple[str, ...]] = {
    "prefguard-check": (
        "name: prefguard check",
        "entry: prefguard check",
        "language: system",
        "types_or: [python, pyi]",
        "stages: [pre-commit, pre-merge-commit, manual]",
        "require_serial: true",
    ),
    "prefguard-guard": (
        "name: prefguard guard",
        "# At the commit-msg stage pre-commit passes the commit message file as the argument.",
        "entry: prefguard guard --staged",
        "language: system",
        "stages: [commit-msg]",
        "always_run: true",
        "require_serial: true",
    ),
    "prefguard-verify": (
        "name: prefguard verify",
        "entry: prefguard verify",
        "language: system",
        "stages: [pre-commit, pre-merge-commit, manual]",
        "pass_filenames: false",
        "always_run: true",
        "require_serial: true",
    ),
}


@dataclass(frozen=True)
class HookSource:
    """Where the hooks come from: a hook repository at a revision, or ``local`` (``language: system``)."""

    repo: str = LOCAL
    rev: str = ""

    @property
    def system(self) -> bool:
        """Whether the hooks run the prefguard on PATH (``repo: local``, ``language: system``)."""
        return self.repo == LOCAL


SYSTEM = HookSource()


@dataclass(frozen=True)
class Layout:
    """The indentation of a ``repos`` item: its keys after the dash, its hooks after ``hooks:``."""

    key_offset: int = 2
    list_offset: int = 2


@dataclass(frozen=True)
class PrecommitMerge:
    """The outcome: the new text (None when nothing changes), what changed, or what to add by hand."""

    text: Optional[str]
    changes: Tuple[str, ...] = ()
    manual: str = ""


def repo_block(hook_ids: Sequence[str], indent: int, source: HookSource = SYSTEM, layout: Layout = Layout()) -> List[str]:
    """The lines of one ``repos`` item with the given hooks, its dash at column ``indent``."""
    pad = " " * indent
    key = pad + " " * layout.key_offset
    hook_dash = key + " " * layout.list_offset
    hook_key = hook_dash + " " * layout.key_offset
    lines = [f"{pad}# prefguard (added by `prefguard init`): policy rules, memory-file guard, integration verification."]
    if source.system:
        lines.append(f"{pad}# language: system runs the prefguard installed in the project's environment (on PATH at commit time).")
        lines.append(f"{pad}-{' ' * (layout.key_offset - 1)}repo: {LOCAL}")
    else:
        lines.append(f"{pad}# pre-commit installs this prefguard release in an isolated environment of its own.")
        lines.append(f"{pad}-{' ' * (layout.key_offset - 1)}repo: {source.repo}")
        lines.append(f"{key}rev: {source.rev}")
    lines.append(f"{key}hooks:")
    for hook_id in hook_ids:
        lines.append(f"{hook_dash}-{' ' * (layout.key_offset - 1)}id: {hook_id}")
        if source.system:
            lines.extend(f"{hook_key}{line}" for line in _HOOKS[hook_id])
    return lines


def new_config(source: HookSource = SYSTEM) -> str:
    """The whole file for a repository that has none."""
    lines = [
        "# pre-commit hooks (https://pre-commit.com), written by `prefguard init`.",
        "# `pre-commit install` sets up both stages below (default_install_hook_types).",
        f"default_install_hook_types: [{', '.join(HOOK_TYPES)}]",
        f'minimum_pre_commit_version: "{MINIMUM_VERSION}"',
        "repos:",
        *repo_block(HOOK_IDS, 2, source),
    ]
    return "\n".join(lines) + "\n"


def _hook_data(hook_ids: Sequence[str], source: HookSource) -> Dict[str, Any]:
    """What the inserted repo item loads as (for the verification of the merge)."""
    return yaml.safe_load("\n".join(repo_block(hook_ids, 0, source)) + "\n")[0]


def _compose(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise AdoptionInputError(CONFIG_FILE, f"not valid YAML: {error}") from error


def _present_ids(data: Dict[str, Any]) -> List[str]:
    found = []
    for repo in data.get("repos") or []:
        if isinstance(repo, dict):
            for hook in repo.get("hooks") or []:
                if isinstance(hook, dict) and hook.get("id") in HOOK_IDS:
                    found.append(str(hook["id"]))
    return found


def _value_of(mapping: Any, key: str) -> Tuple[Optional[Any], Optional[Any]]:
    """The key node and value node of ``key`` in a composed mapping."""
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None, None


def _last_content_line(lines: List[str], first: int, end_mark: Any) -> int:
    """The last line of a block node that is neither blank nor only a comment."""
    last = end_mark.line if end_mark.column > 0 else end_mark.line - 1
    for number in range(min(last, len(lines) - 1), first - 1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return first


def _space_before(text: str, index: int) -> int:
    """The start of the blanks before ``index`` (no trailing whitespace is left behind a key)."""
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index


def _dash_column(line: str, content_column: int) -> Optional[int]:
    before = line[:content_column].rstrip()
    return len(before) - 1 if before.endswith("-") else None


class _Edits:
    """Line insertions and span replacements applied from the end of the text backwards."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: List[Tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace ``text[start:end]`` with ``new``."""
        self.spans.append((start, end, new))

    def insert_after_line(self, number: int, new_lines: List[str]) -> None:
        """Insert whole lines after line ``number`` (0-based)."""
        offset = 0
        for _ in range(number + 1):
            found = self.text.find("\n", offset)
            offset = len(self.text) if found < 0 else found + 1
        prefix = "" if offset == 0 or self.text[offset - 1] == "\n" else "\n"
        self.spans.append((offset, offset, prefix + "\n".join(new_lines) + "\n"))

    def apply(self) -> str:
        """The text with every edit made."""
        text = self.text
        for start, end, new in sorted(self.spans, key=lambda span: (span[0], span[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _stages_line(data: Dict[str, Any], missing: Sequence[str]) -> Optional[str]:
    """``default_stages`` keeping the existing hooks where they ran, when commit-msg is being installed.

    None when no line is needed: the file sets ``default_stages`` itself, or
    commit-msg was installed already (its hooks ran there before).
    """
    if "commit-msg" not in missing or "default_stages" in data:
        return None
    before = data.get("default_install_hook_types")
    stages = [str(stage) for stage in before] if isinstance(before, list) and before else ["pre-commit"]
    return f"default_stages: [{', '.join(stages)}]"


def _merge_hook_types(edits: _Edits, text: str, lines: List[str], root: Any, data: Dict[str, Any]) -> Tuple[List[str], str]:
    """Add the missing stages to ``default_install_hook_types`` (and ``default_stages``); returns (added, manual reason)."""
    key_node, value = _value_of(root, "default_install_hook_types")
    current = data.get("default_install_hook_types")
    missing = list(HOOK_TYPES) if key_node is None else [stage for stage in HOOK_TYPES if isinstance(current, list) and stage not in current]
    first_key = root.value[0][0]
    line_start = first_key.start_mark.index - first_key.start_mark.column
    pad = " " * first_key.start_mark.column
    stages = _stages_line(data, missing)
    if key_node is not None and (not isinstance(current, list) or not isinstance(value, yaml.SequenceNode)):
        return [], "default_install_hook_types is not a list"
    if stages is not None:
        edits.replace(line_start, line_start, f"{pad}{stages}\n")
    if key_node is None:
        edits.replace(line_start, line_start, f"{pad}default_install_hook_types: [{', '.join(HOOK_TYPES)}]\n")
        return missing, ""
    if not missing:
        return [], ""
    if value.flow_style:
        items = [text[item.start_mark.index:item.end_mark.index] for item in value.value]
        edits.replace(value.start_mark.index, value.end_mark.index, "[" + ", ".join(items + missing) + "]")
        return missing, ""
    dash = _dash_column(lines[value.value[0].start_mark.line], value.value[0].start_mark.column)
    if dash is None:
        return [], "default_install_hook_types has a layout prefguard cannot extend"
    last = _last_content_line(lines, value.value[-1].start_mark.line, value.end_mark)
    edits.insert_after_line(last, [f"{' ' * dash}- {stage}" for stage in missing])
    return missing, ""


def _layout(lines: List[str], repos: Any) -> Layout:
    """The indentation of the last ``repos`` item of a block sequence (the defaults when it cannot tell)."""
    item = repos.value[-1] if isinstance(repos, yaml.SequenceNode) and repos.value else None
    if not isinstance(item, yaml.MappingNode) or not item.value:
        return Layout()
    dash = _dash_column(lines[item.start_mark.line], item.start_mark.column)
    key_offset = item.start_mark.column - dash if dash is not None and item.start_mark.column > dash else 2
    hooks_key, hooks = _value_of(item, "hooks")
    list_offset = 2
    if isinstance(hooks, yaml.SequenceNode) and not hooks.flow_style and hooks.value and hooks_key is not None:
        hook_dash = _dash_column(lines[hooks.value[0].start_mark.line], hooks.value[0].start_mark.column)
        if hook_dash is not None and hook_dash >= hooks_key.start_mark.column:
            list_offset = hook_dash - hooks_key.start_mark.column
    return Layout(key_offset, list_offset)


def _merge_repos(edits: _Edits, lines: List[str], root: Any, hook_ids: List[str], source: HookSource) -> str:
    """Insert prefguard's ``repos`` item; returns a reason when the layout cannot be extended."""
    key_node, value = _value_of(root, "repos")
    if key_node is None:
        last = _last_content_line(lines, 0, root.end_mark)
        pad = " " * root.value[0][0].start_mark.column
        edits.insert_after_line(last, [f"{pad}repos:", *repo_block(hook_ids, len(pad) + 2, source)])
        return ""
    if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
        block = repo_block(hook_ids, key_node.start_mark.column + 2, source)
        if value.start_mark.index == value.end_mark.index:
            edits.insert_after_line(key_node.start_mark.line, block)
        else:
            edits.replace(_space_before(edits.text, value.start_mark.index), value.end_mark.index, "\n" + "\n".join(block))
        return ""
    if not isinstance(value, yaml.SequenceNode):
        return "repos is not a list"
    if value.flow_style:
        if value.value:
            return "repos is a non-empty flow sequence ([...])"
        block = repo_block(hook_ids, key_node.start_mark.column + 2, source)
        edits.replace(_space_before(edits.text, value.start_mark.index), value.end_mark.index, "\n" + "\n".join(block))
        return ""
    first = value.value[0]
    dash = _dash_column(lines[first.start_mark.line], first.start_mark.column)
    if dash is None:
        return "repos has a layout prefguard cannot extend"
    block = repo_block(hook_ids, dash, source, _layout(lines, value))
    edits.insert_after_line(_last_content_line(lines, value.value[-1].start_mark.line, value.end_mark), block)
    return ""


def _manual(reason: str, hook_ids: Sequence[str], hook_types: Sequence[str], source: HookSource) -> str:
    parts = [f"{CONFIG_FILE} was left unchanged: {reason}. Add by hand:"]
    if hook_types:
        parts.append(f"  default_install_hook_types: [{', '.join(HOOK_TYPES)}]")
        if "commit-msg" in hook_types:
            parts.append("  default_stages: [pre-commit]  (unless the file sets it: the existing hooks stay at pre-commit)")
    if hook_ids:
        parts.append("  and under repos:")
        parts.extend("  " + line for line in repo_block(hook_ids, 2, source))
    return "\n".join(parts)


def merge_precommit(text: Optional[str], source: HookSource = SYSTEM) -> PrecommitMerge:
    """prefguard's hooks and hook types merged into a config's text (``None``: the file does not exist).

    Raises :class:`AdoptionInputError` when the text is not valid YAML or its
    top level is not a mapping.
    """
    if text is None:
        return PrecommitMerge(new_config(source), ("created with the three prefguard hooks",))
    root = _compose(text)
    if root is None:
        body = text if not text or text.endswith("\n") else text + "\n"
        return PrecommitMerge(body + new_config(source), ("the file held no settings; the prefguard hooks were added",))
    if not isinstance(root, yaml.MappingNode):
        raise AdoptionInputError(CONFIG_FILE, "the top level must be a mapping with a repos list")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise AdoptionInputError(CONFIG_FILE, "the top level must be a mapping with a repos list")
    present = _present_ids(data)
    hook_ids = [hook_id for hook_id in HOOK_IDS if hook_id not in present]
    lines = text.splitlines()
    edits = _Edits(text)
    added_types, reason = _merge_hook_types(edits, text, lines, root, data)
    if not reason and hook_ids:
        reason = _merge_repos(edits, lines, root, hook_ids, source)
    if reason:
        wanted_types = [t for t in HOOK_TYPES if t not in (data.get("default_install_hook_types") or [])]
        return PrecommitMerge(None, (), _manual(reason, hook_ids, wanted_types, source))
    if not added_types and not hook_ids:
        return PrecommitMerge(None)
    merged = edits.apply()
    expected = dict(data)
    stages = _stages_line(data, added_types)
    if stages is not None:
        expected["default_stages"] = yaml.safe_load(stages)["default_stages"]
    if added_types:
        expected["default_install_hook_types"] = list(data.get("default_install_hook_types") or []) + added_types
    if hook_ids:
        expected["repos"] = list(data.get("repos") or []) + [_hook_data(hook_ids, source)]
    try:
        reloaded = yaml.safe_load(merged)
    except yaml.YAMLError:
        reloaded = None
    if reloaded != expected:
        return PrecommitMerge(None, (), _manual("its layout could not be extended without changing its meaning", hook_ids, added_types, source))
    changes = []
    if hook_ids:
        changes.append(f"added the hooks {', '.join(hook_ids)} (kept every existing line)")
    if added_types:
        changes.append(f"added {', '.join(added_types)} to default_install_hook_types")
    if stages is not None:
        changes.append(f"added {stages} so the existing hooks run only where they ran before")
    return PrecommitMerge(merged, tuple(changes))
