# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Suite-wide pytest configuration: the markers every test folder may use."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` marker: the second tier, which .ci/run runs after the fast one."""
    config.addinivalue_line(
        "markers",
        "slow: heavy tests (fuzzing at scale, training and DDP runs, workflow linters, pre-commit end to end, "
        "large commits, many processes); the fast tier is pytest -m 'not slow'",
    )
