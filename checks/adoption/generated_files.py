# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The text of the two files ``prefguard init`` writes whole: the verify script and the workflow.

``verify_integration.py`` (policy section 9) starts with the project's
configured header and runs ``prefguard verify`` on its own folder. Its body
fits flake8's default 79 columns, is laid out as black and ruff format lay it
out, and uses nothing pyupgrade or ruff's UP rules rewrite (no ``typing``
aliases), so the project's own hooks leave it alone at the first commit.
``.github/workflows/prefguard.yml`` runs the prefguard Action hardened like
prefguard's own CI: read-only token by default, the SARIF grants on the one
job, a timeout, a checkout without persisted credentials, every third-party
action pinned to a full commit SHA with its version in a comment.
"""

import re
from typing import Any, Dict

CHECKOUT_PIN = "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2"
ACTION_REPOSITORY = "fragmergent/prefguard"
FULL_SHA = re.compile(r"^[0-9a-f]{40}$")


def header_lines(header: Dict[str, Any], year: int) -> str:
    """The configured policy header for a new file written in ``year``."""
    first = int(header["first-year"])
    years = f"{first}-{year}" if first < year else str(year)
    lines = [header["coding"], header["copyright"].replace("{years}", years), header["location"]]
    return "\n".join(line.rstrip() for line in lines if line.strip()) + "\n"


VERIFY_BODY = '''"""Integration verification of this project (policy section 9).

Runs ``prefguard verify`` on the folder of this file: it parses the entry
points named in the prefguard configuration, scans every .py file, classifies
each module as WIRED / NOT WIRED / DUPLICATE and prints counted totals.
Options are those of ``prefguard verify`` (``--entry``, ``--tests``,
``--run CMD``, ``--format``). Exit status 1 when a critical module is NOT
WIRED or another integration finding is reported, 2 when prefguard is not
installed or the configuration is wrong.
"""

import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))


def find_prefguard() -> str:
    """The prefguard command beside this interpreter, else on PATH ("")."""
    beside = shutil.which("prefguard", path=os.path.dirname(sys.executable))
    return beside or shutil.which("prefguard") or ""


def main(argv: list) -> int:
    """Run ``prefguard verify`` on this project; its exit status."""
    command = find_prefguard()
    if not command:
        print(
            "[ERROR] prefguard is not installed in this environment: "
            "install the wheel of a prefguard release or a checkout "
            "(python -m pip install PATH)",
            file=sys.stderr,
        )
        return 2
    return subprocess.call([command, "verify", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
'''


def verify_script(header: Dict[str, Any], year: int) -> str:
    """The whole ``verify_integration.py``."""
    return header_lines(header, year) + VERIFY_BODY


def action_pin(ref: str, version: str) -> str:
    """The ``uses:`` value of the prefguard Action: a commit SHA with its version, or the release tag."""
    if FULL_SHA.match(ref):
        return f"{ACTION_REPOSITORY}@{ref} # v{version}"
    return f"{ACTION_REPOSITORY}@{ref} # pin to the release's commit SHA: prefguard init --github --action-ref SHA"


def workflow(action_ref: str, version: str) -> str:
    """The whole ``.github/workflows/prefguard.yml``."""
    return f"""# prefguard on every pull request and every push to main, written by `prefguard init --github`.
# The token is read-only except for the SARIF upload of the one job; actions are pinned to commits.
name: prefguard

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: prefguard-${{{{ github.event.pull_request.number || github.ref }}}}
  cancel-in-progress: true

jobs:
  prefguard:
    name: prefguard check (annotations, SARIF, summary)
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      security-events: write # SARIF upload to code scanning
      actions: read # needed by the SARIF upload in private repositories
    steps:
      - name: Check out
        uses: {CHECKOUT_PIN}
        with:
          persist-credentials: false

      - name: Check the repository with prefguard
        uses: {action_pin(action_ref, version)}
        with:
          args: "."
          # A pull request from a fork gets a read-only token: code scanning cannot take its SARIF.
          sarif: ${{{{ github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository }}}}
          summary: "true"
"""
