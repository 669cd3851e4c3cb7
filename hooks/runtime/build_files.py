# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Read a project's build files (pyproject.toml, setup.cfg, setup.py) as text.

The parsing is :mod:`checks.analysis.project_metadata`'s; this module only
reads the files that exist at the project root. ``setup.py`` is read as text
and never executed.
"""

from pathlib import Path
from typing import Dict

from checks.analysis.project_metadata import PYPROJECT, SETUP_CFG, SETUP_PY, MetadataError, ProjectMetadata, read_metadata

BUILD_FILES = (PYPROJECT, SETUP_CFG, SETUP_PY)


def build_file_texts(root: Path) -> Dict[str, str]:
    """The text of each build file at ``root`` (missing files left out).

    Raises :class:`MetadataError` naming the file when one exists but cannot
    be read as UTF-8 text.
    """
    texts: Dict[str, str] = {}
    for name in BUILD_FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            texts[name] = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise MetadataError(name, f"cannot be read: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise MetadataError(name, f"is not UTF-8 text (byte {error.start})") from error
    return texts


def project_metadata(root: Path) -> ProjectMetadata:
    """The combined metadata of the build files at ``root``; :class:`MetadataError` names a broken file."""
    return read_metadata(build_file_texts(root))
