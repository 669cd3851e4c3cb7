# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Guarded data files by format: JSON, YAML or TOML, chosen by the file name.

The append-only diff works on one data model (JSON's); each format's strict
reader produces it, and each format locates a JSON pointer in its own text.
A file the reader cannot read safely raises
:class:`~checks.guard.strict_json.StrictJsonError` (reported as JSN004).
"""

from typing import Any, Dict, Iterable, Tuple

from checks.guard.strict_json import loads, locate

YAML_SUFFIXES: Tuple[str, ...] = (".yaml", ".yml")
TOML_SUFFIXES: Tuple[str, ...] = (".toml",)


def document_format(path: str) -> str:
    """``yaml``, ``toml`` or ``json`` (the default) for a repository-relative path."""
    lowered = path.lower()
    if lowered.endswith(YAML_SUFFIXES):
        return "yaml"
    if lowered.endswith(TOML_SUFFIXES):
        return "toml"
    return "json"


def load_document(path: str, text: str) -> Any:
    """Strictly parse the text of a guarded file in the format its name says."""
    kind = document_format(path)
    if kind == "yaml":
        from checks.guard.strict_yaml import loads_yaml

        return loads_yaml(text)
    if kind == "toml":
        from checks.guard.strict_toml import loads_toml

        return loads_toml(text)
    return loads(text)


def locate_in_document(path: str, text: str, pointers: Iterable[str]) -> Dict[str, Tuple[int, int]]:
    """1-based positions of JSON pointers in the text of a guarded file."""
    kind = document_format(path)
    if kind == "yaml":
        from checks.guard.strict_yaml import locate_yaml

        return locate_yaml(text, pointers)
    if kind == "toml":
        from checks.guard.strict_toml import locate_toml

        return locate_toml(text, pointers)
    return locate(text, pointers)
