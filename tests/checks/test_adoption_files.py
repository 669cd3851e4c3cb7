"""The content prefguard init writes: merged pre-commit config, appended TOML table, README facts."""

from datetime import date

import pytest
import yaml

from checks.adoption.config_table import append_table, table_text
from checks.adoption.errors import AdoptionInputError
from checks.adoption.precommit_config import HOOK_IDS, HookSource, merge_precommit, new_config
from checks.adoption.readme_facts import readme_facts


def hook_ids(text: str) -> list:
    return [hook["id"] for repo in yaml.safe_load(text)["repos"] for hook in repo["hooks"]]


def kept_in_order(old: str, new: str) -> bool:
    remaining = iter(new.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in old.splitlines())


@pytest.mark.parametrize(
    "text",
    [
        "repos:\n  - repo: local\n    hooks:\n      - id: a\n        name: a\n        entry: a\n        language: system\n",
        "# top comment\nrepos:\n-   repo: https://example.com/x\n    rev: v1  # pinned\n    hooks:\n    -   id: x\n\n# trailing comment\n",
        "fail_fast: true\nrepos:\n- repo: local\n  hooks:\n  - id: a\n    name: a\n    entry: a\n    language: system\nexclude: ^vendor/\n",
        "default_install_hook_types:\n  - pre-commit\nrepos:\n  - repo: local\n    hooks: []\n",
        "repos: []  # none yet\n",
        "repos:\n",
        "ci:\n  skip: [x]\n",
    ],
)
def test_merge_keeps_every_line_and_adds_the_hooks(text: str) -> None:
    merged = merge_precommit(text)
    assert merged.text is not None and not merged.manual
    if text.startswith("repos: []"):
        assert merged.text.splitlines()[:3] == [
            "default_install_hook_types: [pre-commit, commit-msg]", "default_stages: [pre-commit]", "repos:"
        ]
        assert merged.text.rstrip().endswith("true  # none yet")
    else:
        assert kept_in_order(text, merged.text)
    data = yaml.safe_load(merged.text)
    assert data["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    assert set(HOOK_IDS) <= set(hook_ids(merged.text))
    assert not any(line != line.rstrip() for line in merged.text.splitlines())
    assert merge_precommit(merged.text).text is None


def test_only_missing_hooks_and_stages_are_added() -> None:
    text = "default_install_hook_types: [pre-commit]\nrepos:\n  - repo: local\n    hooks:\n      - id: prefguard-check\n        name: c\n        entry: prefguard check\n        language: system\n"
    merged = merge_precommit(text)
    assert hook_ids(merged.text) == ["prefguard-check", "prefguard-guard", "prefguard-verify"]
    assert yaml.safe_load(merged.text)["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    assert "default_install_hook_types: [pre-commit, commit-msg]" in merged.text


def test_existing_hooks_keep_their_stages_when_commit_msg_is_installed() -> None:
    text = "repos:\n- repo: local\n  hooks:\n  - id: todo\n    name: todo\n    entry: todo\n    language: pygrep\n"
    merged = merge_precommit(text)
    data = yaml.safe_load(merged.text)
    assert data["default_stages"] == ["pre-commit"]
    assert data["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    assert any("default_stages: [pre-commit]" in change for change in merged.changes)
    pushed = merge_precommit("default_install_hook_types: [pre-commit, pre-push]\n" + text)
    assert yaml.safe_load(pushed.text)["default_stages"] == ["pre-commit", "pre-push"]
    own = merge_precommit("default_stages: [manual]\n" + text)
    assert yaml.safe_load(own.text)["default_stages"] == ["manual"] and own.text.count("default_stages") == 1
    installed = merge_precommit("default_install_hook_types: [commit-msg, pre-commit]\n" + text)
    assert "default_stages" not in yaml.safe_load(installed.text)


@pytest.mark.parametrize(
    "text, item",
    [
        ("repos:\n- repo: local\n  hooks:\n  - id: a\n    name: a\n    entry: a\n    language: system\n",
         ["- repo: https://example.com/prefguard", "  rev: v9.9.9", "  hooks:", "  - id: prefguard-check"]),
        ("repos:\n  - repo: local\n    hooks:\n      - id: a\n        name: a\n        entry: a\n        language: system\n",
         ["  - repo: https://example.com/prefguard", "    rev: v9.9.9", "    hooks:", "      - id: prefguard-check"]),
        ("repos:\n-   repo: local\n    hooks:\n    -   id: a\n        name: a\n        entry: a\n        language: system\n",
         ["-   repo: https://example.com/prefguard", "    rev: v9.9.9", "    hooks:", "    -   id: prefguard-check"]),
    ],
)
def test_hook_repository_form_follows_the_files_indentation(text: str, item: list) -> None:
    source = HookSource("https://example.com/prefguard", "v9.9.9")
    merged = merge_precommit(text, source)
    lines = merged.text.splitlines()
    start = lines.index(item[0])
    assert lines[start:start + 4] == item
    repo = yaml.safe_load(merged.text)["repos"][-1]
    assert repo == {"repo": "https://example.com/prefguard", "rev": "v9.9.9", "hooks": [{"id": hook} for hook in HOOK_IDS]}
    created = yaml.safe_load(new_config(source))["repos"]
    assert created == [repo]


def test_a_layout_that_cannot_be_extended_is_left_with_instructions() -> None:
    merged = merge_precommit("repos: [{repo: local, hooks: []}]\n")
    assert merged.text is None
    assert "left unchanged" in merged.manual and "- id: prefguard-verify" in merged.manual


@pytest.mark.parametrize("text", ["repos: [\n", "- just\n- a list\n", "a: b\n---\nc: d\n"])
def test_invalid_or_unusable_yaml_names_the_file(text: str) -> None:
    with pytest.raises(AdoptionInputError) as raised:
        merge_precommit(text)
    assert raised.value.path == ".pre-commit-config.yaml"


def test_new_config_is_complete() -> None:
    data = yaml.safe_load(new_config())
    assert data["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    hooks = {hook["id"]: hook for hook in data["repos"][0]["hooks"]}
    assert hooks["prefguard-guard"]["stages"] == ["commit-msg"]
    assert hooks["prefguard-verify"]["pass_filenames"] is False


def test_table_is_appended_after_the_last_byte() -> None:
    table = table_text((("train.py", "a rule"),), ".prefguard-baseline.json", date(2026, 12, 2))
    old = '[project]\nname = "x"  # a comment\n\n[tool.black]\nline-length = 88'
    merged = append_table(old, table)
    assert merged is not None and merged.startswith(old)
    assert "entry = [\n    \"train.py\", # a rule\n]" in merged


def test_table_cannot_extend_an_inline_tool_table() -> None:
    table = table_text((), ".prefguard-baseline.json", date(2026, 12, 2))
    assert append_table('tool = { black = { line-length = 88 } }\n', table) is None
    assert "entry = []" in table


def test_readme_facts_from_markdown_and_rst() -> None:
    markdown = (
        "# Demo\n\n[![b](x.svg)](y)\n\n> **Note** old news here that is long enough\n\n"
        "Demo turns [text](https://a) into numbers. It is fast.\n\n## Goals\n\n* one\n* two **bold**\n"
    )
    facts = readme_facts(markdown)
    assert facts.title == "Demo"
    assert facts.summary == "Demo turns text into numbers. It is fast."
    assert facts.goals == ("one", "two bold") and facts.goals_heading == "Goals"
    rst = "=====\nTitle\n=====\n\nThe ``rst`` project reads files and writes reports.\n\nFeatures\n--------\n\n- reads\n- writes\n"
    facts = readme_facts(rst)
    assert facts.title == "Title" and facts.summary == "The rst project reads files and writes reports."
    assert facts.goals == ("reads", "writes")
    assert readme_facts(None).summary == ""
