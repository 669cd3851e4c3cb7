# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""HDR002: a new file carries the team's copyright block, with a current year range."""

from typing import Any, List

import libcst as cst

from checks.engine.finding import Fix
from checks.analysis.header_text import (
    after_coding_position,
    coding_line_index,
    comment_text,
    copyright_pattern,
    has_shebang,
    header_applies,
    insert_header_lines,
    leading_comment_lines,
    replace_header_line,
    required_year,
)
from checks.engine.rule import FileContext, Invalid, Rule, Valid

HEADER = "# -*- coding: utf-8 -*-\n"
COPYRIGHT = "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
LOCATION = "# Cluj-Napoca, Romania\n"


class CopyrightBlockRule(Rule):
    """Flags a new standalone file without the copyright and location lines."""

    code = "HDR002"
    section = "5"
    summary = "new standalone .py file without the copyright block (holder, location, current year range)"
    rationale = (
        "Every new file names its copyright holder and location, and the year range "
        "reaches the year of the change, so ownership is never in doubt."
    )
    fixable = True
    exemptions = (
        'Modified files (only new files must carry the header), and paths matched by [header] exempt: '
        '__init__.py, tests/, test_*.py, *_test.py, conftest.py, setup.py, conf.py, config/, configs/, conf/ '
        'and settings*.py by default.'
    )
    valid = (
        Valid(HEADER + COPYRIGHT + LOCATION + "x = 1\n"),
        Valid(HEADER + "# Copyright (c) 2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n" + LOCATION),
        Valid("x = 1\n", path="pkg/__init__.py"),
        Valid("x = 1\n", path="tests/conftest.py"),
        Valid("batch_size = 12\nmax_iters = 5000\n", path="config/train_shakespeare_char.py"),
        Valid("DEBUG = False\n", path="project/settings.py"),
        Valid("from app import main\n\ndef test_main() -> None:\n    main()\n", path="app/main_test.py"),
        Valid("x = 1\n", is_new=False),
    )
    invalid = (
        Invalid(HEADER + "x = 1\n", fixed=HEADER + COPYRIGHT + LOCATION + "x = 1\n", line=2),
        Invalid(HEADER + COPYRIGHT + "x = 1\n", fixed=HEADER + COPYRIGHT + LOCATION + "x = 1\n", line=3),
        Invalid(
            HEADER + "# Copyright (c) 2024-2025 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n" + LOCATION,
            fixed=HEADER + COPYRIGHT + LOCATION,
            line=2,
        ),
        Invalid(HEADER + "# Copyright (c) 2024-2026 Someone Else\n" + LOCATION + "x = 1\n", line=2),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only new files outside the exempt globs."""
        return header_applies(context)

    def finish(self, module: Any) -> None:
        """Compare the leading comment block with the configured template."""
        header = self.context.settings.table("header")
        year = required_year(header)
        years = f"{header['first-year']}-{year}" if header["first-year"] < year else str(year)
        copyright_text = comment_text(header["copyright"].replace("{years}", years))
        location_text = comment_text(header["location"])
        block = leading_comment_lines(self.context.lines)
        pattern = copyright_pattern(header["copyright"])
        copyright_index = next((i for i, line in enumerate(block) if pattern.match(line)), None)
        # An empty location configures no location line.
        has_location = not str(header["location"]).strip() or any(line.strip() == location_text for line in block)
        coding = coding_line_index(self.context.lines)
        anchor = coding + 1 if coding is not None else (1 if has_shebang(self.context.lines) else 0)

        if copyright_index is None:
            missing: List[str] = [copyright_text] + ([] if has_location else [location_text])

            def add_block(tree: cst.Module) -> cst.Module:
                return insert_header_lines(tree, after_coding_position(tree), missing)

            self.report_at(
                anchor + 1,
                1,
                f"missing copyright line: add {copyright_text!r}" + ("" if has_location else f" and {location_text!r}"),
                fix=Fix("add the copyright block", edit_module=add_block),
            )
            return
        match = pattern.match(block[copyright_index])
        last = int(match.group("last") or match.group("first"))
        if last < year:
            first = match.group("first")

            def renew_years(tree: cst.Module) -> cst.Module:
                return replace_header_line(tree, copyright_index, comment_text(header["copyright"].replace("{years}", f"{first}-{year}")))

            self.report_at(
                copyright_index + 1,
                1,
                f"copyright year range ends in {last}; it must reach {year}",
                fix=Fix("extend the copyright year range", edit_module=renew_years),
            )
        if not has_location:

            def add_location(tree: cst.Module) -> cst.Module:
                return insert_header_lines(tree, copyright_index + 1, [location_text])

            self.report_at(
                copyright_index + 2,
                1,
                f"missing location line after the copyright line: add {location_text!r}",
                fix=Fix("add the location line", edit_module=add_location),
            )
