# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""docs/README.md: the table of contents of the generated reference."""

from hooks.docs.markdown import table

PAGES = [
    ["[rules/README.md](rules/README.md)", "every code: what it flags, why, exemptions and settings, examples, fix"],
    ["[cli.md](cli.md)", "every command and option, and the exit status"],
    ["[configuration.md](configuration.md)", "every `[tool.prefguard]` key with its type and default"],
    ["[memory-files.md](memory-files.md)", "the formats of the `.claude/` memory files"],
    ["[guard.md](guard.md)", "the guard's contract: codes, protected files, approvals, exit status"],
]


def render_index_page() -> str:
    """docs/README.md."""
    return "\n".join(
        [
            "# prefguard reference",
            "",
            "Generated from the code by `prefguard docs --write`; `prefguard docs --check` (and the test suite)",
            "fails when a page is out of date. Do not edit these files by hand: change the code they come",
            "from (a rule class, `checks/engine/catalogue.py`, a command's `add_arguments`,",
            "`checks/config/settings.py` with `checks/config/option_docs.py`, the memory-file schemas) and",
            "regenerate.",
            "",
            table(["page", "contents"], PAGES),
            "",
        ]
    )
