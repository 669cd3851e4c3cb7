# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard init [PATH]``: put an existing repository under the policy in one step.

Non-interactive and idempotent; a file that exists is never overwritten: it
is appended to, merged into, or left alone with a message saying what the
user must add and why. The steps are small planning functions run in order
(:data:`STEPS`); each reads what it needs from the :class:`InitContext` and
plans writes. Nothing is written until every step has planned: then all
writes are committed together (:class:`hooks.runtime.transaction.WriteSet`)
and the baseline of existing findings is recorded. Any failure leaves the
tree as it was.

Exit status: 0 done (or nothing to do), 2 usage, input or environment error.
"""

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from checks.adoption.config_table import PREFGUARD_TOML, PYPROJECT, append_table, has_prefguard_table, parse, table_text
from checks.adoption.errors import AdoptionInputError
from checks.adoption.generated_files import header_lines, verify_script, workflow
from checks.adoption.project_header import ProjectHeader, ProjectTools
from checks.adoption.memory_content import concept, init_log_entry, module_entry, module_facts, structure
from checks.adoption.precommit_config import CONFIG_FILE, DEFAULT_HOOK_REPOSITORY, merge_precommit
from checks.adoption.readme_facts import readme_facts
from checks.analysis.project_metadata import MetadataError, ProjectMetadata
from checks.baseline.gate import BASELINE_APPROVAL_POINTER
from checks.config.settings import DEFAULT_HEADER, ConfigError, Settings
from checks.guard.memory_rules import KIND_CONCEPT, KIND_LOG, KIND_STRUCTURE, memory_path, schema_problems
from checks.guard.strict_json import StrictJsonError, dumps, loads_bytes
from checks.integration.summary import ModuleSummary, summarize_module
from checks.integration.verify import VERIFY_SCRIPT, verify_project
from hooks.commands.baseline import baseline_location, write_baseline
from hooks.commands.verify import python_files, summarize_files
from hooks.config_loader import load_settings
from hooks.errors import UsageError
from hooks.runtime.adoption_facts import derive_header, git_lines, hook_source
from hooks.runtime.build_files import project_metadata
from hooks.runtime.transaction import PlannedWrite, StaleFileError, WriteSet
from hooks.version import VERSION

WORKFLOW_FILE = ".github/workflows/prefguard.yml"
# The English README first: a project with translations keeps its English text in README_EN.md or README.en.md.
README_NAMES = (
    "README_EN.md", "README.en.md", "README_en.md", "README-en.md", "README.en.rst",
    "README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md",
)
APPROVAL = "Prefguard-Approve"


@dataclass
class InitContext:
    """What the steps share: the repository, its facts, the planned writes and the messages."""

    root: Path
    args: argparse.Namespace
    settings: Settings
    metadata: ProjectMetadata
    summaries: Dict[str, ModuleSummary]
    sources: List[str]
    found_by: Tuple[Tuple[str, str], ...]
    now: datetime
    writes: WriteSet
    derived_header: Optional[ProjectHeader] = None
    tools: ProjectTools = field(default_factory=ProjectTools)
    messages: List[str] = field(default_factory=list)

    @property
    def header(self) -> Dict[str, object]:
        """The header of new files: the configured one, else the one derived from the project."""
        configured = self.settings.table("header")
        if self.derived_header is None:
            return configured
        return dict(configured, **self.derived_header.table())

    @property
    def today(self) -> date:
        """The date of the run."""
        return self.now.date()

    def read(self, relative: str) -> Optional[bytes]:
        """The bytes of a file under the root, or None when it does not exist."""
        path = self.root / relative
        if not path.exists():
            return None
        try:
            return path.read_bytes()
        except OSError as error:
            raise AdoptionInputError(relative, f"cannot be read: {error.strerror}") from error

    def text(self, relative: str) -> Optional[str]:
        """A UTF-8 file under the root as text, or None when it does not exist."""
        data = self.read(relative)
        if data is None:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise AdoptionInputError(relative, f"is not UTF-8 text (byte {error.start})") from error

    def plan(self, relative: str, data: bytes, summary: str) -> None:
        """Plan one write; the old bytes are read now, so a file that changes meanwhile is not overwritten."""
        self.writes.add(PlannedWrite(relative, data, self.read(relative), summary))

    def keep(self, relative: str, why: str) -> None:
        """Record that a file is left as it is."""
        self.messages.append(f"[INFO] {relative}: {why}; kept as it is")

    @property
    def memory_dir(self) -> str:
        """The folder of the memory files (``[tool.prefguard.json-guard] memory-dir``)."""
        return str(self.settings.table("json-guard")["memory-dir"]).strip().strip("/")

    @property
    def baseline_due(self) -> bool:
        """Whether init records the baseline: the file does not exist yet."""
        return not (self.root / self.baseline_file).exists()

    @property
    def baseline_file(self) -> str:
        """The baseline file of the configuration (``[tool.prefguard] baseline``)."""
        return baseline_location(self.settings).relative_to(self.root).as_posix()


# ======================================================================
# The steps, in order. Each plans the writes of one file (or one family).


def plan_configuration(ctx: InitContext) -> None:
    """``[tool.prefguard]`` appended to pyproject.toml, else a new prefguard.toml."""
    if (ctx.root / PREFGUARD_TOML).exists():
        ctx.keep(PREFGUARD_TOML, "prefguard is configured there")
        return
    derived = ctx.derived_header
    header = derived.table() if derived is not None else None
    table = table_text(ctx.found_by, ctx.baseline_file, ctx.today, header, derived.reasons if derived is not None else ())
    text = ctx.text(PYPROJECT)
    if text is not None:
        if has_prefguard_table(parse(text, PYPROJECT)):
            ctx.keep(PYPROJECT, "[tool.prefguard] exists")
            return
        merged = append_table(text, table)
        if merged is not None:
            ctx.plan(PYPROJECT, merged.encode("utf-8"), f"appended [tool.prefguard] with {len(ctx.found_by)} entry points")
            return
        ctx.messages.append(f"[WARN] {PYPROJECT}: a [tool.prefguard] table cannot be appended (its tool table is inline); using {PREFGUARD_TOML}")
    ctx.plan(PREFGUARD_TOML, table.encode("utf-8"), f"created with {len(ctx.found_by)} entry points")


def plan_precommit(ctx: InitContext) -> None:
    """prefguard's hooks merged into .pre-commit-config.yaml (created when missing)."""
    source = hook_source(ctx.args, ctx.root)
    merge = merge_precommit(ctx.text(CONFIG_FILE), source)
    if merge.manual:
        ctx.messages.append(f"[WARN] {merge.manual}")
    elif merge.text is None:
        ctx.keep(CONFIG_FILE, "the prefguard hooks and both hook types are there")
        return
    else:
        ctx.plan(CONFIG_FILE, merge.text.encode("utf-8"), "; ".join(merge.changes))
    if not source.system:
        ctx.messages.append(
            f"[INFO] {CONFIG_FILE}: the hooks come from {source.repo} at {source.rev}; pre-commit installs that "
            "prefguard in an isolated environment of its own at the first commit"
        )
        if source.repo == DEFAULT_HOOK_REPOSITORY:
            ctx.messages.append(
                f"[INFO] {CONFIG_FILE}: if pre-commit cannot fetch {DEFAULT_HOOK_REPOSITORY} at v{VERSION} (no release "
                "published there), run init with --hook-repo PATH of a prefguard checkout, or with --hooks system"
            )
    elif shutil.which("prefguard") is None:
        ctx.messages.append(
            f"[WARN] {CONFIG_FILE}: the hooks (language: system) run `prefguard` from PATH, and no prefguard is on "
            "PATH now: a commit would fail with \"Executable `prefguard` not found\". Activate the environment that "
            "has prefguard before committing, or use the hook repository (prefguard init --hooks repo)"
        )


def plan_verify_script(ctx: InitContext) -> None:
    """verify_integration.py with the policy header, running prefguard verify."""
    if (ctx.root / VERIFY_SCRIPT).exists():
        ctx.keep(VERIFY_SCRIPT, "exists")
        return
    header = ctx.header
    year = int(header["year"]) or ctx.today.year
    ctx.plan(VERIFY_SCRIPT, verify_script(header, year).encode("utf-8"), "created (policy section 9)")


def _existing_memory(ctx: InitContext, kind: str) -> Optional[object]:
    """A memory file's value when it exists and passes its schema; AdoptionInputError when it does not."""
    relative = memory_path(ctx.memory_dir, kind)
    data = ctx.read(relative)
    if data is None:
        return None
    try:
        value = loads_bytes(data)
    except StrictJsonError as error:
        raise AdoptionInputError(relative, f"is not valid JSON: {error.message} (line {error.line}, column {error.column})") from None
    problems = schema_problems(kind, value)
    if problems:
        details = "; ".join(f"{pointer or '/'}: {message}" for pointer, message in problems[:3])
        raise AdoptionInputError(relative, f"fails its schema ({details}); fix it first, prefguard init never rewrites it")
    return value


def _readme(ctx: InitContext) -> Tuple[str, Optional[str]]:
    for name in README_NAMES:
        text = ctx.text(name)
        if text is not None:
            return name, text
    return "README", None


def _last_commit_dates(root: Path) -> Dict[str, str]:
    """Each tracked path's last commit date (YYYY-MM-DD), from one pass over the history."""
    done = subprocess.run(
        ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames"],
        cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
    )
    dates: Dict[str, str] = {}
    current = ""
    for line in done.stdout.splitlines() if done.returncode == 0 else []:
        if line.startswith("\x00"):
            current = line[1:].strip()
        elif line.strip() and current:
            dates.setdefault(line.strip(), current)
    return dates


def plan_memory(ctx: InitContext) -> None:
    """project_concept.json and project_structure.json from the repository (kept when they exist)."""
    concept_path = memory_path(ctx.memory_dir, KIND_CONCEPT)
    structure_path = memory_path(ctx.memory_dir, KIND_STRUCTURE)
    have_concept = _existing_memory(ctx, KIND_CONCEPT) is not None
    _existing_memory(ctx, KIND_LOG)
    modules = [path for path in ctx.sources if path != VERIFY_SCRIPT]
    facts, packages = module_facts(ctx.summaries, modules)
    readme_name, readme_text = _readme(ctx)
    idea = concept(ctx.root.name, ctx.metadata, readme_facts(readme_text), readme_name, packages)
    if have_concept:
        ctx.keep(concept_path, "exists and passes its schema")
    else:
        ctx.plan(concept_path, dumps(idea).encode("utf-8"), f"created for {idea['project_name']!r} ({idea['sources']['vision']})")
    creates_script = not (ctx.root / VERIFY_SCRIPT).exists()
    if creates_script:
        script = summarize_module(VERIFY_SCRIPT, verify_script(ctx.header, ctx.today.year))
        facts.append(module_facts({VERIFY_SCRIPT: script}, [VERIFY_SCRIPT])[0][0])
    existing = _existing_memory(ctx, KIND_STRUCTURE)
    if isinstance(existing, dict):
        listed = {module.get("path") for module in existing["modules"] if isinstance(module, dict)}
        if not creates_script or VERIFY_SCRIPT in listed:
            ctx.keep(structure_path, "exists and passes its schema")
            return
        grown = dict(existing, modules=list(existing["modules"]) + [module_entry(facts[-1], {}, ctx.today)])
        ctx.plan(structure_path, dumps(grown).encode("utf-8"), f"appended the module {VERIFY_SCRIPT} (append-only)")
        return
    blueprint = structure(str(idea["project_name"]), facts, _last_commit_dates(ctx.root), ctx.found_by, ctx.today)
    ctx.plan(structure_path, dumps(blueprint).encode("utf-8"), f"created with {len(facts)} modules")


def _git_output(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def default_branch(root: Path) -> str:
    """The repository's default branch: ``origin/HEAD``'s branch, else the current branch, else ``main``."""
    remote_head = _git_output(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote_head.startswith("origin/") and len(remote_head) > len("origin/"):
        return remote_head[len("origin/"):]
    return _git_output(root, "symbolic-ref", "--quiet", "--short", "HEAD") or "main"


def plan_workflow(ctx: InitContext) -> None:
    """With ``--github``: .github/workflows/prefguard.yml (guard over every commit, verify, and the pinned Action)."""
    if not ctx.args.github:
        return
    if (ctx.root / WORKFLOW_FILE).exists():
        ctx.keep(WORKFLOW_FILE, "exists")
        return
    branch = default_branch(ctx.root)
    text = workflow(ctx.args.action_ref, VERSION, branch)
    ctx.plan(WORKFLOW_FILE, text.encode("utf-8"), f"created (guard, verify and check on pull requests and pushes to {branch}; pinned, read-only token)")
    if ctx.args.action_ref == f"v{VERSION}":
        ctx.messages.append(
            f"[WARN] {WORKFLOW_FILE}: the Action is pinned to the tag v{VERSION}; pin it to the release's commit "
            "with `--action-ref SHA` (a tag can be moved, a commit cannot)"
        )


GITIGNORE = ".gitignore"


def _ignored_by_git(root: Path, relative: str) -> bool:
    done = subprocess.run(["git", "check-ignore", "-q", "--", relative], cwd=root, capture_output=True, check=False)
    return done.returncode == 0


def plan_gitignore(ctx: InitContext) -> None:
    """Virtual environments inside the work tree appended to .gitignore (never committed, never checked)."""
    found = sorted(
        entry.name for entry in ctx.root.iterdir()
        if entry.is_dir() and not entry.is_symlink() and (entry / "pyvenv.cfg").is_file()
    )
    missing = [name for name in found if not _ignored_by_git(ctx.root, f"{name}/")]
    for name in found:
        if git_lines(ctx.root, "ls-files", "--", f"{name}/pyvenv.cfg"):
            ctx.messages.append(f"[WARN] {name}/ is a virtual environment tracked by git: untrack it with `git rm -r --cached {name}`")
    if not missing:
        return
    old = ctx.text(GITIGNORE) or ""
    separator = "" if not old or old.endswith("\n") else "\n"
    lines = ["# Virtual environments inside the work tree (added by `prefguard init`): never committed, never checked."]
    lines.extend(f"/{name}/" for name in missing)
    new = old + separator + ("\n" if old.strip() else "") + "\n".join(lines) + "\n"
    ctx.plan(GITIGNORE, new.encode("utf-8"), f"appended the virtual environment(s) {', '.join(missing)}")


def plan_log(ctx: InitContext) -> None:
    """One log entry recording the init, appended (or the log created) when anything else is written."""
    relative = memory_path(ctx.memory_dir, KIND_LOG)
    if not ctx.writes.writes and not ctx.baseline_due:
        return
    existing = _existing_memory(ctx, KIND_LOG)
    log = list(existing) if isinstance(existing, list) else []
    written = [write.relative for write in ctx.writes.writes] + [relative]
    if ctx.baseline_due:
        written.append(ctx.baseline_file)
    modules = len([path for path in ctx.sources if path != VERIFY_SCRIPT]) + 1
    entry = init_log_entry(
        written,
        len(ctx.found_by),
        modules,
        f"existing findings recorded in {ctx.baseline_file}",
        f"entry points: {', '.join(f'{path} ({rule})' for path, rule in ctx.found_by) or 'none found'}",
        ctx.now,
    )
    summary = "appended the init entry" if existing is not None else "created with the init entry"
    ctx.plan(relative, dumps(log + [entry]).encode("utf-8"), summary)


def plan_assistant(ctx: InitContext) -> None:
    """With ``--assistant``: the Claude Code hooks merged into .claude/settings.json (every other setting kept)."""
    if not ctx.args.assistant:
        return
    from hooks.assistant.install import SETTINGS_FILE, plan_hooks

    result = plan_hooks(ctx.root)
    if not result.changed:
        ctx.keep(SETTINGS_FILE, "already has the prefguard hooks")
        return
    ctx.plan(SETTINGS_FILE, result.text.encode("utf-8"), "merged the Claude Code hooks (PreToolUse, PostToolUse, Stop)")


STEPS: List[Callable[[InitContext], None]] = [
    plan_gitignore,
    plan_configuration,
    plan_precommit,
    plan_verify_script,
    plan_memory,
    plan_workflow,
    plan_assistant,
    plan_log,
]


# ======================================================================
# Running


def _require_work_tree(root: Path) -> None:
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=False)
    except OSError as error:
        raise UsageError(f"git cannot be run ({error.strerror}); prefguard init needs git") from error
    if done.returncode != 0:
        raise UsageError(f"{root} is not a git work tree: run `git init` there first (the hooks and the guard work on git history)")
    top = Path(done.stdout.strip()).resolve()
    if top != root:
        raise UsageError(f"{root} is inside the git work tree {top}; run prefguard init at its top, where pre-commit reads its configuration")


def _context(root: Path, args: argparse.Namespace) -> InitContext:
    try:
        metadata = project_metadata(root)
    except MetadataError as error:
        raise AdoptionInputError(error.path, error.problem) from error
    try:
        settings = load_settings(start=root)
    except ConfigError as error:
        raise UsageError(f"configuration error: {error}") from error
    paths = python_files(settings)
    summaries = summarize_files(str(root), paths)
    integration = settings.table("integration")
    report = verify_project(summaries, integration, (), metadata.scripts, None, root=str(root), library=metadata.packaged)
    tests = set(report.test_files) | set(report.excluded_files)
    sources = [path for path in sorted(summaries) if path not in tests]
    now = datetime.now()
    derived, tools = derive_header(root, settings, metadata, now.date())
    return InitContext(
        root=root,
        args=args,
        settings=settings,
        metadata=metadata,
        summaries=summaries,
        sources=sources,
        found_by=report.found_by,
        now=now,
        writes=WriteSet(root),
        derived_header=derived,
        tools=tools,
    )


def header_messages(ctx: InitContext) -> List[str]:
    """What init says about the header of new files and the project's own tools."""
    header = ctx.header
    lines = header_lines(header, ctx.today.year).splitlines()
    shown = " / ".join(repr(line) for line in lines)
    messages = [f"[INFO] header of new files: {shown}"]
    if ctx.derived_header is not None:
        messages.append(f"[INFO] ({'; '.join(ctx.derived_header.reasons)}; change it in [tool.prefguard.header])")
    elif str(header["copyright"]) == DEFAULT_HEADER["copyright"]:
        messages.append("[WARN] the header names prefguard's default holder: set your own in [tool.prefguard.header] copyright")
    if ctx.tools.removes_coding_line and str(header["coding"]).strip():
        messages.append(
            f"[WARN] {ctx.tools.removes_coding_line} removes the coding line that HDR001 requires: every commit of a new "
            'file would loop. Set coding = "" in [tool.prefguard.header] or remove the pyupgrade/UP009 check'
        )
    longest = max((len(line) for line in lines), default=0)
    if ctx.tools.line_length_source and longest > ctx.tools.line_length:
        messages.append(
            f"[WARN] the header's longest line has {longest} characters, over the project's {ctx.tools.line_length} "
            f"({ctx.tools.line_length_source}): shorten the holder in [tool.prefguard.header] or exempt the header lines"
        )
    return messages


def record_baseline(ctx: InitContext) -> str:
    """The baseline of existing findings, written by the baseline command; a sentence saying what happened."""
    if not ctx.baseline_due:
        return f"[INFO] {ctx.baseline_file}: exists; kept as it is"
    count = write_baseline(ctx.root)
    return f"[OK] {ctx.baseline_file}: {count} existing findings recorded (new and edited lines must comply)"


def _next_steps(ctx: InitContext) -> List[str]:
    message = "Put the repository under the prefguard policy"
    return [
        "[INFO] next: pre-commit install",
        f"[INFO] then: git add -A && git commit -m {message!r}",
        "[INFO] (this first commit records the existing findings; every later baseline addition needs "
        f"'{APPROVAL}: {ctx.baseline_file}#{BASELINE_APPROVAL_POINTER}')",
    ]


def initialize(root: Path, args: argparse.Namespace) -> int:
    """Plan every step, then write everything at once (or print the plan with ``--dry-run``)."""
    _require_work_tree(root)
    ctx = _context(root, args)
    for step in STEPS:
        step(ctx)
    ctx.messages.extend(header_messages(ctx))
    baseline_due = ctx.baseline_due
    if args.dry_run:
        for write in ctx.writes.writes:
            verb = "create" if write.old is None else "change"
            print(f"[INFO] would {verb} {write.relative}: {write.summary}", flush=True)
        if baseline_due:
            print(f"[INFO] would create {ctx.baseline_file}: the existing findings of `prefguard check` and `prefguard verify`", flush=True)
        for message in ctx.messages:
            print(message, flush=True)
        print("[OK] dry run: nothing was written", flush=True)
        return 0
    if not ctx.writes.writes and not baseline_due:
        for message in ctx.messages:
            print(message, flush=True)
        print("[OK] nothing to do: the repository is already under the policy", flush=True)
        return 0
    ctx.writes.commit()
    try:
        baseline_message = record_baseline(ctx)
    except BaseException:
        ctx.writes.rollback()
        raise
    for write in ctx.writes.writes:
        print(f"[OK] {write.relative}: {write.summary}", flush=True)
    for message in ctx.messages:
        print(message, flush=True)
    print(baseline_message, flush=True)
    for line in _next_steps(ctx):
        print(line, flush=True)
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``prefguard init``."""
    parser.add_argument("path", nargs="?", default=".", help="the top of the git work tree to set up (default: .)")
    parser.add_argument("--github", action="store_true", help=f"also write {WORKFLOW_FILE}: guard over every commit, verify and check on the default branch")
    parser.add_argument(
        "--action-ref",
        default=f"v{VERSION}",
        metavar="SHA",
        help="commit SHA of the prefguard release for the workflow's `uses:` (default: the release tag)",
    )
    parser.add_argument(
        "--hooks",
        choices=("repo", "system"),
        default="repo",
        help="repo (default): prefguard's hook repository at a pinned revision, run by pre-commit in an isolated "
        "environment; system: `repo: local` hooks running the prefguard on PATH (language: system)",
    )
    parser.add_argument(
        "--hook-repo",
        default="",
        metavar="URL_OR_PATH",
        help=f"the hook repository for --hooks repo (default: {DEFAULT_HOOK_REPOSITORY}; a local path of a prefguard checkout works too)",
    )
    parser.add_argument(
        "--hook-rev",
        default="",
        metavar="REV",
        help=f"the revision of the hook repository (default: the HEAD commit of a local path, else the tag v{VERSION})",
    )
    parser.add_argument("--assistant", action="store_true", help="also merge the Claude Code hooks into .claude/settings.json")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written and write nothing")


def run(args: argparse.Namespace) -> int:
    """Entry of ``prefguard init``: 0 done, 2 on a usage, input or environment error (tree left as it was)."""
    root = Path(args.path).resolve()
    try:
        return initialize(root, args)
    except AdoptionInputError as error:
        print(f"[ERROR] prefguard init: {root / error.path}: {error.problem}; nothing was written", file=sys.stderr, flush=True)
    except (UsageError, StaleFileError) as error:
        print(f"[ERROR] prefguard init: {error}; nothing was written", file=sys.stderr, flush=True)
    except OSError as error:
        where = error.filename or root
        print(f"[ERROR] prefguard init: {where}: {error.strerror}; nothing was written", file=sys.stderr, flush=True)
    return 2


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Parse ``argv`` as the options of ``prefguard init`` and run it."""
    parser = argparse.ArgumentParser(prog="prefguard init", description="Put a repository under the policy.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
