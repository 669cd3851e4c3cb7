"""Every source rule against its own VALID and INVALID examples (and their fixes)."""

from typing import List, Type

import pytest
from _pytest.mark.structures import ParameterSet

from checks.config.codes import SOURCE_RULE_MODULES
from checks.engine.catalogue import describe
from checks.engine.lint import fix_source, lint_source
from checks.engine.registry import rule_class
from checks.engine.rule import Invalid, Rule, Valid
from checks.config.settings import Settings, build_settings

RULES: List[Type[Rule]] = [rule_class(code) for code in sorted(SOURCE_RULE_MODULES)]


def settings_for(code: str) -> Settings:
    """Only the rule under test, with a fixed copyright year so examples never age."""
    return build_settings({"header": {"year": 2026}}, select=[code])


def valid_cases() -> List[ParameterSet]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-valid-{number}")
        for rule in RULES
        for number, example in enumerate(rule.valid, start=1)
    ]


def invalid_cases(fixed_only: bool = False, unfixed_only: bool = False) -> List[ParameterSet]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-invalid-{number}")
        for rule in RULES
        for number, example in enumerate(rule.invalid, start=1)
        if not (fixed_only and example.fixed is None) and not (unfixed_only and (example.fixed is not None or not rule.fixable))
    ]


def test_every_rule_has_examples_and_documentation() -> None:
    for rule in RULES:
        assert rule.summary and rule.rationale and rule.section, rule.code
        assert len(rule.valid) >= 2 and len(rule.invalid) >= 2, rule.code
        assert rule.__doc__, rule.code
        if rule.fixable:
            assert any(example.fixed is not None for example in rule.invalid), rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_explain_states_what_the_rule_does_not_report(rule: Type[Rule]) -> None:
    text = describe(rule.code).as_text()
    assert rule.exemptions and "Not reported (exemptions):" in text
    assert " ".join(rule.exemptions.split()[:6]) in " ".join(text.split())


def test_documented_exemptions_match_the_code_for_override_methods() -> None:
    assert "@override" in describe("DOC002").as_text()
    source = "from typing_extensions import override\n\nclass A(Base):\n    @override\n    def run(self) -> None:\n        pass\n"
    assert [f for f in lint_source(source, "pkg/a.py", settings_for("DOC002")) if f.code == "DOC002"] == []


@pytest.mark.parametrize("rule,example", valid_cases())
def test_valid_example_has_no_finding(rule: Type[Rule], example: Valid) -> None:
    findings = lint_source(example.source, example.path, settings_for(rule.code), is_new=example.is_new)
    assert [f for f in findings if f.code == rule.code] == [], example.source


@pytest.mark.parametrize("rule,example", invalid_cases())
def test_invalid_example_is_flagged_on_its_line(rule: Type[Rule], example: Invalid) -> None:
    assert example.line >= 1, "every INVALID example states the line of its first finding"
    findings = lint_source(example.source, example.path, settings_for(rule.code), is_new=example.is_new)
    own = [f for f in findings if f.code == rule.code]
    assert len(own) == example.count, (example.source, own)
    assert own[0].line == example.line, (example.source, own[0])
    assert [f.code for f in findings] == [rule.code] * example.count
    for finding in own:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.path == example.path
        assert finding.message


@pytest.mark.parametrize("rule,example", invalid_cases(fixed_only=True))
def test_invalid_example_fix(rule: Type[Rule], example: Invalid) -> None:
    outcome = fix_source(example.source.encode("utf-8"), example.path, settings_for(rule.code), is_new=example.is_new)
    assert outcome.source.decode("utf-8") == example.fixed
    assert [f for f in outcome.findings if f.code == rule.code] == []
    again = fix_source(outcome.source, example.path, settings_for(rule.code), is_new=example.is_new)
    assert again.changed is False


@pytest.mark.parametrize("rule,example", invalid_cases(unfixed_only=True))
def test_invalid_example_without_a_stated_fix_is_fixed_for_good_or_left_alone(rule: Type[Rule], example: Invalid) -> None:
    settings = settings_for(rule.code)
    outcome = fix_source(example.source.encode("utf-8"), example.path, settings, is_new=example.is_new)
    remaining = [f for f in outcome.findings if f.code == rule.code]
    if outcome.changed:
        assert remaining == [], "a fix that runs must remove the finding it fixes"
        compile(outcome.source, example.path, "exec")
        assert fix_source(outcome.source, example.path, settings, is_new=example.is_new).changed is False
    else:
        assert outcome.source.decode("utf-8") == example.source and len(remaining) == example.count
