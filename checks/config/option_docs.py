# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What each ``[tool.prefguard]`` key means: the text of the configuration reference.

Keys are written as in the TOML file: top-level keys by name (``select``),
sub-table keys as ``table.key`` (``header.first-year``). The defaults
themselves live in ``checks.config.settings``; docs/configuration.md is
generated from both, and a key without an entry here fails the documentation test.
"""

from typing import Dict

TABLE_DOCS: Dict[str, str] = {
    "": "Rule selection and the settings every source rule shares.",
    "header": "The header block of new standalone files (HDR001, HDR002) and its preservation (HDR003).",
    "naming": "Exceptions to the naming rules NAM001-NAM003.",
    "docstrings": "Where the docstring rules DOC001 and DOC002 do not apply.",
    "english": "The English-only rules ENG001-ENG005.",
    "json-guard": "The git-aware guard of JSON files and the memory files (JSN001-JSN005, MEM001-MEM004, MOD001).",
    "integration": "Integration verification (`prefguard verify`, INT001-INT003).",
}

OPTION_DOCS: Dict[str, str] = {
    "select": "Codes or families to enable (`\"ALL\"`, a family such as `\"ANN\"`, or single codes); empty enables every code.",
    "ignore": "Codes or families to disable, applied after `select` and `extend-select`.",
    "extend-select": "Codes or families added to `select`.",
    "per-file-ignores": "A table of glob to codes: the codes are disabled for files matching the glob.",
    "exclude": "Globs of files and folders that no check reads.",
    "status-prefixes": "The status tags a printed message may start with (PRN001).",
    "placeholder-markers": "Words that mark unfinished work in comments and docstrings (STB003).",
    "allow-empty-init": "Whether an empty `__init__.py` is accepted (STB001).",
    "max-inheritance-depth": "The longest chain of project classes allowed above a class (INH002).",
    "public-modules": "Globs of the library's public modules. When set, names in other modules count as internal, so an unused one is INT004; aliases in the public modules are kept (MOD002); a removed name of a matching module is MOD001 even outside a package; `prefguard verify` counts only the matching submodules of a library package as its public API (WIRED). Empty: public names are never judged unused, and every submodule of a library package without a `_`-prefixed part is public API.",
    "banned-logging-modules": "Logging frameworks whose import is LOG001 (a module or any of its submodules): the standard `logging` and, by default, loguru, structlog, logbook, absl's, transformers', accelerate's, diffusers' and datasets' logging.",
    "baseline": (
        "The baseline file, relative to the project root: findings recorded there by `prefguard baseline` are not "
        "reported. An absolute path, `..`, or a symbolic link on the way is a configuration error (exit 2)."
    ),
    "max-file-bytes": (
        "Files larger than this are reported as PGX002 instead of being parsed, left out of the project index "
        "unread, and not parsed by the guard (HDR003, MOD001). The default (1 MiB) comes "
        "from benchmarks/file_size.py: checking real code takes 11-16 s per MB on a busy 2-core machine "
        "(0.25 MB 2.8 s, 1 MB 15.5 s, 2 MB 22.5 s), so the former 5 MB let one file stall a commit hook for "
        "over a minute; raise it to check larger files."
    ),
    "header.coding": "The PEP 263 coding line that opens a new file (HDR001); empty: no coding line is required (prefguard init sets it so when the project's pyupgrade or ruff UP009 removes the line).",
    "header.copyright": "The copyright line; `{years}` stands for `first-year`-`year` (HDR002).",
    "header.location": "The line that follows the copyright line (HDR002); empty: no location line is required.",
    "header.first-year": "The first year of the copyright range (HDR002).",
    "header.year": "The year a new file's range must reach; 0 means the year of the run (HDR002).",
    "header.exempt": "Globs of files that need no header (HDR001, HDR002).",
    "naming.allow-function-patterns": "Regular expressions of function names accepted as they are (overrides of third-party APIs).",
    "naming.allow-names": "Names accepted by every naming rule.",
    "docstrings.exempt": "Globs of files whose classes and functions need no docstring.",
    "english.allow-words": "Words accepted as English by ENG001-ENG005 (project vocabulary, product names).",
    "english.allow-names": "Identifiers accepted by ENG002 as they are.",
    "english.exempt": "Globs of files the English rules skip.",
    "english.message-calls": "Calls whose string arguments are shown to people (ENG003); `*.name` matches any object, `name.*` any attribute (`st.*`).",
    "english.message-keywords": "Keyword arguments whose strings are shown to people (ENG003): CLI help, UI labels, titles, placeholders.",
    "english.data-calls": "Calls whose string arguments are data (ENG003 skips them, f-strings too): model input, files, protocols; `*.name` matches any object, `name.*` any attribute.",
    "english.data-keywords": "Keyword arguments whose strings are data (ENG003): prompt=, messages=, content=, query= ...",
    "english.data-names": "Variables whose strings are data when their name holds one of these words (ENG003): prompt, template, query ...",
    "english.doc-extensions": "Extensions of documentation files checked by ENG005.",
    "english.doc-exclude": "Globs of documentation files ENG005 skips.",
    "json-guard.files": "A table of glob to mode (`append-only`, `immutable`, `off`) for JSON, YAML and TOML files; added to the memory files' modes (JSN001-JSN004).",
    "json-guard.mutable": "A table of glob to JSON pointers (`*` matches one token) that may change in an append-only file (JSN001).",
    "json-guard.approval-trailer": "The commit-message trailer that approves one change: `TRAILER: PATH#POINTER` (JSN001, JSN002).",
    "json-guard.memory-dir": (
        "The folder of the three memory files, relative to the repository root (JSN005, MEM001-MEM004). An absolute "
        "path, `..`, or a symbolic link on the way is a configuration error (exit 2): memory writes never leave the repository."
    ),
    "json-guard.log-limit": "Entries in project_log.json above which an archive is due (MEM004).",
    "json-guard.archive-days": "Entries older than this many days move to the archive (`prefguard memory archive`).",
    "json-guard.module-exempt": "Globs of Python files that are not modules of project_structure.json (MEM002).",
    "integration.entry": "Entry-point files or dotted modules of the integration report; when empty they are discovered from the project (`[project.scripts]`).",
    "integration.critical": "Dotted module names that must be WIRED (INT002), added to the modules marked critical in project_structure.json.",
    "integration.exclude": "Globs of Python files the integration report leaves out.",
    "integration.tests": "Globs of test files (TESTED status, and never counted as modules).",
}
