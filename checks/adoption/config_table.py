# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The ``[tool.prefguard]`` table ``prefguard init`` appends to pyproject.toml.

The table is appended after the last byte of the file, so every existing
byte stays where it was. The result is parsed again: it must hold the old
data unchanged plus exactly the new table, else nothing is appended (a file
whose ``tool`` is an inline table cannot take a ``[tool.prefguard]`` header)
and the caller writes ``prefguard.toml`` instead.
"""

import json
import sys
from datetime import date
from typing import Any, Dict, Optional, Sequence, Tuple

from checks.adoption.errors import AdoptionInputError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
PREFGUARD_TOML = "prefguard.toml"


def parse(text: str, path: str) -> Dict[str, Any]:
    """A TOML document, or :class:`AdoptionInputError` naming ``path``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AdoptionInputError(path, f"not valid TOML: {error}") from error


def has_prefguard_table(data: Dict[str, Any]) -> bool:
    """Whether a parsed pyproject.toml already configures prefguard."""
    tool = data.get("tool")
    return isinstance(tool, dict) and "prefguard" in tool


def _toml_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def table_text(
    found_by: Sequence[Tuple[str, str]],
    baseline: str,
    today: date,
    header: Optional[Dict[str, Any]] = None,
    header_reasons: Sequence[str] = (),
) -> str:
    """``[tool.prefguard]`` with the project's header (when given) and the entry points, each commented with its rule."""
    lines = [
        "[tool.prefguard]",
        f"# Written by `prefguard init` on {today.isoformat()}: the policy's rules apply to every Python file.",
        f"# Findings that existed before are recorded in {baseline}; new and edited lines must comply.",
        "",
    ]
    if header:
        lines.append("[tool.prefguard.header]")
        lines.append("# The header of new files (HDR001, HDR002), taken from this project:")
        lines.extend(f"# {reason}." for reason in header_reasons)
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in header.items())
        lines.append("")
    lines.append("[tool.prefguard.integration]")
    if found_by:
        lines.append("# The entry points verify starts from, as prefguard init found them (edit freely).")
        lines.append("entry = [")
        lines.extend(f"    {json.dumps(path, ensure_ascii=False)}, # {rule}" for path, rule in found_by)
        lines.append("]")
    else:
        lines.append("# No entry point was found: list the scripts or packages your pipeline starts from.")
        lines.append("entry = []")
    return "\n".join(lines) + "\n"


def append_table(text: str, table: str) -> Optional[str]:
    """``text`` with ``table`` appended after its last byte; None when the result would change old data."""
    old = parse(text, PYPROJECT)
    separator = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
    merged = text + separator + table
    try:
        new = tomllib.loads(merged)
    except tomllib.TOMLDecodeError:
        return None
    added = tomllib.loads(table)
    expected = dict(old)
    tool = dict(expected.get("tool", {})) if isinstance(expected.get("tool", {}), dict) else None
    if tool is None:
        return None
    tool["prefguard"] = added["tool"]["prefguard"]
    expected["tool"] = tool
    return merged if new == expected else None
