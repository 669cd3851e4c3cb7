# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which changes of the effective ``[tool.prefguard]`` configuration loosen the gate.

Every key of :class:`checks.config.settings.Settings` (top level and each
sub-table) has a declared direction in :data:`DIRECTIONS`; a key without one
fails the test suite, so a new option cannot be forgotten by the gate. The two
configurations compared are the effective ones (defaults filled in, after the
precedence of the files that can carry them), so deleting a table, shadowing
it with an empty ``prefguard.toml`` or emptying a list are judged like any
other edit. Each weakening names the RFC 6901 pointer (below
``/tool/prefguard``) that an approval trailer must name, or an ancestor of it.
Tightening needs no approval.
"""

from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Optional, Tuple

from checks.config.paths import matches
from checks.config.settings import SUBTABLE_DEFAULTS, TOP_LEVEL_DEFAULTS, ConfigError, Settings, build_settings
from checks.guard.json_guard import MODE_APPEND_ONLY, MODE_IMMUTABLE, MODE_OFF, build_policies, default_file_modes
from checks.guard.strict_json import join_pointer

TABLE_POINTER = "/tool/prefguard"
MODE_STRENGTH: Dict[str, int] = {MODE_OFF: 0, MODE_APPEND_ONLY: 1, MODE_IMMUTABLE: 2}
GLOB_CHARACTERS = frozenset("*?[")

# The directions. A list "grows weaker" when an added item lets more through (an exemption, an
# allowed word); it "shrinks weaker" when a removed item stops a check (a banned module, a marker).
CODES = "codes: fewer enabled codes is weaker"
PER_FILE = "per-file codes: more ignored codes for a pattern is weaker"
GROWS = "list: an added item is weaker"
SHRINKS = "list: a removed item is weaker"
HIGHER = "number: a higher value is weaker"
LOWER = "number: a lower value is weaker"
TRUE = "flag: true is weaker"
CHANGE = "any change is weaker"
GUARD_FILES = "guard modes: a path guarded less strictly is weaker"
MUTABLE = "mutable pointers: an added pointer is weaker"
NEUTRAL = "neutral: no value loosens a check"

DIRECTIONS: Dict[str, str] = {
    "select": CODES,
    "ignore": CODES,
    "extend-select": CODES,
    "per-file-ignores": PER_FILE,
    "exclude": GROWS,
    "status-prefixes": GROWS,
    "placeholder-markers": SHRINKS,
    "allow-empty-init": TRUE,
    "max-inheritance-depth": HIGHER,
    "public-modules": SHRINKS,
    "banned-logging-modules": SHRINKS,
    "max-file-bytes": LOWER,
    "baseline": CHANGE,
    "header.coding": CHANGE,
    "header.copyright": CHANGE,
    "header.location": CHANGE,
    # The years only fill the copyright line's {years}: every file is still checked against that line.
    "header.first-year": NEUTRAL,
    "header.year": NEUTRAL,
    "header.exempt": GROWS,
    "naming.allow-function-patterns": GROWS,
    "naming.allow-names": GROWS,
    "docstrings.exempt": GROWS,
    "english.allow-words": GROWS,
    "english.allow-names": GROWS,
    "english.exempt": GROWS,
    "english.message-calls": SHRINKS,
    "english.message-keywords": SHRINKS,
    "english.doc-extensions": SHRINKS,
    "english.doc-exclude": GROWS,
    # Strings that reach one of these are data, not messages: an added item lets more text through.
    "english.data-calls": GROWS,
    "english.data-keywords": GROWS,
    "english.data-names": GROWS,
    "json-guard.files": GUARD_FILES,
    "json-guard.mutable": MUTABLE,
    "json-guard.approval-trailer": CHANGE,
    "json-guard.memory-dir": CHANGE,
    "json-guard.log-limit": HIGHER,
    # The archive move is checked as lossless whatever the age limit: no data can be lost through it.
    "json-guard.archive-days": NEUTRAL,
    "json-guard.module-exempt": GROWS,
    "integration.entry": GROWS,
    "integration.critical": SHRINKS,
    "integration.exclude": GROWS,
    "integration.tests": GROWS,
}


def settings_keys() -> List[str]:
    """Every key a configuration can set: top-level names and ``table.key`` names."""
    keys = [name for name in TOP_LEVEL_DEFAULTS]
    for table, defaults in SUBTABLE_DEFAULTS.items():
        keys.extend(f"{table}.{name}" for name in defaults)
    return keys


@dataclass(frozen=True)
class Weakening:
    """One loosening of the configuration: where it is and what it does."""

    pointer: str
    description: str
    key: Tuple[str, ...] = ()


def _pointer(key: str, *more: str) -> str:
    pointer = TABLE_POINTER
    for token in (*key.split("."), *more):
        pointer = join_pointer(pointer, token)
    return pointer


def _short(items: Iterable[Any]) -> str:
    ordered = sorted(str(item) for item in items)
    shown = ", ".join(repr(item) for item in ordered[:8])
    return shown + (f" and {len(ordered) - 8} more" if len(ordered) > 8 else "")


def _items(value: Any) -> FrozenSet[str]:
    return frozenset(str(item) for item in value) if isinstance(value, list) else frozenset()


def _value(settings: Settings, key: str) -> Any:
    if "." in key:
        table, name = key.split(".", 1)
        return settings.table(table)[name]
    return settings.value(key)


def _codes_weakening(old: Settings, new: Settings) -> List[Weakening]:
    dropped = old.enabled - new.enabled
    if not dropped:
        return []
    changed = [key for key in ("select", "extend-select", "ignore") if old.value(key) != new.value(key)]
    key = changed[-1] if changed else "ignore"
    return [Weakening(_pointer(key), f"the configuration no longer enables {_short(dropped)}", (key,))]


def _per_file_weakening(old: Settings, new: Settings) -> List[Weakening]:
    before = dict(old.per_file_ignores)
    found = []
    for pattern, codes in new.per_file_ignores:
        more = codes - before.get(pattern, frozenset())
        if more:
            found.append(
                Weakening(_pointer("per-file-ignores", pattern), f"'per-file-ignores' now disables {_short(more)} for {pattern!r}", ("per-file-ignores", pattern))
            )
    return found


def _is_literal(pattern: str) -> bool:
    return not GLOB_CHARACTERS.intersection(pattern)


def _guard_files_weakening(old: Settings, new: Settings) -> List[Weakening]:
    """A guarded path whose mode the new configuration lowers, or a new glob that may shadow a stronger one."""
    try:
        old_policies = build_policies(old.table("json-guard"), _memory_dir(old))
        new_policies = build_policies(new.table("json-guard"), _memory_dir(new))
    except ConfigError:
        return []
    found: List[Weakening] = []
    literal_paths = {pattern for pattern, _ in old_policies.files if _is_literal(pattern)}
    literal_paths.update(default_file_modes(_memory_dir(old)))
    for path in sorted(literal_paths):
        before = old_policies.policy_for(path)
        after = new_policies.policy_for(path)
        before_mode = before.mode if before else MODE_OFF
        after_mode = after.mode if after else MODE_OFF
        if MODE_STRENGTH[after_mode] < MODE_STRENGTH[before_mode]:
            pattern = next((pattern for pattern, _ in new_policies.files if pattern == path or matches(path, pattern)), path)
            found.append(
                Weakening(_pointer("json-guard.files", pattern), f"{path} is guarded {after_mode!r} instead of {before_mode!r} (by {pattern!r})", ("json-guard", "files", pattern))
            )
    old_globs = [(pattern, mode) for pattern, mode in old_policies.files if not _is_literal(pattern)]
    old_files = dict(old_policies.files)
    new_files = dict(new_policies.files)
    for pattern, mode in old_globs:
        after = new_files.get(pattern, MODE_OFF)
        if MODE_STRENGTH[after] < MODE_STRENGTH[mode]:
            found.append(
                Weakening(_pointer("json-guard.files", pattern), f"the glob {pattern!r} is guarded {after!r} instead of {mode!r}", ("json-guard", "files", pattern))
            )
    for pattern, mode in new_policies.files:
        if _is_literal(pattern) or old_files.get(pattern) == mode:
            continue
        stronger = [glob for glob, strength in old_globs if MODE_STRENGTH[strength] > MODE_STRENGTH[mode]]
        if stronger and not any(item.key[-1:] == (pattern,) for item in found):
            found.append(
                Weakening(_pointer("json-guard.files", pattern), f"the glob {pattern!r} ({mode!r}) may lower the guard of paths {_short(stronger)} guarded", ("json-guard", "files", pattern))
            )
    return found


def _mutable_weakening(old: Settings, new: Settings) -> List[Weakening]:
    before = old.table("json-guard")["mutable"]
    found = []
    for pattern, pointers in sorted(new.table("json-guard")["mutable"].items()):
        added = _items(pointers) - _items(before.get(pattern))
        if added:
            found.append(Weakening(_pointer("json-guard.mutable", pattern), f"{pattern!r} gained mutable pointer(s) {_short(added)}", ("json-guard", "mutable", pattern)))
    return found


def _memory_dir(settings: Settings) -> str:
    return str(settings.table("json-guard")["memory-dir"]).strip().strip("/")


def _simple_weakening(direction: str, old: Any, new: Any) -> Optional[str]:
    """What got weaker for one plain key, or None."""
    if direction == GROWS:
        added = _items(new) - _items(old)
        return f"gained {_short(added)}" if added else None
    if direction == SHRINKS:
        removed = _items(old) - _items(new)
        return f"lost {_short(removed)}" if removed else None
    if direction == HIGHER:
        return f"raised from {old!r} to {new!r}" if new > old else None
    if direction == LOWER:
        return f"lowered from {old!r} to {new!r}" if new < old else None
    if direction == TRUE:
        return f"turned on (was {old!r})" if new is True and old is not True else None
    if direction == CHANGE:
        return f"changed from {old!r} to {new!r}" if old != new else None
    return None


COMPOUND: Dict[str, Callable[[Settings, Settings], List[Weakening]]] = {
    CODES: _codes_weakening,
    PER_FILE: _per_file_weakening,
    GUARD_FILES: _guard_files_weakening,
    MUTABLE: _mutable_weakening,
}


def settings_weakenings(old: Settings, new: Settings) -> List[Weakening]:
    """Every weakening from one effective configuration to another, in key order."""
    found: List[Weakening] = []
    done = set()
    for key in settings_keys():
        direction = DIRECTIONS[key]
        if direction in COMPOUND:
            if direction not in done:
                done.add(direction)
                found.extend(COMPOUND[direction](old, new))
            continue
        what = _simple_weakening(direction, _value(old, key), _value(new, key))
        if what is not None:
            found.append(Weakening(_pointer(key), f"'{key}' {what}", tuple(key.split(".", 1))))
    return found


def config_weakenings(old: Optional[Dict[str, Any]], new: Optional[Dict[str, Any]], default_baseline: str = "") -> List[Weakening]:
    """Every weakening from the old ``[tool.prefguard]`` table to the new one (None: no table, the defaults).

    ``default_baseline`` is kept for callers of the former signature; the default comes from the settings.
    """
    return settings_weakenings(build_settings(old or {}), build_settings(new or {}))
