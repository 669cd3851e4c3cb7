# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Dotted module names of a project's files, for flat and ``src`` layouts.

The index maps repository-relative POSIX paths to the names Python would
import them by and resolves absolute and relative imports against the
project's own modules, the way the import system would find them on disk.
"""

import keyword
import posixpath
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

SRC_ROOT = "src"


@dataclass(frozen=True)
class ModuleFile:
    """One ``.py`` file with the dotted name it is imported by.

    ``importable`` is false for a file whose path holds a part that is not a
    Python identifier (``my-script.py``); such a file can only run as a script
    and its ``name`` is its path without ``.py``.
    """

    path: str
    name: str
    importable: bool
    is_package: bool
    root: str

    @property
    def package(self) -> str:
        """The package a relative import with one dot starts from."""
        if self.is_package:
            return self.name
        return self.name.rpartition(".")[0]


def _is_identifier(part: str) -> bool:
    return part.isidentifier() and not keyword.iskeyword(part)


def _module_file(path: str, root: str) -> ModuleFile:
    relative = path[len(root) + 1:] if root else path
    parts = relative[:-3].split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    importable = bool(parts) and all(_is_identifier(part) for part in parts)
    name = ".".join(parts) if importable else path[:-3]
    return ModuleFile(path=path, name=name, importable=importable, is_package=is_package, root=root)


class ModuleIndex:
    """Every project file by path and every importable module by dotted name.

    When two files claim one dotted name (``pkg/mod.py`` beside
    ``pkg/mod/__init__.py``, or one module in both the flat and the ``src``
    root) the one the import system finds first is the canonical file and
    :attr:`collisions` lists them all.
    """

    def __init__(self, paths: Iterable[str]) -> None:
        ordered = sorted({path for path in paths if path.endswith(".py")})
        self.src_layout = any(p.startswith(SRC_ROOT + "/") for p in ordered) and f"{SRC_ROOT}/__init__.py" not in ordered
        self.by_path: Dict[str, ModuleFile] = {}
        claims: Dict[str, List[ModuleFile]] = {}
        for path in ordered:
            root = SRC_ROOT if self.src_layout and path.startswith(SRC_ROOT + "/") else ""
            module = _module_file(path, root)
            self.by_path[path] = module
            if module.importable:
                claims.setdefault(module.name, []).append(module)
        self.by_name: Dict[str, str] = {}
        self.collisions: Dict[str, Tuple[str, ...]] = {}
        for name, modules in claims.items():
            modules.sort(key=lambda m: (m.root != SRC_ROOT, not m.is_package, m.path))
            self.by_name[name] = modules[0].path
            if len(modules) > 1:
                self.collisions[name] = tuple(m.path for m in modules)
        self.top_level = frozenset(name.split(".")[0] for name in self.by_name)
        self.parent_names = frozenset(name.rsplit(".", i)[0] for name in self.by_name for i in range(1, name.count(".") + 1))
        self._package_dirs = frozenset(posixpath.dirname(p) for p in ordered if p.endswith("/__init__.py"))

    def module(self, path: str) -> ModuleFile:
        """The :class:`ModuleFile` of one indexed path."""
        return self.by_path[path]

    def path_of(self, name: str) -> Optional[str]:
        """The canonical file of a dotted module name, or None when not in the project."""
        return self.by_name.get(name)

    def name_of(self, path: str) -> str:
        """The dotted name (or path-derived name) of one indexed file."""
        return self.by_path[path].name

    def script_prefix(self, importer: str) -> Optional[str]:
        """The dotted prefix of an importer's folder when that folder is no package.

        A script run directly has its own folder first on ``sys.path``, so a
        plain ``import helpers`` beside it means ``<folder>/helpers.py``.
        """
        folder = posixpath.dirname(importer)
        if not folder or folder in self._package_dirs:
            return None
        module = self.by_path.get(importer)
        root = module.root if module else ""
        relative = folder[len(root) + 1:] if root else folder
        if not relative:
            return None
        parts = relative.split("/")
        if not all(_is_identifier(part) for part in parts):
            return None
        return ".".join(parts)

    def qualify(self, name: str, importer: str) -> Optional[str]:
        """The project spelling of an absolute dotted name seen from one importer.

        ``name`` itself when its top-level package is a project module, the
        name under the importer's script folder when only that exists, and
        None when the name belongs to the standard library or a third party.
        """
        head = name.split(".")[0]
        if head in self.top_level:
            return name
        prefix = self.script_prefix(importer)
        if prefix is not None and f"{prefix}.{head}" in self.by_name:
            return f"{prefix}.{name}"
        return None

    def resolve_relative(self, importer: str, level: int, name: str) -> Optional[str]:
        """The absolute dotted name of a relative import, or None when it leaves the top."""
        module = self.by_path.get(importer)
        if module is None or not module.importable:
            return None
        base = module.package.split(".") if module.package else []
        if level > len(base):
            return None
        if level > 1:
            base = base[: len(base) - (level - 1)]
        parts = base + ([name] if name else [])
        return ".".join(parts) if parts else None
