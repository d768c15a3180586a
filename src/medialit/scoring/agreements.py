"""Agreement of a student's item labels (sentences, verdicts) with the key, and Cohen's kappa."""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .items import _missing, _text, _truthy


@dataclass(frozen=True)
class Agreement:
    """Agreement of a student's item labels (sentences, verdicts) with the key.

    Compared items are those both labelled, minus contested key items unless included;
    ``kappa`` is Cohen's kappa (None when nothing was compared)."""

    n: int
    agree: int
    accuracy: float | None
    kappa: float | None
    expected: float | None                       # chance agreement p_e
    per_label: dict[str, dict[str, int]]         # label -> {"key", "answer", "agree"}
    confusion: dict[tuple[str, str], int]        # (key label, answer label) -> count
    disagreements: tuple[tuple[str, str, str], ...]   # (item, key label, answer label)
    missing: tuple[str, ...] = ()                # key items the student has not labelled
    unknown: tuple[str, ...] = ()                # labelled items the key does not have
    discussion: tuple[tuple[str, str, str], ...] = ()  # contested: (item, key label, answer label)

    def confusion_frame(self):
        """Confusion matrix as a DataFrame: rows are the key's labels, columns the student's."""
        import pandas as pd
        labels = sorted(self.per_label)
        return pd.DataFrame([[self.confusion.get((a, b), 0) for b in labels] for a in labels],
                            index=pd.Index(labels, name="key"), columns=pd.Index(labels, name="answer"))

    def __repr__(self) -> str:
        acc = "None" if self.accuracy is None else f"{self.accuracy:.6f}"
        kap = "None" if self.kappa is None else f"{self.kappa:.6f}"
        return (f"Agreement(n={self.n}, agree={self.agree}, accuracy={acc}, kappa={kap}, "
                f"missing={len(self.missing)}, discussion={len(self.discussion)})")

    def _repr_html_(self) -> str:
        acc = "n/a" if self.accuracy is None else f"{self.accuracy:.0%}"
        kap = "n/a" if self.kappa is None else f"{self.kappa:.2f}"
        rows = "".join(f"<tr><td>{html.escape(i)}</td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                       for i, a, b in self.disagreements)
        table = (f"<table><tr><th>item</th><th>key</th><th>yours</th></tr>{rows}</table>" if rows else "")
        return (f"<div class='medialit-agreement'><p>Agreement with the key: {self.agree} of {self.n} "
                f"({html.escape(acc)}); Cohen's kappa {html.escape(kap)}; {len(self.missing)} not yet "
                f"labelled; {len(self.discussion)} contested items to discuss.</p>{table}</div>")


def cohen_kappa(a: Iterable[str], b: Iterable[str]) -> float | None:
    """Cohen's kappa for two equally long label sequences.

    None when there are no items. When chance agreement is 1 (both used one and the same
    label throughout) agreement is perfect and kappa is 1.0."""
    pairs = list(zip(a, b, strict=True))
    n = len(pairs)
    if not n:
        return None
    po = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe >= 1.0:
        return 1.0
    return (po - pe) / (1 - pe)


def _labels(data: Any, items: tuple[str, ...], labels: tuple[str, ...], what: str
            ) -> tuple[dict[str, str], set[str]]:
    """item -> label (and the contested items) from a mapping, DataFrame, dicts or records."""
    if data is None:
        return {}, set()
    if hasattr(data, "columns") and hasattr(data, "to_dict"):
        rows: list = data.to_dict("records")
    elif isinstance(data, Mapping):
        rows = [(k, v) for k, v in data.items()]
    else:
        rows = list(data)
    out: dict[str, str] = {}
    contested: set[str] = set()
    for i, row in enumerate(rows):
        where = f"{what} {i}"
        if isinstance(row, tuple) and len(row) == 2:
            item, val = row
            if hasattr(val, "value") and hasattr(val, "key"):   # a store record
                val = val.value
            if isinstance(val, Mapping):
                lab = next((val[f] for f in labels if f in val), None)
                if _truthy(val.get("contested")):
                    contested.add(str(item))
            else:
                lab = val
        elif isinstance(row, Mapping) or hasattr(row, "value"):
            row = dict(row) if isinstance(row, Mapping) else {"id": row.key, **row.value}
            item = next((row[f] for f in items if f in row and not _missing(row[f])), None)
            lab = next((row[f] for f in labels if f in row), None)
            if item is None:
                raise ValueError(f"{where}: needs one of the columns {', '.join(items)}; got {sorted(row)}")
            if _truthy(row.get("contested")):
                contested.add(_text(item) if not isinstance(item, float) else str(int(item)))
        else:
            raise TypeError(f"{where}: expected a dict, a record or an (item, label) pair, got {type(row).__name__}")
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if _missing(lab):
            continue                       # not labelled yet
        out[str(item)] = str(lab)
    return out, contested


def agreement(answer: Any, key: Any, *, items: tuple[str, ...] = ("item", "id"),
              labels: tuple[str, ...] = ("label",), include_contested: bool = False,
              what: str = "item") -> Agreement:
    """Agreement, per-label counts, confusion and Cohen's kappa of ``answer`` against ``key``.

    Both may be a mapping item -> label (or -> dict/record with a label field), a DataFrame
    or a list of dicts with an item column and a label column. Item ids compare as text."""
    ans, _ = _labels(answer, items, labels, "answer " + what)
    gold, contested = _labels(key, items, labels, "key " + what)
    shared = [i for i in gold if i in ans]
    discuss = tuple((i, gold[i], ans[i]) for i in shared if i in contested and gold[i] != ans[i])
    compared = [i for i in shared if include_contested or i not in contested]
    pairs = [(gold[i], ans[i]) for i in compared]
    agree = sum(a == b for a, b in pairs)
    per_label: dict[str, dict[str, int]] = {}
    for a, b in pairs:
        per_label.setdefault(a, {"key": 0, "answer": 0, "agree": 0})["key"] += 1
        per_label.setdefault(b, {"key": 0, "answer": 0, "agree": 0})["answer"] += 1
        per_label[a]["agree"] += a == b
    n = len(pairs)
    kappa = cohen_kappa([a for a, _ in pairs], [b for _, b in pairs])
    expected = (sum(per_label[c]["key"] * per_label[c]["answer"] for c in per_label) / (n * n)) if n else None
    return Agreement(
        n=n, agree=agree, accuracy=agree / n if n else None, kappa=kappa, expected=expected,
        per_label=dict(sorted(per_label.items())), confusion=dict(sorted(Counter(pairs).items())),
        disagreements=tuple((i, gold[i], ans[i]) for i in compared if gold[i] != ans[i]),
        missing=tuple(i for i in gold if i not in ans),
        unknown=tuple(sorted(i for i in ans if i not in gold)),
        discussion=discuss)


def sentence_agreement(answer: Any, key: Any, *, include_contested: bool = False) -> Agreement:
    """Sentence labels: items by ``sentence`` (or ``sentence_id``/``id``), labels by ``label``/``category``."""
    return agreement(answer, key, items=("sentence", "sentence_id", "id", "item"),
                     labels=("label", "category"), include_contested=include_contested, what="sentence")


def verdict_agreement(answer: Any, key: Any, *, include_contested: bool = False) -> Agreement:
    """Fact-check verdicts: items by ``claim_id`` (or ``id``, then ``claim``), labels by ``verdict``/``label``.

    ``id`` comes before ``claim`` because the fact-check key's ``claim`` column is the claim's text."""
    return agreement(answer, key, items=("claim_id", "id", "claim", "item"),
                     labels=("verdict", "label"), include_contested=include_contested, what="claim")
