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

The hooks are ``repo: local`` with ``language: system``: they run the
prefguard installed next to the project (``pip install prefguard``), the same
version that wrote the baseline, and need no network when committing.
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from checks.adoption.errors import AdoptionInputError

CONFIG_FILE = ".pre-commit-config.yaml"
HOOK_TYPES: Tuple[str, ...] = ("pre-commit", "commit-msg")
HOOK_IDS: Tuple[str, ...] = ("prefguard-check", "prefguard-guard", "prefguard-verify")
MINIMUM_VERSION = "3.2.0"

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
class PrecommitMerge:
    """The outcome: the new text (None when nothing changes), what changed, or what to add by hand."""

    text: Optional[str]
    changes: Tuple[str, ...] = ()
    manual: str = ""


def repo_block(hook_ids: Sequence[str], indent: int) -> List[str]:
    """The lines of one ``repo: local`` item with the given hooks, its dash at column ``indent``."""
    pad = " " * indent
    lines = [
        f"{pad}# prefguard (added by `prefguard init`): policy rules, memory-file guard, integration verification.",
        f"{pad}# language: system runs the prefguard installed in the project's environment.",
        f"{pad}- repo: local",
        f"{pad}  hooks:",
    ]
    for hook_id in hook_ids:
        lines.append(f"{pad}    - id: {hook_id}")
        lines.extend(f"{pad}      {line}" for line in _HOOKS[hook_id])
    return lines


def new_config() -> str:
    """The whole file for a repository that has none."""
    lines = [
        "# pre-commit hooks (https://pre-commit.com), written by `prefguard init`.",
        "# `pre-commit install` sets up both stages below (default_install_hook_types).",
        f"default_install_hook_types: [{', '.join(HOOK_TYPES)}]",
        f'minimum_pre_commit_version: "{MINIMUM_VERSION}"',
        "repos:",
        *repo_block(HOOK_IDS, 2),
    ]
    return "\n".join(lines) + "\n"


def _hook_data(hook_ids: Sequence[str]) -> Dict[str, Any]:
    """What the inserted repo item loads as (for the verification of the merge)."""
    return yaml.safe_load("\n".join(repo_block(hook_ids, 0)) + "\n")[0]


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


def _merge_hook_types(edits: _Edits, text: str, lines: List[str], root: Any, data: Dict[str, Any]) -> Tuple[List[str], str]:
    """Add the missing stages to ``default_install_hook_types``; returns (added, manual reason)."""
    key_node, value = _value_of(root, "default_install_hook_types")
    if key_node is None:
        first_key = root.value[0][0]
        line_start = first_key.start_mark.index - first_key.start_mark.column
        pad = " " * first_key.start_mark.column
        edits.replace(line_start, line_start, f"{pad}default_install_hook_types: [{', '.join(HOOK_TYPES)}]\n")
        return list(HOOK_TYPES), ""
    current = data.get("default_install_hook_types")
    if not isinstance(current, list) or not isinstance(value, yaml.SequenceNode):
        return [], "default_install_hook_types is not a list"
    missing = [stage for stage in HOOK_TYPES if stage not in current]
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


def _merge_repos(edits: _Edits, lines: List[str], root: Any, hook_ids: List[str]) -> str:
    """Insert the ``repo: local`` item; returns a reason when the layout cannot be extended."""
    key_node, value = _value_of(root, "repos")
    if key_node is None:
        last = _last_content_line(lines, 0, root.end_mark)
        pad = " " * root.value[0][0].start_mark.column
        edits.insert_after_line(last, [f"{pad}repos:", *repo_block(hook_ids, len(pad) + 2)])
        return ""
    if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
        block = repo_block(hook_ids, key_node.start_mark.column + 2)
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
        block = repo_block(hook_ids, key_node.start_mark.column + 2)
        edits.replace(_space_before(edits.text, value.start_mark.index), value.end_mark.index, "\n" + "\n".join(block))
        return ""
    first = value.value[0]
    dash = _dash_column(lines[first.start_mark.line], first.start_mark.column)
    if dash is None:
        return "repos has a layout prefguard cannot extend"
    edits.insert_after_line(_last_content_line(lines, value.value[-1].start_mark.line, value.end_mark), repo_block(hook_ids, dash))
    return ""


def _manual(reason: str, hook_ids: Sequence[str], hook_types: Sequence[str]) -> str:
    parts = [f"{CONFIG_FILE} was left unchanged: {reason}. Add by hand:"]
    if hook_types:
        parts.append(f"  default_install_hook_types: [{', '.join(HOOK_TYPES)}]")
    if hook_ids:
        parts.append("  and under repos:")
        parts.extend("  " + line for line in repo_block(hook_ids, 2))
    return "\n".join(parts)


def merge_precommit(text: Optional[str]) -> PrecommitMerge:
    """prefguard's hooks and hook types merged into a config's text (``None``: the file does not exist).

    Raises :class:`AdoptionInputError` when the text is not valid YAML or its
    top level is not a mapping.
    """
    if text is None:
        return PrecommitMerge(new_config(), ("created with the three prefguard hooks",))
    root = _compose(text)
    if root is None:
        body = text if not text or text.endswith("\n") else text + "\n"
        return PrecommitMerge(body + new_config(), ("the file held no settings; the prefguard hooks were added",))
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
        reason = _merge_repos(edits, lines, root, hook_ids)
    if reason:
        wanted_types = [t for t in HOOK_TYPES if t not in (data.get("default_install_hook_types") or [])]
        return PrecommitMerge(None, (), _manual(reason, hook_ids, wanted_types))
    if not added_types and not hook_ids:
        return PrecommitMerge(None)
    merged = edits.apply()
    expected = dict(data)
    if added_types:
        expected["default_install_hook_types"] = list(data.get("default_install_hook_types") or []) + added_types
    if hook_ids:
        expected["repos"] = list(data.get("repos") or []) + [_hook_data(hook_ids)]
    try:
        reloaded = yaml.safe_load(merged)
    except yaml.YAMLError:
        reloaded = None
    if reloaded != expected:
        return PrecommitMerge(None, (), _manual("its layout could not be extended without changing its meaning", hook_ids, added_types))
    changes = []
    if hook_ids:
        changes.append(f"added the hooks {', '.join(hook_ids)} (kept every existing line)")
    if added_types:
        changes.append(f"added {', '.join(added_types)} to default_install_hook_types")
    return PrecommitMerge(merged, tuple(changes))
