# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The ``prefguard`` command of an installed distribution (also ``python -m prefguard``).

A wheel of prefguard claims one top-level import name, ``prefguard``: its two
code packages are installed as ``prefguard/_lib/checks`` and
``prefguard/_lib/hooks``, so a user's own ``checks`` or ``hooks`` package is
never shadowed, overwritten or removed by ``pip uninstall``. The code keeps its
absolute imports (``from checks.engine ...``): this launcher puts the private
folder first on the search path of the prefguard process only, then runs
``hooks.cli``. From a checkout or an editable install there is no ``_lib``
folder and the repository root (the folder above this one) takes its place.
"""

import importlib
import sys
from pathlib import Path

PRIVATE_FOLDER = "_lib"


def code_root() -> Path:
    """The folder that holds prefguard's ``checks`` and ``hooks`` packages."""
    here = Path(__file__).resolve().parent
    private = here / PRIVATE_FOLDER
    return private if (private / "hooks" / "cli.py").is_file() else here.parent


def entry() -> None:
    """Console-script entry point: prefguard's code first on the path, then ``hooks.cli``."""
    root = str(code_root())
    sys.path[:] = [root] + [entry_path for entry_path in sys.path if entry_path != root]
    cli = importlib.import_module("hooks.cli")
    cli.entry()


if __name__ == "__main__":
    entry()
