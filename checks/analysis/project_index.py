# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The classes of a whole project and what they inherit, for the cross-file rules (INH001, INH002).

Built once per run from per-file summaries (:func:`summarize_source`: the
module name, import bindings and class headers of one file, read with the
standard library's ``ast``); summaries are plain tuples, so hooks can keep
them in a cache by content hash and parse only the files that changed. Each
base is resolved through the imports of the file that names it, following
re-exports (``from pkg import Base`` where ``pkg/__init__.py`` imports it)
and tolerating a source root other than the repository root (``src/``, or a
unique module suffix). A base that does not resolve to a project class is
external. The index is plain data (picklable, no source text kept) so the
engine can hand it to worker processes, and
:meth:`ProjectIndex.dependency_key` names exactly the facts the cross-file
rules read for one file, so the findings cache of a file is invalidated only
when those facts change.
"""

import ast
import builtins
import hashlib
import json
import re
import sys
import zlib
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Set, Tuple

from checks.analysis.ast_parse import PARSE_FAILURES, parse_python

MAX_REEXPORT_HOPS = 8
LINE_BREAK = re.compile(r"\r\n|\r|\n")
BUILTIN_NAMES = frozenset(dir(builtins))
EXCEPTION_SUFFIXES = ("Error", "Exception", "Warning")
EXCEPTION_NAMES = frozenset(
    {"BaseException", "Exception", "KeyboardInterrupt", "SystemExit", "GeneratorExit", "StopIteration", "StopAsyncIteration"}
)
ENUM_NAMES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"})
EXEMPT_KINDS = {"Protocol": "Protocol", "TypedDict": "TypedDict", "NamedTuple": "NamedTuple"}
ABSTRACT_MODULES = ("collections.abc.", "numbers.", "_collections_abc.")
ABSTRACT_TYPING = frozenset(
    {
        "Mapping", "MutableMapping", "Sequence", "MutableSequence", "AbstractSet", "MutableSet", "Iterable",
        "Iterator", "Container", "Sized", "Callable", "Hashable", "Collection", "Generator", "Awaitable",
        "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator", "Reversible", "ContextManager",
        "AsyncContextManager",
    }
)
ABSTRACT_IO = frozenset({"io.IOBase", "io.RawIOBase", "io.BufferedIOBase", "io.TextIOBase"})

# Third-party bases known not to be ABCs. Any other base from outside the
# standard library may be abstract (``class LitAPI(ABC)`` in an installed
# package): the project cannot see it, so a class built on it is never called
# "not an ABC".
KNOWN_CONCRETE_BASES = frozenset(
    {
        "torch.nn.Module", "torch.nn.modules.module.Module", "torch.utils.data.Dataset",
        "torch.utils.data.IterableDataset", "torch.utils.data.dataset.Dataset", "torch.optim.Optimizer",
        "pytorch_lightning.LightningModule", "lightning.LightningModule", "lightning.pytorch.LightningModule",
        "transformers.PreTrainedModel", "transformers.PretrainedConfig", "transformers.Trainer",
        "pydantic.BaseModel", "django.db.models.Model",
    }
)
STANDARD_LIBRARY = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins"}

ScopeMap = Dict[str, str]
Kind = Tuple[Optional[str], bool, bool]
# (path, module name, digest, bindings, class rows): plain data that marshal and pickle keep.
Summary = Tuple[str, str, int, Tuple[Tuple[str, str], ...], Tuple[Tuple[object, ...], ...]]


_LAST_MADE: List[Tuple[object, str, int, "ProjectIndex"]] = []


class ClassRecord(NamedTuple):
    """One class definition: where it is and the dotted names of its bases."""

    path: str
    qualname: str
    name: str
    line: int
    column: int
    end_column: int
    bases: Tuple[str, ...]
    metaclass: str


class ModuleRecord(NamedTuple):
    """One file: its digest (to notice edits) and the names its imports bind."""

    path: str
    digest: int
    bindings: Tuple[Tuple[str, str], ...]
    classes: Tuple[str, ...]


def module_name(path: str) -> str:
    """``pkg/sub/mod.py`` -> ``pkg.sub.mod``; ``pkg/__init__.py`` -> ``pkg``; a leading ``src/`` is dropped."""
    parts = path.replace("\\", "/").split("/")
    if parts and parts[0] in ("src", "."):
        parts = parts[1:]
    last = parts[-1] if parts else ""
    for suffix in (".pyi", ".py"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    parts[-1] = last
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(part for part in parts if part)


def source_digest(source: str) -> int:
    """A cheap fingerprint of a file's text."""
    data = source.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32) | (len(data) & 0xFFFFFFFF)


def _relative_base(module: str, is_package: bool, level: int, target: Optional[str]) -> str:
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
    if target:
        parts = parts + target.split(".")
    return ".".join(parts)


def _name_column(line_text: str, byte_offset: int, name: str) -> Tuple[int, int]:
    """1-based (start, end) character columns of a class name on its ``class`` line."""
    prefix = line_text.encode("utf-8", "surrogatepass")[:byte_offset].decode("utf-8", "replace")
    start = line_text.find(name, len(prefix) + len("class"))
    if start < 0:
        start = len(prefix)
    return start + 1, start + 1 + len(name)


class _FileIndexer:
    """Collects the classes and import bindings of one parsed file."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.module = module_name(path)
        self.is_package = path.replace("\\", "/").endswith(("__init__.py", "__init__.pyi"))
        self.lines = LINE_BREAK.split(source)
        self.module_scope: ScopeMap = {}
        self.classes: List[ClassRecord] = []
        self.seen: Dict[str, int] = {}

    def _import_target(self, node: ast.ImportFrom, name: str) -> str:
        if node.level:
            base = _relative_base(self.module, self.is_package, node.level, node.module)
        else:
            base = node.module or ""
        return f"{base}.{name}" if base else name

    def _bind_imports(self, statement: ast.stmt, scope: ScopeMap) -> None:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    scope[alias.asname] = alias.name
                else:
                    head = alias.name.split(".", 1)[0]
                    scope[head] = head
        elif isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if alias.name != "*":
                    scope[alias.asname or alias.name] = self._import_target(statement, alias.name)

    def resolve(self, expression: ast.expr, scopes: List[ScopeMap]) -> str:
        """The absolute dotted name a base expression refers to ('' when unknowable)."""
        if isinstance(expression, ast.Subscript):
            expression = expression.value
        parts: List[str] = []
        while isinstance(expression, ast.Attribute):
            parts.append(expression.attr)
            expression = expression.value
        if not isinstance(expression, ast.Name):
            return ""
        head = expression.id
        for scope in reversed(scopes):
            if head in scope:
                head = scope[head]
                break
        else:
            if head in BUILTIN_NAMES:
                head = f"builtins.{head}"
        return ".".join([head, *reversed(parts)])

    def _class(self, node: ast.ClassDef, qualname: str, scopes: List[ScopeMap]) -> None:
        bases = tuple(self.resolve(base, scopes) for base in node.bases)
        metaclass = ""
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                metaclass = self.resolve(keyword.value, scopes)
        line_text = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        start, end = _name_column(line_text, node.col_offset, node.name)
        self.classes.append(ClassRecord(self.path, qualname, node.name, node.lineno, start, end, bases, metaclass))

    def walk(self, body: List[ast.stmt], prefix: str, scopes: List[ScopeMap], in_function: bool) -> None:
        """Visit statements in order: imports and aliases bind names, classes are recorded."""
        scope = scopes[-1]
        for statement in body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                self._bind_imports(statement, scope)
            elif isinstance(statement, ast.ClassDef):
                qualname = f"{prefix}.{statement.name}"
                self.seen[qualname] = self.seen.get(qualname, 0) + 1
                if self.seen[qualname] > 1:
                    qualname = f"{qualname}#{self.seen[qualname]}"
                self._class(statement, qualname, scopes)
                scope[statement.name] = qualname
                self.walk(statement.body, qualname, scopes + [{}], in_function)
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.walk(statement.body, f"{prefix}.{statement.name}.<locals>", scopes + [{}], True)
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and isinstance(statement.value, (ast.Name, ast.Attribute)):
                    resolved = self.resolve(statement.value, scopes)
                    if resolved:
                        scope[target.id] = resolved
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    nested = getattr(statement, field, None)
                    if isinstance(nested, list):
                        blocks = [item.body if isinstance(item, ast.ExceptHandler) else [item] for item in nested]
                        for block in blocks:
                            self.walk([s for s in block if isinstance(s, ast.stmt)], prefix, scopes, in_function)


def _parse(path: str, source: str) -> Optional[_FileIndexer]:
    try:
        tree = parse_python(source, path)
    except PARSE_FAILURES:
        return None
    indexer = _FileIndexer(path, source)
    scopes: List[ScopeMap] = [indexer.module_scope]
    indexer.walk(tree.body, indexer.module, scopes, False)
    return indexer


def summarize_source(path: str, source: str) -> Optional[Summary]:
    """What the index needs of one file, as plain tuples; None when the file does not parse."""
    indexer = _parse(path, source)
    if indexer is None:
        return None
    qualnames = {record.qualname for record in indexer.classes}
    bindings = tuple((local, target) for local, target in sorted(indexer.module_scope.items()) if target not in qualnames)
    rows = tuple(tuple(record) for record in indexer.classes)
    return path, indexer.module, source_digest(source), bindings, rows


def external_kind(dotted: str) -> Optional[str]:
    """The exempt kind of an external base (Exception, Enum, Protocol, TypedDict, NamedTuple), if any."""
    last = dotted.rsplit(".", 1)[-1]
    if last in EXCEPTION_NAMES or last.endswith(EXCEPTION_SUFFIXES):
        return "exception"
    if last in ENUM_NAMES:
        return "Enum"
    return EXEMPT_KINDS.get(last)


def external_is_known(dotted: str) -> bool:
    """Whether prefguard knows if an external base is abstract: standard library, or a known concrete base."""
    if not dotted:
        return False
    return dotted.split(".", 1)[0] in STANDARD_LIBRARY or dotted in KNOWN_CONCRETE_BASES or external_is_abstract(dotted)


def external_is_abstract(dotted: str) -> bool:
    """Whether an external base makes its subclasses ABCs (abc.ABC, collections.abc, ...)."""
    last = dotted.rsplit(".", 1)[-1]
    if dotted in ("abc.ABC", "abc.ABCMeta") or dotted in ABSTRACT_IO:
        return True
    if dotted.startswith(ABSTRACT_MODULES):
        return True
    if dotted.startswith(("typing.", "typing_extensions.")) and last in ABSTRACT_TYPING:
        return True
    return last.startswith("Abstract") or last.endswith("ABC")


class ProjectIndex:
    """Every class of the project, its resolved bases, subclasses, depth and kind."""

    def __init__(self, modules: Dict[str, ModuleRecord], classes: Dict[str, ClassRecord]) -> None:
        self.modules = modules
        self.classes = classes
        self.paths: Dict[str, str] = {record.path: name for name, record in modules.items()}
        # SHA-256 of the bytes of indexed files, when the builder read them: covers() without decoding.
        self.byte_digests: Dict[str, bytes] = {}
        self._suffixes: Optional[Dict[str, str]] = None
        self._children: Optional[Dict[str, List[ClassRecord]]] = None
        self._bases: Dict[str, List[Tuple[str, Optional[str]]]] = {}
        self._kinds: Dict[str, Kind] = {}
        self._depths: Dict[str, int] = {}

    def __getstate__(self) -> Dict[str, Dict]:
        """Pickle the data only; derived caches are rebuilt where they are needed."""
        return {"modules": self.modules, "classes": self.classes}

    def __setstate__(self, state: Dict[str, Dict]) -> None:
        """Restore from :meth:`__getstate__`."""
        self.__init__(state["modules"], state["classes"])

    @classmethod
    def from_sources(cls, sources: Mapping[str, str]) -> "ProjectIndex":
        """Index ``{relative path: source text}``; files that do not parse are left out."""
        summaries = []
        for path in sources:
            summary = summarize_source(path, sources[path])
            if summary is not None:
                summaries.append(summary)
        return cls.from_summaries(summaries)

    @classmethod
    def from_summaries(cls, summaries: Iterable[Summary]) -> "ProjectIndex":
        """Index per-file summaries; of files that share a module name, ``.py`` before ``.pyi``, then path order wins."""
        modules: Dict[str, ModuleRecord] = {}
        classes: Dict[str, ClassRecord] = {}
        for path, name, digest, bindings, rows in sorted(summaries, key=lambda item: (item[0].endswith(".pyi"), item[0])):
            if name in modules:
                continue
            records = [ClassRecord(*row) for row in rows]
            for record in records:
                classes[record.qualname] = record
            modules[name] = ModuleRecord(path, digest, tuple(bindings), tuple(record.qualname for record in records))
        return cls(modules, classes)

    def cache_key(self) -> str:
        """A hash of what cross-file findings depend on: modules, their bindings and the class graph.

        Positions and bodies are left out, so editing a function somewhere does
        not invalidate cached findings of every other file.
        """
        shape = []
        for name in sorted(self.modules):
            record = self.modules[name]
            classes = [
                (q, self.classes[q].name, self.classes[q].bases, self.classes[q].metaclass) for q in record.classes
            ]
            shape.append((name, record.path, record.bindings, classes))
        blob = json.dumps(shape, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def dependency_key(self, path: str, source: str) -> str:
        """A hash of every index fact the cross-file rules read for this file's classes ('' when it has none).

        The rules (INH001, INH002, STB002) read, for each class of the file,
        its record, kind, abstractness (and whether it is known), depth,
        resolved bases and subclasses;
        nothing else of the project reaches a file's findings, so an edit
        elsewhere that changes none of these keeps the file's cache entry.
        """
        if "class" not in source:
            return ""
        return index_for(self, path, source).facts_key(path)

    def facts_key(self, path: str) -> str:
        """:meth:`dependency_key` of a file whose text this index holds ('' when it has no class)."""
        index = self
        facts = []
        for record in index.classes_in(path):
            qualname = record.qualname
            facts.append((
                tuple(record), index.exempt_kind(qualname), index.is_abstract(qualname),
                index.abstractness_known(qualname), index.depth(qualname),
                tuple(index.resolved_bases(qualname)),
                tuple((child.path, child.name, child.qualname) for child in index.subclasses(qualname)),
            ))
        if not facts:
            return ""
        return hashlib.sha256(repr(facts).encode("utf-8", "surrogatepass")).hexdigest()

    def covers(self, path: str, source: str) -> bool:
        """Whether the index holds exactly this text for this path."""
        name = self.paths.get(path)
        return name is not None and self.modules[name].digest == source_digest(source)

    def with_source(self, path: str, source: str) -> "ProjectIndex":
        """A copy of the index in which one file has the given text."""
        modules = dict(self.modules)
        classes = dict(self.classes)
        old = self.paths.get(path)
        if old is not None:
            for qualname in modules.pop(old).classes:
                classes.pop(qualname, None)
        single = ProjectIndex.from_sources({path: source})
        for name, record in single.modules.items():
            if name in modules:
                for qualname in modules[name].classes:
                    classes.pop(qualname, None)
            modules[name] = record
        classes.update(single.classes)
        return ProjectIndex(modules, classes)

    def _module_for(self, dotted_module: str) -> Optional[str]:
        """The indexed module a dotted module name means (exactly, or as the unique module with that suffix)."""
        if dotted_module in self.modules:
            return dotted_module
        if self._suffixes is None:
            owners: Dict[str, List[str]] = {}
            for name in self.modules:
                parts = name.split(".")
                for start in range(1, len(parts)):
                    owners.setdefault(".".join(parts[start:]), []).append(name)
            self._suffixes = {key: names[0] for key, names in owners.items() if len(names) == 1}
        return self._suffixes.get(dotted_module)

    def resolve(self, dotted: str) -> Optional[str]:
        """The qualname of the project class a dotted name refers to, or None when it is external."""
        seen: Set[str] = set()
        for _ in range(MAX_REEXPORT_HOPS):
            if not dotted or dotted in seen:
                return None
            seen.add(dotted)
            if dotted in self.classes:
                return dotted
            parts = dotted.split(".")
            moved = False
            for cut in range(len(parts) - 1, 0, -1):
                module = self._module_for(".".join(parts[:cut]))
                if module is None:
                    continue
                candidate = ".".join([module, *parts[cut:]])
                if candidate in self.classes:
                    return candidate
                target = dict(self.modules[module].bindings).get(parts[cut])
                if target is None:
                    return None
                dotted = ".".join([target, *parts[cut + 1:]])
                moved = True
                break
            if not moved:
                return None
        return None

    def resolved_bases(self, qualname: str) -> List[Tuple[str, Optional[str]]]:
        """(dotted as written, project qualname or None) for each base of a class."""
        if qualname not in self._bases:
            record = self.classes[qualname]
            self._bases[qualname] = [(base, self.resolve(base)) for base in record.bases]
        return self._bases[qualname]

    def subclasses(self, qualname: str) -> List[ClassRecord]:
        """Project classes that name this class among their bases."""
        if self._children is None:
            self._children = {}
            for child in self.classes:
                for _, parent in self.resolved_bases(child):
                    if parent is not None:
                        self._children.setdefault(parent, []).append(self.classes[child])
        return self._children.get(qualname, [])

    def _walk_kind(self, qualname: str, seen: Set[str]) -> Kind:
        """(exempt kind, abstract) of a class, from its own bases and its ancestors."""
        if qualname in self._kinds:
            return self._kinds[qualname]
        if qualname in seen:
            return None, False, True
        seen.add(qualname)
        record = self.classes[qualname]
        kind: Optional[str] = "exception" if record.name.endswith(EXCEPTION_SUFFIXES) else None
        abstract = record.metaclass.rsplit(".", 1)[-1] == "ABCMeta"
        known = not record.metaclass or abstract or external_is_known(record.metaclass)
        for written, parent in self.resolved_bases(qualname):
            if parent is None:
                kind = kind or external_kind(written)
                abstract = abstract or external_is_abstract(written)
                known = known and external_is_known(written)
            else:
                parent_kind, parent_abstract, parent_known = self._walk_kind(parent, seen)
                kind = kind or parent_kind
                abstract = abstract or parent_abstract
                known = known and parent_known
        self._kinds[qualname] = (kind, abstract, known)
        return kind, abstract, known

    def exempt_kind(self, qualname: str) -> Optional[str]:
        """'exception', 'Enum', 'Protocol', 'TypedDict' or 'NamedTuple' when the class is one, else None."""
        return self._walk_kind(qualname, set())[0]

    def is_abstract(self, qualname: str) -> bool:
        """Whether the class is an ABC (abc.ABC/ABCMeta, collections.abc, or an ABC ancestor)."""
        return self._walk_kind(qualname, set())[1]

    def abstractness_known(self, qualname: str) -> bool:
        """Whether every ancestor is visible or known, so "not an ABC" can be claimed (see KNOWN_CONCRETE_BASES)."""
        _, abstract, known = self._walk_kind(qualname, set())
        return abstract or known

    def depth(self, qualname: str) -> int:
        """Longest chain of project classes above this one (exempt kinds are not links)."""
        cache = self._depths
        pending: List[Tuple[str, bool]] = [(qualname, False)]
        active: Set[str] = set()
        while pending:
            current, expanded = pending.pop()
            if current in cache:
                continue
            parents = [p for _, p in self.resolved_bases(current) if p is not None and self.exempt_kind(p) is None]
            if expanded:
                active.discard(current)
                cache[current] = max((cache.get(p, 0) + 1 for p in parents), default=0)
                continue
            active.add(current)
            pending.append((current, True))
            for parent in parents:
                if parent not in cache and parent not in active:
                    pending.append((parent, False))
        return cache[qualname]

    def classes_in(self, path: str) -> List[ClassRecord]:
        """The classes defined in one file, in source order."""
        name = self.paths.get(path)
        if name is None:
            return []
        return sorted((self.classes[q] for q in self.modules[name].classes), key=lambda r: (r.line, r.column))


def index_for(project: object, path: str, source: str) -> ProjectIndex:
    """The index a rule should use for one file: the run's index when it holds this text, else one that does.

    The last index made for a file is kept (keyed by the run's index, the path
    and the text), so the two inheritance rules of one file share one parse.
    """
    if isinstance(project, ProjectIndex) and project.covers(path, source):
        return project
    digest = source_digest(source)
    for owner, made_path, made_digest, made in _LAST_MADE:
        if owner is project and made_path == path and made_digest == digest:
            return made
    made = project.with_source(path, source) if isinstance(project, ProjectIndex) else ProjectIndex.from_sources({path: source})
    _LAST_MADE[:] = [(project, path, digest, made)]
    return made


def build_index(sources: Iterable[Tuple[str, str]]) -> ProjectIndex:
    """Index ``(relative path, source text)`` pairs."""
    return ProjectIndex.from_sources(dict(sources))
