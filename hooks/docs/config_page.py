# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The configuration reference, docs/configuration.md, from the defaults of ``checks.config.settings``.

Every key of ``TOP_LEVEL_DEFAULTS`` and of each sub-table in
``SUBTABLE_DEFAULTS`` gets a heading, its meaning (``checks.config.option_docs``),
its type and its default as TOML.
"""

import json
from typing import Any, Dict, List

from checks.config.option_docs import OPTION_DOCS, TABLE_DOCS
from checks.config.settings import SUBTABLE_DEFAULTS, TOP_LEVEL_DEFAULTS
from hooks.docs.markdown import fenced


def undocumented_keys() -> List[str]:
    """Configuration keys that have a default but no entry in ``OPTION_DOCS``."""
    keys = list(TOP_LEVEL_DEFAULTS) + [f"{table}.{key}" for table, defaults in SUBTABLE_DEFAULTS.items() for key in defaults]
    return [key for key in keys if key not in OPTION_DOCS]


def toml_value(value: Any) -> str:
    """A default written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    return "[" + ", ".join(toml_value(item) for item in value) + "]"


def type_name(value: Any) -> str:
    """The TOML type of a default."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "table"
    return "array"


def _entries(table: str, defaults: Dict[str, Any]) -> List[str]:
    lines: List[str] = []
    for key, value in defaults.items():
        name = f"{table}.{key}" if table else key
        header = f"[tool.prefguard.{table}]" if table else "[tool.prefguard]"
        lines.extend(
            [
                f"### `{name}`",
                "",
                OPTION_DOCS.get(name, "Undocumented: add it to checks/config/option_docs.py."),
                "",
                f"Type: {type_name(value)}. Default:",
                "",
                fenced(f"{header}\n{key} = {toml_value(value)}", "toml"),
                "",
            ]
        )
    return lines


def render_config_page() -> str:
    """docs/configuration.md."""
    lines = [
        "# Configuration reference",
        "",
        "prefguard reads the nearest `prefguard.toml` or `pyproject.toml` with a `[tool.prefguard]` table,",
        "searching from the working directory upwards and stopping at the repository root; in `prefguard.toml`",
        "the keys may also stand at the top level. `--config FILE` names the file instead. The folder of that",
        "file is the project root. An unknown key, a value of the wrong type or an unknown code is a",
        "configuration error (exit status 2) that names the file and the key.",
        "Codes and families are listed in the [rule reference](rules/README.md).",
        "",
        "Generated from `checks/config/settings.py` and `checks/config/option_docs.py` by",
        "`prefguard docs --write`; do not edit by hand.",
        "",
        "## `[tool.prefguard]`",
        "",
        TABLE_DOCS[""],
        "",
    ]
    lines.extend(_entries("", TOP_LEVEL_DEFAULTS))
    for table, defaults in SUBTABLE_DEFAULTS.items():
        lines.extend([f"## `[tool.prefguard.{table}]`", "", TABLE_DOCS.get(table, ""), ""])
        lines.extend(_entries(table, defaults))
    return "\n".join(lines).rstrip() + "\n"
