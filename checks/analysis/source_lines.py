# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Lines of Python source as Python counts them.

``str.splitlines`` also breaks at form feed, vertical tab, U+001C..U+001E,
U+0085, U+2028 and U+2029; Python's tokenizer breaks only at ``\\r\\n``, ``\\r``
and ``\\n``. Line numbers computed with ``splitlines`` drift after any of those
characters (a form feed between functions is common in old GNU-style code), so
every rule that reads lines by number uses this split.
"""

import re
from typing import List

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def python_lines(text: str) -> List[str]:
    """The lines of ``text`` without their line breaks, split where Python splits them.

    Like ``splitlines()``, a final line break does not start an empty last line.
    """
    if not text:
        return []
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines
