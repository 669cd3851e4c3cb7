# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""HDR001: a new file must declare its encoding on its first line."""

from typing import Any

import libcst as cst

from checks.engine.finding import Fix
from checks.analysis.header_text import coding_line_index, comment_text, has_shebang, header_applies, insert_header_lines
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class CodingLineRule(Rule):
    """Flags a new standalone file without the PEP 263 coding line."""

    code = "HDR001"
    section = "5"
    summary = "new standalone .py file without the coding line as line 1 (line 2 after a shebang)"
    rationale = (
        "The policy's header starts every new file with the PEP 263 coding line, so "
        "editors and tools agree on the encoding and every file of the team looks alike."
    )
    fixable = True
    exemptions = (
        'Modified files (only new files must carry the header), and paths matched by [header] exempt: '
        '__init__.py, tests/, test_*.py, *_test.py, conftest.py, setup.py, conf.py, config/, configs/, conf/ '
        'and settings*.py by default. No file when [header] coding is empty (a project whose pyupgrade or ruff '
        'UP009 removes the line).'
    )
    valid = (
        Valid("# -*- coding: utf-8 -*-\nx = 1\n"),
        Valid("#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = 1\n"),
        Valid("# -- coding: utf-8 --\nx = 1\n"),
        Valid("x = 1\n", path="pkg/__init__.py"),
        Valid("batch_size = 12\nmax_iters = 5000\n", path="config/train_shakespeare_char.py"),
        Valid("DEBUG = False\n", path="project/settings.py"),
        Valid("from app import main\n\ndef test_main() -> None:\n    main()\n", path="app/main_test.py"),
        Valid("x = 1\n", path="tests/test_things.py"),
        Valid("x = 1\n", is_new=False),
    )
    invalid = (
        Invalid("x = 1\n", fixed="# -*- coding: utf-8 -*-\nx = 1\n", line=1),
        Invalid(
            "#!/usr/bin/env python3\nx = 1\n",
            fixed="#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = 1\n",
            line=2,
        ),
        Invalid("x = 1\n# -*- coding: utf-8 -*-\n", fixed="# -*- coding: utf-8 -*-\nx = 1\n# -*- coding: utf-8 -*-\n", line=1),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only new files outside the exempt globs, when a coding line is configured (not empty)."""
        return header_applies(context) and bool(str(context.settings.table("header")["coding"]).strip())

    def finish(self, module: Any) -> None:
        """Look at the first two lines only; the tree is not needed."""
        lines = self.context.lines
        if coding_line_index(lines) is not None:
            return
        position = 1 if has_shebang(lines) else 0
        text = comment_text(self.context.settings.table("header")["coding"])

        def add_coding_line(tree: cst.Module) -> cst.Module:
            return insert_header_lines(tree, position, [text])

        self.report_at(
            position + 1,
            1,
            f"missing coding line on line {position + 1}: add {text!r}",
            fix=Fix("add the coding line", edit_module=add_coding_line),
        )
