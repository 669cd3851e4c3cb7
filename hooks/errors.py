# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Errors that end a command with exit status 2 and a message saying how to fix it."""


class UsageError(Exception):
    """A usage, configuration or environment problem (exit 2)."""


class InternalError(Exception):
    """A bug in prefguard, raised with the file that was being processed (exit 2)."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(f"internal error while processing {path}: {type(error).__name__}: {error}")
        self.path = path
