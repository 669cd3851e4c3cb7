# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Every output format on the pull-request path: positions, odd file names, GitHub's limits, SARIF validity."""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from checks.engine.finding import Finding
from hooks.cli import main
from hooks.output.annotations import format_github
from hooks.output.context import ReportContext
from hooks.output.sarif import RESULTS_PER_RUN, format_sarif
from hooks.output.summary import BUDGET, format_summary
from tests.conftest import GitRepo

HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
ODD_NAMES = ["sp ace.py", "x|y.py", "p%41ct.py", "h#sh.py", "c:olon.py", "co,mma.py"]
# RFC 3986 relative-ref: pchar = unreserved / pct-encoded / sub-delims / ":" / "@"; our URIs encode ":" too.
URI_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*$")
MIB = 1024 * 1024


# ======================================================================
# Helpers


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the current folder, its caches inside ``tmp_path``."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(root)
    return root


def check(capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, str, str]:
    """Run ``prefguard check`` in this process: (status, stdout, stderr)."""
    status = main(["check", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def sarif_errors(log: Dict[str, Any]) -> List[str]:
    """Schema errors, then the rules of the SARIF validator that code scanning relies on."""
    with open(SCHEMA, encoding="utf-8") as handle:
        validator = jsonschema.Draft4Validator(json.load(handle))
    errors = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(log)]
    for run in log["runs"]:
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            parts = urlsplit(base["uri"])
            if not parts.scheme or not base["uri"].endswith("/"):
                errors.append(f"SARIF1004/3.14.14: base {name} must be an absolute URI ending in '/': {base['uri']}")
        rules = run["tool"]["driver"]["rules"]
        prints = Counter()
        for result in run["results"]:
            if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                errors.append(f"ruleIndex of {result['ruleId']} points at another rule")
            if not result["message"]["text"]:
                errors.append("SARIF1012: empty message")
            prints.update(result["partialFingerprints"].values())
            for location in result["locations"]:
                physical = location["physicalLocation"]
                artifact = physical["artifactLocation"]
                uri = artifact["uri"]
                if "uriBaseId" in artifact:
                    if artifact["uriBaseId"] not in bases:
                        errors.append(f"SARIF1004: uriBaseId {artifact['uriBaseId']} undefined")
                    parts = urlsplit(uri)
                    if parts.scheme or parts.query or parts.fragment or not URI_PATH.match(uri):
                        errors.append(f"SARIF1004: {uri!r} is not a relative reference of one path")
                region = physical["region"]
                start = (region["startLine"], region["startColumn"])
                if start < (1, 1) or (region["endLine"], region["endColumn"]) < start:
                    errors.append(f"SARIF1007: bad region {region}")
        errors.extend(f"duplicate fingerprint {value}" for value, count in prints.items() if count > 1)
    return errors


def github_commands(text: str) -> List[Tuple[str, Dict[str, str], str]]:
    """``::kind k=v,...::message`` lines, properties and message unescaped."""
    commands = []
    for line in text.splitlines():
        match = re.match(r"^::(\w+) (.*?)::(.*)$", line)
        assert match, line
        properties = {}
        for item in match.group(2).split(","):
            key, value = item.split("=", 1)
            properties[key] = unquote(value)
        commands.append((match.group(1), properties, unquote(match.group(3))))
    return commands


def table_rows(markdown: str, columns: int) -> List[List[str]]:
    """The rows of the Markdown tables with ``columns`` cells, split on unescaped pipes and unescaped."""
    rows = []
    for line in markdown.splitlines():
        if not line.startswith("| ") or line.startswith("| ---"):
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        if len(cells) == columns:
            rows.append([cell.strip().replace("\\|", "|") for cell in cells])
    return rows


def synthetic(count: int, files: int, codes: int = 12) -> List[Finding]:
    """``count`` findings spread over ``files`` files and the first ``codes`` codes."""
    from checks.config.codes import ALL_CODES

    known = sorted(ALL_CODES)[:codes]
    return [
        Finding(known[index % codes], f"src/package_{index % files // 100:03d}/module_{index % files:05d}.py",
                index // files + 1, 5, index // files + 1, 9, f"finding {index} | with a pipe")
        for index in range(count)
    ]


# ======================================================================
# Odd file names in every format


def test_odd_file_names_in_every_format(project: Path, capsys: pytest.CaptureFixture) -> None:
    GitRepo(project)
    for name in ODD_NAMES:
        (project / name).write_text(HEADER + "\n\ndef f(x) -> None:\n    return None\n", encoding="utf-8")
    base = ["--no-cache", "--select", "ANN001", "."]
    outputs = {}
    for fmt in ("text", "json", "github", "sarif", "summary"):
        status, out, err = check(capsys, *base, "--format", fmt)
        assert status == 1 and "[ERROR]" not in err
        outputs[fmt] = out
    expected = {(name, 6, 7) for name in ODD_NAMES}
    text_lines = [re.match(r"^(.*):(\d+):(\d+): ANN001 ", line) for line in outputs["text"].splitlines()]
    assert {(m.group(1), int(m.group(2)), int(m.group(3))) for m in text_lines if m} == expected
    assert {(item["path"], item["line"], item["column"]) for item in json.loads(outputs["json"])} == expected
    assert {(p["file"], int(p["line"]), int(p["col"])) for _, p, _ in github_commands(outputs["github"])} == expected
    log = json.loads(outputs["sarif"])
    assert sarif_errors(log) == []
    base_uri = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base_uri == project.resolve().as_uri() + "/"
    located = set()
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not set(uri) & set(" |#:,"), uri
        located.add((unquote(uri), physical["region"]["startLine"], physical["region"]["startColumn"]))
    assert located == expected
    assert "p%2541ct.py" in outputs["sarif"]
    rows = table_rows(outputs["summary"], 3)[1:]
    assert sorted(row[0].strip("`") for row in rows) == sorted(f"{name}:6:7" for name in ODD_NAMES)
    assert {row[0].strip("`") for row in table_rows(outputs["summary"], 2) if row[0].startswith("`")} == set(ODD_NAMES)


# ======================================================================
# Notebooks: annotations and SARIF at the line of the .ipynb file


def notebook_text() -> str:
    cells = [
        {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\n", "Some text\n"]},
        {"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["import os\n", "\n", "def f(a) -> None:\n", "    print(\"é\\t\", a)\n"]},
        {"cell_type": "code", "id": "c2", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "x = 1\ndef g(b) -> None:\n    pass\n"},
    ]
    document = {"cells": cells, "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"


def test_notebook_findings_point_at_the_ipynb_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    text = notebook_text()
    (project / "note book.ipynb").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    f_line = next(i for i, line in enumerate(lines, 1) if "def f(a)" in line)
    f_column = lines[f_line - 1].index("def f(a)") + len("def f(") + 1
    g_line = next(i for i, line in enumerate(lines, 1) if "def g(b)" in line)
    g_column = lines[g_line - 1].index("def g(b)") + len("def g(") + 1
    base = ["--no-cache", "--select", "ANN001", "."]
    status, out, err = check(capsys, *base, "--format", "json")
    assert status == 1 and "[ERROR]" not in err
    assert {(i["cell"], i["line"], i["column"]) for i in json.loads(out)} == {(2, 3, 7), (3, 2, 7)}
    status, out, _ = check(capsys, *base, "--format", "text")
    assert out.splitlines() == [
        "note book.ipynb:cell 2:3:7: ANN001 parameter 'a' of 'f' has no type annotation",
        "note book.ipynb:cell 3:2:7: ANN001 parameter 'b' of 'g' has no type annotation",
    ]
    status, out, _ = check(capsys, *base, "--format", "github")
    positions = [(p["file"], int(p["line"]), int(p["col"]), p["title"]) for _, p, _ in github_commands(out)]
    assert positions == [
        ("note book.ipynb", f_line, f_column, "ANN001 (cell 2, line 3)"),
        ("note book.ipynb", g_line, g_column, "ANN001 (cell 3, line 2)"),
    ]
    assert lines[g_line - 1][g_column - 1] == "b" and lines[f_line - 1][f_column - 1] == "a"
    status, out, _ = check(capsys, *base, "--format", "sarif")
    log = json.loads(out)
    assert sarif_errors(log) == []
    found = [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r["locations"][0]["physicalLocation"]["region"]["startColumn"],
         r["properties"]["cell"], r["properties"]["cellLine"])
        for r in log["runs"][0]["results"]
    ]
    assert found == [(f_line, f_column, 2, 3), (g_line, g_column, 3, 2)]
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "note%20book.ipynb"


def test_notebook_position_walks_json_escapes(project: Path) -> None:
    from checks.files.notebook_positions import NotebookPositions

    text = notebook_text()
    positions = NotebookPositions(text)
    lines = text.split("\n")
    line, column = positions.file_position(2, 4, 18)
    # Cell line 4 is `    print("é\t", a)`: column 18 is `a`, after the escapes \" \u00e9 \\t \".
    assert lines[line - 1][column - 1] == "a"
    assert positions.file_position(9, 1, 1) is None


# ======================================================================
# GitHub's limits


def test_summary_stays_within_one_mib_with_complete_totals() -> None:
    findings = synthetic(60_000, 20_000)
    introduced = {id(f) for f in findings[-50:]}
    context = ReportContext(introduced=lambda f: id(f) in introduced)
    text = format_summary(sorted(findings, key=Finding.sort_key), context=context)
    assert len(text.encode("utf-8")) <= BUDGET < MIB
    per_code = {row[0]: int(row[1]) for row in table_rows(text, 3) if row[1].isdigit()}
    assert per_code == dict(Counter(f.code for f in findings))
    per_file = {row[0].strip("`"): int(row[1]) for row in table_rows(text, 2) if row[0].startswith("`")}
    assert per_file == dict(Counter(f.path for f in findings))
    listed = [row for row in table_rows(text, 3) if row[0].startswith("`")]
    assert 0 < len(listed) < 60_000
    assert {row[0] for row in listed[:50]} == {f"`{f.path}:{f.line}:{f.column}`" for f in findings[-50:]}
    assert all(re.fullmatch(r"finding \d+ \| with a pipe", row[2]) for row in listed)
    assert f"{60_000 - len(listed)} more finding(s) not listed" in text


def test_summary_lists_everything_when_it_fits() -> None:
    findings = synthetic(30, 7)
    text = format_summary(sorted(findings, key=Finding.sort_key))
    assert len([row for row in table_rows(text, 3) if row[0].startswith("`")]) == 30
    assert "not listed" not in text


@pytest.mark.slow
def test_sarif_keeps_the_introduced_results_first_within_the_run_limit(project: Path) -> None:
    findings = sorted(synthetic(RESULTS_PER_RUN + 1_000, 900), key=Finding.sort_key)
    introduced = {id(f) for f in findings[-40:]}
    log = json.loads(format_sarif(findings, "0", ReportContext(introduced=lambda f: id(f) in introduced)))
    assert sarif_errors(log) == []
    run = log["runs"][0]
    assert len(run["results"]) == RESULTS_PER_RUN
    assert all(r["properties"]["introduced"] for r in run["results"][:40])
    assert {r["ruleId"] for r in run["results"]} == {f.code for f in findings}
    notice = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert f"{RESULTS_PER_RUN} of {RESULTS_PER_RUN + 1_000} findings" in notice
    kept = Counter(r["ruleId"] for r in run["results"])
    left = Counter(f.code for f in findings) - kept
    assert all(f"{code} {count}" in notice for code, count in left.items())
    assert run["properties"] == {"findings": RESULTS_PER_RUN + 1_000, "results": RESULTS_PER_RUN}


def test_sarif_under_the_limit_has_every_result(project: Path) -> None:
    findings = sorted(synthetic(300, 40), key=Finding.sort_key)
    run = json.loads(format_sarif(findings, "0"))["runs"][0]
    assert len(run["results"]) == 300 and "invocations" not in run


def test_annotations_show_the_change_first_within_ten_per_type() -> None:
    findings = sorted(synthetic(40, 40), key=Finding.sort_key)
    introduced = {id(f) for f in findings[25:37]}
    commands = github_commands(format_github(findings, ReportContext(introduced=lambda f: id(f) in introduced)))
    kinds = Counter(kind for kind, _, _ in commands)
    assert kinds == {"error": 10, "warning": 10, "notice": 1}
    errors = [(p["file"], int(p["line"])) for kind, p, _ in commands if kind == "error"]
    assert errors == [(f.path, f.line) for f in findings[25:35]]
    assert "40 findings, 20 annotated" in commands[-1][2]


def test_annotations_without_a_change_are_the_first_ten_errors() -> None:
    findings = sorted(synthetic(12, 12), key=Finding.sort_key)
    commands = github_commands(format_github(findings))
    assert [kind for kind, _, _ in commands] == ["error"] * 10 + ["notice"]
    assert github_commands(format_github(findings[:10])) and "notice" not in format_github(findings[:10])


# ======================================================================
# One run, several outputs; the change first; stable fingerprints


def test_one_run_writes_every_output_and_new_since_puts_the_change_first(project: Path, capsys: pytest.CaptureFixture) -> None:
    repo = GitRepo(project)
    (project / "old.py").write_text(HEADER + "\n\ndef old(x) -> None:\n    return None\n", encoding="utf-8")
    base = repo.commit("Old code")
    (project / "zz_new.py").write_text(HEADER + "\n\ndef new(y) -> None:\n    return None\n", encoding="utf-8")
    repo.commit("New code")
    status, out, err = check(
        capsys, "--no-cache", "--select", "ANN001", "--format", "github", "--new-since", base,
        "--output", f"sarif={project.parent / 'out.sarif'}", "--output", f"summary={project.parent / 'summary.md'}", ".",
    )
    assert status == 1 and "[ERROR]" not in err
    assert [(kind, p["file"]) for kind, p, _ in github_commands(out)] == [("error", "zz_new.py"), ("warning", "old.py")]
    results = json.loads((project.parent / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r.get("properties", {}).get("introduced", False) for r in results] == [False, True]
    summary = (project.parent / "summary.md").read_text(encoding="utf-8")
    assert "1 of them on lines this change added or modified" in summary
    assert [row[0] for row in table_rows(summary, 3) if row[0].startswith("`")] == ["`zz_new.py:6:9`", "`old.py:6:9`"]


def test_bad_output_option_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture) -> None:
    status, _, err = check(capsys, "--output", "xml=out.xml", ".")
    assert status == 2 and "--output 'xml=out.xml'" in err


def test_partial_fingerprints_survive_edits_elsewhere(project: Path, capsys: pytest.CaptureFixture) -> None:
    GitRepo(project)
    body = "\n\ndef f(x) -> None:\n    return None\n\n\ndef g(x) -> None:\n    return None\n"
    (project / "m.py").write_text(HEADER + body, encoding="utf-8")
    _, first, _ = check(capsys, "--no-cache", "--select", "ANN001", "--format", "sarif", ".")
    (project / "m.py").write_text(HEADER + "\nimport os\n" + body, encoding="utf-8")
    _, second, _ = check(capsys, "--no-cache", "--select", "ANN001", "--format", "sarif", ".")
    prints = [[r["partialFingerprints"] for r in json.loads(text)["runs"][0]["results"]] for text in (first, second)]
    lines = [[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in json.loads(t)["runs"][0]["results"]] for t in (first, second)]
    assert prints[0] == prints[1] and len({json.dumps(p) for p in prints[0]}) == 2
    assert lines == [[6, 10], [8, 12]]


def test_warm_sarif_replays_the_fixes_of_the_cold_run(project: Path, capsys: pytest.CaptureFixture) -> None:
    package = project / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "mod.py").write_text(HEADER + "from .other import thing\n\nfor item in thing:\n    print(item)\n", encoding="utf-8")
    status, json_out, _ = check(capsys, "--format", "json", ".")
    assert status == 1
    _, cold, _ = check(capsys, "--format", "sarif", ".")
    _, warm, _ = check(capsys, "--format", "sarif", ".")
    assert cold == warm
    fixes = [r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in json.loads(warm)["runs"][0]["results"] if "fixes" in r]
    assert [f["insertedContent"]["text"] for f in fixes] == ["pkg", ", flush=True"]


def test_sarif_rules_table_is_kept_sealed_in_the_cache_folder(project: Path, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    (project / "m.py").write_text(HEADER + "\n\ndef f(x) -> None:\n    return None\n", encoding="utf-8")
    _, uncached, _ = check(capsys, "--no-cache", "--format", "sarif", ".")
    assert not (tmp_path / "cache").exists()
    _, cold, _ = check(capsys, "--format", "sarif", ".")
    (stored,) = (tmp_path / "cache").glob("sarif-rules-*.json")
    _, warm, _ = check(capsys, "--format", "sarif", ".")
    assert cold == warm == uncached
    mac, _, payload = stored.read_bytes().partition(b"\n")
    stored.write_bytes(mac + b"\n" + payload.replace(b"ANN001", b"XXX001", 1))
    _, tampered, _ = check(capsys, "--format", "sarif", ".")
    assert tampered == uncached
