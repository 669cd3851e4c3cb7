# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Every configuration key has a declared direction, and the gate sees a weakening of each one."""

from typing import Any, Dict, Tuple

import pytest

from checks.baseline.config_gate import (
    CHANGE,
    CODES,
    DIRECTIONS,
    GROWS,
    GUARD_FILES,
    HIGHER,
    LOWER,
    MUTABLE,
    NEUTRAL,
    PER_FILE,
    SHRINKS,
    TRUE,
    config_weakenings,
    settings_keys,
)
from checks.config.settings import SUBTABLE_DEFAULTS, TOP_LEVEL_DEFAULTS

KNOWN = {CODES, PER_FILE, GROWS, SHRINKS, HIGHER, LOWER, TRUE, CHANGE, GUARD_FILES, MUTABLE, NEUTRAL}


def test_every_settings_key_has_a_declared_direction() -> None:
    keys = set(settings_keys())
    assert set(TOP_LEVEL_DEFAULTS) <= keys
    for table, defaults in SUBTABLE_DEFAULTS.items():
        assert {f"{table}.{name}" for name in defaults} <= keys
    undeclared = sorted(keys - set(DIRECTIONS))
    assert not undeclared, f"configuration keys without a declared direction (stricter/weaker/neutral): {undeclared}"
    assert sorted(set(DIRECTIONS) - keys) == []
    assert set(DIRECTIONS.values()) <= KNOWN


def nest(key: str, value: Any) -> Dict[str, Any]:
    if "." in key:
        table, name = key.split(".", 1)
        return {table: {name: value}}
    return {key: value}


def default_of(key: str) -> Any:
    if "." in key:
        table, name = key.split(".", 1)
        return SUBTABLE_DEFAULTS[table][name]
    return TOP_LEVEL_DEFAULTS[key]


def weaker_pair(key: str, direction: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """A base and a head table whose only difference weakens ``key`` in its declared direction."""
    default = default_of(key)
    if direction == GROWS:
        return {}, nest(key, [*default, "zz-added/**"])
    if direction == SHRINKS:
        base = default or ["kept.module"]
        return nest(key, base), nest(key, base[1:])
    if direction == HIGHER:
        return {}, nest(key, default + 1)
    if direction == LOWER:
        return {}, nest(key, default - 1)
    if direction == TRUE:
        return nest(key, False), nest(key, True)
    if direction == CHANGE:
        return {}, nest(key, f"{default}-changed" if isinstance(default, str) else default + 1)
    if direction == CODES:
        return {}, nest(key, ["ANN"])
    if direction == PER_FILE:
        return {}, nest(key, {"src/**": ["ANN"]})
    if direction == GUARD_FILES:
        return {}, nest(key, {".claude/project_concept.json": "append-only"})
    if direction == MUTABLE:
        return {}, nest(key, {".claude/project_log.json": ["/0"]})
    raise AssertionError(direction)


@pytest.mark.parametrize("key", [key for key in settings_keys() if DIRECTIONS[key] not in (NEUTRAL,)])
def test_a_weakening_of_every_key_is_seen(key: str) -> None:
    direction = DIRECTIONS[key]
    if key == "extend-select":
        base, head = {"select": ["DOC"], "extend-select": ["ANN"]}, {"select": ["DOC"]}
    else:
        base, head = weaker_pair(key, direction)
    found = config_weakenings(base, head)
    assert found, f"{key} ({direction}) weakened from {base} to {head} and not seen"
    assert all(item.pointer.startswith("/tool/prefguard/") for item in found)


@pytest.mark.parametrize("key", [key for key in settings_keys() if DIRECTIONS[key] in (GROWS, SHRINKS, HIGHER, LOWER, TRUE)])
def test_the_opposite_change_of_every_ordered_key_needs_no_approval(key: str) -> None:
    base, head = weaker_pair(key, DIRECTIONS[key])
    assert config_weakenings(head, base) == []
