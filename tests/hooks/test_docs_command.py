"""``prefguard docs``: the reference in docs/ is generated from the code and must be current."""

import argparse
import re
from pathlib import Path
from typing import Dict

import pytest

from checks.config.codes import ALL_CODES
from checks.guard.memory_rules import schema_problems
from hooks.cli import COMMANDS
from hooks.commands import docs as command_docs
from hooks.docs.config_page import undocumented_keys
from hooks.docs.memory_page import EXAMPLES
from hooks.docs.rule_pages import mentioned_codes

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
PACKAGES = ("checks", "hooks", "training", "tests", "benchmarks")
SHARED_NOTES = ("CLI.md", "RULES.md", "MEMORY_FILES.md", "ARCHITECTURE.md")


@pytest.fixture(scope="module")
def pages() -> Dict[str, str]:
    return command_docs.render_all()


def docs_command(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    command_docs.add_arguments(parser)
    return command_docs.run(parser.parse_args(list(argv)))


def test_the_committed_reference_is_up_to_date(pages: Dict[str, str]) -> None:
    changed = command_docs.out_of_date(DOCS, pages)
    stale = command_docs.stale_pages(DOCS, pages)
    assert not changed and not stale, (
        f"docs/ is out of date ({', '.join(changed + stale)}): run 'prefguard docs --write' and commit the result"
    )


def test_every_code_has_a_page_and_every_command_a_section(pages: Dict[str, str]) -> None:
    assert {f"rules/{code}.md" for code in ALL_CODES} <= set(pages)
    for name in COMMANDS:
        assert f"## `prefguard {name}`" in pages["cli.md"], name
    index = pages["rules/README.md"]
    assert all(f"[{code}]({code}.md)" in index for code in ALL_CODES)


def test_a_rule_page_has_the_ruff_sections_and_the_rules_own_examples(pages: Dict[str, str]) -> None:
    from checks.engine.registry import rule_class

    page = pages["rules/ENC001.md"]
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings == ["What it does", "Why is this bad?", "Exemptions and settings", "Example", "Fix"]
    rule = rule_class("ENC001")
    assert rule.rationale in page
    assert all(example.source.rstrip("\n") in page for example in rule.invalid + rule.valid)
    assert next(example.fixed for example in rule.invalid if example.fixed).rstrip("\n") in page
    assert "[`checks/rules/open_encoding.py`]" in page


def test_settings_pages_link_the_keys_that_name_a_code(pages: Dict[str, str]) -> None:
    assert "(../configuration.md#status-prefixes)" in pages["rules/PRN001.md"]
    assert "(../configuration.md#headerexempt)" in pages["rules/HDR001.md"]
    assert "### `header.exempt`" in pages["configuration.md"]
    assert mentioned_codes("see ENG001-ENG003 and PGX002, not ABC123") == ["ENG001", "ENG002", "ENG003", "PGX002"]


def test_every_configuration_key_is_documented() -> None:
    assert undocumented_keys() == [], "add the keys to checks/config/option_docs.py"


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_the_memory_file_examples_satisfy_their_schemas(kind: str) -> None:
    assert schema_problems(kind, EXAMPLES[kind]) == []


def test_relative_links_of_every_page_resolve(pages: Dict[str, str]) -> None:
    for name, text in pages.items():
        for target in LINK.findall(text):
            if "://" in target:
                continue
            assert (DOCS / name).parent.joinpath(target).resolve().exists(), f"{name}: broken link {target}"


def test_check_finds_changed_missing_and_stale_pages_and_write_repairs_them(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    output = tmp_path / "docs"
    assert docs_command("--check", "--output", str(output)) == 1
    assert docs_command("--write", "--output", str(output)) == 0
    assert docs_command("--output", str(output)) == 0
    (output / "cli.md").write_text("edited by hand\n", encoding="utf-8")
    (output / "guard.md").unlink()
    (output / "rules" / "OLD001.md").write_text("# OLD001\n", encoding="utf-8")
    capsys.readouterr()
    assert docs_command("--check", "--output", str(output)) == 1
    printed = capsys.readouterr().out
    assert "cli.md is out of date" in printed and "guard.md is out of date" in printed and "OLD001.md" in printed
    assert docs_command("--write", "--output", str(output)) == 0
    assert not (output / "rules" / "OLD001.md").exists()
    assert docs_command("--check", "--output", str(output)) == 0


def test_code_comments_cite_the_repositorys_own_docs() -> None:
    offenders = []
    sources = [*ROOT.glob("*.py"), *(path for folder in PACKAGES for path in (ROOT / folder).rglob("*.py"))]
    for path in sorted(sources):
        if "corpus" in path.relative_to(ROOT).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for note in SHARED_NOTES:
            if re.search(rf"(?<![\w/]){re.escape(note)}", text) and path.name != "test_docs_command.py":
                offenders.append(f"{path.relative_to(ROOT)}: {note}")
    assert offenders == [], "cite docs/ files (docs/cli.md, docs/rules/CODE.md ...) instead"
