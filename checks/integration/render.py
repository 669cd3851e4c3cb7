# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The text report of ``prefguard verify``: a table per module and counted totals.

Pure string building; the caller prints. Every number comes from
:meth:`checks.integration.verify.IntegrationReport.totals`.
"""

from typing import List, Optional, Sequence

from checks.integration.entries import SOURCE_DISCOVERED
from checks.integration.evidence import Evidence
from checks.integration.verify import INIT_COMMAND, IntegrationReport, ModuleStatus

SEPARATOR = "=" * 70
HEADERS = ("MODULE", "CLASS", "EXISTS", "TESTED", "WIRED", "ACTIVE", "COMPLETE", "REASON")


def _flag(value: Optional[bool]) -> str:
    if value is None:
        return "-"
    return "yes" if value else "no"


def _evidence(value: Optional[Evidence]) -> Optional[bool]:
    return None if value is None else value.ok


def _reason(status: ModuleStatus) -> str:
    parts = [status.reason]
    if status.critical:
        parts.insert(0, "CRITICAL")
    for label, evidence in (("TESTED", status.tested), ("ACTIVE", status.active)):
        if evidence is not None:
            parts.append(f"{label}: {evidence.reason}")
    parts.extend(status.duplicates)
    return "; ".join(parts)


def _row(status: ModuleStatus) -> List[str]:
    return [
        status.path,
        status.classification,
        _flag(status.exists),
        _flag(_evidence(status.tested)),
        _flag(status.wired),
        _flag(_evidence(status.active)),
        _flag(status.complete),
        _reason(status),
    ]


def _table(rows: Sequence[Sequence[str]]) -> List[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths)]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
    return lines


def _measured(count: Optional[int], total: int, flag: str) -> str:
    if count is None:
        return f"not measured (run with {flag})"
    return f"{count}/{total}"


def render_text(report: IntegrationReport, root: str = ".") -> str:
    """The full text report: header, entry points, table, totals, problems, findings."""
    totals = report.totals()
    modules = totals["modules"] or 0
    lines = [SEPARATOR, f"Integration verification (policy section 9): {root}", SEPARATOR]
    if report.entries and report.entry_source == SOURCE_DISCOVERED:
        lines.append(f"Entry points (discovered without configuration; `{INIT_COMMAND}` writes them to the configuration):")
        lines.extend(f"  {path}: found by {rule}" for path, rule in report.found_by)
    elif report.entries:
        lines.append(f"Entry points ({report.entry_source}): {', '.join(report.entries)}")
    else:
        lines.append(f"Entry points: none found ({report.entry_source})")
    lines.extend(f"Note: {note}" for note in report.notes)
    lines.append("")
    if report.modules:
        lines.extend(_table([list(HEADERS)] + [_row(status) for status in report.modules]))
    else:
        lines.append("No modules to classify.")
    lines.append("")
    lines.append(SEPARATOR)
    lines.append(
        f"Modules: {modules} | WIRED {totals['wired']} | NOT WIRED {totals['not_wired']} "
        f"({totals['unreachable']} unreachable, {totals['import_only']} imported but unused) | "
        f"DUPLICATE {totals['duplicate']}"
    )
    lines.append(f"Critical: {totals['critical']} ({totals['critical_not_wired']} NOT WIRED)")
    lines.append(
        f"TESTED {_measured(totals['tested'], modules, '--tests')} | "
        f"ACTIVE {_measured(totals['active'], modules, '--run CMD')} | "
        f"COMPLETE {_measured(totals['complete'], modules, '--tests --run CMD')}"
    )
    third = ", ".join(report.third_party) if report.third_party else "none"
    lines.append(
        f"Imports of these modules: {totals['import_edges']} project edges, "
        f"{totals['stdlib_modules']} standard-library modules, "
        f"{totals['third_party_packages']} third-party packages ({third}), "
        f"{totals['unresolved_imports']} unresolved"
    )
    lines.append(
        f"Files: {totals['files_scanned']} .py files scanned: {modules} modules, "
        f"{totals['test_files']} test files, {totals['excluded_files']} excluded, "
        f"{totals['parse_errors']} could not be parsed"
    )
    for importer, name, line in report.unresolved:
        lines.append(f"Unresolved: {importer}:{line} imports {name}: no such .py file in the project")
    for problem in report.config_errors + report.problems:
        lines.append(f"Problem: {problem}")
    for finding in report.findings:
        lines.append(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}")
    lines.append(SEPARATOR)
    return "\n".join(lines)


def render_summary(report: IntegrationReport, findings: Optional[int] = None) -> str:
    """The counted totals as a Markdown table, for ``--format summary`` ($GITHUB_STEP_SUMMARY).

    ``findings`` is the number reported after per-file ignores (default: all).
    """
    totals = report.totals()
    columns = [
        ("modules", totals["modules"]),
        ("WIRED", totals["wired"]),
        ("NOT WIRED", totals["not_wired"]),
        ("DUPLICATE", totals["duplicate"]),
        ("critical NOT WIRED", totals["critical_not_wired"]),
        ("TESTED", totals["tested"]),
        ("ACTIVE", totals["active"]),
        ("COMPLETE", totals["complete"]),
        ("findings", len(report.findings) if findings is None else findings),
    ]
    lines = [
        "### prefguard verify: integration (policy section 9)",
        "",
        "| " + " | ".join(name for name, _value in columns) + " |",
        "|" + " ---: |" * len(columns),
        "| " + " | ".join("-" if value is None else str(value) for _name, value in columns) + " |",
    ]
    entries = ", ".join(f"`{entry}`" for entry in report.entries) or "none"
    lines.append("")
    lines.append(f"Entry points ({report.entry_source}): {entries}")
    return "\n".join(lines)
