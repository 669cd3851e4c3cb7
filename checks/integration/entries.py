# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Which files the analysis starts from, and which rule found each of them.

Configured entries win outright: ``--entry`` on the command line, else the
``entry`` list of ``[tool.prefguard.integration]``. Without them the entries
are discovered, each labelled with the first rule that found it, in order:

1. the declared entry points: ``[project.scripts]``, ``[project.gui-scripts]``
   and ``[project.entry-points]`` of pyproject.toml, ``console_scripts`` of
   setup.cfg and of setup.py (read statically);
2. the ``__main__.py`` of each package;
3. for a library (a project with packaging metadata), its top-level packages
   under the root or ``src/``;
4. ``main.py`` or ``train.py`` at the root, the conventional names;
5. scripts with an ``if __name__ == "__main__":`` block;
6. scripts outside packages that no module imports and that run work when
   executed (``sample.py`` of a training repository written without a main
   block).

Entries that point at files the project does not have are reported, never
dropped silently.
"""

import posixpath
from dataclasses import dataclass
from typing import AbstractSet, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from checks.analysis.project_metadata import ScriptTarget
from checks.config.paths import matches_any
from checks.integration.layout import ModuleIndex
from checks.integration.summary import ModuleSummary

SOURCE_COMMAND_LINE = "--entry"
SOURCE_CONFIGURATION = "[tool.prefguard.integration] entry"
SOURCE_DISCOVERED = "discovered"
SOURCE_NONE = "no rule matched"

RULE_PACKAGE_MAIN = "__main__.py of a package"
RULE_LIBRARY = "top-level package of the library"
RULE_MAIN_BLOCK = 'script with an if __name__ == "__main__": block'
RULE_ROOT_NAME = "conventional entry script at the root"
RULE_SCRIPT = "top-level script (runs work, imported by no module)"
ROOT_SCRIPTS: Tuple[str, ...] = ("main.py", "train.py")

LEGACY_SCRIPTS_ORIGIN = "[project.scripts]"

NOT_LIBRARY_PACKAGES = frozenset(
    {"tests", "test", "docs", "doc", "examples", "example", "benchmarks", "benchmark", "scripts"}
)
NOT_SCRIPTS: Tuple[str, ...] = ("setup.py", "**/setup.py", "**/conftest.py", "conftest.py", "docs/**", "doc/**")


@dataclass(frozen=True)
class EntrySelection:
    """The entry files found, the source they came from, and the ones that are missing.

    ``found_by`` pairs each entry with the rule that found it, in the order of
    :attr:`entries`; ``exporting`` are the library packages among them, whose
    public re-exports count as uses.
    """

    source: str
    entries: Tuple[str, ...]
    missing: Tuple[str, ...]
    notes: Tuple[str, ...] = ()
    found_by: Tuple[Tuple[str, str], ...] = ()
    exporting: Tuple[str, ...] = ()


def _entry_file(spec: str, index: ModuleIndex) -> Optional[str]:
    """A path, or a dotted module or package name (``training`` means its ``__main__``)."""
    path = spec.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if path in index.by_path:
        return path
    if path.endswith(".py"):
        return None
    for candidate in (f"{path}.__main__", path):
        found = index.path_of(candidate)
        if found is not None:
            return found
    return None


def _configured(source: str, specs: Sequence[str], index: ModuleIndex, packages: Sequence[str] = ()) -> EntrySelection:
    """Entries named by configuration or ``--entry``; the library packages among them still export."""
    found: List[str] = []
    missing: List[str] = []
    for spec in specs:
        path = _entry_file(spec, index)
        if path is None:
            missing.append(spec)
        elif path not in found:
            found.append(path)
    exporting = tuple(path for path in found if path in packages)
    return EntrySelection(source, tuple(found), tuple(missing), found_by=tuple((path, source) for path in found), exporting=exporting)


def public_submodules(index: ModuleIndex, packages: Sequence[str], candidates: Sequence[str]) -> Dict[str, str]:
    """The public submodules of library packages: module path -> the package's ``__init__.py``.

    A module inside a library package whose dotted name has no component
    starting with ``_`` (``click.testing``, ``attr.validators``) is public
    API: users import it by that name, whether or not the package's
    ``__init__.py`` imports it.
    """
    found: Dict[str, str] = {}
    for package in packages:
        name = index.by_path[package].name
        for path in candidates:
            module = index.by_path.get(path)
            if module is None or path == package or not module.importable or not module.name.startswith(name + "."):
                continue
            if not any(part.startswith("_") for part in module.name[len(name) + 1:].split(".")):
                found.setdefault(path, package)
    return found


def as_script_targets(scripts: Union[Mapping[str, str], Sequence[ScriptTarget], None]) -> Tuple[ScriptTarget, ...]:
    """Script targets from a plain ``name -> value`` table or already labelled targets."""
    if not scripts:
        return ()
    if isinstance(scripts, Mapping):
        return tuple(ScriptTarget(str(n), str(v), LEGACY_SCRIPTS_ORIGIN) for n, v in sorted(scripts.items()))
    return tuple(scripts)


def library_packages(index: ModuleIndex, candidates: Sequence[str]) -> List[str]:
    """The ``__init__.py`` of each top-level package under ``src/``, else under the root (tests, docs, examples left out)."""
    found = []
    for path in candidates:
        module = index.by_path.get(path)
        if module is None or not module.is_package or not module.importable or "." in module.name:
            continue
        if module.name in NOT_LIBRARY_PACKAGES or module.name.startswith("_"):
            continue
        found.append(path)
    in_src = [path for path in found if path.startswith("src/")]
    # A src layout packages what is under src/: packages beside it (typing checks, tools) are not the library.
    return in_src or found


class _Collector:
    """Entries in discovery order, each with the first rule that found it."""

    def __init__(self) -> None:
        self.found: Dict[str, str] = {}

    def add(self, path: str, rule: str) -> None:
        """Keep ``path`` with ``rule`` unless an earlier rule found it."""
        self.found.setdefault(path, rule)


def discover_entries(
    index: ModuleIndex,
    candidates: Sequence[str],
    summaries: Mapping[str, ModuleSummary],
    scripts: Sequence[ScriptTarget] = (),
    library: bool = False,
    imported: AbstractSet[str] = frozenset(),
) -> EntrySelection:
    """Discover the entries of a project without configuration (rules 1-6 of the module docstring).

    ``candidates`` are the project's own source files (no tests), ``imported``
    the files some project module imports.
    """
    collector = _Collector()
    missing: List[str] = []
    notes: List[str] = []
    allowed = set(candidates)
    for script in scripts:
        path = index.path_of(script.module)
        label = f"{script.origin}: {script.name} = {script.target}"
        if path is not None and path in allowed:
            collector.add(path, f"{script.origin} {script.name}")
        elif path is None and script.module.split(".")[0] in index.top_level:
            missing.append(label)
        elif path is None:
            notes.append(f"{label} runs a module outside this project")
    for path in candidates:
        if posixpath.basename(path) == "__main__.py" and index.by_path[path].importable:
            collector.add(path, RULE_PACKAGE_MAIN)
    packages = library_packages(index, candidates) if library else []
    for path in packages:
        collector.add(path, RULE_LIBRARY)
    for path in ROOT_SCRIPTS:
        if path in allowed:
            collector.add(path, RULE_ROOT_NAME)
    scriptable = [path for path in candidates if not matches_any(path, NOT_SCRIPTS)]
    for path in scriptable:
        if summaries[path].main_guard_line:
            collector.add(path, RULE_MAIN_BLOCK)
    for path in scriptable:
        in_package = f"{posixpath.dirname(path)}/__init__.py" in index.by_path
        if summaries[path].script_line and path not in imported and not in_package and not path.endswith("__init__.py"):
            collector.add(path, RULE_SCRIPT)
    found_by = tuple(collector.found.items())
    source = SOURCE_DISCOVERED if found_by else SOURCE_NONE
    return EntrySelection(source, tuple(collector.found), tuple(missing), tuple(notes), found_by, tuple(packages))


def select_entries(
    index: ModuleIndex,
    command_line: Sequence[str] = (),
    configured: Sequence[str] = (),
    scripts: Union[Mapping[str, str], Sequence[ScriptTarget], None] = None,
    candidates: Optional[Sequence[str]] = None,
    summaries: Optional[Mapping[str, ModuleSummary]] = None,
    library: bool = False,
    imported: AbstractSet[str] = frozenset(),
) -> EntrySelection:
    """The configured entries (command line, then configuration), else the discovered ones."""
    paths = list(index.by_path) if candidates is None else list(candidates)
    for source, specs in ((SOURCE_COMMAND_LINE, command_line), (SOURCE_CONFIGURATION, configured)):
        if specs:
            return _configured(source, specs, index, library_packages(index, paths) if library else ())
    known = dict(summaries or {})
    for path in paths:
        known.setdefault(path, ModuleSummary(path=path))
    return discover_entries(index, paths, known, as_script_targets(scripts), library, imported)
