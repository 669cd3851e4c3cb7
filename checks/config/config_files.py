# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The effective ``[tool.prefguard]`` configuration of one tree (a commit, the index), read as data.

The precedence is the loader's (``hooks.config_loader``): from the project
folder up to the repository root, the first ``prefguard.toml``, or else
``pyproject.toml`` holding ``[tool.prefguard]``, carries the configuration; a
pyproject without the table does not. The files come from a reader function,
so the same rules judge a commit of the history and the working tree alike.
"""

import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

from checks.config.settings import ConfigError, Settings, build_settings

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PREFGUARD_TOML = "prefguard.toml"
PYPROJECT = "pyproject.toml"
CONFIG_NAMES = (PREFGUARD_TOML, PYPROJECT)

Reader = Callable[[str], Optional[bytes]]


def table_in(name: str, data: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The prefguard table of a parsed config file called ``name``, or None when it has none."""
    tool = data.get("tool", {})
    if name.rsplit("/", 1)[-1] == PREFGUARD_TOML:
        return tool.get("prefguard", data) if isinstance(tool, dict) and "prefguard" in tool else data
    if isinstance(tool, dict) and "prefguard" in tool:
        table = tool["prefguard"]
        if not isinstance(table, dict):
            raise ConfigError(name, "tool.prefguard", "expected a table")
        return table
    return None


@dataclass(frozen=True)
class EffectiveConfig:
    """Where a tree's configuration comes from and what it says.

    ``path`` is the repository-relative file carrying it (None: the defaults),
    ``folder`` the repository-relative prefix of the project (``""`` or
    ``"pkg/"``), ``error`` why the file cannot be used (then ``settings`` are
    the defaults).
    """

    path: Optional[str]
    folder: str
    text: str = ""
    table: Dict[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    error: str = ""
    candidates: Sequence[str] = ()

    @property
    def baseline(self) -> str:
        """The repository-relative path of the baseline file this configuration names."""
        return self.folder + str(self.settings.value("baseline"))


def candidate_paths(folders: Sequence[str]) -> List[str]:
    """Every file that can carry the configuration, nearest first (``folders`` are prefixes, nearest first)."""
    return [folder + name for folder in folders for name in CONFIG_NAMES]


def effective_config(read: Reader, folders: Sequence[str]) -> EffectiveConfig:
    """The configuration a tree puts in force for a project whose folder is ``folders[0]``."""
    candidates = candidate_paths(folders)
    start = folders[0] if folders else ""
    for path in candidates:
        data = read(path)
        if data is None:
            continue
        folder = path[: len(path) - len(path.rsplit("/", 1)[-1])]
        try:
            text = data.decode("utf-8")
            table = table_in(path, tomllib.loads(text))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError) as error:
            return EffectiveConfig(path, folder, error=f"{path} cannot be read as TOML: {error}", candidates=candidates)
        if table is None:
            continue
        try:
            settings = build_settings(table, source=path, root=folder or ".")
        except ConfigError as error:
            return EffectiveConfig(path, folder, text, table, error=str(error), candidates=candidates)
        return EffectiveConfig(path, folder, text, table, settings, candidates=candidates)
    return EffectiveConfig(None, start, candidates=candidates)


def locate_key(text: str, key: Sequence[str], in_pyproject: bool) -> int:
    """The 1-based line of a key of the prefguard table in a TOML text (the table's header, else 1).

    ``key`` is the key path below the prefguard table (``("json-guard", "files", "*.json")``).
    A line-level search: tables ``[tool.prefguard.json-guard]``, dotted keys and
    inline keys are recognised; anything else falls back to the nearest table header.
    """
    prefix = ["tool", "prefguard"] if in_pyproject else []
    best = 1
    current: List[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and not line.startswith("[["):
            current = [part.strip().strip('"').strip("'") for part in line.strip("[]").split(".")]
            path = prefix + list(key)
            if current == path[: len(current)] and len(current) >= len(prefix) and len(current) > 0:
                best = number if best == 1 or len(current) > len(prefix) else best
            continue
        if "=" not in line or line.startswith("#"):
            continue
        name = [part.strip().strip('"').strip("'") for part in line.split("=", 1)[0].split(".")]
        full = current + name
        wanted = prefix + list(key)
        if full[: len(wanted)] == wanted or (wanted[: len(full)] == full and len(full) > len(prefix)):
            return number
    return best
