# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""English-only detection (policy section 4): is a text or a name not in English?

``detect_prose`` judges comments, docstrings, messages and paragraphs;
``detect_identifier`` judges names. Both return a :class:`Verdict` only when
confident, and ``None`` otherwise. The word lexicon is loaded lazily on first use.
"""

from checks.english.detector import Verdict, detect_identifier, detect_prose

__all__ = ["Verdict", "detect_identifier", "detect_prose"]
