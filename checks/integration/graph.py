# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The import graph of a project and which of its modules are WIRED.

Edges come from every import statement (module level, inside functions, and
``importlib.import_module`` with a literal name); importing ``a.b.c`` also
executes ``a`` and ``a.b``, so those are edges too. A module is WIRED when a
WIRED module (an entry point first) imports it and uses at least one of its
names outside type annotations, following re-exports through packages.
"""

import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from checks.integration.layout import ModuleIndex
from checks.integration.summary import ImportRecord, ModuleSummary


@dataclass(frozen=True)
class Target:
    """What a local name refers to: a project module, one name inside it, or a namespace package.

    A namespace package (a folder without ``__init__.py``) has no file, so
    ``path`` is empty and ``namespace`` holds its dotted name.
    """

    path: str
    symbol: str = ""
    namespace: str = ""


@dataclass(frozen=True)
class ImportEdge:
    """One import of a project module: who imports it, where, under which local names."""

    importer: str
    target: str
    line: int
    bound: Tuple[str, ...] = ()


@dataclass
class ModuleLinks:
    """The imports of one file, resolved against the project."""

    edges: List[ImportEdge] = field(default_factory=list)
    bindings: Dict[str, List[Tuple[Target, int]]] = field(default_factory=dict)
    exports: Dict[str, List[Target]] = field(default_factory=dict)
    star_sources: List[Tuple[str, int]] = field(default_factory=list)
    dynamic: List[Tuple[str, int]] = field(default_factory=list)
    stdlib: Set[str] = field(default_factory=set)
    third_party: Set[str] = field(default_factory=set)
    unresolved: List[Tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class WireReason:
    """Why a module is WIRED: the entry point itself, a use, or a wired submodule."""

    kind: str
    via: str = ""
    line: int = 0
    names: Tuple[str, ...] = ()


def _prefixes(name: str) -> List[str]:
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


class ImportGraph:
    """Resolved imports of every file and the reachability and wiring questions on them."""

    def __init__(
        self,
        index: ModuleIndex,
        summaries: Dict[str, ModuleSummary],
        stdlib_names: FrozenSet[str] = frozenset(sys.stdlib_module_names),
    ) -> None:
        self.index = index
        self.summaries = summaries
        self.stdlib_names = stdlib_names
        self.links: Dict[str, ModuleLinks] = {}
        self.importers: Dict[str, List[ImportEdge]] = {}
        for path in sorted(summaries):
            self.links[path] = self._link(path, summaries[path])
        for path in sorted(summaries):
            if summaries[path].dynamic_line:
                self._link_computed_imports(path, summaries[path].dynamic_line)
        for path in sorted(summaries):
            for edge in self.links[path].edges:
                self.importers.setdefault(edge.target, []).append(edge)

    def _external(self, links: ModuleLinks, name: str) -> None:
        head = name.split(".")[0]
        if head in self.stdlib_names:
            links.stdlib.add(head)
        elif head:
            links.third_party.add(head)

    def _add_edges(self, links: ModuleLinks, importer: str, qualified: str, line: int, bound: Tuple[str, ...]) -> None:
        for prefix in _prefixes(qualified):
            target = self.index.path_of(prefix)
            if target is not None and target != importer:
                links.edges.append(ImportEdge(importer, target, line, bound if prefix == qualified else ()))

    def _is_namespace(self, name: str) -> bool:
        return name in self.index.parent_names

    def _bind(self, links: ModuleLinks, local: str, target: Target, line: int, module_level: bool) -> None:
        links.bindings.setdefault(local, []).append((target, line))
        if module_level:
            links.exports.setdefault(local, []).append(target)

    def _link_plain(self, links: ModuleLinks, path: str, record: ImportRecord) -> None:
        qualified = self.index.qualify(record.module, path)
        if qualified is None:
            self._external(links, record.module)
            return
        written = record.module.split(".")
        aliased = len(written) == 1 or record.bound_as != written[0]
        self._add_edges(links, path, qualified, record.line, (record.bound_as,))
        target = self.index.path_of(qualified)
        if target is None and not self._is_namespace(qualified):
            links.unresolved.append((qualified, record.line))
        parts = qualified.split(".")
        bound_name = qualified if aliased else ".".join(parts[: len(parts) - len(written) + 1])
        bound_path = self.index.path_of(bound_name)
        if bound_path is not None:
            self._bind(links, record.bound_as, Target(bound_path), record.line, record.module_level)
        elif self._is_namespace(bound_name):
            self._bind(links, record.bound_as, Target("", namespace=bound_name), record.line, record.module_level)

    def _link_from(self, links: ModuleLinks, path: str, record: ImportRecord) -> None:
        if record.level:
            base = self.index.resolve_relative(path, record.level, record.module)
            if base is None:
                links.unresolved.append(("." * record.level + record.module, record.line))
                return
        else:
            base = self.index.qualify(record.module, path)
            if base is None:
                self._external(links, record.module)
                return
        base_path = self.index.path_of(base)
        self._add_edges(links, path, base, record.line, ())
        if base_path is None and not self._is_namespace(base):
            links.unresolved.append((base, record.line))
        for name, alias in record.names:
            if name == "*":
                if base_path is not None:
                    links.star_sources.append((base_path, record.line))
                    links.edges.append(ImportEdge(path, base_path, record.line, ("*",)))
                continue
            submodule = self.index.path_of(f"{base}.{name}")
            if submodule is not None:
                if submodule != path:
                    links.edges.append(ImportEdge(path, submodule, record.line, (alias,)))
                self._bind(links, alias, Target(submodule), record.line, record.module_level)
            elif base_path is not None:
                links.edges.append(ImportEdge(path, base_path, record.line, (alias,)))
                self._bind(links, alias, Target(base_path, name), record.line, record.module_level)
            elif self._is_namespace(base):
                links.unresolved.append((f"{base}.{name}", record.line))

    def _link(self, path: str, summary: ModuleSummary) -> ModuleLinks:
        links = ModuleLinks()
        for record in summary.imports:
            if record.dynamic:
                qualified = self.index.qualify(record.module, path)
                if qualified is None:
                    self._external(links, record.module)
                    continue
                self._add_edges(links, path, qualified, record.line, ("import_module",))
                target = self.index.path_of(qualified)
                if target is None:
                    links.unresolved.append((qualified, record.line))
                else:
                    links.dynamic.append((target, record.line))
            elif record.is_from:
                self._link_from(links, path, record)
            else:
                self._link_plain(links, path, record)
        return links

    def _named_modules(self, path: str) -> List[str]:
        """Project modules named by dotted string literals of one file."""
        found = []
        for name, _line in self.summaries[path].module_strings:
            qualified = self.index.qualify(name, path)
            target = self.index.path_of(qualified) if qualified is not None else None
            if target is not None and target != path:
                found.append(target)
        return found

    def _link_computed_imports(self, path: str, line: int) -> None:
        """``import_module(name)`` with a computed name: the modules named in strings are its targets.

        The names are looked for in the file itself and in the project modules
        it imports (a table of module names usually lives beside its user).
        Only a module that calls ``import_module`` this way gets these edges.
        """
        links = self.links[path]
        sources = [path] + sorted({edge.target for edge in links.edges})
        targets: List[str] = []
        for source in sources:
            for target in self._named_modules(source):
                if target not in targets:
                    targets.append(target)
        for target in self._walked_packages(path):
            if target not in targets:
                targets.append(target)
        for target in targets:
            links.edges.append(ImportEdge(path, target, line, ("import_module",)))
            links.dynamic.append((target, line))

    def _walked_packages(self, path: str) -> List[str]:
        """Every module under a project package whose ``__path__`` a file with computed imports reads.

        ``pkgutil.walk_packages(plugins.__path__)`` followed by ``import_module(name)``
        or ``__import__(name)`` is how plugin packages are loaded: each module of
        the package is imported by name at run time.
        """
        summary = self.summaries[path]
        links = self.links[path]
        found: List[str] = []
        for chain in sorted(summary.chains):
            if len(chain) != 2 or chain[1] != "__path__":
                continue
            for target, _line in links.bindings.get(chain[0], []):
                for package in sorted(self._resolve_target(target, set())):
                    if not package.endswith("/__init__.py"):
                        continue
                    folder = package[: -len("__init__.py")]
                    found.extend(p for p in sorted(self.index.by_path) if p.startswith(folder) and p != package and p != path)
        return found

    def parents(self, path: str) -> List[str]:
        """The package ``__init__`` files executed before a module (outermost first)."""
        module = self.index.by_path.get(path)
        if module is None or not module.importable:
            return []
        found = []
        for prefix in _prefixes(module.name)[:-1]:
            parent = self.index.path_of(prefix)
            if parent is not None:
                found.append(parent)
        return found

    def reachable(self, entries: Iterable[str]) -> Dict[str, Optional[ImportEdge]]:
        """Every file reachable through imports, with the first edge that reached it."""
        seen: Dict[str, Optional[ImportEdge]] = {}
        queue: Deque[str] = deque()
        for entry in entries:
            if entry in self.summaries and entry not in seen:
                seen[entry] = None
                queue.append(entry)
        while queue:
            current = queue.popleft()
            for parent in self.parents(current):
                if parent not in seen:
                    seen[parent] = ImportEdge(current, parent, 0)
                    queue.append(parent)
            for edge in self.links.get(current, ModuleLinks()).edges:
                if edge.target not in seen:
                    seen[edge.target] = edge
                    queue.append(edge.target)
        return seen

    def _defines(self, path: str, name: str) -> bool:
        summary = self.summaries.get(path)
        if summary is None:
            return False
        return name in summary.defined or name in self.links[path].exports or name in (summary.exported or ())

    def resolve_symbol(self, path: str, name: str, seen: Optional[Set[Tuple[str, str]]] = None) -> Set[str]:
        """The modules credited when ``name`` is looked up in the module at ``path``.

        The module itself, a submodule of that name, and through re-exports
        (``from pkg.mod import Name`` in a package) the module that defines it.
        """
        seen = set() if seen is None else seen
        if (path, name) in seen or path not in self.links:
            return set()
        seen.add((path, name))
        module = self.index.by_path[path]
        submodule = self.index.path_of(f"{module.name}.{name}") if module.importable else None
        if submodule is not None:
            return {submodule}
        credited = {path}
        links = self.links[path]
        summary = self.summaries[path]
        for target in links.exports.get(name, []):
            credited |= self._resolve_target(target, seen)
        if name not in summary.defined and name not in links.exports:
            for source, _line in links.star_sources:
                if self._defines(source, name):
                    credited |= self.resolve_symbol(source, name, seen)
        return credited

    def _resolve_target(self, target: Target, seen: Set[Tuple[str, str]]) -> Set[str]:
        if target.symbol:
            return self.resolve_symbol(target.path, target.symbol, seen)
        return {target.path} if target.path else set()

    def _resolve_chain(self, target: Target, attributes: Tuple[str, ...]) -> Set[str]:
        if target.symbol:
            return self.resolve_symbol(target.path, target.symbol)
        if target.path:
            credited = {target.path}
            current = self.index.by_path[target.path].name
            if not self.index.by_path[target.path].importable:
                return credited
        else:
            credited = set()
            current = target.namespace
        for attribute in attributes:
            dotted = f"{current}.{attribute}"
            submodule = self.index.path_of(dotted)
            if submodule is not None:
                credited.add(submodule)
            elif not self._is_namespace(dotted):
                holder = self.index.path_of(current)
                if holder is not None:
                    credited |= self.resolve_symbol(holder, attribute)
                break
            current = dotted
        return credited

    def credits(self, path: str, exports: bool = False) -> Dict[str, Tuple[int, Tuple[str, ...]]]:
        """The project modules whose names ``path`` uses at run time: module -> (line, names).

        With ``exports`` the public names ``path`` re-exports (its ``__all__``,
        else every imported name without a leading underscore) count as used:
        a library's package hands them to its users.
        """
        summary = self.summaries.get(path)
        links = self.links.get(path)
        found: Dict[str, Tuple[int, Set[str]]] = {}
        if summary is None or links is None:
            return {}

        def credit(modules: Set[str], line: int, local: str) -> None:
            for module in modules:
                if module == path:
                    continue
                entry = found.setdefault(module, (line, set()))
                entry[1].add(local)

        chains_by_root: Dict[str, List[Tuple[str, ...]]] = {}
        for chain in summary.chains:
            chains_by_root.setdefault(chain[0], []).append(chain)
        for local, targets in links.bindings.items():
            bare = local in summary.bare_names
            chains = chains_by_root.get(local, [])
            if not bare and not chains:
                continue
            for target, line in targets:
                if bare:
                    credit(self._resolve_target(target, set()), line, local)
                for chain in chains:
                    credit(self._resolve_chain(target, chain[1:]), line, ".".join(chain))
        if links.star_sources:
            used = set(summary.bare_names) | set(chains_by_root)
            for source, line in links.star_sources:
                for name in sorted(used):
                    if name not in links.bindings and self._defines(source, name):
                        credit(self.resolve_symbol(source, name), line, name)
        for target, line in links.dynamic:
            credit({target}, line, "import_module")
        if exports:
            for source, line in links.star_sources:
                credit({source}, line, "*")
            for local, targets in links.bindings.items():
                public = local in summary.exported if summary.exported is not None else not local.startswith("_")
                if public and local in links.exports:
                    for target, line in targets:
                        credit(self._resolve_target(target, set()), line, local)
        return {module: (line, tuple(sorted(names))) for module, (line, names) in found.items()}

    def wire(
        self, entries: Iterable[str], exporting: Iterable[str] = (), public: Optional[Dict[str, str]] = None
    ) -> Dict[str, WireReason]:
        """WIRED modules with their reason, by a fixpoint from the entry points.

        The public re-exports of the ``exporting`` modules (a library's
        packages) count as uses. ``public`` maps the public submodules of a
        library package to that package: they are its API, WIRED as such, and
        their own re-exports count as uses too.
        """
        public = public or {}
        exporters = frozenset(exporting) | frozenset(public)
        wired: Dict[str, WireReason] = {}
        queue: Deque[str] = deque()
        for entry in entries:
            if entry in self.summaries and entry not in wired:
                wired[entry] = WireReason("entry")
                queue.append(entry)
        self._spread(wired, queue, exporters)
        for module, package in sorted(public.items()):
            if module in self.summaries and module not in wired:
                wired[module] = WireReason("public", via=package)
                queue.append(module)
        self._spread(wired, queue, exporters)
        return wired

    def _spread(self, wired: Dict[str, WireReason], queue: Deque[str], exporters: FrozenSet[str]) -> None:
        """Wire everything the queued modules use (and their packages), until nothing new is found."""
        while queue:
            current = queue.popleft()
            for parent in self.parents(current):
                if parent not in wired:
                    wired[parent] = WireReason("package", via=current)
                    queue.append(parent)
            for module, (line, names) in sorted(self.credits(current, current in exporters).items()):
                if module not in wired:
                    wired[module] = WireReason("used", via=current, line=line, names=names)
                    queue.append(module)

    def annotation_only(self, importer: str, target: str) -> bool:
        """Whether ``importer`` binds a name of ``target`` and uses it only in annotations."""
        summary = self.summaries.get(importer)
        links = self.links.get(importer)
        if summary is None or links is None:
            return False
        for local, targets in links.bindings.items():
            if local in summary.annotation_names and any(t.path == target for t, _line in targets):
                return True
        return False
