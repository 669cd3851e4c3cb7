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
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.analysis.project_metadata import MetadataError, ProjectMetadata
from checks.engine.finding import Finding
from checks.integration.evidence import CaseKey, CoverageFormatError
from checks.integration.render import render_summary, render_text
from checks.integration.verify import INIT_COMMAND, VERIFY_SCRIPT, IntegrationReport, verify_project
from checks.guard.memory_rules import KIND_STRUCTURE, memory_path
from checks.guard.strict_json import StrictJsonError, loads_bytes
from checks.config.settings import ConfigError, Settings
from hooks.commands.baseline import IntegrationScope
from hooks.config_loader import find_config, load_settings, nearest_pyproject_folder
from hooks.errors import InternalError, UsageError, run_reporting_errors
from hooks.runtime.build_files import project_metadata
from hooks.runtime.cache_trust import cache_folder, tracked_by_git
from hooks.runtime.coverage_runs import coverage_command, run_pipeline, run_tests
from hooks.runtime.files import discover
from hooks.runtime.summaries import FileFailure, summarize_files
from hooks.output.report import FORMATS, write_findings

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
    _add_option(parser, "--no-baseline", action="store_true", help="report integration findings the baseline file accepts too")
    _add_option(parser, "--config", metavar="FILE", default=None, help="a pyproject.toml or prefguard.toml to read")


def _metadata_of(root: str) -> ProjectMetadata:
    """The declared entry points and packaging of the root's build files (setup.py is never executed)."""
    try:
        return project_metadata(Path(root))
    except MetadataError as error:
        raise UsageError(f"cannot read {os.path.join(root, error.path)}: {error.problem}") from error


def load_project(config_path: Optional[str], start: str = ".") -> ProjectConfig:
    """Find and validate the configuration; the project root is the folder holding it."""
    begin = Path(start).resolve()
    try:
        settings = load_settings(config_path, start=begin)
        if config_path is None and find_config(begin) is None:
            settings = load_settings(None, start=nearest_pyproject_folder(begin))
    except ConfigError as error:
        raise UsageError(f"configuration error: {error}") from error
    return ProjectConfig(root=settings.root, settings=settings, metadata=_metadata_of(settings.root))


def python_files(settings: Settings) -> List[str]:
    """Every ``.py`` file under the settings' root (git-aware, venvs and caches skipped), as POSIX paths."""
    return [source.relative for source in discover([settings.root], settings, (".py",))]


def _read_structure(root: str, settings: Settings) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    """The structure file of the configured memory folder, read strictly as the guard reads it."""
    relative = memory_path(str(settings.table("json-guard")["memory-dir"]), KIND_STRUCTURE)
    path = os.path.join(root, relative)
    if not os.path.isfile(path):
        return None, None
    try:
        with open(path, "rb") as handle:
            data = loads_bytes(handle.read())
    except (OSError, StrictJsonError) as error:
        return None, f"{relative} cannot be read ({error}); critical flags from it are ignored"
    if not isinstance(data, dict):
        return None, f"{relative} is not a JSON object; critical flags from it are ignored"
    return data, None


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


def _static_report(project: ProjectConfig, entries: Sequence[str], use_cache: bool) -> Tuple[IntegrationReport, Dict[str, Any], Dict[str, Any], Optional[Dict[str, Any]]]:
    """The static report of a project, with what a measured run needs again (integration table, summaries, structure)."""
    root = project.root
    integration = {**project.settings.table("integration"), "public-modules": project.settings.value("public-modules")}
    paths = python_files(project.settings)
    if not paths:
        raise UsageError(f"{root} holds no Python file to verify")
    cache_path = None
    if use_cache:
        folder = cache_folder(Path(root))
        cache_path = None if tracked_by_git(Path(root), folder) else str(folder / CACHE_FILE)
    summaries = summarize_files(root, paths, cache_path=cache_path)
    structure, structure_problem = _read_structure(root, project.settings)
    if structure_problem:
        print(f"[WARN] {structure_problem}", file=sys.stderr, flush=True)
    scripts, library = project.metadata.scripts, project.metadata.packaged
    static = verify_project(summaries, integration, entries, scripts, structure, root=root, library=library)
    if static.config_errors:
        raise UsageError("; ".join(static.config_errors))
    if static.missing_entries and static.entries_required:
        raise UsageError(
            f"entry point not found: {', '.join(static.missing_entries)} ({static.entry_source}); "
            "give a file path relative to the project root or a dotted module name"
        )
    return static, integration, summaries, structure


def integration_findings(settings: Settings, use_cache: bool = True) -> List[Finding]:
    """The enabled findings of a static ``prefguard verify`` of the settings' project (what the baseline records).

    Raises :class:`UsageError` where verify would exit 2; a project without
    Python files has none.
    """
    project = ProjectConfig(root=settings.root, settings=settings, metadata=_metadata_of(settings.root))
    if not python_files(settings):
        return []
    return _enabled(_static_report(project, (), use_cache=use_cache)[0].findings, settings)


def verify(args: argparse.Namespace) -> int:
    """Run the verification described by parsed arguments; returns the exit status."""
    project = load_project(getattr(args, "config", None), getattr(args, "start", "."))
    root = project.root
    entries = [_entry_spec(root, entry) for entry in args.entry]
    static, integration, summaries, structure = _static_report(project, entries, not getattr(args, "no_cache", False))
    scripts, library = project.metadata.scripts, project.metadata.packaged
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
    scope = None if getattr(args, "no_baseline", False) else IntegrationScope(project.settings)
    if scope is not None:
        findings = scope.filter(findings)
    emit(report, findings, args.format, root)
    if scope is not None:
        scope.report()
    return 1 if findings else 0


def run(args: argparse.Namespace) -> int:
    """Entry of ``prefguard verify`` for the command line: 0, 1 with findings, 2 on errors (``hooks.errors``)."""
    return run_reporting_errors(_verify_naming_failed_files, args, "prefguard verify")


def _verify_naming_failed_files(args: argparse.Namespace) -> int:
    try:
        return verify(args)
    except FileFailure as failure:
        path, description = failure.args
        raise InternalError(path, description) from failure


def main(argv: Optional[Sequence[str]] = None, start: str = ".") -> int:
    """Parse ``argv`` as the options of ``prefguard verify`` and run it.

    ``start`` is the folder the configuration is searched from (upwards); the
    folder holding it is the project root.
    """
    parser = argparse.ArgumentParser(prog="prefguard verify", description="Integration verification (policy section 9).")
    add_arguments(parser)
    parser.set_defaults(start=start)
    return run(parser.parse_args(argv))
