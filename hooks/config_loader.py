# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Find and read ``[tool.prefguard]`` (pyproject.toml) or ``prefguard.toml``."""

import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from checks.config import config_files
from checks.config.settings import CONFIGURED_PATHS, ConfigError, Settings, build_settings

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def _read_toml(path: Path) -> Dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), "-", f"invalid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "-", f"cannot read: {error}") from error


def table_of(path: Path) -> Optional[Dict[str, Any]]:
    """The prefguard table of a config file, or None when it has none."""
    return table_in(path, _read_toml(path))


def table_in(path: Path, data: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The prefguard table of an already parsed config file named ``path``, or None."""
    return config_files.table_in(path.name, data)


def folders_up(start: Path) -> List[Path]:
    """``start`` and its parents, up to and including the first folder holding ``.git`` (the repository root).

    The one upward search of prefguard: the configuration, the project root and
    the repository root are all looked for along these folders.
    """
    folders = []
    for folder in [start, *start.parents]:
        folders.append(folder)
        if (folder / ".git").exists():
            break
    return folders


def repository_root(start: Path) -> Optional[Path]:
    """The folder holding ``.git`` above ``start`` (``start`` included), or None outside a repository."""
    top = folders_up(start)[-1]
    return top if (top / ".git").exists() else None


def nearest_pyproject_folder(start: Path) -> Path:
    """The nearest folder with a ``pyproject.toml`` up to the repository root, else ``start``."""
    return next((folder for folder in folders_up(start) if (folder / "pyproject.toml").is_file()), start)


def find_config(start: Path) -> Optional[Tuple[Path, Dict[str, Any]]]:
    """The nearest prefguard.toml or pyproject.toml with [tool.prefguard], walking up to the repository root."""
    for folder in folders_up(start):
        for name in ("prefguard.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = table_of(candidate)
                if table is not None:
                    return candidate, table
    return None


def load_settings(
    config_file: Optional[str] = None,
    start: Optional[Path] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Settings:
    """Settings from an explicit file, else the nearest config, else the defaults."""
    start = (start or Path.cwd()).resolve()
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(config_file, "--config", "file not found")
        table = table_of(path) or {}
        found: Optional[Tuple[Path, Dict[str, Any]]] = (path.resolve(), table)
    else:
        found = find_config(start)
    if found is None:
        return build_settings({}, root=str(start), select=select, ignore=ignore)
    path, table = found
    settings = build_settings(table, source=os.path.relpath(path), root=str(path.parent), select=select, ignore=ignore)
    check_paths_on_disk(settings)
    return settings


def check_paths_on_disk(settings: Settings) -> None:
    """Refuse configured write paths that lead through a symbolic link or out of the project (ConfigError, exit 2).

    ``baseline`` lies under the project root, ``json-guard.memory-dir`` under the
    repository root (the project root outside git).
    """
    from hooks.errors import UsageError
    from hooks.runtime.files import confined_target

    project = Path(settings.root)
    repository = repository_root(project.resolve()) or project
    for table_name, key, _ in CONFIGURED_PATHS:
        value = str((settings.table(table_name) if table_name else settings.values)[key]).strip().strip("/")
        if not value:
            continue
        root = repository if table_name == "json-guard" else project
        try:
            confined_target(root, root / value)
        except UsageError as error:
            name = f"{table_name}.{key}" if table_name else key
            raise ConfigError(settings.source, name, str(error).replace("refusing to write", "prefguard would write")) from None
