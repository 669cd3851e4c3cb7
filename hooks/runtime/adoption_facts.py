# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What ``prefguard init`` reads from the project and its surroundings: git, files, the hook source.

The pure decisions live in ``checks.adoption`` (the header from LICENSE,
metadata and history; the project's tools); this module gathers their
inputs: git history, optional configuration files, the HEAD of a local hook
repository.
"""

import argparse
import subprocess
from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from checks.adoption.precommit_config import CONFIG_FILE, DEFAULT_HOOK_REPOSITORY, SYSTEM, HookSource
from checks.adoption.project_header import LICENSE_FILES, ProjectHeader, ProjectTools, project_header, project_tools
from checks.analysis.project_metadata import ProjectMetadata
from checks.config.settings import DEFAULT_HEADER, Settings
from hooks.version import VERSION


def local_revision(repo: str, root: Path) -> Optional[str]:
    """The HEAD commit of a hook repository given as a local path, relative to the project root as pre-commit reads it.

    None for a URL or a folder that is not a git repository.
    """
    folder = root / repo
    if "://" in repo or repo.startswith("git@") or not folder.is_dir():
        return None
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def hook_source(args: argparse.Namespace, root: Path) -> HookSource:
    """The hooks' source from ``--hooks``, ``--hook-repo`` and ``--hook-rev``."""
    if args.hooks == "system":
        return SYSTEM
    repo = args.hook_repo or DEFAULT_HOOK_REPOSITORY
    return HookSource(repo, args.hook_rev or local_revision(repo, root) or f"v{VERSION}")


def git_lines(root: Path, *args: str) -> List[str]:
    """The output lines of a git command (none when it fails: a repository without commits)."""
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
    return [line.strip() for line in done.stdout.splitlines() if line.strip()] if done.returncode == 0 else []


def optional_text(root: Path, relative: str) -> Optional[str]:
    """A file's text (undecodable bytes replaced), or None when it is absent or unreadable."""
    path = root / relative
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
    except OSError:
        return None


def derive_header(root: Path, settings: Settings, metadata: ProjectMetadata, today: date) -> Tuple[Optional[ProjectHeader], ProjectTools]:
    """The header from the project (None when the configuration names a holder of its own) and the project's tools."""
    texts = {name: optional_text(root, name) for name in ("pyproject.toml", "ruff.toml", ".ruff.toml", "setup.cfg", ".flake8", CONFIG_FILE)}
    tools = project_tools(
        texts["pyproject.toml"], texts["ruff.toml"] or texts[".ruff.toml"], texts["setup.cfg"], texts[".flake8"], texts[CONFIG_FILE]
    )
    if settings.table("header")["copyright"] != DEFAULT_HEADER["copyright"]:
        return None, tools
    license_name = next((name for name in LICENSE_FILES if (root / name).is_file()), "LICENSE")
    years = git_lines(root, "log", "--max-parents=0", "--format=%ad", "--date=format:%Y")
    counted = git_lines(root, "shortlog", "-sn", "--no-merges", "HEAD")
    authors = [line.split("\t", 1)[-1] for line in counted]
    first = min((int(year) for year in years if year.isdigit()), default=None)
    header = project_header(license_name, optional_text(root, license_name), metadata.authors, authors, first, today.year, tools)
    return header, tools
