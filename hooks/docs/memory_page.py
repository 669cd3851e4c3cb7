# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""docs/memory-files.md (the formats, from the shipped JSON Schemas) and docs/guard.md (the guard's contract)."""

import json
from typing import Any, Dict, List, Tuple

from checks.config.settings import DEFAULT_JSON_GUARD
from checks.engine.catalogue import describe
from checks.guard.json_guard import FUZZY_FACTOR, FUZZY_FLOOR, MODES, STRUCTURE_MUTABLE, default_file_modes
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
from hooks.runtime.locking import LOCK_TIMEOUT_SECONDS

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



# Attacks on data, cost and CI (issue 23), each with the test that tries it; docs/guard.md lists them.
DATA_ATTACKS: List[List[str]] = [
    ["ten `prefguard memory log` at once (parallel assistant sessions)", "all ten entries land, in turn",
     "`tests/hooks/test_write_safety.py::test_ten_concurrent_memory_logs_all_land`"],
    ["a writer that never gets the lock", "exit 2 after the timeout, nothing written",
     "`test_write_safety.py::test_a_writer_that_cannot_get_the_lock_fails_loudly`"],
    ["a committed symlink as `project_log.json` (or the baseline) pointing outside", "write refused, exit 2, target untouched",
     "`test_write_safety.py::test_memory_log_refuses_a_symlinked_log`, `test_baseline_refuses_a_symlinked_baseline_file`"],
    ["`memory-dir = \"../x\"`, an absolute path, or a linked folder as `memory-dir` or `baseline`",
     "configuration error naming the file and key, exit 2", "`test_write_safety.py::test_configured_paths_are_validated_at_load`"],
    ["a committed symlink where `prefguard init` writes", "refused before anything is written",
     "`test_write_safety.py::test_init_refuses_to_write_through_a_committed_link`"],
    ["a 10 MB `.py` anywhere in the project", "left out of the index unread; the guard does not parse it",
     "`test_project_index.py::test_files_over_max_file_bytes_are_left_out_unread`, "
     "`test_guard_git.py::test_python_files_over_max_file_bytes_are_not_parsed_by_the_guard`"],
    ["a merge that loses thousands of elements of a parent", "bounded comparisons, every lost element reported",
     "`test_json_guard.py::test_a_merge_judgement_spends_bounded_comparisons`"],
    ["deleting log entry /2 (with an entry appended)", "`/2 removed` at its own pointer; refused until the array is approved",
     "`test_json_guard.py::test_a_deleted_entry_is_reported_removed_at_its_own_pointer`"],
    ["`rate = 0.1` rewritten as `0.1000000000000000055511151231257827`; a date quoted; `.inf` as `\"inf\"`",
     "a change (JSN001)", "`test_strict_yaml_toml.py::test_yaml_and_toml_values_compare_exactly`"],
    ["`--fix` killed mid-write, then `git add -A`", "the temporary file is git-ignored and the next run removes it",
     "`test_write_safety.py::test_a_killed_writer_leaves_nothing_git_add_takes_and_the_next_run_removes_it`"],
    ["an unreadable `.py` file", "PGX002 naming it; the other files are checked",
     "`test_write_safety.py::test_an_unreadable_python_file_is_a_finding_and_the_others_are_checked`"],
    ["a `--no-verify` commit deleting a log entry and growing the baseline", "`check` passes, the generated CI guard job fails",
     "`test_workflows.py::test_generated_workflow_refuses_a_no_verify_commit_that_check_lets_through`"],
]

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
        "Each of these commands holds the project's write lock (`flock` on the repository folder) from its first",
        "read to its last write, so concurrent `memory log` calls all land, one after the other; a call that",
        f"waits more than {LOCK_TIMEOUT_SECONDS:g} seconds stops with exit status 2 and writes nothing. A write is refused (exit",
        "status 2) when its target or a folder on the way is a symbolic link or lies outside the repository;",
        "`memory-dir` and `baseline` are checked the same way when the configuration is loaded, and an",
        "absolute path or one with `..` is a configuration error naming the file and the key. The temporary",
        "file of a write lives in a git-ignored `.prefguard-tmp-PID-RANDOM/` folder beside its target; one a",
        "killed run left is removed by the next `check` or memory write.",
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
        "An array is accepted when every old element keeps its place (compared field by field) or when the",
        "change is one block inserted or removed whose pointers are free; both checks are linear. A refused",
        "array is explained by aligning equal elements (a patience diff on element identities) when that",
        "keeps more elements than their positions do, so a deleted log entry is reported as removed at its",
        "own pointer (`/2 removed`); the later entries moved up, so accepting that needs the array's own",
        "approval. A merge is judged against each parent: every",
        "element of the parent must still be present, in order; elements not aligned exactly are looked",
        f"for with the policy's own comparison within a bound of {FUZZY_FACTOR} times the arrays' length plus {FUZZY_FLOOR:,}",
        "comparisons, past which they are reported missing (a bound reached reports more, never less).",
        "",
        "Attacks on the data, the cost and the CI that were tried, and what happens now:",
        "",
        table(["attack", "outcome", "test"], DATA_ATTACKS),
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
