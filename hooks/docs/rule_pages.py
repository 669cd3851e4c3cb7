# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The rule reference, docs/rules/: one page per code and an index, in Ruff's shape.

Each page says what the code flags, why, where it is exempt and which settings
change it, a flagged and an accepted example, and how to fix it. Source rules
document themselves (their class attributes, module and class docstrings and
VALID/INVALID examples); the other codes come from ``checks.engine.catalogue``.
"""

import inspect
import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from checks.config.codes import ALL_CODES, SOURCE_RULE_MODULES
from checks.config.option_docs import OPTION_DOCS, TABLE_DOCS
from checks.engine.catalogue import CodeDoc, describe
from checks.engine.registry import rule_class
from hooks.docs.markdown import anchor, fenced, table

CODE = re.compile(r"\b([A-Z]{3}\d{3})(?:-([A-Z]{3}\d{3}))?\b")
# Files that name every code without producing findings of it.
CODE_LISTS = {
    "checks/config/codes.py",
    "checks/engine/catalogue.py",
    "checks/config/option_docs.py",
    "checks/config/policy_coverage.py",
    "checks/baseline/fingerprint.py",
}


def mentioned_codes(text: str) -> List[str]:
    """Codes named in a text, ranges such as ``ENG001-ENG005`` expanded."""
    found: List[str] = []
    for match in CODE.finditer(text):
        first, last = match.group(1), match.group(2)
        if last and last[:3] == first[:3]:
            found.extend(f"{first[:3]}{number:03d}" for number in range(int(first[3:]), int(last[3:]) + 1))
        else:
            found.append(first)
    return [code for code in found if code in ALL_CODES]


def settings_by_code() -> Dict[str, List[str]]:
    """For each code, the configuration keys whose documentation (or whose table's) names it."""
    related: Dict[str, List[str]] = {}
    for key, text in OPTION_DOCS.items():
        table_name = key.split(".", 1)[0] if "." in key else ""
        codes = mentioned_codes(text) or mentioned_codes(TABLE_DOCS.get(table_name, "") if table_name else "")
        for code in dict.fromkeys(codes):
            related.setdefault(code, []).append(key)
    return related


def producers(root: Path) -> Dict[str, List[str]]:
    """For each code, the ``checks/`` and ``hooks/`` modules that name it in a string: where its findings are made.

    Source rules are replaced by their own module in :func:`render_rule_pages`.
    """
    found: Dict[str, List[str]] = {}
    for path in sorted([*(root / "checks").rglob("*.py"), *(root / "hooks").rglob("*.py")]):
        relative = path.relative_to(root).as_posix()
        if relative in CODE_LISTS or relative.startswith("hooks/docs/"):
            continue
        text = path.read_text(encoding="utf-8")
        for code in sorted(set(re.findall(r"[\"']([A-Z]{3}\d{3})[\"']", text)) & ALL_CODES):
            found.setdefault(code, []).append(relative)
    return found


def sentence(text: str) -> str:
    """A summary as a sentence ending with a full stop (its first word may be code, so no capital)."""
    text = text.strip()
    return text + ("" if text.endswith((".", ":", "?", "!", ")")) else ".")


def _docstring_body(text: str) -> str:
    """A docstring without its first line (the summary the page already shows)."""
    lines = inspect.cleandoc(text or "").splitlines()
    return "\n".join(lines[1:]).strip()


def _prose(text: str) -> str:
    """Docstring text as Markdown: reStructuredText literals become code spans."""
    return re.sub(r"``(.+?)``", r"`\1`", text, flags=re.S)


def _details(code: str) -> str:
    """The module and class docstrings of a source rule, beyond their first lines."""
    rule = rule_class(code)
    module = inspect.getmodule(rule)
    parts = [_docstring_body(getattr(module, "__doc__", "") or ""), _docstring_body(rule.__doc__ or "")]
    return "\n\n".join(_prose(part) for part in parts if part and "see the module docstring" not in part)


def _examples(doc: CodeDoc, language: str) -> List[str]:
    lines: List[str] = []
    if doc.bad:
        lines.extend(["## Example", "", "Flagged:" if len(doc.bad) == 1 else f"Flagged ({len(doc.bad)} examples):", ""])
        for example in doc.bad:
            lines.extend([fenced(example, language), ""])
    if doc.good:
        lines.extend(["Use instead (accepted, exemptions included):" if len(doc.good) > 1 else "Use instead:", ""])
        for example in doc.good:
            lines.extend([fenced(example, language), ""])
    return lines


def _fix(code: str, doc: CodeDoc) -> List[str]:
    lines = ["## Fix", ""]
    fixed: Sequence[Tuple[str, str]] = ()
    if code in SOURCE_RULE_MODULES:
        fixed = [(example.source, example.fixed) for example in rule_class(code).invalid if example.fixed is not None]
    if doc.fixable:
        lines.append("`prefguard check --fix` applies the fix (`--diff` shows it without writing).")
        for before, after in fixed[:1]:
            lines.extend(["", "Before:", "", fenced(before, "python"), "", "After `--fix`:", "", fenced(after, "python")])
    else:
        lines.append("No automatic fix: change the code as the accepted example shows.")
    return lines + [""]


def rule_page(code: str, related: Dict[str, List[str]], sources: Dict[str, List[str]]) -> str:
    """The Markdown page of one code."""
    doc = describe(code)
    is_source = code in SOURCE_RULE_MODULES
    language = "python" if is_source or code.startswith("PGX") else "text"
    section = f"policy section {doc.section}" if doc.section not in ("", "-") else "engine"
    where = ", ".join(f"[`{path}`](../../{path})" for path in sources.get(code, [])) or "the engine"
    lines = [
        f"# {code}: {doc.summary}",
        "",
        f"{section.capitalize()} · {'fixable' if doc.fixable else 'not fixable'} · produced in {where}",
        "",
        "## What it does",
        "",
        sentence(doc.summary),
        "",
    ]
    if is_source and _details(code):
        lines.extend([_details(code), ""])
    lines.extend(["## Why is this bad?", "", doc.rationale or "See the policy section above.", ""])
    lines.extend(["## Exemptions and settings", ""])
    if doc.exemptions:
        lines.extend([f"Not reported: {doc.exemptions}", ""])
    keys = related.get(code, [])
    if keys:
        lines.append("Settings that change what this code reports ([configuration reference](../configuration.md)):")
        lines.append("")
        lines.extend(f"- [`{key}`](../configuration.md#{anchor(key)}): {OPTION_DOCS[key]}" for key in keys)
        lines.append("")
    lines.append(
        f"Disable it with `ignore = [\"{code}\"]` or for some files with `per-file-ignores`; "
        f"silence one line with `# prefguard: ignore[{code}]`."
        if is_source or code.startswith("PGX")
        else f"Disable it with `ignore = [\"{code}\"]` or for some files with `per-file-ignores`."
    )
    lines.append("")
    lines.extend(_examples(doc, language))
    lines.extend(_fix(code, doc))
    return "\n".join(lines).rstrip() + "\n"


def rules_index(codes: Sequence[str]) -> str:
    """docs/rules/README.md: every code with its section, summary and whether it is fixable."""
    rows = []
    for code in codes:
        doc = describe(code)
        rows.append([f"[{code}]({code}.md)", doc.section, doc.summary, "yes" if doc.fixable else ""])
    return "\n".join(
        [
            "# Rule reference",
            "",
            "Every code prefguard reports. Source rules (one class per module in `checks/rules/`) run in",
            "`prefguard check`; file codes (ENG004, ENG005, NBK001) too; JSN, MEM, HDR003 and MOD001 in",
            "`prefguard guard`; INT codes in `prefguard verify`. `prefguard explain CODE` prints a page",
            "in the terminal. Generated by `prefguard docs --write`; do not edit by hand.",
            "",
            table(["code", "policy section", "what it flags", "fix"], rows),
        ]
    ).rstrip() + "\n"


def render_rule_pages(root: Path) -> Dict[str, str]:
    """Every page of docs/rules/, keyed by path relative to docs/."""
    codes = sorted(ALL_CODES)
    related = settings_by_code()
    sources = producers(root)
    for code, module in SOURCE_RULE_MODULES.items():
        sources[code] = [module.replace(".", "/") + ".py"]
    pages = {f"rules/{code}.md": rule_page(code, related, sources) for code in codes}
    pages["rules/README.md"] = rules_index(codes)
    return pages
