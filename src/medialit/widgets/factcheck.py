"""FactCheckDesk: check one claim of the article against the case's offline evidence library.

The student reads a claim (from ``case.key("factchecks")``), searches the evidence library
(``case.evidence``) with a simple ranked keyword search (:func:`search_evidence`, a pure
function), picks a verdict, writes a justification that cites cards, and then reveals the
key: its verdict, what is established, what is contested and its sources. Disagreement on a
contested claim is shown as a discussion point, not an error.

Work is saved as kind ``verdict`` (``doc_id`` "article", ``key`` the claim id, ``value``
``{"verdict", "justification", "cited"}``) and restored when the cell runs again.

The front end gets only what it draws: each card's title, publisher, kind, date, address,
summary, quote and status (verified or secondary), and only the best few search results
(:data:`RESULTS_SHOWN` at a time, more on request), so the verdict is a few tab stops away
from the search box rather than behind the whole library.
"""
from __future__ import annotations

from typing import Any

import traitlets

from ..evidence import CARD_FIELDS, search_evidence
from ..keys import VERDICTS
from ._base import CourseWidget, key_or_none, load_case_or_default, resolve_store

__all__ = ["FactCheckDesk", "search_evidence", "VERDICT_CHOICES", "SHOWN_FIELDS", "RESULTS_SHOWN"]

KIND = "verdict"
DOC_ID = "article"
# the card fields the desk draws (search also reads topics; the browser does not need them)
SHOWN_FIELDS = ("id", "publisher", "kind", "title", "date", "url", "summary", "quote", "status")
RESULTS_SHOWN = 6

VERDICT_CHOICES: tuple[tuple[str, str], ...] = (
    ("accurate", "The claim matches what reliable sources establish."),
    ("misleading by omission", "True as far as it goes, but leaves out what changes its meaning."),
    ("contested framing", "The facts are known; the words used to frame them are disputed."),
    ("sources disagree", "Reliable sources give different facts, and the evidence cannot settle which is right."),
    ("inaccurate", "Reliable sources contradict the claim."),
    ("not checkable", "An opinion, prediction or a claim no available source can settle."),
)
assert tuple(v for v, _ in VERDICT_CHOICES) == VERDICTS

def _plain(value: Any) -> Any:
    """DataFrame cells to plain JSON data."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class FactCheckDesk(CourseWidget):
    """Check a claim: search the evidence library, pick a verdict, justify it, then compare with the key."""

    front_end = "factcheck"

    case_id = traitlets.Unicode("", help="The case the claims come from.").tag(sync=True)
    claims = traitlets.List(traitlets.Dict(), help="[{id, claim, quote}] the claims to check.").tag(sync=True)
    claim_id = traitlets.Unicode("", help="The claim on the desk.").tag(sync=True)
    verdicts = traitlets.List(traitlets.Dict(), help="[{verdict, help}] the verdicts on offer.").tag(sync=True)
    query = traitlets.Unicode("", help="The search box.").tag(sync=True)
    results = traitlets.List(traitlets.Dict(), help="The best evidence cards for the query, at most result_limit "
                             "(none for an empty query).").tag(sync=True)
    n_results = traitlets.Int(0, help="How many cards match the query in all.").tag(sync=True)
    n_cards = traitlets.Int(0, help="How many cards the library holds.").tag(sync=True)
    result_limit = traitlets.Int(RESULTS_SHOWN, help="How many results are shown ('Show more' raises it).").tag(sync=True)
    verdict = traitlets.Unicode("", help="The student's verdict ('' for none yet).").tag(sync=True)
    justification = traitlets.Unicode("", help="The student's justification.").tag(sync=True)
    cited = traitlets.List(traitlets.Unicode(), help="Ids of the cards the student cites.").tag(sync=True)
    cited_cards = traitlets.List(traitlets.Dict(), help="The cited cards (so they show whatever the search).").tag(sync=True)
    revealed = traitlets.Bool(False, help="Whether the key is shown.").tag(sync=True)
    key = traitlets.Dict(help="{} until revealed; then the key's verdict, established, contested, sources.").tag(sync=True)
    message = traitlets.Unicode("", help="A short note for the student (e.g. pick a verdict first).").tag(sync=True)

    def __init__(self, case: Any = None, *, claim_id: str | None = None, store: Any = None) -> None:
        self._case = load_case_or_default(case)
        self._store, status = resolve_store(store)
        key = key_or_none(self._case, "factchecks")
        self._key_rows = {} if key is None else {str(r["id"]): r for r in key.to_dict("records")}
        try:
            ev = self._case.evidence
            self._cards = [{f: _plain(r.get(f)) for f in CARD_FIELDS} for r in ev.to_dict("records")]
        except Exception:  # noqa: BLE001 (a case without an evidence library still shows its claims)
            self._cards = []
        self._by_id = {c["id"]: c for c in self._cards}
        claims = [{"id": k, "claim": str(r.get("claim", "")), "quote": str(r.get("quote", ""))}
                  for k, r in self._key_rows.items()]
        if claim_id is not None and claim_id not in self._key_rows:
            raise ValueError(f"no claim {claim_id!r} in the factchecks key of {self._case.case_id!r}; "
                             f"claims are: {', '.join(self._key_rows) or 'none'}")
        self._restoring = False
        super().__init__(
            case_id=self._case.case_id, claims=claims,
            claim_id=claim_id or (claims[0]["id"] if claims else ""),
            verdicts=[{"verdict": v, "help": h} for v, h in VERDICT_CHOICES],
            n_cards=len(self._cards), save_status=status,
        )
        self._load_claim()
        self.observe(self._on_query, names=["query", "result_limit"])
        self.observe(self._on_claim, names=["claim_id"])
        self.observe(self._on_work, names=["verdict", "justification", "cited"])
        self.observe(self._on_reveal, names=["revealed"])
        self.on_msg(self._on_msg)

    # --- plain API --------------------------------------------------------------------
    @property
    def cards(self) -> list[dict]:
        """The whole evidence library as plain dicts."""
        return [dict(c) for c in self._cards]

    def search(self, query: str) -> list[dict]:
        """Every card matching ``query``, best first, with its score (all cards for an empty
        query); the widget shows the first few."""
        self.query = query
        return search_evidence(self._cards, query)

    @staticmethod
    def _shown(card: dict) -> dict:
        return {f: card.get(f) for f in SHOWN_FIELDS}

    def cite(self, card_id: str, on: bool = True) -> None:
        if card_id not in self._by_id:
            raise ValueError(f"no evidence card {card_id!r}; cards are: {', '.join(self._by_id) or 'none'}")
        now = [c for c in self.cited if c != card_id]
        self.cited = now + [card_id] if on else now

    def reveal(self) -> dict:
        """Show the key (needs a verdict first)."""
        self.revealed = True
        return self.key

    def _repr_fields(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "claim_id": self.claim_id, "verdict": self.verdict or None,
                "cited": len(self.cited), "revealed": self.revealed}

    # --- restoring --------------------------------------------------------------------
    def _saved(self, claim_id: str) -> dict:
        if self._store is None or not claim_id:
            return {}
        try:
            rec = self._store.latest(KIND, case_id=self.case_id, doc_id=DOC_ID).get(claim_id)
        except Exception as e:  # noqa: BLE001
            self.save_status = f"Not restored: {e}"
            return {}
        return dict(rec.value) if rec is not None else {}

    def _load_claim(self) -> None:
        saved = self._saved(self.claim_id)
        self._restoring = True
        try:
            self.verdict = saved.get("verdict", "") if saved.get("verdict") in VERDICTS else ""
            self.justification = str(saved.get("justification", ""))
            self.cited = [c for c in saved.get("cited", []) if isinstance(c, str)]
            self.cited_cards = [self._shown(self._by_id[c]) for c in self.cited if c in self._by_id]
            self.revealed = False
            self.key = {}
            self.message = ""
        finally:
            self._restoring = False

    # --- observers --------------------------------------------------------------------
    def _on_query(self, change: dict) -> None:
        if change["name"] == "query":
            self.result_limit = RESULTS_SHOWN            # a new search starts with the best few again
        found = search_evidence(self._cards, self.query) if self.query.strip() else []
        with self.hold_sync():
            self.n_results = len(found)
            self.results = [self._shown(c) for c in found[:max(1, self.result_limit)]]

    def _on_claim(self, change: dict) -> None:
        if change["new"] not in self._key_rows:
            self.claim_id = change["old"]
            return
        self._load_claim()

    def _on_work(self, change: dict) -> None:
        if change["name"] == "cited":
            self.cited_cards = [self._shown(self._by_id[c]) for c in self.cited if c in self._by_id]
        if self.revealed:
            self.key = self._key_view()
        if self._restoring:
            return
        if self.verdict:
            self.message = ""
        if self._store is None or not self.claim_id:
            return
        value = {"verdict": self.verdict, "justification": self.justification, "cited": list(self.cited)}
        try:
            self._store.put(KIND, case_id=self.case_id, doc_id=DOC_ID, key=self.claim_id, value=value)
        except Exception as e:  # noqa: BLE001
            self.save_status = f"Not saved: {e}"
            return
        self.save_status = ""

    def _on_reveal(self, change: dict) -> None:
        if change["new"] and not self.verdict:
            self.revealed = False
            self.message = "Pick your verdict first; then you can compare it with the key."
            return
        self.key = self._key_view() if change["new"] else {}

    def _on_msg(self, _w: Any, content: Any, _b: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "reveal":
            self.revealed = True

    # --- the key ----------------------------------------------------------------------
    def _key_view(self) -> dict:
        row = self._key_rows.get(self.claim_id)
        if row is None:
            return {}
        sources = []
        for sid in row.get("sources") or []:
            card = self._by_id.get(sid)
            sources.append(self._shown(card) if card else {"id": sid, "title": sid, "publisher": "", "date": "",
                                                          "url": "", "summary": "(card not in this library)"})
        key_verdict = str(row.get("verdict", ""))
        contested = bool(row.get("contested", False))
        agree = self.verdict == key_verdict
        try:
            from .. import scoring  # noqa: PLC0415
            ag = scoring.verdict_agreement({self.claim_id: self.verdict},
                                           [{"id": self.claim_id, "verdict": key_verdict, "contested": contested}],
                                           include_contested=True)
            agree = bool(ag.agree)
        except ImportError:
            pass
        cited_in_key = [c for c in self.cited if c in set(row.get("sources") or [])]
        return {
            "claim_id": self.claim_id, "verdict": key_verdict, "student": self.verdict,
            "agree": agree, "contested": contested,
            "established": str(row.get("established", "")), "contested_note": str(row.get("contested_note", "")),
            "rationale": str(row.get("rationale", "")), "status": str(row.get("status", "")),
            "sources": sources, "cited_in_key": cited_in_key,
        }
