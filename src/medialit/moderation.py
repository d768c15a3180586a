"""The written moderation policy for the comment section, as plain data.

The policy lives in ``data/policy/moderation.toml``: a ``[policy]`` table (title, version,
summary, the allowed ``decisions``) and ``[[rule]]`` tables (``id``, ``title``, ``text``,
``action``, ``examples``, ``sources``). Students moderate each comment with a decision
(keep, label, hide, remove) and name the rule they applied; :func:`check_decision` says whether
a decision is complete and well formed. Nothing here imports widgets.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KeyFileError
from .paths import data_dir

__all__ = ["DECISIONS", "Rule", "Policy", "policy_path", "load_policy", "check_decision"]

DECISIONS = ("keep", "label", "hide", "remove")


@dataclass(frozen=True)
class Rule:
    """One rule of the policy."""

    id: str
    title: str
    text: str
    action: str
    examples: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "text": self.text, "action": self.action,
                "examples": list(self.examples), "sources": list(self.sources)}


@dataclass(frozen=True)
class Policy:
    """The whole policy: rules in file order."""

    title: str
    version: int
    summary: str
    decisions: tuple[str, ...]
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"no rule {rule_id!r} in the moderation policy "
                       f"(rules: {', '.join(r.id for r in self.rules)})")

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)

    def __repr__(self) -> str:
        return f"Policy({self.title!r}, version={self.version}, rules={list(self.rule_ids)})"


def policy_path() -> Path:
    return data_dir() / "policy" / "moderation.toml"


def _str(path: Path, where: str, table: dict, key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KeyFileError(f"{path}: {where} needs a non-empty '{key}' string, got {value!r}")
    return value.strip()


def _strs(path: Path, where: str, table: dict, key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KeyFileError(f"{path}: {where} '{key}' should be a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)


@lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int]) -> Policy:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: moderation policy file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise KeyFileError(f"{path}: not valid TOML ({exc})") from None
    head = doc.get("policy")
    if not isinstance(head, dict):
        raise KeyFileError(f"{path}: expected a [policy] table")
    decisions = _strs(path, "[policy]", head, "decisions") or DECISIONS
    bad = [d for d in decisions if d not in DECISIONS]
    if bad:
        raise KeyFileError(f"{path}: [policy] decisions must be among {list(DECISIONS)}, got {bad}")
    version = head.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise KeyFileError(f"{path}: [policy] 'version' should be an integer, got {version!r}")
    rows = doc.get("rule")
    if not isinstance(rows, list) or not rows:
        raise KeyFileError(f"{path}: expected one or more [[rule]] tables")
    rules: list[Rule] = []
    for n, row in enumerate(rows, 1):
        where = f"rule {n}"
        rule = Rule(
            id=_str(path, where, row, "id"), title=_str(path, where, row, "title"),
            text=_str(path, where, row, "text"), action=_str(path, where, row, "action"),
            examples=_strs(path, where, row, "examples"), sources=_strs(path, where, row, "sources"),
        )
        if rule.action not in decisions:
            raise KeyFileError(f"{path}: {where} ({rule.id}) 'action' must be one of "
                               f"{list(decisions)}, got {rule.action!r}")
        if any(r.id == rule.id for r in rules):
            raise KeyFileError(f"{path}: {where} repeats the rule id {rule.id!r}")
        rules.append(rule)
    return Policy(title=_str(path, "[policy]", head, "title"), version=version,
                  summary=_str(path, "[policy]", head, "summary"), decisions=tuple(decisions),
                  rules=tuple(rules))


def load_policy(path: str | Path | None = None) -> Policy:
    """Read the moderation policy (default ``data/policy/moderation.toml``)."""
    p = Path(path) if path is not None else policy_path()
    try:
        st = p.stat()
    except FileNotFoundError:
        raise KeyFileError(f"{p}: moderation policy file not found") from None
    return _load(p, (st.st_mtime_ns, st.st_size))


def check_decision(decision: str | None, rule: str | None, policy: Policy | None = None) -> list[str]:
    """Problems with one moderation decision, as sentences a student can act on ([] if fine).

    Every decision names a rule: a removal says which rule the comment breaks, a keep says
    which rule protects it (Coral: explain the decision)."""
    policy = policy or load_policy()
    problems = []
    if decision not in policy.decisions:
        problems.append(f"Choose a decision: {', '.join(policy.decisions)} (got {decision!r}).")
    if not rule:
        problems.append("Name the rule of the policy that your decision applies.")
    elif rule not in policy.rule_ids:
        problems.append(f"There is no rule {rule!r}; the rules are {', '.join(policy.rule_ids)}.")
    return problems
