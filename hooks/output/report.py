# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Output formats: text, json, github (workflow commands), sarif and summary (Markdown)."""

import json
import sys
from collections import Counter
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO, Tuple

from checks.engine.finding import Finding

FORMATS = ("text", "json", "github", "sarif", "summary")
TOOL_URI = "https://github.com/fragmergent/prefguard"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def location_text(finding: Finding) -> str:
    """``path:line:col`` (``path:cell N:line:col`` inside a notebook)."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{finding.path}:{cell}{finding.line}:{finding.column}"


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
    """One JSON array, each finding as docs/cli.md describes."""
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Sequence[Finding]) -> str:
    """GitHub workflow commands that become file annotations."""
    lines = []
    for f in findings:
        properties = (
            f"file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property(f.code)}"
        )
        lines.append(f"::error {properties}::{_escape_data(f.code + ' ' + f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_summary(findings: Sequence[Finding], title: str = "prefguard") -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: counts per code, then every finding."""
    if not findings:
        return f"## {title}: no findings\n"
    counts = Counter(f.code for f in findings)
    files = len({f.path for f in findings})
    out = [f"## {title}: {len(findings)} finding(s) in {files} file(s)", "", "| code | count |", "| --- | ---: |"]
    out.extend(f"| {code} | {count} |" for code, count in sorted(counts.items()))
    out.extend(["", "| location | code | message |", "| --- | --- | --- |"])
    for f in findings:
        message = f.message.replace("|", "\\|").replace("\n", " ")
        out.append(f"| `{location_text(f)}` | {f.code} | {message} |")
    return "\n".join(out) + "\n"


def _rule_descriptors(codes: Sequence[str]) -> List[Dict[str, Any]]:
    from checks.engine.catalogue import describe

    rules = []
    for code in codes:
        doc = describe(code)
        rules.append(
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": doc.summary},
                "fullDescription": {"text": doc.rationale or doc.summary},
                "help": {"text": doc.as_text(), "markdown": doc.as_markdown()},
                "defaultConfiguration": {"level": "error"},
                "properties": {"policySection": doc.section, "fixable": doc.fixable},
            }
        )
    return rules


EditKey = Tuple[str, str, int, int]


def sarif_fix(description: str, path: str, edit: Any) -> Dict[str, Any]:
    """A SARIF ``fix`` object from a :class:`checks.engine.fix_edits.TextEdit`."""
    return {
        "description": {"text": description},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": edit.line,
                            "startColumn": edit.column,
                            "endLine": edit.end_line,
                            "endColumn": edit.end_column,
                        },
                        "insertedContent": {"text": edit.text},
                    }
                ],
            }
        ],
    }


def format_sarif(findings: Sequence[Finding], version: str, edits: Optional[Dict[EditKey, Any]] = None) -> str:
    """SARIF 2.1.0: one run, the rules table of every known code, results with locations and fixes."""
    from checks.config.codes import ALL_CODES

    codes = sorted(ALL_CODES)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for f in findings:
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        result: Dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, 0),
            "level": "error",
            "message": {"text": f.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"}, "region": region}}
            ],
        }
        properties: Dict[str, Any] = {}
        if f.pointer is not None:
            properties["pointer"] = f.pointer
        if f.commit is not None:
            properties["commit"] = f.commit
        if f.cell is not None:
            properties["cell"] = f.cell
        if properties:
            result["properties"] = properties
        edit = (edits or {}).get((f.path, f.code, f.line, f.column))
        if edit is not None:
            result["fixes"] = [sarif_fix(f.fix.description if f.fix else f"fix {f.code}", f.path, edit)]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prefguard",
                        "version": version,
                        "informationUri": TOOL_URI,
                        "rules": _rule_descriptors(codes),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def write_findings(
    findings: Sequence[Finding],
    fmt: str,
    stream: Optional[TextIO] = None,
    edits: Optional[Dict[EditKey, Any]] = None,
) -> None:
    """Write findings to stdout (or ``stream``) in one of :data:`FORMATS`."""
    from hooks.version import VERSION

    stream = stream or sys.stdout
    ordered = sorted(findings, key=Finding.sort_key)
    writers: Dict[str, Callable[[], str]] = {
        "text": lambda: format_text(ordered),
        "json": lambda: format_json(ordered),
        "github": lambda: format_github(ordered),
        "sarif": lambda: format_sarif(ordered, VERSION, edits),
        "summary": lambda: format_summary(ordered),
    }
    stream.write(writers[fmt]())
    stream.flush()


def count_line(findings: Sequence[Finding], checked: int) -> str:
    """The closing line for stderr."""
    if not findings:
        return f"[OK] no findings in {checked} file(s)"
    fixable = sum(1 for f in findings if f.fixable)
    files = len({f.path for f in findings})
    tail = f", {fixable} fixable with --fix" if fixable else ""
    return f"Found {len(findings)} finding(s) in {files} of {checked} file(s){tail}"
