# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard explain CODE``: what a code flags, why, and bad/good examples."""

import argparse
import json

from checks.engine.catalogue import describe
from hooks.errors import UsageError
from hooks.output.report import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One code; text (default) or json."""
    parser.add_argument("code", help="a code such as ANN001")
    parser.add_argument("--format", choices=FORMATS, default="text")


def run(args: argparse.Namespace) -> int:
    """Print the documentation of the code."""
    try:
        doc = describe(args.code)
    except KeyError as error:
        raise UsageError(f"unknown code {args.code!r}; 'prefguard rules' lists every code") from error
    if args.format == "json":
        print(json.dumps({"code": doc.code, "section": doc.section, "summary": doc.summary, "rationale": doc.rationale,
                          "exemptions": doc.exemptions, "bad": list(doc.bad), "good": list(doc.good),
                          "fixable": doc.fixable}, indent=2))
    elif args.format in ("summary", "sarif", "github"):
        print(doc.as_markdown())
    else:
        print(doc.as_text(), end="")
    return 0
