# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Every statement of the preferences document, the codes that check it, or why no code can.

``docs/policy-coverage.md`` is rendered from :data:`STATEMENTS` by
:func:`render_markdown`; a test keeps the two equal and checks that every code
prefguard reports appears here at least once.
"""

from dataclasses import dataclass
from typing import List, Tuple


@dataclass(frozen=True)
class Statement:
    """One statement of the document: where it stands, what checks it, or why nothing can."""

    section: str
    text: str
    codes: Tuple[str, ...] = ()
    why_not: str = ""


CONVERSATION = "concerns the assistant's conversation, not a file in the repository"

STATEMENTS: Tuple[Statement, ...] = (
    Statement("1", "Never jump to code after a design discussion; reflect back, ask, wait for confirmation", why_not=CONVERSATION),
    Statement("1", "Update the memory files before writing code", ("MEM001", "MEM002"),
              "the order inside one change is not visible in git; the commit must carry both"),
    Statement("2", "Never create empty, stub or placeholder files", ("STB001", "STB002", "STB003")),
    Statement("2", "Read a file before claiming it is correct", why_not=CONVERSATION),
    Statement("2", "Never simplify, rewrite or delete data in JSON/config/state files; append only",
              ("JSN001", "JSN002", "JSN003", "JSN004", "BSL002")),
    Statement("3", "Three memory files in .claude/, created before any work", ("MEM003", "INT001")),
    Statement("3", "project_concept.json never modified without explicit approval", ("JSN002",)),
    Statement("3", "project_structure.json updated after any code change, creation, refactor or deletion", ("MEM002", "JSN005")),
    Statement("3", "project_log.json: one police-report entry appended after every action", ("MEM001", "JSN001", "JSN005")),
    Statement("3", "Archive log entries older than 30 days once there are more than 200", ("MEM004",)),
    Statement("4", "Code, comments, variables, docstrings, filenames, docs: English only",
              ("ENG001", "ENG002", "ENG003", "ENG004", "ENG005")),
    Statement("4", "Conversational replies match the user's language", why_not=CONVERSATION),
    Statement("5", "Header for every new standalone .py file (coding line, copyright, location)", ("HDR001", "HDR002")),
    Statement("5", "Preserve the existing header of a modified file", ("HDR003",)),
    Statement("5", "Type annotations on all function signatures", ("ANN001", "ANN002")),
    Statement("5", "PascalCase classes, snake_case functions and variables", ("NAM001", "NAM002", "NAM003")),
    Statement("5", "Composition over inheritance; ABC pattern for base classes", ("INH001", "INH002")),
    Statement("5", "Absolute imports only", ("IMP001",)),
    Statement("5", "Docstrings on all public classes and functions", ("DOC001", "DOC002")),
    Statement("5", "No logging module; print() with graceful degradation", ("LOG001",)),
    Statement("5", "Status prefixes [HF] [WARN] [ERROR] [INFO]", ("PRN001",)),
    Statement("5", "Section separators '=' * 70", ("SEP001",)),
    Statement("6", "Code as delimited blocks, no narrative wrapping, filename headers, tree listings", why_not=CONVERSATION),
    Statement("7", "Minimal intervention, zero refactoring unless commanded", ("HDR003", "MOD001", "BSL001", "CFG001", "CFG002", "CFG003"),
              "how much of a change was needed is a judgement; the baseline and --changed keep legacy code untouched"),
    Statement("7", "Preserve original architecture, naming and abstractions", ("MOD001",)),
    Statement("7", "Compatibility aliases only for public library APIs; internal code: delete unused directly",
              ("MOD001", "MOD002", "INT004")),
    Statement("8", "List assumptions; pause when an assumption changes the outcome; refuse impossible constraints",
              why_not=CONVERSATION),
    Statement("9", "Every project contains verify_integration.py", ("INT001",)),
    Statement("9", "Classify modules WIRED / NOT WIRED / DUPLICATE; exit non-zero when a critical module is NOT WIRED",
              ("INT002", "INT003")),
    Statement("10", "Checkpoints sorted numerically by step, never lexicographically", ("TRN002",)),
    Statement("10", "Checkpoints atomic (save .tmp, then os.rename)", ("TRN001",)),
    Statement("10", "A100: bf16 autocast, no GradScaler; T4/L4: fp16 with GradScaler", ("TRN003",)),
    Statement("10", "DataLoader: num_workers=0, pin_memory=False", ("TRN004",)),
    Statement("10", "No DataLoader for memmap binary training", ("TRN005",)),
    Statement("10", "OOM: del var; gc.collect(); torch.cuda.empty_cache()", ("TRN006",)),
    Statement("10", "Seeds: random, numpy, torch at start", ("TRN007",)),
    Statement("10", "Copy to local SSD with subprocess.run(['cp', src, dst]), not shutil.copy2", ("TRN008",)),
    Statement("10", "print() in loops: always flush=True", ("PRN002",)),
    Statement("10", "Specific exceptions only, never bare except:", ("EXC001", "EXC002")),
    Statement("10", "Secrets from google.colab.userdata, never hard-coded", ("SEC001",)),
    Statement("10", "NO synthetic data; all sources fail: raise RuntimeError with instructions",
              why_not="whether data is synthetic is a property of its content, not of code a rule can read"),
    Statement("10", "Mandatory Drive folders, GPU detection, pinned installs, early stopping, ETA lines, results/ exports",
              why_not="pipeline content; the reference package training/ implements each and its tests run it"),
    Statement("11", ".ipynb edited programmatically; valid notebooks", ("NBK001",)),
    Statement("11", "All file I/O with encoding='utf-8'", ("ENC001",)),
    Statement("-", "prefguard's own problems: suppression comments and unreadable files", ("PGX001", "PGX002")),
)


def covered_codes() -> List[str]:
    """Every code the table names, sorted."""
    return sorted({code for statement in STATEMENTS for code in statement.codes})


def render_markdown() -> str:
    """The text of ``docs/policy-coverage.md``."""
    lines = [
        "# Policy coverage",
        "",
        "Every statement of the preferences document, the codes that check it, or why no code can.",
        "Generated from `checks/config/policy_coverage.py`; `tests/checks/test_policy_coverage.py` fails when",
        "this file is out of date.",
        "",
        "| § | statement | checked by | note |",
        "| --- | --- | --- | --- |",
    ]
    for statement in STATEMENTS:
        codes = ", ".join(statement.codes) if statement.codes else "—"
        lines.append(f"| {statement.section} | {statement.text} | {codes} | {statement.why_not} |")
    return "\n".join(lines) + "\n"
