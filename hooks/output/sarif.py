# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""SARIF 2.1.0 for GitHub code scanning, within its documented limits.

- Locations: URIs relative to the work tree root (the ``%SRCROOT%`` base,
  given as an absolute ``file:`` URI ending in ``/``, SARIF 3.14.14), every
  character outside RFC 3986's unreserved set percent-encoded (a space,
  ``|``, ``%``, ``#``, ``:`` and ``,`` in a file name); notebook findings at the
  line of the ``.ipynb`` file, the cell and the cell line kept as properties.
- ``partialFingerprints``: the file, the code, the text of the finding's line
  with whitespace removed (the baseline's fingerprint) and the occurrence
  among identical ones, so results keep their identity across runs and
  edits elsewhere in the file.
- Limits (docs.github.com, "SARIF support for code scanning"): code scanning
  rejects a run of more than 25,000 results and stores only 5,000, and rejects
  a file over 10 MB. A run here holds at most :data:`RESULTS_PER_RUN`
  results: those the change introduced first, then every code in turn, and
  its invocation says how many of each code were left out and where the
  complete list is.
"""

import hashlib
import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import quote_from_bytes

from checks.baseline.fingerprint import finding_key, reads_lines, split_lines
from checks.engine.finding import NO_EDIT, Finding
from hooks.output.context import ReportContext, prioritized

TOOL_URI = "https://github.com/fragmergent/prefguard"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
RESULTS_PER_RUN = 5_000
MAX_FILE_BYTES = 10_000_000
FINGERPRINT_KEY = "prefguardFinding/v1"
FULL_LIST = "the job summary's totals and `prefguard check --format json` list every finding"


def encode_path(path: str) -> str:
    """A relative path as an RFC 3986 URI reference: UTF-8 bytes, everything but unreserved characters and ``/`` encoded."""
    return quote_from_bytes(os.fsencode(path), safe="/")


def source_root() -> Path:
    """The base of the URIs: the git work tree around the current folder, else the folder itself."""
    from hooks.runtime.files import git_toplevel

    cwd = Path.cwd()
    return git_toplevel(cwd) or cwd.resolve()


def root_uri(root: Path) -> str:
    """``%SRCROOT%`` as SARIF 3.14.14 wants it: an absolute URI ending in ``/``."""
    uri = root.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, root: Path) -> Dict[str, str]:
    """The artifactLocation of a display path: relative to ``%SRCROOT%``, or an absolute file URI outside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root)
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": encode_path(Path(relative).as_posix()), "uriBaseId": SRCROOT}


def rule_descriptors(codes: Sequence[str], folder: Optional[Path] = None) -> List[Dict[str, Any]]:
    """The rules table; kept sealed in the cache ``folder`` (its documentation imports every rule and libcst)."""
    if folder is None:
        return _rule_descriptors(codes)
    from hooks.runtime.cache import code_stamp
    from hooks.runtime.cache_trust import read_sealed, secret_key, write_sealed

    key = secret_key()
    if key is None:
        return _rule_descriptors(codes)
    stamp = hashlib.sha256(json.dumps([code_stamp(), list(codes)]).encode("utf-8")).hexdigest()[:32]
    path = folder / f"sarif-rules-{stamp}.json"
    payload = read_sealed(path, key)
    if payload is not None:
        try:
            return json.loads(payload.decode("utf-8"))
        except ValueError:
            pass
    rules = _rule_descriptors(codes)
    write_sealed(path, key, json.dumps(rules, ensure_ascii=False).encode("utf-8"))
    return rules


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


def select_results(findings: Sequence[Finding], context: ReportContext, limit: int) -> List[Finding]:
    """At most ``limit`` findings: the introduced ones first, then one of each code in turn, in path order."""
    if len(findings) <= limit:
        return list(findings)
    first, rest = prioritized(findings, context)
    chosen = first[:limit]
    by_code: Dict[str, List[Finding]] = defaultdict(list)
    for finding in rest:
        by_code[finding.code].append(finding)
    queues = [list(reversed(by_code[code])) for code in sorted(by_code)]
    others: List[Finding] = []
    while len(chosen) + len(others) < limit and queues:
        for queue in queues:
            if len(chosen) + len(others) >= limit:
                break
            others.append(queue.pop())
        queues = [queue for queue in queues if queue]
    return chosen + sorted(others, key=Finding.sort_key)


class _Fingerprints:
    """Stable identities: file, code, normalized line text and the occurrence among identical ones."""

    def __init__(self, context: ReportContext, root: Path) -> None:
        self.context = context
        self.root = root
        self.lines: Dict[str, Optional[List[bytes]]] = {}
        self.seen: Counter = Counter()

    def of(self, finding: Finding, uri: str) -> str:
        """The fingerprint of the next finding in path order."""
        if finding.path not in self.lines:
            data = self.context.data_of(finding.path) if reads_lines(finding.path) else None
            self.lines[finding.path] = split_lines(data) if data is not None else None
        key = finding_key(finding, uri, self.lines[finding.path])
        if finding.cell is not None:
            key = key._replace(fingerprint=f"{key.fingerprint}:cell{finding.cell}")
        self.seen[key] += 1
        text = f"{key.path}\0{key.code}\0{key.fingerprint}\0{self.seen[key]}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _fix(description: str, location: Dict[str, str], edit: Any) -> Dict[str, Any]:
    """A SARIF ``fix`` object from a :class:`checks.engine.finding.TextEdit`."""
    return {
        "description": {"text": description},
        "artifactChanges": [
            {
                "artifactLocation": location,
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


def _result(finding: Finding, index: Dict[str, int], context: ReportContext, location: Dict[str, str], fingerprint: str) -> Dict[str, Any]:
    line, column, end_line, end_column = context.file_region(finding)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    result: Dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index.get(finding.code, 0),
        "level": "error",
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    properties: Dict[str, Any] = {}
    if finding.pointer is not None:
        properties["pointer"] = finding.pointer
    if finding.commit is not None:
        properties["commit"] = finding.commit
    if finding.cell is not None:
        properties.update(cell=finding.cell, cellLine=finding.line, cellColumn=finding.column)
    if context.is_introduced(finding):
        properties["introduced"] = True
    if properties:
        result["properties"] = properties
    fix = finding.fix
    if fix is not None and fix.edit is not None and fix.edit != NO_EDIT:
        result["fixes"] = [_fix(fix.description, location, fix.edit)]
    return result


def _limit_notice(findings: Sequence[Finding], kept: Sequence[Finding]) -> Dict[str, Any]:
    left = Counter(f.code for f in findings) - Counter(f.code for f in kept)
    listed = ", ".join(f"{code} {count}" for code, count in sorted(left.items()))
    text = (
        f"{len(kept)} of {len(findings)} findings are in this run: GitHub code scanning stores at most "
        f"{RESULTS_PER_RUN:,} results of a run. The findings the change introduced come first, then each code in "
        f"turn. Left out: {listed}. {FULL_LIST[0].upper()}{FULL_LIST[1:]}."
    )
    return {"level": "warning", "message": {"text": text}}


def format_sarif(
    findings: Sequence[Finding],
    version: str,
    context: Optional[ReportContext] = None,
    limit: int = RESULTS_PER_RUN,
) -> str:
    """SARIF 2.1.0: one run, the rules table of every known code, at most ``limit`` results with fixes."""
    from checks.config.codes import ALL_CODES

    context = context or ReportContext()
    root = source_root()
    codes = sorted(ALL_CODES)
    index = {code: i for i, code in enumerate(codes)}
    rules = rule_descriptors(codes, context.cache_folder)
    locations: Dict[str, Dict[str, str]] = {}
    prints = _Fingerprints(context, root)
    fingerprints: Dict[int, str] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.path not in locations:
            locations[finding.path] = artifact_location(finding.path, root)
        fingerprints[id(finding)] = prints.of(finding, locations[finding.path]["uri"])
    while True:
        kept = select_results(findings, context, limit)
        results = [_result(f, index, context, locations[f.path], fingerprints[id(f)]) for f in kept]
        run: Dict[str, Any] = {
            "tool": {"driver": {"name": "prefguard", "version": version, "informationUri": TOOL_URI, "rules": rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri(root)}},
            "results": results,
            "properties": {"findings": len(findings), "results": len(results)},
        }
        if len(kept) < len(findings):
            run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [_limit_notice(findings, kept)]}]
        text = json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, separators=(",", ":")) + "\n"
        if len(text.encode("utf-8")) <= MAX_FILE_BYTES or limit <= 1:
            return text
        limit = max(1, limit // 2)

