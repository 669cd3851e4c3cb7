# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard guard``: the git-aware guards JSN001-JSN005, MEM001-MEM004, HDR003, MOD001 and the gate (BSL, CFG).

Git supplies the two versions of every changed file (``hooks.vcs.changes``);
the pure checks in ``checks`` judge them. ``--staged`` judges the index
against HEAD with the message of ``--commit-msg-file``; ``--from-ref/--to-ref``
judges every commit of the range against its first parent with that commit's
own message, so each finding names its commit, and then the whole range as one
change (what a squash would commit), so no sequence of commits gets through
what a single commit could not. State checks (MEM003, MEM004) run once on the
final tree. Every change is judged with the configuration of its base (the
parent commit, HEAD for ``--staged``, ``--from-ref`` for the whole range): the
judgement itself is ``checks.guard.change_judge``; this module reads git and prints.
"""

import argparse
import os
import sys
from typing import Dict, List, Sequence, Tuple

from checks.config.settings import Settings
from checks.engine.finding import Finding
from checks.guard.approvals import Approvals, merge_approvals, parse_approval, trailer_approvals
from checks.guard.change_judge import (
    ChangeJudge,
    GuardContext,
    RunState,
    base_context,
    final_state_findings,
    net_effect_findings,
)
from checks.guard.change_model import ChangeSet, Tree
from hooks.errors import InternalError, UsageError, run_reporting_errors
from hooks.output.report import FORMATS as REPORT_FORMATS
from hooks.vcs.changes import GitError, GitHistory, read_message_file


def load_settings() -> Settings:
    """The working tree's configuration (``prefguard memory`` uses it; the guard reads each base's own)."""
    from hooks.config_loader import load_settings as load_configuration

    return load_configuration()


def cli_approvals(values: Sequence[str]) -> Approvals:
    """The ``--approve`` values as approvals (a malformed one is a usage error)."""
    approvals: Dict[str, List[str]] = {}
    for value in values:
        try:
            path, pointers = parse_approval(value)
        except ValueError as error:
            raise UsageError(f"--approve: {error}") from None
        approvals.setdefault(path, []).extend(pointers)
    return approvals


def project_folders(root: str, cwd: str) -> Tuple[str, ...]:
    """Repository-relative prefixes from the current folder up to the root (``("pkg/", "")``)."""
    relative = os.path.relpath(os.path.realpath(cwd), os.path.realpath(root)).replace(os.sep, "/")
    if relative == "." or relative.startswith(".."):
        return ("",)
    parts = relative.split("/")
    return tuple("/".join(parts[:count]) + "/" for count in range(len(parts), 0, -1)) + ("",)


class GuardRun:
    """One run of the guard over a repository: a context per base tree, one shared state."""

    def __init__(self, history: GitHistory, approve: Sequence[str]) -> None:
        self.history = history
        self.cli = cli_approvals(approve)
        self.folders = project_folders(history.root, os.getcwd())
        self.state = RunState()

    def context(self, base: Tree, state: RunState) -> GuardContext:
        """The context of a change whose base is ``base``: its configuration, and its history for adoption."""
        history = self.history
        context = base_context(base, self.folders, state)
        config = context.config
        paths = [*config.candidates, config.folder + ".pre-commit-config.yaml"]
        context.ever_adopted = lambda: history.policy_history(base.commit, paths, config.baseline)
        context.previous_version = lambda path: history.last_version(base.commit, path)
        return context

    def judge(self, changeset: ChangeSet, context: GuardContext, approvals: Approvals) -> List[Finding]:
        """The findings of one change set, errors named by where the judgement was."""
        judge = ChangeJudge(context, changeset, approvals)
        try:
            found = judge.run()
        except GitError:
            raise
        except Exception as error:
            raise InternalError(judge.current, error) from error
        return sorted(found, key=lambda finding: finding.sort_key())

    def final(self, context: GuardContext, tree: Tree) -> List[Finding]:
        """MEM003/MEM004 on the final tree."""
        try:
            return final_state_findings(context, tree)
        except GitError:
            raise
        except Exception as error:
            raise InternalError(context.memory_dir or ".", error) from error

    def staged(self, message: str) -> List[Finding]:
        """The staged change against HEAD, with HEAD's configuration."""
        changeset = self.history.staged(message)
        context = self.context(changeset.old, self.state)
        approvals = merge_approvals(self.cli, trailer_approvals(message, context.trailer))
        return self.judge(changeset, context, approvals) + self.final(context, changeset.new)

    def range(self, from_ref: str, to_ref: str) -> List[Finding]:
        """Every commit of the range with its parent's configuration, then the range as one change."""
        changesets = self.history.commit_range(from_ref, to_ref)
        if not changesets:
            print(f"[INFO] prefguard guard: the range {from_ref}..{to_ref} holds no commit; nothing to judge", file=sys.stderr)
        findings: List[Finding] = []
        union: List[Approvals] = [self.cli]
        for changeset in changesets:
            context = self.context(changeset.old, self.state)
            approvals = merge_approvals(self.cli, trailer_approvals(changeset.message, context.trailer))
            union.append(approvals)
            findings.extend(self.judge(changeset, context, approvals))
        whole = self.history.range_change(from_ref, to_ref, "")
        outer = self.context(whole.old, RunState())
        if len(changesets) > 1:
            findings.extend(net_effect_findings(findings, self.judge(whole, outer, merge_approvals(*union))))
        return findings + self.final(outer, whole.new)


def _relocate(findings: Sequence[Finding], history: GitHistory) -> List[Finding]:
    cwd = os.getcwd()
    return [finding.with_path(history.relative(finding.path, cwd)) for finding in findings]


def write_findings(findings: Sequence[Finding], fmt: str) -> None:
    """Print findings in the chosen format (``hooks.output.report``) and a count line on stderr."""
    from hooks.output.report import write_findings as report_findings

    report_findings(list(findings), fmt)
    count = len(findings)
    prefix = "[OK]" if count == 0 else "[ERROR]"
    print(f"{prefix} prefguard guard: {count} finding{'s' if count != 1 else ''}", file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options of ``prefguard guard``."""
    parser.add_argument("--staged", action="store_true", help="judge the staged change (index against HEAD); the default")
    parser.add_argument("--commit-msg-file", metavar="FILE", help="commit message file whose trailers approve changes")
    parser.add_argument("message_file", nargs="?", metavar="MSG_FILE", help="same as --commit-msg-file (pre-commit passes it at the commit-msg stage)")
    parser.add_argument("--from-ref", metavar="REF", help="judge every commit of REF..TO-REF")
    parser.add_argument("--to-ref", metavar="REF", help="end of the range (default HEAD)")
    parser.add_argument(
        "--approve",
        action="append",
        default=[],
        metavar="PATH#POINTER",
        help="approve changes of one field (RFC 6901 pointer), like the commit trailer; in range mode it applies to every commit; repeatable",
    )
    if "--format" not in parser._option_string_actions:
        parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    """Run ``prefguard guard``: 0 nothing found, 1 findings, 2 usage/config/git error (``hooks.errors``)."""
    return run_reporting_errors(_run, args)


def _run(args: argparse.Namespace) -> int:
    fmt = getattr(args, "format", "text") or "text"
    message_file = args.commit_msg_file or getattr(args, "message_file", None)
    if args.commit_msg_file and getattr(args, "message_file", None):
        raise UsageError("give the commit message file once (--commit-msg-file or MSG_FILE)")
    ranged = args.from_ref is not None or args.to_ref is not None
    if ranged and (args.staged or message_file):
        raise UsageError("--staged/--commit-msg-file and --from-ref/--to-ref are exclusive")
    if args.to_ref is not None and args.from_ref is None:
        raise UsageError("--to-ref needs --from-ref (the base of the range)")
    cli_approvals(args.approve)
    with GitHistory(".") as history:
        run = GuardRun(history, args.approve)
        if ranged:
            found = run.range(args.from_ref, args.to_ref or "HEAD")
        else:
            found = run.staged(read_message_file(message_file) if message_file else "")
        findings = _relocate(found, history)
    write_findings(findings, fmt)
    return 1 if findings else 0
