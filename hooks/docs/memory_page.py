# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""docs/memory-files.md (the formats, from the shipped JSON Schemas) and docs/guard.md (the guard's contract)."""

import json
from typing import Any, Dict, List, Tuple

from checks.config.settings import DEFAULT_JSON_GUARD
from checks.engine.catalogue import describe
from checks.guard.json_guard import MODES, STRUCTURE_MUTABLE, default_file_modes
from checks.guard.memory_rules import (
    KIND_ARCHIVE,
    KIND_CONCEPT,
    KIND_LOG,
    KIND_STRUCTURE,
    LOG_STATUSES,
    load_schema,
    memory_path,
)
from hooks.docs.guard_page import EXIT_ROWS, gate_sections
from hooks.docs.markdown import fenced, table

MEMORY_DIR = str(DEFAULT_JSON_GUARD["memory-dir"])
KINDS: Tuple[str, ...] = (KIND_CONCEPT, KIND_STRUCTURE, KIND_LOG, KIND_ARCHIVE)
GUARD_CODES: Tuple[str, ...] = (
    "JSN001", "JSN002", "JSN003", "JSN004", "JSN005", "MEM001", "MEM002", "MEM003", "MEM004", "HDR003", "MOD001",
    "BSL001", "BSL002", "CFG001", "CFG002", "CFG003",
)

LOG_ENTRY: Dict[str, Any] = {
    "date": "2026-03-02",
    "time": "09:14",
    "requested": "Load documents from a folder",
    "executed": "Added tinyrag/loader.py with load_folder(); tests in tests/test_loader.py",
    "files_touched": ["tinyrag/loader.py", "tests/test_loader.py"],
    "status": "success",
    "notes": "",
}

# One valid example per kind; the documentation test validates each against its schema.
EXAMPLES: Dict[str, Any] = {
    KIND_CONCEPT: {
        "project_name": "tinyrag",
        "vision": "Answer questions over a folder of documents on one laptop.",
        "core_goals": ["exact citations", "no network at query time"],
        "platform": "Python 3.11, CPU",
        "key_constraints": ["index under 1 GB"],
        "target_users": ["researchers"],
    },
    KIND_STRUCTURE: {
        "project_name": "tinyrag",
        "format_version": 1,
        "entry_point": "tinyrag/cli.py",
        "last_modified": "2026-03-02",
        "modules": [
            {
                "name": "loader",
                "path": "tinyrag/loader.py",
                "status": "active",
                "critical": True,
                "dependencies": [],
                "public_api": ["load_folder"],
                "last_modified": "2026-03-02",
            }
        ],
    },
    KIND_LOG: [LOG_ENTRY],
    KIND_ARCHIVE: [dict(LOG_ENTRY, date="2026-01-05", requested="Create the project", executed="prefguard memory init")],
}


def _resolve(schema: Dict[str, Any], node: Dict[str, Any]) -> Dict[str, Any]:
    reference = node.get("$ref", "")
    if reference.startswith("#/$defs/"):
        return schema["$defs"][reference.rsplit("/", 1)[1]]
    return node


def _describe_type(schema: Dict[str, Any], node: Dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type", "any")
    parts = [str(kind)]
    if kind == "array" and "items" in node:
        parts = [f"array of {_describe_type(schema, node['items'])}"]
    if node.get("format") == "date":
        parts.append("ISO date `YYYY-MM-DD`")
    elif "pattern" in node:
        parts.append(f"matching `{node['pattern']}`")
    if node.get("minLength"):
        parts.append("not empty")
    if "minimum" in node:
        parts.append(f"at least {node['minimum']}")
    return ", ".join(parts)


def fields_table(schema: Dict[str, Any], node: Dict[str, Any]) -> str:
    """The properties of one object schema: name, required, type and meaning."""
    required = set(node.get("required", []))
    rows = [
        [f"`{name}`", "yes" if name in required else "no", _describe_type(schema, spec), spec.get("description") or _resolve(schema, spec).get("description", "")]
        for name, spec in node.get("properties", {}).items()
    ]
    return table(["field", "required", "type", "meaning"], rows)


def memory_section(kind: str) -> List[str]:
    """The Markdown of one memory file."""
    schema = load_schema(kind)
    path = memory_path(MEMORY_DIR, kind)
    lines = [f"## `{path}`", "", schema.get("description", ""), ""]
    if kind == KIND_ARCHIVE:
        lines.extend(["Each entry has the fields of a `project_log.json` entry (below the log's heading).", ""])
    elif schema.get("type") == "array":
        entry = _resolve(schema, schema["items"])
        lines.extend(["A top-level array of entries, oldest first. Each entry:", "", fields_table(schema, entry), ""])
    else:
        lines.extend([fields_table(schema, schema), ""])
        for name, spec in schema.get("properties", {}).items():
            items = _resolve(schema, spec).get("items")
            if items and _resolve(schema, items).get("properties"):
                lines.extend([f"Each element of `{name}`:", "", fields_table(schema, _resolve(schema, items)), ""])
    lines.extend(["Example:", "", fenced(json.dumps(EXAMPLES[kind], indent=2, ensure_ascii=False), "json"), ""])
    return lines


def render_memory_page() -> str:
    """docs/memory-files.md."""
    lines = [
        "# The memory files",
        "",
        f"The policy keeps its project memory in three JSON files in `{MEMORY_DIR}/` at the project root",
        "(`[tool.prefguard.json-guard] memory-dir` moves them), plus the archive of old log entries.",
        "They are UTF-8 without a byte order mark, written with 2-space indentation, raw UTF-8 and a final",
        "newline. Extra keys are allowed everywhere: the files only grow. `prefguard memory init` creates them",
        "(never overwriting), `prefguard memory log` appends one validated log entry, `prefguard memory structure`",
        "appends the entries of new and moved modules from the code (MEM002) and `prefguard memory archive`",
        "moves old entries to the archive; every write is atomic. `log` and `structure` stage what they write.",
        "",
        "The formats below are read from the JSON Schemas prefguard ships in",
        "`checks/guard/memory_schemas/`; a file that fails its schema is JSN005. Generated by",
        "`prefguard docs --write`; do not edit by hand.",
        "",
    ]
    for kind in KINDS:
        lines.extend(memory_section(kind))
    return "\n".join(lines).rstrip() + "\n"


def render_guard_page() -> str:
    """docs/guard.md: what ``prefguard guard`` judges, how changes are approved, and its exit status."""
    trailer = DEFAULT_JSON_GUARD["approval-trailer"]
    modes = default_file_modes(MEMORY_DIR)
    rows = [[f"[{code}](rules/{code}.md)", describe(code).summary] for code in GUARD_CODES]
    lines = [
        "# The guard's contract",
        "",
        "`prefguard guard` judges a change through git history, never the working tree alone: `--staged`",
        "(the default) judges the index against HEAD with the message of `--commit-msg-file`; `--from-ref A",
        "--to-ref B` judges every commit of the range against its first parent with that commit's own message,",
        "and each finding names its commit, then the range as a whole. Every change is judged with its base's",
        "configuration. Generated by `prefguard docs --write`; do not edit by hand.",
        "",
        "## Codes",
        "",
        table(["code", "what it flags"], rows),
        "",
        "## Protected files and modes",
        "",
        "Each protected file has a mode (`" + "`, `".join(MODES) + "`). JSON files are compared as data; YAML",
        "(`.yaml`, `.yml`) and TOML (`.toml`) files named in `json-guard.files` are read strictly into the same",
        "data model and compared the same way:",
        "",
        "- `append-only`: existing data never changes. Adding object keys and appending array elements is",
        "  allowed; removing a key, changing a scalar or a type, and removing, reordering or inserting array",
        "  elements anywhere but at the end is JSN001. Key order and whitespace are not data.",
        "- `immutable`: any data change needs an approval (JSN002).",
        "- `off`: not guarded.",
        "",
        "Numbers compare exactly in every format: `1` equals `1.0`, but YAML and TOML floats are read from",
        "their written digits, never through a binary float, so `rate = 0.1` rewritten as",
        "`0.1000000000000000055511151231257827` is a change. Dates, times and timestamps, `inf`/`.inf`,",
        "`nan`/`.nan` and YAML binary data are typed values that equal only their own kind and canonical",
        "text (a YAML timestamp without a zone is UTC; TOML times keep the microseconds its reader keeps):",
        "turning `2025-01-02` into `\"2025-01-02\"` is a change.",
        "",
        "Arrays are compared by aligning equal elements (a patience diff on element identities, near-linear",
        "in the array's length), so a deleted log entry is reported as removed at its own pointer",
        "(`/2 removed`) and the trailer the finding suggests approves exactly that removal. Elements",
        "between aligned ones are compared field by field. A merge is judged against each parent: every",
        "element of the parent must still be present, in order; elements not aligned exactly are looked",
        "for with the policy's own comparison within a bound of twice the arrays' length plus 4,096",
        "comparisons, past which they are reported missing (a bound reached reports more, never less).",
        "",
        "Defaults:",
        "",
        table(["file", "mode"], [[f"`{path}`", mode] for path, mode in modes.items()]),
        "",
        f"In `{memory_path(MEMORY_DIR, KIND_STRUCTURE)}` these pointers may change (`*` matches one token): "
        + ", ".join(f"`{pointer}`" for pointer in STRUCTURE_MUTABLE)
        + ". More files and pointers: `[tool.prefguard.json-guard] files` and `mutable`",
        "([configuration](configuration.md)).",
        "",
        "## Approvals",
        "",
        "One intended change of one field is approved by naming the file and an RFC 6901 JSON pointer,",
        "either in a trailer of the commit message (the trailer name is `json-guard.approval-trailer`):",
        "",
        fenced(f"{trailer}: {memory_path(MEMORY_DIR, KIND_CONCEPT)}#/vision", "text"),
        "",
        "or on the command line: `prefguard guard --approve .claude/project_concept.json#/vision` (repeatable).",
        "An approval covers that pointer and everything below it, in that file, in that commit only (in the",
        "range as a whole, the approvals of all its commits). A",
        "percent-encoded pointer is accepted too. A trailer that is not `PATH#POINTER` approves nothing; a bad",
        "`--approve` value is a usage error.",
        "",
        "## The memory files",
        "",
        "MEM001: a change that touches Python source appends an entry to the log. MEM002: a module added,",
        "removed or renamed is recorded in the structure file (a moved module keeps its old entry with",
        "`moved_to` and gets a new entry). MEM003: the three files exist. MEM004: the log holds at most",
        f"{DEFAULT_JSON_GUARD['log-limit']} entries; `prefguard memory archive` moves entries older than "
        f"{DEFAULT_JSON_GUARD['archive-days']} days to the archive, and the guard accepts exactly that move as lossless.",
        f"Allowed log statuses: {', '.join(f'`{status}`' for status in LOG_STATUSES)}. Formats: [memory-files.md](memory-files.md).",
        "",
        *gate_sections(),
        "## Exit status",
        "",
        table(["status", "meaning"], [list(row) for row in EXIT_ROWS]),
        "",
    ]
    return "\n".join(lines).rstrip() + "\n"
