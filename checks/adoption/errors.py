# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The one error of the adoption content builders: a file of the repository that cannot be used."""


class AdoptionInputError(ValueError):
    """A file ``prefguard init`` must read or extend is broken: ``path`` names it, ``problem`` says how."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
