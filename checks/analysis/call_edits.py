# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Edits of call nodes shared by the fixes of several rules."""

import libcst as cst


def with_keyword(call: cst.Call, keyword: str, value: cst.BaseExpression) -> cst.Call:
    """The call with ``keyword=value`` appended, keeping the layout of multi-line calls."""
    added = cst.Arg(
        keyword=cst.Name(keyword),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    args = list(call.args)
    if not args:
        return call.with_changes(args=[added])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):
        separator = call.whitespace_before_args
        if not isinstance(separator, cst.ParenthesizedWhitespace):
            separator = cst.SimpleWhitespace(" ")
        args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=separator))
        args.append(added.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(added)
    return call.with_changes(args=args)
