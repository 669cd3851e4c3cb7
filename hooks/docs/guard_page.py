# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The gate sections of docs/guard.md: base configuration, protected paths, ranges, the gate codes,
the declared direction of every configuration key, exit statuses and the attacks tried on the gate."""

from typing import List, Tuple

from checks.baseline.config_gate import DIRECTIONS, settings_keys
from hooks.docs.markdown import table

ATTACKS_TEST = "tests/hooks/test_guard_attacks.py"

# (attack, outcome, test). Every attack was tried in staged mode (the commit-msg hook) and range mode (CI).
ATTACKS: Tuple[Tuple[str, str, str], ...] = (
    ("`json-guard.files` glob `*.json`, `.claude/*.json` or `**` set to `off`, committed with a rewritten log entry",
     "refused: CFG001 at the `files` line and JSN001 (the change is judged with the base's guard)",
     "test_guard_glob_turned_off_with_a_rewritten_log_entry"),
    ("configuration hiding the finding about itself: `ignore = [\"CFG001\", \"JSN\"]`, `exclude = [\"**\"]`, `per-file-ignores` "
     "for pyproject.toml and `.claude/*`, `select` narrowed",
     "refused: CFG001 and JSN001; findings are filtered with the base's configuration only",
     "test_configuration_that_hides_the_finding_about_itself"),
    ("an empty `prefguard.toml` added beside pyproject.toml (shadowing), `files` emptied, or the whole `[tool.prefguard]` "
     "table deleted, with the protected file rewritten in the same commit",
     "refused: CFG001 (effective configurations compared) and JSN001",
     "test_protection_removed_by_shadowing_with_the_protected_file_rewritten"),
    ("rule parameters weakened: `banned-logging-modules = []`, `placeholder-markers = []`, `english.message-calls = []`, "
     "`status-prefixes` grown, `max-file-bytes` lowered, `allow-empty-init`, `max-inheritance-depth`, `integration.entry` grown, "
     "`approval-trailer` renamed to `Signed-off-by`, `log-limit` raised, `mutable` pointers added, `memory-dir` moved, "
     "`baseline` moved, `header.copyright` changed",
     "refused: CFG001 at the key's line, one per key", "test_rule_parameters_that_weaken_are_judged"),
    ("a configuration key added to prefguard without a declared direction", "the test suite fails",
     "tests/checks/test_config_directions.py::test_every_settings_key_has_a_declared_direction"),
    ("a memory file replaced by a gitlink (mode 160000) or a symbolic link, restored rewritten in the next commit",
     "refused: JSN003 for the replacement; the restoration is judged against the file's last version in the history "
     "(JSN001, also after a `--no-verify` replacement); the range as a whole is JSN001",
     "test_memory_file_replaced_then_restored_rewritten"),
    ("a memory file or a guarded data file renamed out, edited, and renamed back over three commits",
     "refused: JSN003 (renamed to a path guarded less), JSN001 when it comes back",
     "test_protected_file_renamed_out_edited_and_renamed_back"),
    ("a protected file deleted with `--no-verify`, re-created rewritten later",
     "refused: JSN001 against its last version in the history",
     "test_a_protected_file_restored_after_a_no_verify_deletion_is_judged_against_its_history"),
    ("the executable bit set on the log together with a rewrite", "refused: JSN001 (the content is still judged)",
     "test_executable_bit_does_not_hide_a_rewrite"),
    ("un-adoption then re-adoption: one commit deletes the baseline, the table and the hooks, the next adds violations and "
     "restores everything with a fresh baseline", "refused: CFG003 (hooks removed), then BSL001 (the history was under the policy)",
     "test_unadoption_then_readoption_is_a_weakening"),
    ("baseline entries of a deleted (not renamed) file moved onto the same violations in a new file",
     "refused: BSL001; entries move only along a rename git records in the same change",
     "test_baseline_entries_of_a_deleted_file_do_not_move_onto_another_file"),
    ("baseline pruned in a later commit than the rename (the entries follow a file already gone from the base)",
     "refused: BSL001 (prune in the commit of the rename)",
     "tests/hooks/test_baseline_command.py::test_git_rename_keeps_the_baseline_matching"),
    ("an inline `# prefguard: ignore[...]` or a bare `# prefguard: ignore` added, or an existing one moved to another line",
     "refused: CFG002 at the comment's line and column", "test_added_suppression_needs_approval"),
    ("a suppression added to a code cell of a notebook (the cells are checked like Python files)",
     "refused: CFG002 with its cell and line", "test_suppression_added_to_a_notebook_cell"),
    ("a merge of a branch whose own commit approved a weakening", "accepted: a merge is judged on what differs from every parent",
     "test_merge_of_a_branch_with_an_approved_weakening_is_clean"),
    ("prefguard's hooks removed from `.pre-commit-config.yaml`, the file deleted, the guard hook moved to `stages: [manual]`, "
     "a top-level `exclude: '.*'`, `commit-msg` dropped from `default_install_hook_types`",
     "refused: CFG003 at the hook's line", "test_prefguard_hooks_removed_or_disabled"),
    ("the approval line indented, in lower case, quoted in the body, in the subject, followed by another paragraph, or "
     "mixed with body text", "refused: JSN002; only git's trailer block counts (same result as `git interpret-trailers --parse`)",
     "test_approval_outside_the_trailer_block_approves_nothing"),
    ("`approval-trailer` renamed to `Reviewed-by` and the same commit approved with `Reviewed-by:` trailers",
     "refused: JSN002 and CFG001; the trailer name is the base's", "test_renaming_the_approval_trailer_does_not_approve_in_the_same_commit"),
    ("a configuration the next change could not use (unknown guard mode, `log-limit = 0`, a pointer without `/`): as the "
     "next base it would fall back to the defaults and drop its protections", "refused: CFG001 (cannot be used)",
     "test_a_configuration_the_next_change_could_not_use_is_refused"),
    ("a prefguard hook given more stages, `require_serial` changed (not a narrowing)", "accepted: no approval needed",
     "test_hooks_that_run_more_often_need_no_approval"),
    ("a rewound range (`--from-ref HEAD --to-ref HEAD~3`) and a force-push that drops log entries",
     "exit 2: `--to-ref` does not descend from `--from-ref`", "test_rewound_range_is_a_usage_error"),
    ("an empty range", "exit 0 with `[INFO] ... holds no commit; nothing to judge`", "test_empty_range_says_so"),
    ("the configuration weakened while the guard runs from a subfolder", "refused: CFG001 and JSN001",
     "test_staged_commit_from_a_subfolder_uses_the_base_configuration"),
    ("a loosening approved on its own in one commit, the protected file rewritten under it in the next",
     "range mode refuses: JSN001 on the whole range (each commit alone passes; the squash would not)",
     "tests/robustness/test_guard_sequences.py::test_the_property_can_fail_without_the_whole_range_judgement"),
    ("random sequences of edits, renames, symbolic links, mode changes, configuration and baseline changes",
     "range mode refuses every sequence whose squash is refused",
     "tests/robustness/test_guard_sequences.py::test_range_mode_refuses_what_the_squash_refuses"),
    ("each class above through a real `git commit` with pre-commit's installed hooks", "refused by the commit-msg hook",
     "tests/hooks/test_guard_precommit_attacks.py"),
)

# Known limits, said plainly.
LIMITS: Tuple[str, ...] = (
    "The adoption exemption looks at the history the clone has: in a shallow clone whose history stops after an "
    "un-adoption, the re-adoption looks like a first adoption (CI checks out with full history).",
    "A protected path is compared with its last version among the 20 most recent commits that touched it.",
    "The JSON guard and the gate read files of the base's configuration folder and the repository root; a "
    "configuration file in a deeper folder that the guard does not start from is not its configuration.",
    "The pre-commit hooks run from the working tree's `.pre-commit-config.yaml`: a commit that removes the guard hook "
    "itself is not judged by it locally (like `--no-verify`); the CI range judgement reports CFG003.",
    "A hook repository's `rev` is not compared (an upgrade and a downgrade look alike); its `repo`, `entry`, "
    "`args`, stages and file filters are.",
    "The local hooks run on the committer's machine: `--no-verify`, a removed guard hook or rewritten history "
    "(`git replace`) are caught by the guard over the pull request's range in CI, not locally.",
    "A merge commit is judged on the paths that differ from every parent: a file taken as-is from one side is "
    "judged in that side's own commits (range mode includes them).",
)


def _test_cell(test: str) -> str:
    return f"`{test}`" if "/" in test else f"`{ATTACKS_TEST}::{test}`"


def gate_sections() -> List[str]:
    """The lines of the gate sections (Markdown)."""
    directions = [[f"`{key}`", DIRECTIONS[key]] for key in settings_keys()]
    return [
        "## Judged with the base's rules",
        "",
        "A change is judged with the configuration in force before it: the parent commit's (each commit of a range),",
        "HEAD's for `--staged`, `--from-ref`'s for the range as a whole. The configuration is read from that tree with",
        "the loader's precedence (from the folder the guard runs in up to the repository root, the first",
        "`prefguard.toml`, else `pyproject.toml` with `[tool.prefguard]`; none: the defaults); the working tree's",
        "configuration plays no part. The configuration a change brings is itself judged: the effective",
        "configurations of base and head (defaults filled in) are compared key by key, each key with a declared",
        "direction; a weaker one is CFG001 at the line of the key, approved by",
        "`Prefguard-Approve: FILE#/tool/prefguard/KEY` (or an ancestor pointer). A configuration the head cannot",
        "use (bad TOML, unknown key) is CFG001 too; a base configuration that cannot be used is replaced by the defaults.",
        "",
        table(["key", "direction"], directions),
        "",
        "## Protected paths follow their content",
        "",
        "A path guarded in the base stays guarded: deleted, renamed to a path guarded less strictly, or replaced by",
        "a symbolic link or a gitlink, it is JSN003 (approve with `PATH#`). A guarded path that comes back (added,",
        "renamed back, restored as a regular file) is compared with its last version in the history reachable",
        "from the base. A mode change (executable bit) keeps the content judged.",
        "",
        "## Ranges",
        "",
        "`--to-ref` must descend from `--from-ref` (else exit 2); an empty range prints `[INFO]` and exits 0. Every",
        "commit is judged against its first parent with its own message, then the whole range as one change (what",
        "a squash would commit, approved by the trailers of all its commits together); findings of the whole",
        "range that no commit reported are added, so no sequence of commits passes what one commit could not.",
        "",
        "## The gate",
        "",
        "- BSL001: the baseline gains entries (approve `.prefguard-baseline.json#/files` or `#/files/PATH`). Entries",
        "  move with a file only along a rename git records in the same change. BSL002: unreadable baseline.",
        "- Adoption: the change that adopts the policy records its baseline and configuration without approval,",
        "  only when neither its base nor any history reachable from it held a prefguard table, `prefguard.toml`,",
        "  baseline or prefguard hook; removing them and adding them back is judged like any other change.",
        "- CFG002: a `# prefguard: ignore[...]` comment on a line the change adds or edits (approve",
        "  `PATH#/suppressions/CODE`, or `PATH#/suppressions`; a bare suppression is `ALL`). Turning the check off",
        "  means `ignore = [\"CFG002\"]`, itself a CFG001 weakening.",
        "- CFG003: a prefguard hook of `.pre-commit-config.yaml` removed or changed (entry, stages, files, ...), the",
        "  file deleted or unreadable, or a top-level key that applies to every hook changed (approve",
        "  `.pre-commit-config.yaml#/hooks/ID`, or `#/KEY` for a top-level key).",
        "",
        "## Trailers",
        "",
        "Approvals are read with git's trailer rules (`git interpret-trailers --parse`): only the last paragraph",
        "of the message, never the subject; a `---` line starts the patch part; the paragraph is a trailer block when",
        "all its lines are trailers (`Key: value`, indented lines continue the one above), or when it holds a",
        "git-generated trailer (`Signed-off-by:`) and at least a quarter of its lines are trailers. The key must be",
        "exactly the configured `approval-trailer`: an indented, lower-case, quoted or subject line approves nothing.",
        "",
        "## Attacks tried on the gate",
        "",
        f"Each is a test on a real git repository in staged and range mode ({ATTACKS_TEST} unless named).",
        "",
        table(["attack", "outcome", "test"], [[attack, outcome, _test_cell(test)] for attack, outcome, test in ATTACKS]),
        "",
        "Known limits:",
        "",
        *[f"- {limit}" for limit in LIMITS],
        "",
    ]


EXIT_ROWS: Tuple[Tuple[str, str], ...] = (
    ("0", "the change is clean (also an empty range, with `[INFO] prefguard guard: the range A..B holds no commit; nothing to judge`)"),
    ("1", "findings, each `path:line:col: CODE message` with its commit; `[ERROR] prefguard guard: N findings` on stderr; the "
          "commit is refused by the commit-msg hook, the CI job fails"),
    ("2", "usage, configuration or git error, one `[ERROR]` line: no repository, unknown ref, bad `--approve`, `--to-ref` "
          "that does not descend from `--from-ref` (\"--to-ref 'B' does not descend from --from-ref 'A'\"), a shallow "
          "clone missing the base (\"... fetch more history\"), unresolved merge conflicts"),
)
