# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TESTED and ACTIVE from coverage.py's JSON report: a pure join, no measuring here.

coverage.py (7.6 and later) reports executed lines per function. A module
counts as ACTIVE when at least one of its functions ran (or, for a module
without functions, any of its lines ran), so a module that was only imported
does not count. TESTED joins the per-line contexts that pytest-cov records
with ``--cov-context=test`` (``tests/test_x.py::test_y|run``) with the
outcomes from pytest's JUnit XML: a module is TESTED when a passing test ran
one of its functions. A module without functions has nothing to run beyond
its import, which pytest usually performs while collecting (outside any test
context): it counts as TESTED when its code ran in a session with passing
tests, and the reason says so.
"""

import posixpath
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Mapping, Optional, Set, Tuple

CaseKey = Tuple[str, str]

_PHASES = ("setup", "run", "teardown", "call")
_NOT_PASSED = ("failure", "error", "skipped")


class CoverageFormatError(ValueError):
    """The coverage JSON lacks what the join needs (per-function data or contexts)."""


@dataclass(frozen=True)
class Evidence:
    """A measured yes or no for one module, the number behind it and why."""

    ok: bool
    count: int
    reason: str


def parse_junit(xml_text: str) -> Dict[CaseKey, bool]:
    """Test outcomes from pytest's JUnit XML: ``(classname, name) -> passed``.

    A test case with a ``failure``, ``error`` or ``skipped`` element did not pass;
    a test reported twice (an error in teardown) passes only if both reports do.
    """
    root = ElementTree.fromstring(xml_text)
    outcomes: Dict[CaseKey, bool] = {}
    for case in root.iter("testcase"):
        key = (case.get("classname", ""), case.get("name", ""))
        passed = not any(child.tag in _NOT_PASSED for child in case)
        outcomes[key] = outcomes.get(key, True) and passed
    return outcomes


def junit_key(context: str) -> Optional[CaseKey]:
    """The JUnit ``(classname, name)`` of a pytest-cov context label, or None.

    Mirrors pytest's own ``mangle_test_address``: the path becomes dotted
    without ``.py``, classes join the class name, parameters stay on the name.
    """
    nodeid, bar, phase = context.rpartition("|")
    if not bar or phase not in _PHASES:
        nodeid = context
    path, separator, tail = nodeid.partition("::")
    if not separator:
        return None
    name_part, bracket, params = tail.partition("[")
    names = [path, *name_part.split("::")]
    names[0] = re.sub(r"\.py$", "", names[0].replace("/", "."))
    if bracket:
        names[-1] += f"[{params.removesuffix(']')}]"
    return (".".join(names[:-1]), names[-1])


def coverage_files(coverage: Mapping[str, Any], root: str) -> Dict[str, Mapping[str, Any]]:
    """The per-file entries of a coverage JSON report, keyed by root-relative POSIX path."""
    files = coverage.get("files")
    if not isinstance(files, dict):
        raise CoverageFormatError("coverage JSON has no 'files' table")
    base = root.replace("\\", "/").rstrip("/")
    result: Dict[str, Mapping[str, Any]] = {}
    for name, data in files.items():
        path = name.replace("\\", "/")
        if posixpath.isabs(path) or re.match(r"^[A-Za-z]:/", path):
            if not path.startswith(base + "/"):
                continue
            path = path[len(base) + 1:]
        while path.startswith("./"):
            path = path[2:]
        result[path] = data
    return result


def _functions(data: Mapping[str, Any]) -> Mapping[str, Any]:
    functions = data.get("functions")
    if not isinstance(functions, dict):
        raise CoverageFormatError(
            "coverage JSON has no per-function data: coverage.py 7.6 or later is needed"
        )
    return functions


def evidence_from_run(coverage: Mapping[str, Any], root: str, paths: Iterable[str]) -> Dict[str, Evidence]:
    """ACTIVE for each path: whether a function of it ran during the measured run."""
    files = coverage_files(coverage, root)
    result: Dict[str, Evidence] = {}
    for path in paths:
        data = files.get(path)
        if data is None:
            result[path] = Evidence(False, 0, "not executed in the run")
            continue
        functions = {name: entry for name, entry in _functions(data).items() if name}
        executed = list(data.get("executed_lines", []))
        if not functions:
            ok = bool(executed)
            reason = f"{len(executed)} lines ran" if ok else "not executed in the run"
            result[path] = Evidence(ok, len(executed), reason)
            continue
        ran = sorted(name for name, entry in functions.items() if entry.get("executed_lines"))
        if ran:
            result[path] = Evidence(True, len(ran), f"{len(ran)} of {len(functions)} functions ran")
        elif executed:
            result[path] = Evidence(False, 0, f"imported only: none of its {len(functions)} functions ran")
        else:
            result[path] = Evidence(False, 0, "not executed in the run")
    return result


def _labels(entry: Mapping[str, Any]) -> Set[str]:
    labels: Set[str] = set()
    for names in entry.get("contexts", {}).values():
        labels.update(label for label in names if label)
    return labels


def evidence_from_tests(
    coverage: Mapping[str, Any],
    outcomes: Mapping[CaseKey, bool],
    root: str,
    paths: Iterable[str],
) -> Dict[str, Evidence]:
    """TESTED for each path: whether a passing test ran one of its functions."""
    meta = coverage.get("meta", {})
    if not meta.get("show_contexts", False):
        raise CoverageFormatError("coverage JSON was written without contexts: use 'coverage json --show-contexts'")
    files = coverage_files(coverage, root)
    session_passed = sum(1 for passed in outcomes.values() if passed)
    result: Dict[str, Evidence] = {}
    for path in paths:
        data = files.get(path)
        if data is None:
            result[path] = Evidence(False, 0, "not executed by any test")
            continue
        functions = _functions(data)
        named = [entry for name, entry in functions.items() if name]
        pool = named if named else [functions.get("", data)]
        labels: Set[str] = set()
        for entry in pool:
            labels |= _labels(entry)
        passed: Set[CaseKey] = set()
        failed: Set[CaseKey] = set()
        for label in labels:
            key = junit_key(label)
            if key is None:
                continue
            if outcomes.get(key, False):
                passed.add(key)
            else:
                failed.add(key)
        if passed:
            what = "functions" if named else "code"
            result[path] = Evidence(True, len(passed), f"{len(passed)} passing tests ran its {what}")
        elif not named and data.get("executed_lines") and session_passed:
            result[path] = Evidence(
                True, 0, f"no functions; its code ran in a test session with {session_passed} passing tests"
            )
        elif failed:
            result[path] = Evidence(False, 0, f"only failing or skipped tests ran it ({len(failed)})")
        elif named and _labels(functions.get("", {})):
            result[path] = Evidence(False, 0, "imported during tests, but no test ran its functions")
        else:
            result[path] = Evidence(False, 0, "not executed by any test")
    return result
