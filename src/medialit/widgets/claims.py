"""ClaimSorter: label each sentence of the article as fact, opinion, prediction, call or mixed.

A thin view: the sentences come from ``case.sentences``, the key from
``case.key("sentences")``, agreement and kappa from :mod:`medialit.scoring`, and every
answer is saved to the student's store as kind ``sentence_label`` (``doc_id`` "article",
``key`` the sentence index as a string, ``value`` ``{"label": ...}``, anchored to the
sentence's text). Running the cell again restores the answers.

Synced state is plain data: ``sentences`` and ``choices`` (lists of dicts), ``answers``
(``[{"sentence": 3, "label": "fact"}, ...]``), ``current``, ``view`` and ``feedback``
(``{}`` until the student asks for it). The front end (``claims.js``) renders with
``textContent`` only: number keys 1-5 pick a label, arrow keys move, ``t`` toggles the view.
"""
from __future__ import annotations

from typing import Any

import traitlets

from ..labelnames import SENTENCE_CHOICES
from ..spans import anchor
from ._base import CourseWidget, key_or_none, load_case_or_default, resolve_store

__all__ = ["ClaimSorter", "SENTENCE_CHOICES"]

KIND = "sentence_label"
DOC_ID = "article"

LABELS = tuple(c[0] for c in SENTENCE_CHOICES)


class ClaimSorter(CourseWidget):
    """Sort the article's sentences: fact, opinion, prediction, call to action, or mixed."""

    front_end = "claims"

    case_id = traitlets.Unicode("", help="The case whose article is sorted.").tag(sync=True)
    sentences = traitlets.List(traitlets.Dict(), help="[{sentence, paragraph, text}] in order.").tag(sync=True)
    choices = traitlets.List(traitlets.Dict(), help="[{label, name, help, shortcut}] the labels on offer.").tag(sync=True)
    answers = traitlets.List(traitlets.Dict(), help="[{sentence, label}] the student's labels, by sentence.").tag(sync=True)
    current = traitlets.Int(0, help="Index into `sentences` of the card shown.").tag(sync=True)
    view = traitlets.Enum(("card", "table"), default_value="card", help="Card view or table view.").tag(sync=True)
    feedback = traitlets.Dict(help="{} until checked; then accuracy, kappa, message and per-answer items.").tag(sync=True)

    def __init__(self, case: Any = None, *, store: Any = None, **kwargs: Any) -> None:
        unknown = set(kwargs) - {"current", "view", "layout"}
        if unknown:
            raise TypeError(f"ClaimSorter() got unexpected keyword(s) {sorted(unknown)}; "
                            "it takes case=None, store=None, current=0 and view='card' or 'table'")
        self._case = load_case_or_default(case)
        self._store, status = resolve_store(store)
        self._saved: dict[int, str] = {}
        self._explicit_current = "current" in kwargs
        sents = self._case.sentences
        super().__init__(
            case_id=self._case.case_id,
            sentences=[{"sentence": int(r.sentence), "paragraph": int(r.paragraph), "text": str(r.text)}
                       for r in sents.itertuples(index=False)],
            choices=[{"label": lab, "name": name, "help": help_, "shortcut": str(i)}
                     for i, (lab, name, help_) in enumerate(SENTENCE_CHOICES, 1)],
            save_status=status,
            **kwargs,
        )
        self._restore()
        self.observe(self._on_answers, names=["answers"])
        self.on_msg(self._on_msg)

    # --- the plain model --------------------------------------------------------------
    def answers_dict(self) -> dict[int, str]:
        """The student's labels as {sentence index: label}."""
        return {int(a["sentence"]): a["label"] for a in self.answers}

    def label(self, sentence: int, label: str | None) -> None:
        """Set (or with None clear) the label of one sentence, as a key press would."""
        if label is not None and label not in LABELS:
            raise ValueError(f"label must be one of {list(LABELS)} or None, got {label!r}")
        known = {int(s["sentence"]) for s in self.sentences}
        if sentence not in known:
            raise ValueError(f"no sentence {sentence!r}; sentences are 0..{len(known) - 1}")
        ans = self.answers_dict()
        if label is None:
            ans.pop(sentence, None)
        else:
            ans[sentence] = label
        self.answers = [{"sentence": k, "label": v} for k, v in sorted(ans.items())]

    def check(self) -> dict:
        """Compare the answers with the key (through medialit.scoring) and show feedback."""
        self.feedback = self._feedback()
        return self.feedback

    def _repr_fields(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "labelled": len(self.answers), "of": len(self.sentences)}

    # --- feedback ---------------------------------------------------------------------
    def _feedback(self) -> dict:
        key = key_or_none(self._case, "sentences")
        student = self.answers_dict()
        if key is None or key.empty:
            return {"status": "no-key", "message": "This case has no sentence key yet, so there is nothing to compare with."}
        key_labels = {int(r.sentence): str(r.label) for r in key.itertuples(index=False)}
        rows = {int(r.sentence): r for r in key.itertuples(index=False)}
        answered = {k: v for k, v in student.items() if k in key_labels}
        if not answered:
            return {"status": "empty", "message": "Label at least one sentence, then check again."}
        try:
            from .. import scoring  # noqa: PLC0415 (optional until scoring lands)
        except ImportError:
            return {"status": "no-scoring", "message": "Scoring is not available in this installation."}
        ag = _as_dict(scoring.sentence_agreement(answered, key))
        items = []
        for k in sorted(answered):
            r = rows[k]
            items.append({
                "sentence": k, "label": answered[k], "key": key_labels[k],
                "agree": answered[k] == key_labels[k], "contested": bool(getattr(r, "contested", False)),
                "rationale": str(getattr(r, "rationale", "")),
            })
        n, agree = int(ag.get("n") or 0), int(ag.get("agree") or 0)
        discussion = len(ag.get("discussion") or ())
        missing = len(ag.get("missing") or ())
        acc, kappa = ag.get("accuracy"), ag.get("kappa")
        contested = sum(1 for k in answered if bool(getattr(rows[k], "contested", False)))
        figures = [_agreement_line(agree, n, acc, contested, len(answered))]
        if kappa is not None:
            figures.append(f"Cohen's kappa {float(kappa):.2f}: 1 means full agreement with the key, 0 what chance "
                           "alone would give, below 0 worse than chance.")
        parts = []
        if discussion:
            parts.append(f"{discussion} contested sentence(s) where you differ are discussion points, "
                         "not errors: read the rationale and argue your case.")
        if missing:
            parts.append(f"{missing} sentence(s) still to label.")
        return {
            "figures": figures,
            "status": "ok", "answered": len(answered), "total": len(key_labels), "compared": n,
            "agree": agree, "discussion": discussion, "missing": missing,
            "accuracy": None if acc is None else float(acc),
            "kappa": None if kappa is None else float(kappa),
            "message": " ".join(parts), "items": items,
        }

    # --- saving and restoring ---------------------------------------------------------
    def _restore(self) -> None:
        if self._store is None:
            return
        try:
            latest = self._store.latest(KIND, case_id=self.case_id, doc_id=DOC_ID)
        except Exception as e:  # noqa: BLE001 (a damaged store must not break the lesson)
            self.save_status = f"Not restored: {e}"
            return
        known = {int(s["sentence"]) for s in self.sentences}
        ans = {}
        for key, rec in latest.items():
            try:
                i = int(key)
            except (TypeError, ValueError):
                continue
            label = (rec.value or {}).get("label")
            if i in known and label in LABELS:
                ans[i] = label
        self._saved = dict(ans)
        self.answers = [{"sentence": k, "label": v} for k, v in sorted(ans.items())]
        unlabelled = [i for i, s in enumerate(self.sentences) if int(s["sentence"]) not in ans]
        if ans and not self._explicit_current:
            self.current = unlabelled[0] if unlabelled else 0

    def _on_answers(self, change: dict) -> None:
        new = {}
        for a in change["new"]:
            if a.get("label") in LABELS:
                new[int(a["sentence"])] = a["label"]
        if self.feedback.get("status") == "ok":
            self.feedback = self._feedback()
        by_index = {int(r["sentence"]): r for r in self._case.sentences.to_dict("records")}
        new = {i: label for i, label in new.items() if i in by_index}
        if self._store_diff(KIND, self._saved, new, doc_id=lambda i: DOC_ID, value=lambda i, label: {"label": label},
                            anchor=lambda i, _: anchor(self._case.text, int(by_index[i]["start"]),
                                                       int(by_index[i]["end"]))):
            self._saved = new

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "check":
            self.check()


def _agreement_line(agree: int, n: int, acc: Any, contested: int, answered: int) -> str:
    """The agreement figure in words: what was compared, and why contested sentences are left out."""
    left_out = (f" The {contested} contested sentence(s) you labelled are left out: reasonable readers disagree "
                "on them, so they are discussion points, not scores." if contested else "")
    if not n:
        return (f"None of the {answered} sentence(s) you labelled has an uncontested key label yet, so there is "
                f"nothing to score.{left_out}")
    pct = f" ({round(float(acc) * 100)}%)" if acc is not None else ""
    return (f"You agree with the key on {agree} of the {n} sentence(s) compared{pct}. Compared means: the "
            f"sentences you labelled whose key label is not contested.{left_out}")


def _as_dict(result: Any) -> dict:
    """Scoring results may be dicts, dataclasses or objects with attributes."""
    if isinstance(result, dict):
        return result
    if hasattr(result, "_asdict"):
        return result._asdict()
    import dataclasses  # noqa: PLC0415
    if dataclasses.is_dataclass(result):
        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    return {k: getattr(result, k) for k in ("n", "agree", "accuracy", "kappa", "discussion", "missing")
            if hasattr(result, k)}
