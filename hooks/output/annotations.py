# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""GitHub workflow commands that become pull-request annotations, chosen for GitHub's limits.

GitHub shows at most 10 annotations of each type (error, warning, notice) of
a step, in the order the step printed them, and 50 of a job. So the
findings the change introduced (``--new-since``) are printed first, as
errors; findings on lines the change did not touch are warnings; at most
:data:`PER_TYPE` of each are printed, and one notice counts the rest and
says where they are. Notebook findings point at the line of the ``.ipynb``
file, their cell and cell line in the title.
"""

from typing import List, Optional, Sequence

from checks.engine.finding import Finding
from hooks.output.context import ReportContext, prioritized

PER_TYPE = 10


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(kind: str, finding: Finding, context: ReportContext) -> str:
    """One ``::error`` or ``::warning`` command for a finding."""
    line, column, end_line, end_column = context.file_region(finding)
    title = finding.code
    if finding.cell is not None:
        title = f"{finding.code} (cell {finding.cell}, line {finding.line})"
    properties = (
        f"file={escape_property(finding.path)},line={line},col={column},"
        f"endLine={end_line},endColumn={end_column},title={escape_property(title)}"
    )
    return f"::{kind} {properties}::{escape_data(finding.code + ' ' + finding.message)}"


def format_github(findings: Sequence[Finding], context: Optional[ReportContext] = None, per_type: int = PER_TYPE) -> str:
    """Annotations for the findings GitHub will show, the change's own first, and a notice counting the rest."""
    context = context or ReportContext()
    if context.introduced is None:
        groups = [("error", list(findings))]
    else:
        first, rest = prioritized(findings, context)
        groups = [("error", first), ("warning", rest)]
    lines: List[str] = []
    for kind, group in groups:
        lines.extend(annotation(kind, finding, context) for finding in group[:per_type])
    shown = len(lines)
    if shown < len(findings):
        text = (
            f"prefguard: {len(findings)} findings, {shown} annotated (GitHub shows {per_type} annotations of a type per step"
            + ("; the change's own come first as errors" if context.introduced is not None else "")
            + "); the job summary and code scanning list the others"
        )
        lines.append(f"::notice title=prefguard::{escape_data(text)}")
    return "\n".join(lines) + ("\n" if lines else "")
