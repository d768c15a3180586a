"""The written moderation policy (data/policy/moderation.toml) and its model."""
from __future__ import annotations

import pytest

from medialit import safety
from medialit.errors import KeyFileError
from medialit.moderation import DECISIONS, check_decision, load_policy, policy_path


def test_policy_loads():
    p = load_policy()
    assert 6 <= len(p.rules) <= 8
    assert len(set(p.rule_ids)) == len(p.rules)
    assert p.decisions == DECISIONS
    for r in p.rules:
        assert r.action in DECISIONS and r.title and r.text and r.examples and r.sources
    assert p.rule("R1").title == "Criticise ideas, not people"
    assert {r.action for r in p.rules} == set(DECISIONS)
    assert repr(p).startswith("Policy('Comment moderation policy")


def test_policy_holds_no_masked_term():
    text = policy_path().read_text(encoding="utf-8")
    assert safety.masked_ranges(text) == []


def test_policy_names_its_sources():
    text = policy_path().read_text(encoding="utf-8")
    for name in ("Coral", "IHRA", "ADL", "Perspective"):
        assert name in text


def test_unknown_rule_is_explained():
    with pytest.raises(KeyError, match="no rule 'R99'"):
        load_policy().rule("R99")


def test_check_decision():
    assert check_decision("remove", "R2") == []
    assert check_decision("keep", "") == ["Name the rule of the policy that your decision applies."]
    assert "Choose a decision" in check_decision("ban", "R1")[0]
    assert "There is no rule 'R99'" in check_decision("keep", "R99")[0]


def test_broken_files_are_explained(tmp_path):
    p = tmp_path / "m.toml"
    with pytest.raises(KeyFileError, match="not found"):
        load_policy(p)
    p.write_text("[policy\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match="not valid TOML"):
        load_policy(p)
    head = '[policy]\ntitle = "T"\nsummary = "S"\ndecisions = ["keep", "remove"]\n'
    p.write_text(head, encoding="utf-8")
    with pytest.raises(KeyFileError, match=r"\[\[rule\]\]"):
        load_policy(p)
    rule = '[[rule]]\nid = "A"\ntitle = "T"\ntext = "X"\naction = "{action}"\n'
    p.write_text(head + rule.format(action="label"), encoding="utf-8")
    with pytest.raises(KeyFileError, match="'action' must be one of"):
        load_policy(p)
    p.write_text(head + rule.format(action="keep") + rule.format(action="keep"), encoding="utf-8")
    with pytest.raises(KeyFileError, match="repeats the rule id 'A'"):
        load_policy(p)
    p.write_text(head + rule.format(action="keep"), encoding="utf-8")
    assert load_policy(p).rule_ids == ("A",)
