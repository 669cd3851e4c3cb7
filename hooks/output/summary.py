# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The Markdown job summary, within GitHub's limit of 1 MiB per step summary.

GitHub drops a step summary over 1 MiB with an error (docs.github.com,
"Adding a job summary"). The summary keeps to :data:`BUDGET` bytes: the
totals per code and per file always come whole (per folder in the rare tree
whose file list alone would not fit), then as many findings as fit, those the
change introduced first, and a last line saying how many were left out and
where they are.
"""

from collections import Counter
from typing import Dict, List, Optional, Sequence

from checks.engine.finding import Finding
from hooks.output.context import ReportContext, prioritized

BUDGET = 1_000_000
ROOM_FOR_LAST_LINE = 400


def table_text(text: str) -> str:
    """Text safe in one table cell: ``|`` escaped, line breaks as spaces, HTML inert."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("<", "&lt;")


def table_code(text: str) -> str:
    """A code span safe in one table cell (GitHub needs ``\\|`` even inside code in a table)."""
    body = text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return f"`` {body} ``" if "`" in body else f"`{body}`"


def location_text(finding: Finding) -> str:
    """``path:line:col`` (``path:cell N:line:col`` inside a notebook)."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{finding.path}:{cell}{finding.line}:{finding.column}"


def _size(lines: Sequence[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _per_file(findings: Sequence[Finding], budget: int) -> List[str]:
    """Totals per file, or per folder when the file list alone would not fit."""
    counts = Counter(f.path for f in findings)
    rows = [f"| {table_code(path)} | {count} |" for path, count in sorted(counts.items())]
    head = ["", f"<details><summary>Findings per file ({len(counts)} files)</summary>", "", "| file | findings |", "| --- | ---: |"]
    if _size(head + rows) <= budget:
        return head + rows + ["", "</details>"]
    folders = Counter(path.rsplit("/", 1)[0] + "/" if "/" in path else "./" for path in (f.path for f in findings))
    rows = [f"| {table_code(folder)} | {count} |" for folder, count in sorted(folders.items())]
    head = ["", f"<details><summary>Findings per folder ({len(counts)} files: per file would not fit in a job summary)</summary>",
            "", "| folder | findings |", "| --- | ---: |"]
    return head + rows + ["", "</details>"]


def format_summary(findings: Sequence[Finding], title: str = "prefguard", context: Optional[ReportContext] = None, budget: int = BUDGET) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: totals per code and file, then every finding that fits."""
    if not findings:
        return f"## {title}: no findings\n"
    context = context or ReportContext()
    first, rest = prioritized(findings, context)
    known = context.introduced is not None
    counts = Counter(f.code for f in findings)
    files = len({f.path for f in findings})
    out = [f"## {title}: {len(findings)} finding(s) in {files} file(s)"]
    if known:
        out.extend(["", f"{len(first)} of them on lines this change added or modified (listed first)."])
    introduced: Dict[str, int] = Counter(f.code for f in first)
    if known:
        out.extend(["", "| code | count | in the change |", "| --- | ---: | ---: |"])
        out.extend(f"| {code} | {count} | {introduced.get(code, 0)} |" for code, count in sorted(counts.items()))
    else:
        out.extend(["", "| code | count |", "| --- | ---: |"])
        out.extend(f"| {code} | {count} |" for code, count in sorted(counts.items()))
    out.extend(_per_file(findings, budget - _size(out) - ROOM_FOR_LAST_LINE))
    out.extend(["", "| location | code | message |", "| --- | --- | --- |"])
    used = _size(out)
    listed = 0
    for finding in first + rest:
        row = f"| {table_code(location_text(finding))} | {finding.code} | {table_text(finding.message)} |"
        cost = len(row.encode("utf-8")) + 1
        if used + cost > budget - ROOM_FOR_LAST_LINE:
            break
        out.append(row)
        used += cost
        listed += 1
    if listed < len(findings):
        out.extend([
            "",
            f"{len(findings) - listed} more finding(s) not listed: a job summary holds at most 1 MiB. "
            "The totals above are complete; `prefguard check --format json` (the Action's `json-file`) lists every finding.",
        ])
    return "\n".join(out) + "\n"
