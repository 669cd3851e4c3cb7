"""Every source rule against its own VALID and INVALID examples (and their fixes)."""

from typing import List, Tuple, Type

import pytest

from checks.config.codes import SOURCE_RULE_MODULES
from checks.engine.lint import fix_source, lint_source
from checks.engine.registry import rule_class
from checks.engine.rule import Invalid, Rule, Valid
from checks.config.settings import Settings, build_settings

RULES: List[Type[Rule]] = [rule_class(code) for code in sorted(SOURCE_RULE_MODULES)]


def settings_for(code: str) -> Settings:
    """Only the rule under test, with a fixed copyright year so examples never age."""
    return build_settings({"header": {"year": 2026}}, select=[code])


def valid_cases() -> List[Tuple[Type[Rule], Valid]]:
    return [(rule, example) for rule in RULES for example in rule.valid]


def invalid_cases() -> List[Tuple[Type[Rule], Invalid]]:
    return [(rule, example) for rule in RULES for example in rule.invalid]


def case_id(case: object) -> str:
    if isinstance(case, type):
        return case.code
    return ""


def test_every_rule_has_examples_and_documentation() -> None:
    for rule in RULES:
        assert rule.summary and rule.rationale and rule.section, rule.code
        assert len(rule.valid) >= 2 and len(rule.invalid) >= 2, rule.code
        assert rule.__doc__, rule.code
        if rule.fixable:
            assert any(example.fixed is not None for example in rule.invalid), rule.code


@pytest.mark.parametrize("rule,example", valid_cases(), ids=lambda c: case_id(c))
def test_valid_example_has_no_finding(rule: Type[Rule], example: Valid) -> None:
    findings = lint_source(example.source, example.path, settings_for(rule.code), is_new=example.is_new)
    assert [f for f in findings if f.code == rule.code] == [], example.source


@pytest.mark.parametrize("rule,example", invalid_cases(), ids=lambda c: case_id(c))
def test_invalid_example_is_flagged(rule: Type[Rule], example: Invalid) -> None:
    findings = lint_source(example.source, example.path, settings_for(rule.code), is_new=example.is_new)
    own = [f for f in findings if f.code == rule.code]
    assert len(own) == example.count, (example.source, own)
    for finding in own:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.path == example.path
        assert finding.message


@pytest.mark.parametrize("rule,example", invalid_cases(), ids=lambda c: case_id(c))
def test_invalid_example_fix(rule: Type[Rule], example: Invalid) -> None:
    if example.fixed is None:
        return
    outcome = fix_source(example.source.encode("utf-8"), example.path, settings_for(rule.code), is_new=example.is_new)
    assert outcome.source.decode("utf-8") == example.fixed
    assert [f for f in outcome.findings if f.code == rule.code] == []
    again = fix_source(outcome.source, example.path, settings_for(rule.code), is_new=example.is_new)
    assert again.changed is False
