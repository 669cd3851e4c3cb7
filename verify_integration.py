# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Integration verification of this repository (policy section 9).

Runs ``prefguard verify`` on the project root with the entry points and
critical modules of ``[tool.prefguard.integration]`` in pyproject.toml.
Options are those of ``prefguard verify``: ``--entry``, ``--tests``,
``--run CMD``, ``--format``. Exit status 1 when a critical module is NOT
WIRED or another INT finding is reported, 2 on a usage or environment error.
"""

import os
import sys

from hooks.commands.verify import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], start=os.path.dirname(os.path.abspath(__file__))))
