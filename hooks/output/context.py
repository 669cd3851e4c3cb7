# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What the output formats may know beyond the findings: the checked files and what the change introduced.

Every format works without it (the guard and ``verify`` pass none); ``check``
passes the checked files, so that notebook findings can be placed at the
line of the ``.ipynb`` file, SARIF fingerprints can read a finding's line, and,
with ``--new-since REF``, which findings lie on lines changed since REF: those
come first wherever GitHub shows only some of them.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple

from checks.engine.finding import Finding

Region = Tuple[int, int, int, int]


@dataclass
class ReportContext:
    """The checked files by display path (objects with ``relative``, ``absolute`` and ``data``), the change, and
    the findings cache's folder (None with ``--no-cache``), where SARIF keeps its rules table."""

    sources: Mapping[str, Any] = field(default_factory=dict)
    introduced: Optional[Callable[[Finding], bool]] = None
    cache_folder: Optional[Path] = None
    _notebooks: Dict[str, Any] = field(default_factory=dict)

    def is_introduced(self, finding: Finding) -> bool:
        """Whether the change introduced the finding (False when no change is known)."""
        return self.introduced is not None and self.introduced(finding)

    def data_of(self, path: str) -> Optional[bytes]:
        """The checked bytes of a display path (read from disk when the run did not keep them)."""
        source = self.sources.get(path)
        if source is not None and getattr(source, "data", None) is not None:
            return source.data
        candidate = Path(source.absolute) if source is not None else Path(path)
        try:
            return candidate.read_bytes()
        except OSError:
            return None

    def file_region(self, finding: Finding) -> Region:
        """The finding's region in the file as GitHub renders it: notebook cell positions become ``.ipynb`` lines."""
        region = (finding.line, finding.column, finding.end_line, finding.end_column)
        if finding.cell is None:
            return region
        positions = self._notebook(finding.path)
        if positions is None:
            return region
        start = positions.file_position(finding.cell, finding.line, finding.column)
        end = positions.file_position(finding.cell, finding.end_line, finding.end_column)
        if start is None or end is None:
            return region
        return (start[0], start[1], end[0], end[1])

    def _notebook(self, path: str) -> Any:
        if path not in self._notebooks:
            from checks.files.notebook_positions import NotebookPositions

            data = self.data_of(path)
            self._notebooks[path] = NotebookPositions(data.decode("utf-8", "replace")) if data is not None else None
        return self._notebooks[path]


def prioritized(findings: Sequence[Finding], context: ReportContext) -> Tuple[list, list]:
    """The findings the change introduced and the others, each in the given order."""
    first, rest = [], []
    for finding in findings:
        (first if context.is_introduced(finding) else rest).append(finding)
    return first, rest


def introduced_since(root: Path, base: str, sources: Mapping[str, Any]) -> Callable[[Finding], bool]:
    """A predicate: does a finding lie on a line changed between ``base`` and HEAD (or in a new file)?"""
    from checks.baseline.changed_scope import in_change
    from hooks.vcs.changed_lines import changed_lines

    changed = changed_lines(root, from_ref=base, to_ref="HEAD")

    def introduced(finding: Finding) -> bool:
        source = sources.get(finding.path)
        if source is None:
            return False
        data = source.data
        return in_change(finding, changed.for_file(source.absolute, (lambda: data) if data is not None else source.absolute.read_bytes))

    return introduced
