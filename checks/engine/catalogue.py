# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Documentation of every code, in Ruff's shape: what it does, why, example, fix.

Source rules document themselves (their class attributes); the engine,
file-level, git-aware and integration codes are described here.
"""

import textwrap
from dataclasses import dataclass
from typing import Dict, List, Tuple

from checks.config.codes import ALL_CODES, SOURCE_RULE_MODULES

TEXT_WIDTH = 88


@dataclass(frozen=True)
class CodeDoc:
    """Everything ``prefguard explain`` prints about one code."""

    code: str
    section: str
    summary: str
    rationale: str
    bad: Tuple[str, ...]
    good: Tuple[str, ...]
    fixable: bool = False
    exemptions: str = ""

    def as_text(self) -> str:
        """Plain text for the terminal."""
        parts = [
            f"{self.code} (policy section {self.section}){' [fixable]' if self.fixable else ''}",
            "",
            "What it does:",
            f"  {self.summary}",
            "",
            "Why is this bad:",
            f"  {self.rationale}",
        ]
        if self.exemptions:
            wrapped = textwrap.fill(self.exemptions, width=TEXT_WIDTH, initial_indent="  ", subsequent_indent="  ")
            parts.extend(["", "Not reported (exemptions):", wrapped])
        for title, examples in (("Example (flagged):", self.bad), ("Use instead (accepted):", self.good)):
            if examples:
                parts.extend(["", title])
                for example in examples:
                    parts.extend("    " + line for line in example.rstrip("\n").splitlines())
                    parts.append("")
        fix = "prefguard check --fix applies the fix." if self.fixable else "Fix it by hand as the accepted example shows."
        parts.extend(["Fix:", f"  {fix}"])
        return "\n".join(parts).rstrip() + "\n"

    def as_markdown(self) -> str:
        """Markdown for SARIF help and job summaries."""
        lines = [f"**{self.code}** (policy section {self.section}): {self.summary}", "", self.rationale]
        if self.exemptions:
            lines.extend(["", f"Not reported: {self.exemptions}"])
        if self.bad:
            lines.extend(["", "Flagged:", "```python", self.bad[0].rstrip("\n"), "```"])
        if self.good:
            lines.extend(["", "Accepted:", "```python", self.good[0].rstrip("\n"), "```"])
        return "\n".join(lines)


OTHER_DOCS: Dict[str, CodeDoc] = {
    doc.code: doc
    for doc in (
        CodeDoc("PGX001", "-", "suppression comment without a code, or naming an unknown code",
                "A bare suppression silences everything on the line, including problems nobody looked at.",
                ("x = load()  # prefguard: ignore\n",), ("x = load()  # prefguard: ignore[ANN001]\n",)),
        CodeDoc("PGX002", "-", "file could not be read or parsed (unreadable, syntax error, bad encoding, NUL bytes, too deep or too large)",
                "A file prefguard cannot read or parse cannot be checked; it is reported with its location and the other files are still checked.",
                ("def f(:\n",), ("def f() -> None:\n    pass\n",)),
        CodeDoc("ENG004", "4", "file or folder name not in English or not ASCII",
                "File names are part of the code base and follow the English-only policy.",
                ("salveaza_datele.py",), ("save_data.py",),
                exemptions="Names of one ASCII word of five letters or fewer (recem.py, mos.py: often a tool's "
                "acronym) unless the word is among the most frequent of its language (Zipf 5.0+: datos/), and "
                "paths matched by [english] exempt. Names the identifier rules leave undecided are judged by the "
                "deep lexicon like prose (plantillas/, padron.py); a name two languages fit equally is reported as "
                "'not English' (formatos/)."),
        CodeDoc("ENG005", "4", "Markdown or text documentation not in English, or mixing languages",
                "Documentation is English only and never mixes languages within one artifact.",
                ("# Instalare\nRulati comanda de mai jos.\n",), ("# Installation\nRun the command below.\n",)),
        CodeDoc("NBK001", "10, 11", "notebook that is not valid nbformat JSON (code cells are checked like Python files)",
                "Notebooks are edited programmatically as JSON; a broken notebook loses work.",
                ('{"cells": [}',), ('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',)),
        CodeDoc("JSN001", "2", "protected JSON changed in a non-append way (key removed, value changed, element removed, reordered or inserted)",
                "Project JSON files are append-only: rewriting existing data destroys recorded work.",
                ('before: [{"status": "success"}]\nafter:  [{"status": "failed"}]',),
                ('before: [{"status": "success"}]\nafter:  [{"status": "success"}, {"status": "failed"}]',)),
        CodeDoc("JSN002", "3", "immutable JSON (project_concept.json) changed without an approval trailer",
                "The project concept changes only with the user's explicit approval.",
                ("commit message without a Prefguard-Approve trailer",),
                ("Prefguard-Approve: .claude/project_concept.json#/vision",)),
        CodeDoc("JSN003", "2", "protected JSON deleted, or renamed without git recording the rename",
                "Deleting a protected file loses all of its data at once.", ("git rm .claude/project_log.json",), ("keep the file; append to it",)),
        CodeDoc("JSN004", "2", "JSON that cannot be read safely (malformed, duplicate keys, NaN, invalid UTF-8, BOM)",
                "A plain parser silently keeps the last duplicate key or accepts NaN, losing data without a word.",
                ('{"a": 1, "a": 2}',), ('{"a": 1, "b": 2}',)),
        CodeDoc("JSN005", "3", "memory file fails its JSON Schema",
                "The memory files are read by people and tools; their shape is fixed.",
                ('[{"date": "yesterday"}]',),
                ('[{"date": "2026-01-02", "time": "09:14", "requested": "r", "executed": "e", "files_touched": [], "status": "success", "notes": ""}]',)),
        CodeDoc("MEM001", "1, 3", "a change touches Python source but appends no entry to project_log.json",
                "Every action is logged; the log is the project's memory.", ("commit changing pkg/mod.py only",),
                ("commit changing pkg/mod.py and appending to .claude/project_log.json",)),
        CodeDoc("MEM002", "3", "a module added, removed or renamed without the matching project_structure.json change",
                "If it is not in the structure file, it does not exist.", ("new pkg/new.py, structure unchanged",),
                ("new pkg/new.py, structure lists it",)),
        CodeDoc("MEM003", "3", "one of the three memory files is missing",
                "The three memory files are mandatory in every project.", ("no .claude/project_log.json",),
                ("prefguard memory init",)),
        CodeDoc("MEM004", "3", "project_log.json holds more than 200 entries: archive due",
                "Old entries move, unchanged, to project_log_archive.json.", ("201 entries",), ("prefguard memory archive",)),
        CodeDoc("HDR003", "5, 7", "a modified file whose existing header block was changed or removed",
                "Existing headers are preserved as they are.", ("header line edited in a modified file",),
                ("header untouched",),
                exemptions="A leading comment block without a coding line or a copyright/licence notice; line endings and "
                "trailing whitespace; a shebang added above the header; new and deleted files."),
        CodeDoc("MOD001", "7", "a public name of a modified module disappeared without a compatibility alias",
                "Public APIs keep backward-compatibility aliases.", ("def old_name() removed",),
                ("old_name = new_name",),
                exemptions="Internal code, which the policy says to delete directly: scripts at the top of a repository "
                "and modules in plain folders (no __init__.py), private modules (_impl.py, _internal/), __main__.py, "
                "unless they declare __all__ or match the public-modules setting; names starting with an underscore; "
                "files matched by [json-guard] module-exempt (tests, setup.py, __init__.py); a new version with a "
                "star import or a module __getattr__."),
        CodeDoc("BSL001", "7", "a change adds entries to the baseline file without an approval trailer",
                "A baseline that grows quietly lets a change absorb its own violations; new code must comply.",
                ("prefguard baseline after adding an unannotated function, committed as is",),
                ("fix the new finding; or commit with 'Prefguard-Approve: .prefguard-baseline.json#/files'",)),
        CodeDoc("BSL002", "2", "the baseline file of a change is unreadable (bad JSON, duplicate keys, unknown format version, bad entry)",
                "A broken baseline would silently report everything or nothing.", ('{"format": "prefguard-baseline", "version": 9}',),
                ("prefguard baseline --prune (or regenerate it with prefguard baseline)",)),
        CodeDoc("CFG001", "7", "a change weakens the effective [tool.prefguard] configuration (any key whose declared direction it loosens: code deselected or ignored, path excluded or exempted, rule parameter emptied, guard mode lowered, table deleted or shadowed) without approval",
                "Loosening the configuration is a decision of the project, not of the change that needs it. The change is judged with its base's configuration, so the configuration it brings cannot hide this finding.",
                ('ignore = ["ANN"]  # added in a feature branch',),
                ("fix the findings; or commit with 'Prefguard-Approve: pyproject.toml#/tool/prefguard/ignore'",)),
        CodeDoc("CFG002", "7", "a change adds a '# prefguard: ignore[...]' suppression comment without approval",
                "A suppression silences the gate for one line; added by the change that needs it, it is a weakening like any other.",
                ("x = load()  # prefguard: ignore[ANN001]  (new in this commit)",),
                ("fix the finding; or commit with 'Prefguard-Approve: pkg/mod.py#/suppressions/ANN001'",)),
        CodeDoc("CFG003", "7", "a change removes, disables or narrows a prefguard hook of .pre-commit-config.yaml without approval",
                "Without its hooks the policy is not enforced on the next commit; removing them is a decision of the project.",
                ("the prefguard-guard hook deleted, or its stages changed to [manual]",),
                ("keep the hooks; or commit with 'Prefguard-Approve: .pre-commit-config.yaml#/hooks/prefguard-guard'",)),
        CodeDoc("INT001", "9", "the project has no verify_integration.py",
                "Every project verifies its wiring before reporting progress.", ("no verify_integration.py",),
                ("verify_integration.py at the root",)),
        CodeDoc("INT002", "9", "a module marked critical is NOT WIRED into the entry point",
                "A critical module that the pipeline never calls is dead weight that looks like progress.",
                ("critical module never imported by the entry point",), ("entry point imports and calls it",)),
        CodeDoc("INT003", "9", "DUPLICATE: two modules with the same content, one module name twice on the import path, or a copied function body",
                "Duplicates drift apart and the wrong copy gets fixed.", ("pkg/a.py == pkg/b.py",), ("one module, imported twice",)),
        CodeDoc("INT004", "7", "internal function, class or constant referenced nowhere in the project",
                "\"Internal code: delete unused directly.\" Dead internal code is read, maintained and copied as if it "
                "mattered. Judged only when certainly internal (an _underscore name, or a module outside the configured "
                "public-modules) and certainly unused (no import, load, attribute or string anywhere in the project, "
                "tests included, names it). Exempt: __init__.py, __all__ names, test files, decorated definitions and "
                "classes with bases (registrations), modules with __getattr__, main. It cannot see callers outside the "
                "project: measured on 337 standard-library files it reports 23 private functions, most of which CPython's "
                "C code or Lib/test call (copyreg._reduce_ex, _strptime._strptime_time); on nanoGPT, yolov5 and LitServe "
                "0; on this repository it found 8 dead definitions, deleted.",
                ("def _old_loader(path):  # nothing calls it",), ("delete _old_loader",)),
    )
}


def describe(code: str) -> CodeDoc:
    """The documentation of one code (KeyError for an unknown code)."""
    code = code.upper()
    if code in SOURCE_RULE_MODULES:
        from checks.engine.registry import rule_class

        rule = rule_class(code)
        return CodeDoc(
            code=code,
            section=rule.section,
            summary=rule.summary,
            rationale=rule.rationale,
            bad=tuple(example.source for example in rule.invalid),
            good=tuple(example.source for example in rule.valid),
            fixable=rule.fixable,
            exemptions=rule.exemptions,
        )
    if code in OTHER_DOCS:
        return OTHER_DOCS[code]
    if code in ALL_CODES:
        return CodeDoc(code, "-", "rule being implemented", "", (), ())
    raise KeyError(code)


def all_docs() -> List[CodeDoc]:
    """Documentation of every known code, in code order."""
    return [describe(code) for code in sorted(ALL_CODES)]
