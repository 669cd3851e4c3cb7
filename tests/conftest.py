# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Suite-wide pytest configuration: the markers every test folder may use."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` marker (end-to-end tests; they still run in .ci/run)."""
    config.addinivalue_line(
        "markers",
        "slow: end-to-end tests with real git, pre-commit and hook environments (deselect with -m 'not slow')",
    )
