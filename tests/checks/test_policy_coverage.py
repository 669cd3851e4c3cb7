"""The policy coverage table names every code and only real codes; its Markdown is up to date."""

from pathlib import Path

from checks.config.codes import ALL_CODES
from checks.config.policy_coverage import STATEMENTS, covered_codes, render_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_checks_some_statement_and_every_named_code_exists() -> None:
    assert set(covered_codes()) == set(ALL_CODES)


def test_statements_without_codes_say_why() -> None:
    assert all(statement.codes or statement.why_not for statement in STATEMENTS)


def test_generated_markdown_is_current() -> None:
    written = (ROOT / "docs" / "policy-coverage.md").read_text(encoding="utf-8")
    assert written == render_markdown(), "regenerate docs/policy-coverage.md from checks/config/policy_coverage.py"
