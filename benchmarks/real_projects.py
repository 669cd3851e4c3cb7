# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Run ``prefguard check`` over real open-source projects and print the findings per code.

The projects are checkouts the user fetched (nothing is downloaded here): every
folder directly inside the given folder is one project. Each project is
checked as a new user would check it, in a fresh process started in the
project's own folder, with no cache and no configuration of ours; the table
shows, per project, the Python files and lines, the seconds taken and the
findings of every code, then the totals. A file prefguard cannot parse is a
PGX002 finding; a crash of the command (exit status 2 or above) is reported
as such and stops nothing.

``--show CODE`` prints every finding of the given codes with the source line
it points at, for reading the judgement-heavy rules by hand (the README lists
the projects this was done on and the counts found).

    python benchmarks/real_projects.py CHECKOUTS [--show TRN002,INH001] [--output FILE]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"})
JUDGEMENT_CODES = ("INH001", "TRN001", "TRN002", "TRN003", "SEP001", "NAM003", "ENC001", "PRN002", "LOG001", "SEC001", "STB002")
RESULT_LIMIT_SECONDS = 900


def python_files(root: Path) -> List[Path]:
    """The project's Python files, outside virtual environments and hidden or build folders."""
    found = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts[:-1]):
            continue
        if path.is_file():
            found.append(path)
    return found


def line_count(paths: Sequence[Path]) -> int:
    """Lines of the files (bytes read, so any encoding counts)."""
    return sum(path.read_bytes().count(b"\n") for path in paths)


def check_project(root: Path) -> Tuple[int, float, List[Dict[str, Any]], str]:
    """(exit status, seconds, findings, stderr tail) of ``prefguard check . --no-cache --format json`` in ``root``."""
    command = [sys.executable, "-m", "hooks.cli", "check", ".", "--no-cache", "--format", "json"]
    started = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=RESULT_LIMIT_SECONDS,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    seconds = time.perf_counter() - started
    try:
        findings = json.loads(result.stdout) if result.stdout.strip() else []
    except json.JSONDecodeError:
        findings = []
    return result.returncode, seconds, findings, result.stderr[-600:]


def source_line(root: Path, finding: Dict[str, Any]) -> str:
    """The line a finding points at, stripped (empty when unreadable)."""
    try:
        lines = (root / finding["path"]).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return ""
    index = int(finding.get("line", 1)) - 1
    return lines[index].strip()[:120] if 0 <= index < len(lines) else ""


def print_table(rows: List[Dict[str, Any]]) -> None:
    """Projects as rows; files, lines, seconds, status, then each code found anywhere."""
    codes = sorted({code for row in rows for code in row["codes"]})
    header = ["project", "files", "lines", "seconds", "exit"] + codes
    table = [header]
    for row in rows:
        table.append(
            [row["project"], str(row["files"]), str(row["lines"]), f"{row['seconds']:.1f}", str(row["exit"])]
            + [str(row["codes"].get(code, 0)) for code in codes]
        )
    totals = Counter()
    for row in rows:
        totals.update(row["codes"])
    table.append(
        ["TOTAL", str(sum(r["files"] for r in rows)), str(sum(r["lines"] for r in rows)),
         f"{sum(r['seconds'] for r in rows):.1f}", "-"] + [str(totals.get(code, 0)) for code in codes]
    )
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]
    for line in table:
        print("  ".join(cell.rjust(width) if index else cell.ljust(width) for index, (cell, width) in enumerate(zip(line, widths))), flush=True)


def main(argv: Sequence[str]) -> int:
    """Check every project folder of CHECKOUTS; exit 2 when the folder is missing or holds no project."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("checkouts", type=Path, help="a folder whose sub-folders are project checkouts")
    parser.add_argument("--show", default="", help="comma-separated codes whose findings are printed with their line")
    parser.add_argument("--output", type=Path, help="also write the findings of every project to this JSON file")
    args = parser.parse_args(argv)
    if not args.checkouts.is_dir():
        print(f"[ERROR] {args.checkouts} is not a folder", file=sys.stderr)
        return 2
    projects = sorted(path for path in args.checkouts.iterdir() if path.is_dir() and not path.name.startswith("."))
    if not projects:
        print(f"[ERROR] {args.checkouts} holds no project folder", file=sys.stderr)
        return 2
    show = {code.strip().upper() for code in args.show.split(",") if code.strip()}
    rows: List[Dict[str, Any]] = []
    everything: Dict[str, List[Dict[str, Any]]] = {}
    for root in projects:
        files = python_files(root)
        status, seconds, findings, errors = check_project(root)
        print(f"[INFO] {root.name}: {len(files)} files, exit {status}, {len(findings)} findings in {seconds:.1f} s", flush=True)
        if status >= 2:
            print(f"[WARN] {root.name}: prefguard exited {status}: {errors}", flush=True)
        rows.append({
            "project": root.name, "files": len(files), "lines": line_count(files), "seconds": seconds, "exit": status,
            "codes": dict(Counter(finding["code"] for finding in findings)),
        })
        everything[root.name] = findings
        for finding in findings:
            if finding["code"] in show:
                print(f"    {finding['code']} {finding['path']}:{finding['line']}: {finding['message'][:100]}", flush=True)
                print(f"        | {source_line(root, finding)}", flush=True)
    print("", flush=True)
    print_table(rows)
    print(f"\n[INFO] judgement-heavy codes to read by hand: {', '.join(JUDGEMENT_CODES)} (use --show)", flush=True)
    if args.output is not None:
        temporary = args.output.with_name(args.output.name + ".tmp")
        temporary.write_text(json.dumps({"rows": rows, "findings": everything}, indent=1), encoding="utf-8")
        temporary.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
