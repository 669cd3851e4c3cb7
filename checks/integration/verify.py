# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The integration verification of policy section 9, as a pure function.

:func:`verify_project` takes the summaries of every ``.py`` file of a project
(see :mod:`checks.integration.summary`), the ``integration`` configuration
table, the ``[project.scripts]`` table and the parsed
``.claude/project_structure.json``, and optionally the coverage data of a
test run and of a pipeline run. It returns an :class:`IntegrationReport`:
every module with its EXISTS / TESTED / WIRED / ACTIVE / COMPLETE status and
reason, counted totals, problems and the INT001-INT003 findings.
"""

import sys
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple, Union

from checks.engine.finding import Finding
from checks.integration.duplicates import Duplicate, find_duplicates
from checks.analysis.project_metadata import ScriptTarget
from checks.integration.entries import (
    SOURCE_COMMAND_LINE,
    SOURCE_CONFIGURATION,
    EntrySelection,
    as_script_targets,
    public_submodules,
    select_entries,
)
from checks.integration.evidence import CaseKey, Evidence, evidence_from_run, evidence_from_tests
from checks.integration.graph import ImportEdge, ImportGraph, WireReason
from checks.integration.layout import ModuleIndex
from checks.integration.summary import ModuleSummary
from checks.integration.unused import unused_definitions
from checks.config.paths import matches_any
from checks.config.settings import DEFAULT_INTEGRATION

VERIFY_SCRIPT = "verify_integration.py"
INIT_COMMAND = "prefguard init"
STRUCTURE_FILE = ".claude/project_structure.json"

DEFAULT_TEST_GLOBS: Tuple[str, ...] = tuple(DEFAULT_INTEGRATION["tests"])

CLASS_WIRED = "WIRED"
CLASS_NOT_WIRED = "NOT WIRED"
CLASS_DUPLICATE = "DUPLICATE"


@dataclass(frozen=True)
class ModuleStatus:
    """The statuses of one module of the project and the reasons behind them."""

    path: str
    module: str
    wired: bool
    reachable: bool
    reason: str
    exists: bool = True
    critical: bool = False
    duplicates: Tuple[str, ...] = ()
    tested: Optional[Evidence] = None
    active: Optional[Evidence] = None
    parse_error: Optional[str] = None

    @property
    def classification(self) -> str:
        """WIRED, NOT WIRED or DUPLICATE (a duplicate is reported as such even when wired)."""
        if self.duplicates:
            return CLASS_DUPLICATE
        return CLASS_WIRED if self.wired else CLASS_NOT_WIRED

    @property
    def complete(self) -> Optional[bool]:
        """EXISTS + TESTED + WIRED + ACTIVE; None while TESTED or ACTIVE was not measured."""
        if self.tested is None or self.active is None:
            return None
        return self.exists and self.wired and self.tested.ok and self.active.ok


@dataclass(frozen=True)
class IntegrationReport:
    """Everything ``prefguard verify`` reports, with numbers counted from the files."""

    entry_source: str
    entries: Tuple[str, ...]
    missing_entries: Tuple[str, ...]
    entries_required: bool
    modules: Tuple[ModuleStatus, ...]
    files_scanned: int
    test_files: Tuple[str, ...]
    excluded_files: Tuple[str, ...]
    import_edges: int
    stdlib: Tuple[str, ...]
    third_party: Tuple[str, ...]
    unresolved: Tuple[Tuple[str, str, int], ...]
    duplicates: Tuple[Duplicate, ...]
    problems: Tuple[str, ...]
    config_errors: Tuple[str, ...]
    findings: Tuple[Finding, ...]
    tested_measured: bool = False
    active_measured: bool = False
    notes: Tuple[str, ...] = field(default=())
    found_by: Tuple[Tuple[str, str], ...] = field(default=())

    def count(self, predicate: Any) -> int:
        """How many modules satisfy ``predicate(status)``."""
        return sum(1 for status in self.modules if predicate(status))

    def totals(self) -> Dict[str, Optional[int]]:
        """The counted totals; TESTED, ACTIVE and COMPLETE are None when not measured."""
        return {
            "files_scanned": self.files_scanned,
            "modules": len(self.modules),
            "test_files": len(self.test_files),
            "excluded_files": len(self.excluded_files),
            "entries": len(self.entries),
            "exists": self.count(lambda s: s.exists),
            "wired": self.count(lambda s: s.wired),
            "not_wired": self.count(lambda s: not s.wired),
            "unreachable": self.count(lambda s: not s.reachable),
            "import_only": self.count(lambda s: s.reachable and not s.wired),
            "duplicate": self.count(lambda s: bool(s.duplicates)),
            "critical": self.count(lambda s: s.critical),
            "critical_not_wired": self.count(lambda s: s.critical and not s.wired),
            "tested": self.count(lambda s: s.tested is not None and s.tested.ok) if self.tested_measured else None,
            "active": self.count(lambda s: s.active is not None and s.active.ok) if self.active_measured else None,
            "complete": self.count(lambda s: bool(s.complete)) if self.tested_measured and self.active_measured else None,
            "import_edges": self.import_edges,
            "stdlib_modules": len(self.stdlib),
            "third_party_packages": len(self.third_party),
            "unresolved_imports": len(self.unresolved),
            "parse_errors": self.count(lambda s: s.parse_error is not None),
        }


def _module_label(index: ModuleIndex, path: str) -> str:
    return index.name_of(path) if path in index.by_path else path


def _wired_reason(index: ModuleIndex, reason: WireReason) -> str:
    if reason.kind == "entry":
        return "entry point"
    if reason.kind == "package":
        return f"package of wired module {_module_label(index, reason.via)}"
    if reason.kind == "public":
        return f"public submodule of library package {_module_label(index, reason.via)}"
    names = ", ".join(reason.names[:3]) + (", ..." if len(reason.names) > 3 else "")
    return f"used by {_module_label(index, reason.via)} (line {reason.line}): {names}"


def _not_wired_reason(
    index: ModuleIndex,
    graph: ImportGraph,
    path: str,
    reached: Mapping[str, Optional[ImportEdge]],
    wired: Mapping[str, WireReason],
    has_entries: bool,
) -> str:
    if not has_entries:
        return "no entry point to start from"
    if path not in reached:
        return "not imported from any entry point"
    edges = sorted(
        (edge for edge in graph.importers.get(path, []) if edge.importer in reached),
        key=lambda e: (e.importer not in wired, e.importer, e.line),
    )
    from_wired = [edge for edge in edges if edge.importer in wired]
    if from_wired:
        for edge in from_wired:
            if graph.annotation_only(edge.importer, path):
                return f"used only in type annotations by {_module_label(index, edge.importer)} (line {edge.line})"
        edge = from_wired[0]
        return f"imported by {_module_label(index, edge.importer)} (line {edge.line}) but none of its names is used"
    importers = sorted({_module_label(index, edge.importer) for edge in edges})
    if importers:
        shown = ", ".join(importers[:3]) + (", ..." if len(importers) > 3 else "")
        return f"imported only by modules that are not wired: {shown}"
    return "reached only as a parent package of modules that are not wired"


def _structure_modules(structure: Optional[Mapping[str, Any]]) -> List[Tuple[int, Mapping[str, Any]]]:
    if not isinstance(structure, Mapping):
        return []
    modules = structure.get("modules")
    if not isinstance(modules, list):
        return []
    return [(i, m) for i, m in enumerate(modules) if isinstance(m, Mapping) and not _is_history(m)]


def _is_history(entry: Mapping[str, Any]) -> bool:
    """An entry kept for the record: the module moved (``moved_to``) and a later entry lists it."""
    return isinstance(entry.get("moved_to"), str)


def _structure_path(index: ModuleIndex, entry: Mapping[str, Any]) -> Optional[str]:
    """The file a structure entry means; a package folder (``pkg/sub/``) means its ``__init__.py``."""
    path = entry.get("path")
    if isinstance(path, str) and path:
        path = path.replace("\\", "/")
        while path.startswith("./"):
            path = path[2:]
        if path not in index.by_path and not path.endswith(".py"):
            package = path.rstrip("/") + "/__init__.py"
            if package in index.by_path:
                return package
        return path
    name = entry.get("name")
    if isinstance(name, str) and name:
        return index.path_of(name)
    return None


def _inherit_package_evidence(
    index: ModuleIndex,
    summaries: Mapping[str, ModuleSummary],
    sources: Sequence[str],
    evidence: Dict[str, Evidence],
) -> None:
    """A package ``__init__.py`` without code runs whenever a module of its package runs."""
    packages = [p for p in sources if p.endswith("__init__.py") and not summaries[p].has_code and p in evidence]
    for path in sorted(packages, key=lambda p: -p.count("/")):
        folder = path[: -len("__init__.py")]
        carriers = sorted(p for p in sources if p != path and p.startswith(folder) and p in evidence and evidence[p].ok)
        if carriers:
            reason = f"no code of its own; package of {_module_label(index, carriers[0])}"
            evidence[path] = Evidence(True, len(carriers), reason)
        else:
            evidence[path] = Evidence(False, 0, "no code of its own; no module of the package ran")


def _finding(code: str, path: str, line: int, message: str, pointer: Optional[str] = None) -> Finding:
    return Finding.at(code, path, message, line, pointer=pointer)


def verify_project(
    summaries: Mapping[str, ModuleSummary],
    integration: Mapping[str, Any],
    command_line_entries: Sequence[str] = (),
    scripts: Union[Mapping[str, str], Sequence[ScriptTarget], None] = None,
    structure: Optional[Mapping[str, Any]] = None,
    root: str = ".",
    run_coverage: Optional[Mapping[str, Any]] = None,
    test_coverage: Optional[Mapping[str, Any]] = None,
    test_outcomes: Optional[Mapping[CaseKey, bool]] = None,
    stdlib_names: FrozenSet[str] = frozenset(sys.stdlib_module_names),
    library: bool = False,
) -> IntegrationReport:
    """Classify every module of a project and produce the section 9 report.

    ``summaries`` maps each repository-relative POSIX path of a ``.py`` file
    to its summary. ``integration`` is the ``[tool.prefguard.integration]``
    table (keys ``entry``, ``critical``, ``exclude``, ``tests``). ``scripts``
    are the declared entry points of the build files and ``library`` says
    whether the project has packaging metadata (its top-level packages are
    then entries); see :mod:`checks.integration.entries`. Coverage data and
    test outcomes are optional; without them TESTED, ACTIVE and COMPLETE stay
    unmeasured.
    """
    exclude = tuple(integration.get("exclude", ()))
    test_globs = tuple(integration.get("tests", DEFAULT_TEST_GLOBS))
    all_paths = sorted(summaries)
    excluded = tuple(p for p in all_paths if exclude and matches_any(p, exclude))
    kept = [p for p in all_paths if p not in set(excluded)]
    index = ModuleIndex(kept)
    kept_summaries = {p: summaries[p] for p in kept}
    graph = ImportGraph(index, kept_summaries, stdlib_names)

    tests = tuple(p for p in kept if matches_any(p, test_globs))
    test_set = set(tests)
    sources = [p for p in kept if p not in test_set and p != VERIFY_SCRIPT]

    source_set = set(sources)
    imported = frozenset(
        path for path, edges in graph.importers.items() if any(edge.importer in source_set for edge in edges)
    )
    selection: EntrySelection = select_entries(
        index,
        command_line_entries,
        list(integration.get("entry", ())),
        scripts,
        candidates=sources,
        summaries=kept_summaries,
        library=library,
        imported=imported,
    )
    entries = selection.entries
    problems: List[str] = []
    config_errors: List[str] = []
    entries_required = selection.source in (SOURCE_COMMAND_LINE, SOURCE_CONFIGURATION)
    for missing in selection.missing:
        problems.append(f"entry point {missing} ({selection.source}) does not exist")
    if not entries:
        problems.append(
            "no entry point found: no declared script, __main__.py, library package or script with a "
            f"__main__ block; set [tool.prefguard.integration] entry (`{INIT_COMMAND}` writes it) or pass --entry"
        )

    declared = tuple(integration.get("public-modules", ()))
    public = {
        path: package
        for path, package in public_submodules(index, selection.exporting, sources).items()
        if not declared or matches_any(path, declared)
    }
    reached = graph.reachable(list(entries) + sorted(public))
    wired = graph.wire(entries, selection.exporting, public)

    critical: Dict[str, str] = {}
    for name in integration.get("critical", ()):
        path = index.path_of(name) or (name if name in index.by_path else None)
        if path is None:
            config_errors.append(f"[tool.prefguard.integration] critical: module {name!r} does not exist in the project")
        else:
            critical[path] = "configuration"
    findings: List[Finding] = []
    listed: Set[str] = set()
    listed_folders: List[str] = []
    excluded_set = set(excluded)
    for position, entry in _structure_modules(structure):
        if str(entry.get("path", "")) in excluded_set:
            continue
        path = _structure_path(index, entry)
        if path is not None:
            listed.add(path)
            if path.endswith("/__init__.py") and not str(entry.get("path", "")).endswith(".py"):
                listed_folders.append(path[: -len("__init__.py")])
        label = entry.get("name", path)
        exists = path is not None and path in index.by_path
        if not exists and entry.get("status") != "planned":
            problems.append(f"{STRUCTURE_FILE}: module {label!r} points at {path or 'no path'}, which does not exist")
        if entry.get("critical") is True:
            if exists and path is not None:
                critical.setdefault(path, STRUCTURE_FILE)
            elif entry.get("status") != "planned":
                findings.append(
                    _finding(
                        "INT002",
                        STRUCTURE_FILE,
                        1,
                        f"critical module {label!r} is NOT WIRED: its file {path or '(no path)'} does not exist",
                        pointer=f"/modules/{position}",
                    )
                )
    if structure is not None:
        entry_point = structure.get("entry_point") if isinstance(structure, Mapping) else None
        if isinstance(entry_point, str) and entry_point and entry_point not in index.by_path:
            problems.append(f"{STRUCTURE_FILE}: entry_point {entry_point} does not exist")
        if _structure_modules(structure):
            unlisted = [
                p for p in sources
                if p not in listed
                and not any(p.startswith(folder) for folder in listed_folders)
                and (kept_summaries[p].has_code or not p.endswith("__init__.py"))
            ]
            if unlisted:
                problems.append(f"modules on disk missing from {STRUCTURE_FILE}: {', '.join(unlisted)}")

    duplicates = find_duplicates(sources, kept_summaries, index, stdlib_names)
    duplicate_notes: Dict[str, List[str]] = {}
    for duplicate in duplicates:
        duplicate_notes.setdefault(duplicate.path, []).append(duplicate.message)
        if duplicate.original != duplicate.path:
            duplicate_notes.setdefault(duplicate.original, []).append(duplicate.message_for(duplicate.original))
        findings.append(_finding("INT003", duplicate.path, duplicate.line, f"DUPLICATE: {duplicate.message}"))

    tested: Dict[str, Evidence] = {}
    active: Dict[str, Evidence] = {}
    if test_coverage is not None:
        tested = evidence_from_tests(test_coverage, test_outcomes or {}, root, sources)
    if run_coverage is not None:
        active = evidence_from_run(run_coverage, root, sources)
    for evidence in (tested, active):
        if evidence:
            _inherit_package_evidence(index, kept_summaries, sources, evidence)

    statuses: List[ModuleStatus] = []
    for path in sources:
        summary = kept_summaries[path]
        is_wired = path in wired
        if is_wired:
            reason = _wired_reason(index, wired[path])
        else:
            reason = _not_wired_reason(index, graph, path, reached, wired, bool(entries))
        if index.by_path[path].importable and index.path_of(index.name_of(path)) != path:
            reason = f"shadowed by {index.path_of(index.name_of(path))}; {reason}"
        if summary.parse_error:
            reason = f"cannot be parsed ({summary.parse_error}); {reason}"
        statuses.append(
            ModuleStatus(
                path=path,
                module=index.name_of(path),
                wired=is_wired,
                reachable=path in reached,
                reason=reason,
                critical=path in critical,
                duplicates=tuple(dict.fromkeys(duplicate_notes.get(path, []))),
                tested=tested.get(path) if test_coverage is not None else None,
                active=active.get(path) if run_coverage is not None else None,
                parse_error=summary.parse_error,
            )
        )
        if path in critical and not is_wired:
            findings.append(
                _finding(
                    "INT002",
                    path,
                    1,
                    f"critical module {index.name_of(path)} ({critical[path]}) is NOT WIRED: {reason}",
                )
            )
    for path in critical:
        if path not in set(sources):
            problems.append(f"critical module {path} is a test file or the verify script, not a pipeline module")

    entry_functions = [
        script.target.rpartition(":")[2].split(".")[-1] for script in as_script_targets(scripts) if ":" in script.target
    ]
    public_modules = list(integration.get("public-modules", ()))
    findings.extend(unused_definitions(summaries, sources, public_modules, entry_functions))

    if VERIFY_SCRIPT not in summaries:
        findings.append(
            _finding(
                "INT001",
                VERIFY_SCRIPT,
                1,
                f"the project has no {VERIFY_SCRIPT} at its root (policy section 9); "
                f"run `{INIT_COMMAND}` to create it with the configuration, hooks and memory files",
            )
        )

    stdlib: Set[str] = set()
    third_party: Set[str] = set()
    unresolved: List[Tuple[str, str, int]] = []
    edge_pairs: Set[Tuple[str, str]] = set()
    for path in sources:
        links = graph.links[path]
        stdlib |= links.stdlib
        third_party |= links.third_party
        unresolved.extend((path, name, line) for name, line in links.unresolved)
        edge_pairs.update((edge.importer, edge.target) for edge in links.edges)

    return IntegrationReport(
        entry_source=selection.source,
        entries=entries,
        missing_entries=selection.missing,
        entries_required=entries_required,
        modules=tuple(statuses),
        files_scanned=len(all_paths),
        test_files=tests,
        excluded_files=excluded,
        import_edges=len(edge_pairs),
        stdlib=tuple(sorted(stdlib)),
        third_party=tuple(sorted(third_party)),
        unresolved=tuple(sorted(unresolved)),
        duplicates=tuple(duplicates),
        problems=tuple(problems),
        config_errors=tuple(config_errors),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key())),
        tested_measured=test_coverage is not None,
        active_measured=run_coverage is not None,
        notes=selection.notes,
        found_by=selection.found_by,
    )

