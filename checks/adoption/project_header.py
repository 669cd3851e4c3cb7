# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The header of new files as the project itself states it, and the project's tools it must live with.

``prefguard init`` never writes another company's name into someone else's
repository: the copyright holder and first year come from the project's
LICENSE, else its build metadata's authors, else its git history; the
location line stays empty (no location is required) because no project file
states one. The tools that would fight the header are detected here:
pyupgrade and ruff's UP009 delete the coding line that HDR001 would demand
back (a commit loop), so the coding line is then configured empty (not
required); the line length of flake8, ruff, black or pycodestyle bounds the
generated files.
"""

import configparser
import re
import sys
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

COPYRIGHT_TEMPLATE = "# Copyright (c) {{years}} {holder}"
DEFAULT_LINE_LENGTH = 79
LICENSE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "LICENCE", "COPYING", "COPYING.txt")
LICENSE_SCAN_LINES = 40
# The copyright of a licence's own text, not of the project (GPL, LGPL, AGPL, Apache's appendix).
LICENSE_AUTHORS = ("free software foundation", "name of copyright owner", "[yyyy]", "{yyyy}", "<year>", "copyright holder")
_COPYRIGHT = re.compile(
    r"^\s*(?:#\s*)?copyright\s*(?:\(c\)|©)?\s*(?P<years>\d{4}(?:\s*[-–,]\s*\d{4})*)\s*,?\s*(?:by\s+)?(?P<holder>.+?)\s*\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProjectHeader:
    """The ``[tool.prefguard.header]`` values init writes, and a sentence per choice saying where it came from."""

    holder: str
    first_year: int
    coding: bool
    reasons: Tuple[str, ...]

    def table(self) -> Dict[str, Any]:
        """The header keys as ``[tool.prefguard.header]`` holds them."""
        return {
            "coding": "# -*- coding: utf-8 -*-" if self.coding else "",
            "copyright": COPYRIGHT_TEMPLATE.format(holder=self.holder),
            "location": "",
            "first-year": self.first_year,
        }


@dataclass(frozen=True)
class ProjectTools:
    """What the project's own formatters and linters need from a generated file."""

    removes_coding_line: str = ""
    line_length: int = DEFAULT_LINE_LENGTH
    line_length_source: str = ""


def license_copyright(text: Optional[str]) -> Optional[Tuple[str, int]]:
    """(holder, first year) of the project's copyright line in a LICENSE text, when it has one."""
    for line in (text or "").splitlines()[:LICENSE_SCAN_LINES]:
        match = _COPYRIGHT.match(line)
        if match is None or any(marker in line.lower() for marker in LICENSE_AUTHORS):
            continue
        holder = match.group("holder").strip().rstrip(".,").strip()
        holder = re.sub(r"\s*<[^>]*>\s*$", "", holder)
        if holder and not holder.lower().startswith(("notice", "and ", "owner")):
            return holder, int(match.group("years")[:4])
    return None


def project_header(
    license_name: str,
    license_text: Optional[str],
    authors: Sequence[str],
    git_authors: Sequence[str],
    first_commit_year: Optional[int],
    this_year: int,
    tools: ProjectTools,
) -> ProjectHeader:
    """The header for the project: holder and years from LICENSE, build metadata or git, in that order."""
    reasons: List[str] = []
    found = license_copyright(license_text)
    if found is not None:
        holder, first_year = found
        reasons.append(f"holder and first year from {license_name}")
    elif authors:
        holder, first_year = ", ".join(authors), first_commit_year or this_year
        reasons.append("holder from the authors of the build metadata")
    elif git_authors:
        holder, first_year = git_authors[0], first_commit_year or this_year
        reasons.append("holder: the author of most commits in the git history")
    else:
        holder, first_year = "the project's authors", this_year
        reasons.append("no LICENSE, build metadata authors or commits name a holder: edit the copyright line")
    if found is None:
        reasons.append("first year from the first commit" if first_commit_year else "first year: this year (no commits yet)")
    reasons.append("no location line (no project file states one)")
    if tools.removes_coding_line:
        reasons.append(f"no coding line: {tools.removes_coding_line} removes it, and a required one would make every commit loop")
    return ProjectHeader(holder, min(first_year, this_year), not tools.removes_coding_line, tuple(reasons))


def _hook_ids(precommit_text: Optional[str]) -> List[str]:
    try:
        data = yaml.safe_load(precommit_text or "")
    except yaml.YAMLError:
        return []
    ids = []
    for repo in (data.get("repos") or []) if isinstance(data, dict) else []:
        for hook in (repo.get("hooks") or []) if isinstance(repo, dict) else []:
            if isinstance(hook, dict) and isinstance(hook.get("id"), str):
                args = " ".join(str(arg) for arg in hook.get("args") or [])
                ids.append(f"{hook['id']} {args}".strip())
    return ids


def _ruff_lint(data: Dict[str, Any]) -> Dict[str, Any]:
    lint = data.get("lint") if isinstance(data.get("lint"), dict) else {}
    return {**{k: v for k, v in data.items() if k in ("select", "extend-select", "ignore")}, **lint}


def _selects_up009(selectors: Sequence[str], ignored: Sequence[str]) -> bool:
    def covers(selector: str) -> bool:
        return selector == "ALL" or "UP009".startswith(selector) and selector.startswith("U")

    return any(covers(str(s)) for s in selectors) and not any(covers(str(s)) for s in ignored)


def project_tools(
    pyproject_text: Optional[str], ruff_text: Optional[str], setup_cfg_text: Optional[str], flake8_text: Optional[str],
    precommit_text: Optional[str],
) -> ProjectTools:
    """The project's coding-line remover and line length, from its configuration files."""
    try:
        pyproject = tomllib.loads(pyproject_text or "")
    except tomllib.TOMLDecodeError:
        pyproject = {}
    tool = pyproject.get("tool") if isinstance(pyproject.get("tool"), dict) else {}
    try:
        ruff = tomllib.loads(ruff_text) if ruff_text else (tool.get("ruff") if isinstance(tool.get("ruff"), dict) else {})
    except tomllib.TOMLDecodeError:
        ruff = {}
    hooks = _hook_ids(precommit_text)
    remover = ""
    if any(hook.split()[0] == "pyupgrade" for hook in hooks):
        remover = "the project's pyupgrade hook"
    lint = _ruff_lint(ruff)
    if not remover and _selects_up009(list(lint.get("select", [])) + list(lint.get("extend-select", [])), lint.get("ignore", [])):
        remover = "the project's ruff (UP009 selected)"
    lengths: List[Tuple[int, str]] = []
    if isinstance(ruff.get("line-length"), int):
        lengths.append((ruff["line-length"], "ruff line-length"))
    black = tool.get("black") if isinstance(tool.get("black"), dict) else {}
    if isinstance(black.get("line-length"), int):
        lengths.append((black["line-length"], "black line-length"))
    for name, text in (("setup.cfg", setup_cfg_text), (".flake8", flake8_text)):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text or "")
        except configparser.Error:
            continue
        for section in ("flake8", "pycodestyle"):
            value = parser.get(section, "max-line-length", fallback="").strip()
            if value.isdigit():
                lengths.append((int(value), f"{name} [{section}] max-line-length"))
    for hook in hooks:
        match = re.search(r"--max-line-length[= ](\d+)", hook)
        if match:
            lengths.append((int(match.group(1)), f"the {hook.split()[0]} hook's --max-line-length"))
    uses_flake8 = any(hook.split()[0] in ("flake8", "pycodestyle") for hook in hooks)
    if lengths:
        length, source = min(lengths)
    elif uses_flake8:
        length, source = DEFAULT_LINE_LENGTH, "flake8's default"
    else:
        length, source = DEFAULT_LINE_LENGTH, ""
    return ProjectTools(remover, length, source)
