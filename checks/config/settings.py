# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Configuration as plain data: defaults, validation and rule selection.

Reading the TOML file is the job of ``hooks.config_loader``; this module only
turns an already parsed ``[tool.prefguard]`` table into :class:`Settings` and
rejects unknown keys and codes with :class:`ConfigError`.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterable, List, Tuple

from checks.config.codes import ALL_CODES
from checks.config.paths import matches_any

DEFAULT_HEADER: Dict[str, Any] = {
    "coding": "# -*- coding: utf-8 -*-",
    "copyright": "# Copyright (c) {years} Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.",
    "location": "# Cluj-Napoca, Romania",
    "first-year": 2024,
    "year": 0,
    "exempt": [
        "**/__init__.py",
        "tests/**",
        "**/tests/**",
        "**/test_*.py",
        "**/*_test.py",
        "**/conftest.py",
        "**/setup.py",
        "**/conf.py",
        "config/**",
        "**/config/**",
        "configs/**",
        "**/configs/**",
        "conf/**",
        "**/conf/**",
        "**/settings.py",
        "**/settings_*.py",
    ],
}

DEFAULT_NAMING: Dict[str, Any] = {
    "allow-function-patterns": [r"^visit_\w+$", r"^leave_\w+$", r"^test[A-Z]\w*$", r"^setUp\w*$", r"^tearDown\w*$"],
    "allow-names": [],
}

DEFAULT_DOCSTRINGS: Dict[str, Any] = {
    "exempt": ["tests/**", "**/tests/**", "**/test_*.py", "**/*_test.py", "**/conftest.py"],
}

DEFAULT_ENGLISH: Dict[str, Any] = {
    "allow-words": [],
    "allow-names": [],
    "exempt": [],
    "message-calls": [
        "print",
        "input",
        "warnings.warn",
        "sys.exit",
        "exit",
        "quit",
        "sys.stdout.write",
        "sys.stderr.write",
        "*.error",
        "*.fail",
        "*.warning",
        "*.warn",
        "*.info",
        "*.debug",
        "*.critical",
        "*.exception",
        "*.fatal",
        "*.log",
        "*.print",
        "*.echo",
        "*.secho",
        "click.echo",
        "click.secho",
        "click.confirm",
        "click.prompt",
        "typer.echo",
        "typer.secho",
        "typer.confirm",
        "typer.prompt",
        "gr.Markdown",
        "gr.HTML",
        "gr.Info",
        "gr.Warning",
        "gr.Error",
        "gr.Button",
        "gr.Tab",
        "gr.TabItem",
        "gr.Accordion",
        "gradio.Markdown",
        "gradio.Info",
        "gradio.Warning",
        "gradio.Error",
        "st.*",
        "streamlit.*",
        "*.QLabel",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "*.QPushButton",
        "QMessageBox.*",
        "*.setText",
        "*.setWindowTitle",
        "*.setToolTip",
        "*.setStatusTip",
        "*.setPlaceholderText",
        "*.setTitle",
        "*.showMessage",
        "*.Label",
        "*.Button",
        "*.Checkbutton",
        "*.Radiobutton",
        "*.LabelFrame",
        "messagebox.*",
        "tkinter.messagebox.*",
        "*.xlabel",
        "*.ylabel",
        "*.suptitle",
        "*.set_xlabel",
        "*.set_ylabel",
        "*.set_title",
    ],
    "message-keywords": [
        "help", "description", "epilog", "usage", "msg", "message", "label", "info", "title", "placeholder",
        "tooltip", "caption", "prompt_text", "confirmation_prompt", "short_help", "rich_help_panel",
    ],
    "data-calls": [
        "*.generate",
        "*.chat",
        "*.stream_chat",
        "*.complete",
        "*.create",
        "*.invoke",
        "*.encode",
        "*.batch_encode_plus",
        "*.encode_plus",
        "*.tokenize",
        "*.tokenizer",
        "tokenizer",
        "*.apply_chat_template",
        "*.predict",
        "*.pipeline",
        "pipe",
        "*.write",
        "*.writelines",
        "json.dump",
        "json.dumps",
        "*.execute",
        "*.executemany",
        "*.post",
        "*.put",
        "*.send",
        "*.sendall",
        "re.compile",
        "open",
    ],
    "data-keywords": [
        "prompt", "prompts", "messages", "content", "system", "system_prompt", "instruction", "instructions",
        "query", "input", "inputs", "input_text", "template", "sql", "data", "json", "body", "payload", "params",
    ],
    "data-names": ["prompt", "template", "instruction", "query", "sql", "payload", "request", "content", "context"],
    "doc-extensions": [".md", ".markdown", ".rst", ".txt"],
    "doc-exclude": [
        "**/requirements*.txt",
        "**/constraints*.txt",
        "**/CMakeLists.txt",
        "**/LICENSE*",
        "**/NOTICE*",
        "**/data/**/*.txt",
        "**/datasets/**/*.txt",
        "**/corpus/**/*.txt",
        "**/corpora/**/*.txt",
        "**/fixtures/**",
        "**/testdata/**",
        "**/test_data/**",
        "**/test*/**/*.txt",
    ],
}

DEFAULT_JSON_GUARD: Dict[str, Any] = {
    "files": {},
    "mutable": {},
    "approval-trailer": "Prefguard-Approve",
    "memory-dir": ".claude",
    "log-limit": 200,
    "archive-days": 30,
    "module-exempt": [
        "**/__init__.py",
        "**/__main__.py",
        "tests/**",
        "**/tests/**",
        "**/test_*.py",
        "**/*_test.py",
        "**/conftest.py",
        "**/setup.py",
    ],
}

DEFAULT_INTEGRATION: Dict[str, Any] = {
    "entry": [],
    "critical": [],
    "exclude": [],
    "tests": ["tests/**", "**/tests/**", "**/test_*.py", "**/*_test.py", "**/conftest.py"],
}

SUBTABLE_DEFAULTS: Dict[str, Dict[str, Any]] = {
    "header": DEFAULT_HEADER,
    "naming": DEFAULT_NAMING,
    "docstrings": DEFAULT_DOCSTRINGS,
    "english": DEFAULT_ENGLISH,
    "json-guard": DEFAULT_JSON_GUARD,
    "integration": DEFAULT_INTEGRATION,
}

TOP_LEVEL_DEFAULTS: Dict[str, Any] = {
    "select": [],
    "ignore": [],
    "extend-select": [],
    "per-file-ignores": {},
    "exclude": [],
    "status-prefixes": ["[OK]", "[HF]", "[WARN]", "[ERROR]", "[INFO]"],
    "placeholder-markers": ["TODO", "FIXME", "XXX", "TBD", "placeholder", "stub", "implement later"],
    "allow-empty-init": True,
    "max-inheritance-depth": 2,
    "public-modules": [],
    "banned-logging-modules": [
        "logging", "loguru", "structlog", "logbook", "absl.logging", "transformers.utils.logging",
        "accelerate.logging", "diffusers.utils.logging", "datasets.utils.logging",
    ],
    # Chosen from benchmarks/file_size.py: checking real code takes 11-16 s per MB on a busy
    # 2-core machine (0.25 MB 2.8 s, 0.5 MB 6.9 s, 1 MB 15.5 s, 2 MB 22.5 s), so the former
    # 5 MB let one file stall a commit hook for over a minute. At 1 MiB the slowest file stays
    # near 15 s; a larger one is reported as PGX002 "not checked" (raise the limit to check it).
    "max-file-bytes": 1_048_576,
    "baseline": ".prefguard-baseline.json",
}


class ConfigError(ValueError):
    """A configuration problem: names the file and the key at fault."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: [tool.prefguard] {key}: {problem}")
        self.source = source
        self.key = key
        self.problem = problem


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return isinstance(value, type(default))


def _merge_table(source: str, prefix: str, defaults: Dict[str, Any], given: Dict[str, Any]) -> Dict[str, Any]:
    merged = dict(defaults)
    for key, value in given.items():
        name = f"{prefix}{key}"
        if key not in defaults:
            raise ConfigError(source, name, f"unknown key (known: {', '.join(sorted(defaults))})")
        if not _same_kind(defaults[key], value):
            raise ConfigError(source, name, f"expected {type(defaults[key]).__name__}, got {type(value).__name__}")
        merged[key] = value
    return merged


# Configured paths prefguard writes to: (sub-table or "" for the top level, key, may be empty).
CONFIGURED_PATHS: Tuple[Tuple[str, str, bool], ...] = (("", "baseline", False), ("json-guard", "memory-dir", True))


def check_configured_path(source: str, key: str, value: str, may_be_empty: bool = False) -> None:
    """Refuse a configured path that is absolute, has a backslash or a ``..`` segment (ConfigError)."""
    text = value.strip().strip("/") if may_be_empty else value
    if not text and may_be_empty:
        return
    problem = ""
    if not text or value.startswith("/") or (len(text) > 1 and text[1] == ":") or "\\" in text or "\0" in text:
        problem = "must be a relative POSIX path inside the project"
    elif any(part in ("", ".", "..") for part in text.split("/")):
        problem = "must be a normalized path inside the project (no '..', '.' or empty segment)"
    if problem:
        raise ConfigError(source, key, f"{value!r} {problem}")


def expand_codes(source: str, key: str, selectors: Iterable[str]) -> FrozenSet[str]:
    """Turn codes and family prefixes (``ANN``, ``HDR001``, ``ALL``) into a set of codes."""
    result = set()
    for selector in selectors:
        if not isinstance(selector, str):
            raise ConfigError(source, key, f"expected a code, got {selector!r}")
        wanted = selector.strip().upper()
        if wanted == "ALL":
            result.update(ALL_CODES)
            continue
        matched = {code for code in ALL_CODES if code.startswith(wanted)} if wanted else set()
        if not matched:
            raise ConfigError(source, key, f"unknown code or prefix {selector!r}")
        result.update(matched)
    return frozenset(result)


@dataclass(frozen=True)
class Settings:
    """Validated configuration of one run."""

    source: str = "<defaults>"
    root: str = "."
    enabled: FrozenSet[str] = field(default_factory=lambda: frozenset(ALL_CODES))
    per_file_ignores: Tuple[Tuple[str, FrozenSet[str]], ...] = ()
    exclude: Tuple[str, ...] = ()
    values: Dict[str, Any] = field(default_factory=lambda: dict(TOP_LEVEL_DEFAULTS))
    tables: Dict[str, Dict[str, Any]] = field(default_factory=lambda: {k: dict(v) for k, v in SUBTABLE_DEFAULTS.items()})

    def table(self, name: str) -> Dict[str, Any]:
        """One sub-table (``header``, ``english`` …) with defaults filled in."""
        return self.tables[name]

    def value(self, name: str) -> Any:
        """One top-level value with its default filled in."""
        return self.values[name]

    def codes_for(self, path: str) -> FrozenSet[str]:
        """The codes enabled for one repository-relative path."""
        codes = self.enabled
        for pattern, ignored in self.per_file_ignores:
            if matches_any(path, (pattern,)):
                codes = codes - ignored
        return codes

    def is_excluded(self, path: str) -> bool:
        """Whether the configuration excludes the path from every check."""
        return bool(self.exclude) and matches_any(path, self.exclude)

    def fingerprint(self) -> str:
        """A stable hash of everything that can change findings (for the cache)."""
        payload = {
            "enabled": sorted(self.enabled),
            "per_file_ignores": [[p, sorted(c)] for p, c in self.per_file_ignores],
            "exclude": list(self.exclude),
            "values": self.values,
            "tables": self.tables,
        }
        blob = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


def build_settings(
    table: Dict[str, Any],
    source: str = "<defaults>",
    root: str = ".",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Settings:
    """Validate a ``[tool.prefguard]`` table and command-line selections into Settings."""
    top_given = {k: v for k, v in table.items() if k not in SUBTABLE_DEFAULTS}
    values = _merge_table(source, "", TOP_LEVEL_DEFAULTS, top_given)
    tables: Dict[str, Dict[str, Any]] = {}
    for name, defaults in SUBTABLE_DEFAULTS.items():
        given = table.get(name, {})
        if not isinstance(given, dict):
            raise ConfigError(source, name, "expected a table")
        tables[name] = _merge_table(source, f"{name}.", defaults, given)

    for table_name, key, may_be_empty in CONFIGURED_PATHS:
        holder = tables[table_name] if table_name else values
        check_configured_path(source, f"{table_name}.{key}" if table_name else key, holder[key], may_be_empty)

    base = expand_codes(source, "select", values["select"]) if values["select"] else frozenset(ALL_CODES)
    base = base | expand_codes(source, "extend-select", values["extend-select"])
    base = base - expand_codes(source, "ignore", values["ignore"])
    select = list(select)
    if select:
        base = expand_codes("command line", "--select", select)
    base = base - expand_codes("command line", "--ignore", ignore)

    per_file: List[Tuple[str, FrozenSet[str]]] = []
    for pattern, codes in values["per-file-ignores"].items():
        if not isinstance(codes, list):
            raise ConfigError(source, f"per-file-ignores.{pattern}", "expected a list of codes")
        per_file.append((pattern, expand_codes(source, f"per-file-ignores.{pattern}", codes)))
    for pattern in values["exclude"]:
        if not isinstance(pattern, str):
            raise ConfigError(source, "exclude", f"expected a glob, got {pattern!r}")
    return Settings(
        source=source,
        root=root,
        enabled=base,
        per_file_ignores=tuple(per_file),
        exclude=tuple(values["exclude"]),
        values=values,
        tables=tables,
    )
