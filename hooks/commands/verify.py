# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard verify``: the integration report of policy section 9.

Static by default: every ``.py`` file of the project is read and parsed, and
nothing of the project is imported or executed. ``--tests`` runs the
project's pytest suite under coverage with per-test contexts (TESTED) and
``--run CMD`` runs the pipeline under ``coverage run`` (ACTIVE); those are the
only ways project code runs, and only when asked for.

Exit status: 0 nothing found, 1 INT findings, 2 usage, configuration or
environment error.
"""

import argparse
import gc
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.analysis.project_metadata import MetadataError, ProjectMetadata
from checks.engine.finding import Finding
from checks.integration.evidence import CaseKey, CoverageFormatError, parse_junit
from checks.integration.render import render_summary, render_text
from checks.integration.summary import SUMMARY_FORMAT, ModuleSummary, summarize_module, summary_from_data, summary_to_data
from checks.integration.verify import INIT_COMMAND, STRUCTURE_FILE, VERIFY_SCRIPT, IntegrationReport, verify_project
from checks.config.settings import ConfigError, Settings
from hooks.config_loader import find_config, load_settings
from hooks.errors import UsageError
from hooks.runtime.build_files import project_metadata
from hooks.runtime.cache_trust import cache_folder, read_sealed, secret_key, tracked_by_git, write_sealed
from hooks.runtime.files import discover
from hooks.output.report import FORMATS, write_findings

PARALLEL_MIN_FILES = 400
OUTPUT_TAIL_LINES = 30
CACHE_FILE = "verify-summaries.json"


@dataclass
class ProjectConfig:
    """The configuration of one run: root, validated settings and the build files' metadata."""

    root: str
    settings: Settings
    metadata: ProjectMetadata = field(default_factory=ProjectMetadata)


def _add_option(parser: argparse.ArgumentParser, *flags: str, **options: Any) -> None:
    """Add an option unless the command line already defines it for every command."""
    try:
        parser.add_argument(*flags, **options)
    except argparse.ArgumentError:
        return


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``prefguard verify`` on its sub-parser."""
    parser.add_argument(
        "--entry",
        action="append",
        default=[],
        metavar="FILE",
        help="entry-point file (repeatable); overrides [tool.prefguard.integration] entry",
    )
    parser.add_argument(
        "--run",
        action="append",
        default=[],
        metavar="CMD",
        help='run the pipeline under coverage to measure ACTIVE (repeatable), e.g. --run "python -m training --max-steps 2"',
    )
    parser.add_argument(
        "--tests",
        action="store_true",
        help="run the test suite under coverage with per-test contexts to measure TESTED",
    )
    _add_option(parser, "--format", choices=FORMATS, default="text", help="output format (default: text)")
    _add_option(parser, "--no-cache", action="store_true", help=f"do not read or write the {CACHE_FILE} cache")
    _add_option(parser, "--config", metavar="FILE", default=None, help="a pyproject.toml or prefguard.toml to read")


def _metadata_of(root: str) -> ProjectMetadata:
    """The declared entry points and packaging of the root's build files (setup.py is never executed)."""
    try:
        return project_metadata(Path(root))
    except MetadataError as error:
        raise UsageError(f"cannot read {os.path.join(root, error.path)}: {error.problem}") from error


def _project_root(start: Path) -> Path:
    """Without a prefguard configuration: the nearest folder with a pyproject.toml, else ``start``."""
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").is_file():
            return folder
        if (folder / ".git").exists():
            break
    return start


def load_project(config_path: Optional[str], start: str = ".") -> ProjectConfig:
    """Find and validate the configuration; the project root is the folder holding it."""
    begin = Path(start).resolve()
    try:
        settings = load_settings(config_path, start=begin)
        if config_path is None and find_config(begin) is None:
            settings = load_settings(None, start=_project_root(begin))
    except ConfigError as error:
        raise UsageError(f"configuration error: {error}") from error
    return ProjectConfig(root=settings.root, settings=settings, metadata=_metadata_of(settings.root))


def python_files(settings: Settings) -> List[str]:
    """Every ``.py`` file under the settings' root (git-aware, venvs and caches skipped), as POSIX paths."""
    return [source.relative for source in discover([settings.root], settings, (".py",))]


def _decode(path: str, raw: bytes) -> ModuleSummary:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ModuleSummary(path=path, parse_error=f"not UTF-8 (byte {error.start})")
    return summarize_module(path, text)


def _read_bytes(root: str, path: str) -> Optional[bytes]:
    try:
        with open(os.path.join(root, path), "rb") as handle:
            return handle.read()
    except OSError:
        return None


class FileFailure(Exception):
    """An unexpected error while summarizing one file: ``args`` are (path, description).

    Plain arguments keep it picklable across worker processes; :func:`run`
    reports it as an internal error naming the file, with exit status 2.
    """


def _summarize_one(root: str, path: str) -> ModuleSummary:
    raw = _read_bytes(root, path)
    if raw is None:
        return ModuleSummary(path=path, parse_error="cannot be read")
    try:
        return _decode(path, raw)
    except Exception as error:
        raise FileFailure(path, f"{type(error).__name__}: {error}") from error


def _summarize_batch(root: str, paths: Sequence[str]) -> List[ModuleSummary]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [_summarize_one(root, path) for path in paths]
    finally:
        if enabled:
            gc.enable()


class SummaryCache:
    """File summaries by path and content hash, kept in one sealed JSON file between runs.

    JSON, never pickle, and sealed with this machine's cache key
    (:mod:`hooks.runtime.cache_trust`): a store that this machine's prefguard
    did not write reads as empty. A cache written by another summary format or
    Python version is ignored; a cache that cannot be written is skipped silently.
    """

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self.entries: Dict[str, List[Any]] = {}
        self.changed = False
        self.stamp = f"{SUMMARY_FORMAT}:{sys.version_info[0]}.{sys.version_info[1]}"
        self.secret = secret_key() if path is not None else None
        if path is None or self.secret is None or not os.path.isfile(path):
            return
        payload = read_sealed(Path(path), self.secret)
        if payload is None:
            return
        try:
            data = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return
        if isinstance(data, dict) and data.get("stamp") == self.stamp and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]

    def get(self, path: str, digest: str) -> Optional[ModuleSummary]:
        """The cached summary of ``path`` when its content hash matches."""
        entry = self.entries.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != digest:
            return None
        try:
            return summary_from_data(entry[1])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, digest: str, summary: ModuleSummary) -> None:
        """Remember one summary."""
        self.entries[path] = [digest, summary_to_data(summary)]
        self.changed = True

    def save(self, keep: Sequence[str]) -> None:
        """Write the cache (entries of ``keep`` only) atomically, when anything changed."""
        if self.path is None or self.secret is None or not (self.changed or set(self.entries) - set(keep)):
            return
        wanted = set(keep)
        data = {"stamp": self.stamp, "entries": {k: v for k, v in self.entries.items() if k in wanted}}
        write_sealed(Path(self.path), self.secret, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def summarize_files(root: str, paths: Sequence[str], jobs: int = 0, cache_path: Optional[str] = None) -> Dict[str, ModuleSummary]:
    """Summaries of every file: from the cache when unchanged, else parsed (many files in parallel)."""
    cache = SummaryCache(cache_path)
    result: Dict[str, ModuleSummary] = {}
    digests: Dict[str, str] = {}
    missing: List[str] = []
    for path in paths:
        raw = _read_bytes(root, path)
        if raw is None:
            result[path] = ModuleSummary(path=path, parse_error="cannot be read")
            continue
        digests[path] = hashlib.sha1(raw).hexdigest()
        cached = cache.get(path, digests[path])
        if cached is None:
            missing.append(path)
        else:
            result[path] = cached
    workers = jobs or (os.cpu_count() or 1)
    if workers < 2 or len(missing) < PARALLEL_MIN_FILES:
        fresh = _summarize_batch(root, missing)
    else:
        ordered = sorted(missing, key=lambda p: -_size(root, p))
        batches = [ordered[i::workers * 4] for i in range(workers * 4)]
        fresh = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for summaries in pool.map(_summarize_batch, [root] * len(batches), batches):
                fresh.extend(summaries)
    for summary in fresh:
        result[summary.path] = summary
        if summary.path in digests:
            cache.put(summary.path, digests[summary.path], summary)
    cache.save(list(paths))
    return result


def _size(root: str, path: str) -> int:
    try:
        return os.path.getsize(os.path.join(root, path))
    except OSError:
        return 0


def _read_structure(root: str) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    path = os.path.join(root, STRUCTURE_FILE)
    if not os.path.isfile(path):
        return None, None
    try:
        with open(path, "r", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        return None, f"{STRUCTURE_FILE} cannot be read ({error}); critical flags from it are ignored"
    if not isinstance(data, dict):
        return None, f"{STRUCTURE_FILE} is not a JSON object; critical flags from it are ignored"
    return data, None


def _child_environment(data_file: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    env["COVERAGE_FILE"] = data_file
    env.pop("PYTEST_ADDOPTS", None)
    return env


def _show_tail(label: str, output: str) -> None:
    lines = output.rstrip().splitlines()
    if not lines:
        return
    shown = lines[-OUTPUT_TAIL_LINES:]
    skipped = len(lines) - len(shown)
    note = f" (last {len(shown)} of {len(lines)} lines)" if skipped else ""
    print(f"[INFO] output of {label}{note}:", file=sys.stderr, flush=True)
    for line in shown:
        print(f"    {line}", file=sys.stderr, flush=True)


def _coverage_json(root: str, data_file: str, out_file: str, contexts: bool) -> Dict[str, Any]:
    command = [sys.executable, "-m", "coverage", "json", f"--data-file={data_file}", "-o", out_file]
    if contexts:
        command.append("--show-contexts")
    done = subprocess.run(command, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
    if done.returncode != 0 or not os.path.isfile(out_file):
        if "No data" in (done.stdout + done.stderr):
            return {"meta": {"show_contexts": contexts}, "files": {}}
        raise UsageError(f"coverage json failed ({done.returncode}): {(done.stderr or done.stdout).strip()}")
    with open(out_file, "r", encoding="utf-8") as handle:
        return json.load(handle)


def _require(module: str, package: str, flag: str) -> None:
    if find_spec(module) is None:
        raise UsageError(f"{flag} needs {package}: install it with `python -m pip install {package}`")


def run_tests(root: str, workdir: str) -> Tuple[Dict[str, Any], Dict[CaseKey, bool], int]:
    """Run pytest under coverage with per-test contexts; coverage JSON, outcomes, pytest status."""
    _require("pytest", "pytest", "--tests")
    _require("pytest_cov", "pytest-cov", "--tests")
    data_file = os.path.join(workdir, "tests.coverage")
    junit = os.path.join(workdir, "junit.xml")
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        f"--cov={root}", "--cov-context=test", "--cov-report=",
        f"--junitxml={junit}", "-o", "junit_family=xunit2",
    ]
    print(f"[INFO] TESTED: running {' '.join(shlex.quote(c) for c in command)}", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
    _show_tail("pytest", done.stdout + done.stderr)
    if done.returncode not in (0, 1, 5) or not os.path.isfile(junit):
        raise UsageError(f"pytest could not run the tests (exit status {done.returncode}); see its output above")
    with open(junit, "r", encoding="utf-8") as handle:
        outcomes = parse_junit(handle.read())
    return _coverage_json(root, data_file, os.path.join(workdir, "tests.json"), True), outcomes, done.returncode


def _is_python(name: str) -> bool:
    base = os.path.basename(name).lower().removesuffix(".exe")
    return base == "python" or (base.startswith("python") and base[6:].replace(".", "").isdigit())


def _is_python_script(path: str) -> bool:
    try:
        with open(path, "r", encoding="utf-8") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return first.startswith("#!") and "python" in first


def coverage_command(command: str, data_file: str) -> List[str]:
    """``coverage run`` in front of a pipeline command (``python -m pkg``, ``python x.py`` or a console script)."""
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise UsageError(f"--run {command!r}: {error}") from error
    if not words:
        raise UsageError("--run needs a command, for example --run \"python -m training\"")
    prefix = [sys.executable, "-m", "coverage", "run", f"--data-file={data_file}"]
    if _is_python(words[0]) or os.path.abspath(words[0]) == sys.executable:
        rest = words[1:]
        if len(rest) >= 2 and rest[0] == "-m":
            return prefix + ["-m"] + rest[1:]
        if rest and not rest[0].startswith("-"):
            return prefix + rest
        raise UsageError(f"--run {command!r}: expected `python -m MODULE ...` or `python SCRIPT ...`")
    for folder in (os.path.dirname(sys.executable), None):
        script = shutil.which(words[0], path=folder)
        if script is not None and _is_python_script(script):
            return prefix + [script] + words[1:]
    raise UsageError(
        f"--run {command!r}: {words[0]} is not a Python command; use `python -m MODULE ...`, "
        "`python SCRIPT ...` or a Python console script"
    )


def run_pipeline(root: str, commands: Sequence[str], workdir: str) -> Tuple[Dict[str, Any], List[Tuple[str, int]]]:
    """Run each pipeline command under ``coverage run --append``; one coverage JSON and each exit status."""
    _require("coverage", "coverage", "--run")
    data_file = os.path.join(workdir, "run.coverage")
    statuses: List[Tuple[str, int]] = []
    for command in commands:
        argv = coverage_command(command, data_file)
        argv.insert(argv.index("run") + 1, "--append")
        print(f"[INFO] ACTIVE: running {' '.join(shlex.quote(c) for c in argv)}", file=sys.stderr, flush=True)
        done = subprocess.run(argv, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
        _show_tail(command, done.stdout + done.stderr)
        statuses.append((command, done.returncode))
    if not os.path.isfile(data_file):
        raise UsageError(f"--run recorded no coverage data (exit statuses {[status for _c, status in statuses]})")
    return _coverage_json(root, data_file, os.path.join(workdir, "run.json"), False), statuses


def emit(report: IntegrationReport, findings: Sequence[Finding], fmt: str, root: str) -> None:
    """Print the report: the text table, or the findings in a machine format (``hooks.output.report``).

    ``summary`` (Markdown for ``$GITHUB_STEP_SUMMARY``) adds the counted totals
    table after the findings. Outside the text format, problems go to stderr so
    that stdout holds only the machine format.
    """
    if fmt == "text":
        print(render_text(report, root))
        if findings:
            codes = sorted({finding.code for finding in findings})
            fix = f"; run `{INIT_COMMAND}` to create {VERIFY_SCRIPT}" if "INT001" in codes else ""
            print(f"[ERROR] {len(findings)} integration findings ({', '.join(codes)}){fix}")
        else:
            print("[OK] no integration findings")
        return
    for problem in report.problems:
        print(f"[WARN] {problem}", file=sys.stderr, flush=True)
    write_findings(findings, fmt)
    if fmt == "summary":
        print(render_summary(report, len(findings)))


def _enabled(findings: Sequence[Finding], settings: Settings) -> List[Finding]:
    return [finding for finding in findings if finding.code in settings.codes_for(finding.path)]


def _entry_spec(root: str, entry: str) -> str:
    """An ``--entry`` given relative to the working directory, made relative to the root."""
    if os.path.isfile(entry):
        relative = os.path.relpath(os.path.abspath(entry), root)
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return entry


def verify(args: argparse.Namespace) -> int:
    """Run the verification described by parsed arguments; returns the exit status."""
    project = load_project(getattr(args, "config", None), getattr(args, "start", "."))
    root = project.root
    integration = {**project.settings.table("integration"), "public-modules": project.settings.value("public-modules")}
    paths = python_files(project.settings)
    if not paths:
        raise UsageError(f"{root} holds no Python file to verify")
    cache_path = None
    if not getattr(args, "no_cache", False):
        folder = cache_folder(Path(root))
        cache_path = None if tracked_by_git(Path(root), folder) else str(folder / CACHE_FILE)
    summaries = summarize_files(root, paths, cache_path=cache_path)
    structure, structure_problem = _read_structure(root)
    if structure_problem:
        print(f"[WARN] {structure_problem}", file=sys.stderr, flush=True)
    entries = [_entry_spec(root, entry) for entry in args.entry]
    scripts, library = project.metadata.scripts, project.metadata.packaged
    static = verify_project(summaries, integration, entries, scripts, structure, root=root, library=library)
    if static.config_errors:
        raise UsageError("; ".join(static.config_errors))
    if static.missing_entries and static.entries_required:
        raise UsageError(
            f"entry point not found: {', '.join(static.missing_entries)} ({static.entry_source}); "
            "give a file path relative to the project root or a dotted module name"
        )
    report = static
    commands = [args.run] if isinstance(args.run, str) else list(args.run or [])
    if args.tests or commands:
        with tempfile.TemporaryDirectory(prefix="prefguard-verify-") as workdir:
            test_coverage: Optional[Dict[str, Any]] = None
            outcomes: Optional[Dict[CaseKey, bool]] = None
            run_coverage: Optional[Dict[str, Any]] = None
            if args.tests:
                test_coverage, outcomes, status = run_tests(root, workdir)
                if status == 1:
                    print("[WARN] some tests failed; modules run only by failing tests are not TESTED", file=sys.stderr, flush=True)
            if commands:
                run_coverage, statuses = run_pipeline(root, commands, workdir)
                for command, status in statuses:
                    if status != 0:
                        print(
                            f"[WARN] {command!r} exited with status {status}; ACTIVE reflects what ran before",
                            file=sys.stderr,
                            flush=True,
                        )
            try:
                report = verify_project(
                    summaries, integration, entries, scripts, structure, root=root, library=library,
                    run_coverage=run_coverage, test_coverage=test_coverage, test_outcomes=outcomes,
                )
            except CoverageFormatError as error:
                raise UsageError(str(error)) from error
    findings = _enabled(report.findings, project.settings)
    emit(report, findings, args.format, root)
    return 1 if findings else 0


def run(args: argparse.Namespace) -> int:
    """Entry of ``prefguard verify`` for the command line: 0, 1 with findings, 2 on errors."""
    try:
        return verify(args)
    except UsageError as error:
        print(f"[ERROR] prefguard verify: {error}", file=sys.stderr, flush=True)
        return 2
    except FileFailure as failure:
        path, description = failure.args
        print(f"[ERROR] prefguard verify: internal error while processing {path}: {description}", file=sys.stderr, flush=True)
        return 2
    except OSError as error:
        print(f"[ERROR] prefguard verify: {error.filename or ''}: {error.strerror}", file=sys.stderr, flush=True)
        return 2


def main(argv: Optional[Sequence[str]] = None, start: str = ".") -> int:
    """Parse ``argv`` as the options of ``prefguard verify`` and run it.

    ``start`` is the folder the configuration is searched from (upwards); the
    folder holding it is the project root.
    """
    parser = argparse.ArgumentParser(prog="prefguard verify", description="Integration verification (policy section 9).")
    add_arguments(parser)
    parser.set_defaults(start=start)
    return run(parser.parse_args(argv))
