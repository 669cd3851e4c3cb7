# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Output formats: text, json, github (workflow commands), sarif and summary (Markdown).

The GitHub formats live in their own modules (:mod:`hooks.output.annotations`,
:mod:`hooks.output.sarif`, :mod:`hooks.output.summary`), each within the
limits GitHub documents for where it goes.
"""

import json
import sys
from typing import Callable, Dict, Optional, Sequence, TextIO

from checks.engine.finding import Finding
from hooks.output.context import ReportContext
from hooks.output.summary import location_text

__all__ = ["FORMATS", "location_text", "format_text", "format_json", "render", "write_findings", "count_line"]

FORMATS = ("text", "json", "github", "sarif", "summary")


def format_text(findings: Sequence[Finding]) -> str:
    """Ruff-like lines: ``path:line:col: CODE message``."""
    lines = []
    for finding in findings:
        extra = f" [{finding.pointer}]" if finding.pointer and finding.pointer not in finding.message else ""
        commit = f" (commit {finding.commit[:12]})" if finding.commit else ""
        fixable = " [*]" if finding.fixable else ""
        lines.append(f"{location_text(finding)}: {finding.code}{fixable} {finding.message}{extra}{commit}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(findings: Sequence[Finding]) -> str:
    """One JSON array, each finding as docs/cli.md describes, one finding per line.

    Each finding is encoded by the json module's C encoder (``indent`` would
    switch it to the pure-Python one, several times slower on tens of
    thousands of findings).
    """
    if not findings:
        return "[]\n"
    rows = ",\n".join("  " + json.dumps(f.to_dict(), ensure_ascii=False) for f in findings)
    return "[\n" + rows + "\n]\n"


def render(findings: Sequence[Finding], fmt: str, context: Optional[ReportContext] = None) -> str:
    """The findings in one of :data:`FORMATS`, sorted; ``context`` tells the GitHub formats about the files and the change."""
    from hooks.version import VERSION

    ordered = sorted(findings, key=Finding.sort_key)
    writers: Dict[str, Callable[[], str]] = {
        "text": lambda: format_text(ordered),
        "json": lambda: format_json(ordered),
        "github": lambda: _github(ordered, context),
        "sarif": lambda: _sarif(ordered, VERSION, context),
        "summary": lambda: _summary(ordered, context),
    }
    return writers[fmt]()


def _github(findings: Sequence[Finding], context: Optional[ReportContext]) -> str:
    from hooks.output.annotations import format_github

    return format_github(findings, context)


def _sarif(findings: Sequence[Finding], version: str, context: Optional[ReportContext]) -> str:
    from hooks.output.sarif import format_sarif

    return format_sarif(findings, version, context)


def _summary(findings: Sequence[Finding], context: Optional[ReportContext]) -> str:
    from hooks.output.summary import format_summary

    return format_summary(findings, context=context)


def write_findings(
    findings: Sequence[Finding],
    fmt: str,
    stream: Optional[TextIO] = None,
    context: Optional[ReportContext] = None,
) -> None:
    """Write findings to stdout (or ``stream``) in one of :data:`FORMATS`."""
    stream = stream or sys.stdout
    stream.write(render(findings, fmt, context))
    stream.flush()


def count_line(findings: Sequence[Finding], checked: int) -> str:
    """The closing line for stderr."""
    if not findings:
        return f"[OK] no findings in {checked} file(s)"
    fixable = sum(1 for f in findings if f.fixable)
    files = len({f.path for f in findings})
    tail = f", {fixable} fixable with --fix" if fixable else ""
    return f"Found {len(findings)} finding(s) in {files} of {checked} file(s){tail}"
