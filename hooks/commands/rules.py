# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard rules``: every code with its policy section and summary."""

import argparse
import json

from checks.engine.catalogue import all_docs
from hooks.output.report import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Text table (default) or json."""
    parser.add_argument("--format", choices=FORMATS, default="text")


def run(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    docs = all_docs()
    if args.format == "json":
        rows = [{"code": d.code, "section": d.section, "summary": d.summary, "fixable": d.fixable} for d in docs]
        print(json.dumps(rows, indent=2))
        return 0
    for doc in docs:
        marker = "*" if doc.fixable else " "
        print(f"{doc.code} {marker} §{doc.section:<6} {doc.summary}", flush=True)
    return 0
