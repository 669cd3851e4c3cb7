# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``python -m training`` (or ``torchrun --nproc_per_node=N -m training``)."""

from training.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
