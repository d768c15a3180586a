"""FactCheckDesk and its evidence search, without a browser."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medialit.keys import VERDICTS
from medialit.store import open_store
from medialit.widgets.factcheck import FactCheckDesk, search_evidence

XSS = '<img src=x onerror=alert(1)> and <script>alert(1)</script>'

CARDS = [
    {"id": "a", "publisher": "Wire One", "kind": "WIRE", "title": "Sanctions vote at the Council",
     "date": "2017-09-12", "url": "https://example.org/a", "summary": "All members voted for it.",
     "quote": "supported by all members", "status": "verified", "topics": ["sanctions"]},
    {"id": "b", "publisher": "Archive", "kind": "HIST", "title": "The 1949 agreement",
     "date": "1949-03-17", "url": "https://example.org/b", "summary": "Economic and cultural cooperation.",
     "quote": "", "status": "verified", "topics": ["1949"]},
    {"id": "c", "publisher": "Encyclopédie", "kind": "ENC", "title": "Café history",
     "date": "2020", "url": "https://example.org/c", "summary": "Sanctioned goods and trade.",
     "quote": "", "status": "secondary", "topics": ["trade"]},
]


@pytest.fixture
def store():
    return open_store("tester")


def contested_claim(case):
    k = case.key("factchecks")
    return k[k.contested].iloc[0]


# --- search ----------------------------------------------------------------------------

def test_empty_query_returns_library_order():
    assert [c["id"] for c in search_evidence(CARDS, "")] == ["a", "b", "c"]
    assert [c["id"] for c in search_evidence(CARDS, "   ", limit=2)] == ["a", "b"]


def test_ranking_prefix_stopwords_and_accents():
    assert [c["id"] for c in search_evidence(CARDS, "sanctions")][0] == "a"
    # "sanction" is a prefix of "sanctions" and "sanctioned": both match, the title/topic hit ranks first
    assert [c["id"] for c in search_evidence(CARDS, "sanction")] == ["a", "c"]
    assert [c["id"] for c in search_evidence(CARDS, "the 1949")] == ["b"]
    assert [c["id"] for c in search_evidence(CARDS, "cafe")] == ["c"]       # accents folded
    assert [c["id"] for c in search_evidence(CARDS, "encyclopedie")] == ["c"]
    assert search_evidence(CARDS, "zzzz") == []
    # a query of stop words only is used as it is, rather than matching nothing
    assert [c["id"] for c in search_evidence(CARDS, "the")] == ["a", "b"]
    assert all(c["score"] > 0 for c in search_evidence(CARDS, "sanction"))


def test_search_does_not_change_the_cards():
    before = json.dumps(CARDS)
    search_evidence(CARDS, "sanctions")
    assert json.dumps(CARDS) == before


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_search_properties(query):
    res = search_evidence(CARDS, query)
    ids = [c["id"] for c in res]
    assert len(ids) == len(set(ids)) and set(ids) <= {"a", "b", "c"}
    scores = [c["score"] for c in res]
    assert scores == sorted(scores, reverse=True)


def test_search_real_library(case):
    cards = case.evidence.to_dict("records")
    top = search_evidence(cards, "1949 agreement economic cultural", limit=3)
    assert top and any("1949" in (c["title"] + c["summary"] + " ".join(c["topics"])) for c in top)


# --- the widget --------------------------------------------------------------------------

def test_traits(case, store):
    w = FactCheckDesk(case, store=store)
    assert [c["id"] for c in w.claims] == list(case.key("factchecks").id)
    assert w.claim_id == w.claims[0]["id"]
    assert [v["verdict"] for v in w.verdicts] == list(VERDICTS)
    assert w.results == [] and w.n_results == 0 and w.n_cards == len(case.evidence)   # no query: no cards listed
    assert w.key == {} and not w.revealed
    json.dumps({k: v for k, v in w.get_state().items() if not k.startswith("_")})
    assert repr(w) == ("FactCheckDesk(case_id='rodong-2024', claim_id='fc-00', verdict=None, "
                       "cited=0, revealed=False)")


def test_query_updates_results(case, store):
    w = FactCheckDesk(case, store=store)
    w.query = "sanctions veto"
    assert 0 < len(w.results) < len(case.evidence)
    assert len(w.search("")) == len(case.evidence) and w.results == []
    assert [c["id"] for c in w.search("sanctions veto")] == [c["id"] for c in search_evidence(w.cards, "sanctions veto")]


def test_the_desk_lists_the_best_few_results_and_more_on_request(case, store):
    from medialit.widgets.factcheck import RESULTS_SHOWN
    w = FactCheckDesk(case, store=store)
    w.query = "korea"
    assert w.n_results > RESULTS_SHOWN and len(w.results) == RESULTS_SHOWN
    assert [c["id"] for c in w.results] == [c["id"] for c in search_evidence(w.cards, "korea")][:RESULTS_SHOWN]
    w.result_limit += RESULTS_SHOWN
    assert len(w.results) == min(w.n_results, 2 * RESULTS_SHOWN)
    w.query = "korea war"                          # a new search starts with the best few again
    assert w.result_limit == RESULTS_SHOWN


def test_cards_carry_status_and_quote_and_nothing_the_desk_does_not_draw(case, store):
    from medialit.widgets.factcheck import SHOWN_FIELDS
    w = FactCheckDesk(case, store=store)
    w.query = "militant friendship"
    card = w.results[0]
    assert set(card) == set(SHOWN_FIELDS)
    assert card["status"] in ("verified", "secondary") and card["quote"] == "a symbol of militant friendship"
    w.cite(card["id"])
    assert set(w.cited_cards[0]) == set(SHOWN_FIELDS)


def test_verdict_saved_and_restored_per_claim(case, store):
    w = FactCheckDesk(case, claim_id="fc-01", store=store)
    card = w.cards[0]["id"]
    w.verdict = "accurate"
    w.justification = "Card says so. " + XSS
    w.cite(card)
    rec = store.latest("verdict", case_id="rodong-2024", doc_id="article")["fc-01"]
    assert rec.value == {"verdict": "accurate", "justification": "Card says so. " + XSS, "cited": [card]}
    again = FactCheckDesk(case, claim_id="fc-01", store=open_store("tester"))
    assert (again.verdict, again.justification, again.cited) == ("accurate", "Card says so. " + XSS, [card])
    assert again.cited_cards[0]["id"] == card
    # another claim starts empty; switching back restores
    again.claim_id = "fc-02"
    assert (again.verdict, again.justification, again.cited) == ("", "", [])
    again.claim_id = "fc-01"
    assert again.verdict == "accurate"


def test_uncite(case, store):
    w = FactCheckDesk(case, store=store)
    ids = [c["id"] for c in w.cards[:2]]
    w.cite(ids[0])
    w.cite(ids[1])
    w.cite(ids[0], on=False)
    assert w.cited == [ids[1]]
    with pytest.raises(ValueError, match="no evidence card"):
        w.cite("nope")


def test_reveal_needs_a_verdict(case, store):
    w = FactCheckDesk(case, store=store)
    w._on_msg(w, {"action": "reveal"}, [])
    assert not w.revealed and w.key == {} and "verdict first" in w.message
    w.verdict = "inaccurate"
    assert w.message == ""
    w.reveal()
    k = w.key
    row = case.key("factchecks").set_index("id").loc[w.claim_id]
    assert k["verdict"] == row.verdict and k["established"] == row.established
    assert k["rationale"] == row.rationale
    assert [s["id"] for s in k["sources"]] == list(row.sources)
    assert all(s.get("publisher") is not None for s in k["sources"])
    assert k["agree"] is (row.verdict == "inaccurate")
    json.dumps(k)


def test_contested_claim_is_a_discussion_point(case, store):
    row = contested_claim(case)
    other = next(v for v in VERDICTS if v != row.verdict)
    w = FactCheckDesk(case, claim_id=row.id, store=store)
    w.verdict = other
    w.reveal()
    assert w.key["contested"] is True and w.key["agree"] is False
    assert w.key["contested_note"] == row.contested_note
    w.verdict = row.verdict                       # the key follows later edits
    assert w.key["agree"] is True


def test_switching_claim_hides_the_key(case, store):
    w = FactCheckDesk(case, store=store)
    w.verdict = "accurate"
    w.reveal()
    w.claim_id = "fc-03"
    assert not w.revealed and w.key == {}
    w.claim_id = "no-such-claim"                  # ignored, stays put
    assert w.claim_id == "fc-03"


def test_bad_claim_id_is_explained(case):
    with pytest.raises(ValueError, match="no claim 'x'"):
        FactCheckDesk(case, claim_id="x", store=False)


def test_case_without_key_or_library():
    def nokey(name):
        raise KeyError(name)
    fake = SimpleNamespace(case_id="fake", text="", key=nokey, evidence=pd.DataFrame())
    w = FactCheckDesk(fake, store=False)
    assert w.claims == [] and w.claim_id == "" and w.results == []
    w.verdict = "accurate"
    w.reveal()
    assert w.key == {}
