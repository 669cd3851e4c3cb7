# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard docs``: generate prefguard's own reference documentation (docs/) or check it is current.

The pages come from the code itself: the rule classes and the catalogue, the
argparse parsers of the commands, the configuration defaults, the memory-file
schemas and the guard's constants. ``--check`` (the default) exits 1 naming
every page that differs from what the code generates; ``--write`` rewrites
those pages atomically and removes rule pages of codes that no longer exist.
"""

import argparse
import os
from pathlib import Path
from typing import Dict, List

from hooks.errors import UsageError
from hooks.runtime.files import write_atomically

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def render_all(root: Path = SOURCE_ROOT) -> Dict[str, str]:
    """Every generated page, keyed by its path relative to docs/."""
    from hooks.docs.cli_page import render_cli_page
    from hooks.docs.config_page import render_config_page
    from hooks.docs.index_page import render_index_page
    from hooks.docs.memory_page import render_guard_page, render_memory_page
    from hooks.docs.rule_pages import render_rule_pages

    pages = render_rule_pages(root)
    pages["cli.md"] = render_cli_page()
    pages["configuration.md"] = render_config_page()
    pages["memory-files.md"] = render_memory_page()
    pages["guard.md"] = render_guard_page()
    pages["README.md"] = render_index_page()
    return dict(sorted(pages.items()))


def stale_pages(output: Path, pages: Dict[str, str]) -> List[str]:
    """Generated pages in ``output`` that the code no longer produces (rule pages of removed codes)."""
    rules = output / "rules"
    if not rules.is_dir():
        return []
    present = [f"rules/{path.name}" for path in sorted(rules.glob("*.md"))]
    return [name for name in present if name not in pages]


def out_of_date(output: Path, pages: Dict[str, str]) -> List[str]:
    """Pages whose file is missing or differs from the generated text."""
    changed = []
    for name, text in pages.items():
        target = output / name
        if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
            changed.append(name)
    return changed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--check`` (default) or ``--write``, and the output folder."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 when a generated page is missing or out of date (the default)")
    mode.add_argument("--write", action="store_true", help="write the pages that differ and remove stale rule pages")
    parser.add_argument("--output", metavar="DIR", default=None, help="the docs folder (default: docs/ of the prefguard source tree)")


def run(args: argparse.Namespace) -> int:
    """Generate, then compare or write."""
    output = Path(os.path.relpath(args.output or SOURCE_ROOT / "docs"))
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output}: not a folder")
    pages = render_all()
    changed = out_of_date(output, pages)
    stale = stale_pages(output, pages)
    if args.write:
        for name in changed:
            write_atomically(output / name, pages[name].encode("utf-8"))
            print(f"[OK] wrote {output / name}", flush=True)
        for name in stale:
            (output / name).unlink()
            print(f"[OK] removed {output / name}", flush=True)
        print(f"[OK] {output}: {len(pages)} page(s), {len(changed)} written, {len(stale)} removed", flush=True)
        return 0
    for name in changed:
        print(f"[ERROR] {output / name} is out of date", flush=True)
    for name in stale:
        print(f"[ERROR] {output / name} documents a code that no longer exists", flush=True)
    if changed or stale:
        print("[INFO] run 'prefguard docs --write' and commit the result", flush=True)
        return 1
    print(f"[OK] {output}: {len(pages)} page(s) up to date", flush=True)
    return 0
