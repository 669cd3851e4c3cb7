# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``# prefguard: ignore[CODE, ...]`` comments: where they are and what they silence."""

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Dict, FrozenSet, List

from checks.config.codes import ALL_CODES

MARKER = "prefguard:"
_DIRECTIVE = re.compile(r"#\s*prefguard:\s*ignore\b(?P<rest>[^#]*)", re.IGNORECASE)
_CODES = re.compile(r"^\[(?P<codes>[^\]]*)\]")


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: its line, column and the codes it names."""

    line: int
    column: int
    codes: FrozenSet[str]
    problem: str = ""


def _comments(source: str) -> List[tuple]:
    """Real comments only (not text inside strings), via the tokenizer."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and MARKER in token.string.lower():
                found.append((token.start[0], token.start[1], token.string))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return found
    return found


def find_suppressions(source: str) -> Dict[int, Suppression]:
    """All suppression comments of a file, by line. Cheap when there are none."""
    if MARKER not in source.lower():
        return {}
    result: Dict[int, Suppression] = {}
    for line, column, text in _comments(source):
        directive = _DIRECTIVE.search(text)
        if directive is None:
            continue
        rest = directive.group("rest").strip()
        match = _CODES.match(rest)
        if match is None:
            result[line] = Suppression(line, column + 1, frozenset(), "suppression without a code: name the codes, e.g. # prefguard: ignore[ANN001]")
            continue
        codes = frozenset(code.strip().upper() for code in match.group("codes").split(",") if code.strip())
        unknown = sorted(code for code in codes if code not in ALL_CODES)
        if not codes:
            problem = "suppression without a code: name the codes, e.g. # prefguard: ignore[ANN001]"
        elif unknown:
            problem = f"suppression names unknown code(s): {', '.join(unknown)}"
        else:
            problem = ""
        result[line] = Suppression(line, column + 1, codes, problem)
    return result
