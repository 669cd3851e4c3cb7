# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard report``: the findings of ``check --format json`` files in any format.

The last job of a sharded workflow merges the shards' JSON files into one
job summary (``--format summary``); any other format works too. Paths are
read as the shards wrote them (relative to the checkout), so the GitHub
formats place notebook findings from the files of the checkout.
"""

import argparse
import json
from pathlib import Path
from typing import List

from checks.engine.finding import Finding
from hooks.errors import UsageError
from hooks.output.context import ReportContext
from hooks.output.report import FORMATS, write_findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``prefguard report`` (docs/cli.md)."""
    parser.add_argument("files", nargs="+", help="JSON files written by `prefguard check --format json` (or --output json=FILE)")
    parser.add_argument("--format", choices=FORMATS, default="summary")


def read_findings(path: Path) -> List[Finding]:
    """The findings of one JSON file; exit status 2 naming the file when it is not such a file."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [Finding.from_dict(row) for row in rows]
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    except (ValueError, TypeError, KeyError) as error:
        raise UsageError(f"{path}: not a findings file of `prefguard check --format json` ({error})") from None


def run(args: argparse.Namespace) -> int:
    """Join the files (shards are disjoint), write them in the chosen format; exit 1 when there are findings."""
    findings: List[Finding] = []
    for name in args.files:
        findings.extend(read_findings(Path(name)))
    write_findings(findings, args.format, context=ReportContext())
    return 1 if findings else 0
