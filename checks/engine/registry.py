# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Lazy loading of rule classes by code (rule modules import libcst)."""

import importlib
from typing import Dict, Iterable, List, Type

from checks.config.codes import SOURCE_RULE_MODULES
from checks.engine.rule import Rule

_LOADED: Dict[str, Type[Rule]] = {}


def rule_class(code: str) -> Type[Rule]:
    """The rule class registered for a source-rule code."""
    if code not in _LOADED:
        module = importlib.import_module(SOURCE_RULE_MODULES[code])
        candidates = [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and value.code == code
        ]
        if len(candidates) != 1:
            raise LookupError(f"{module.__name__} must define exactly one rule class with code {code}")
        _LOADED[code] = candidates[0]
    return _LOADED[code]


def rule_classes(codes: Iterable[str]) -> List[Type[Rule]]:
    """The rule classes of the given codes that are source rules, in code order."""
    return [rule_class(code) for code in sorted(set(codes)) if code in SOURCE_RULE_MODULES]
