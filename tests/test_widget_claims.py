"""ClaimSorter without a browser: traits, saving and restoring, feedback, repr."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from medialit import scoring
from medialit.keys import SENTENCE_LABELS
from medialit.store import open_store
from medialit.widgets.claims import ClaimSorter

WIDGETS = Path(__file__).resolve().parents[1] / "src" / "medialit" / "widgets"


@pytest.fixture
def store():
    return open_store("tester")


def synced(w) -> dict:
    state = w.get_state()
    return {k: v for k, v in state.items() if not k.startswith("_")}


def fake_case(n=3, *, key=None):
    texts = [f"Sentence number {i}." for i in range(n)]
    text = " ".join(texts)
    rows, pos = [], 0
    for i, t in enumerate(texts):
        rows.append({"sentence": i, "paragraph": 0, "start": pos, "end": pos + len(t), "text": t})
        pos += len(t) + 1

    def getkey(name):
        if key is None:
            raise KeyError(name)
        return key
    return SimpleNamespace(case_id="fake", text=text, sentences=pd.DataFrame(rows), key=getkey)


def test_traits_are_plain_data(case, store):
    w = ClaimSorter(case, store=store)
    assert len(w.sentences) == len(case.sentences)
    assert w.sentences[0]["text"] == case.sentences.text.iloc[0]
    assert [c["label"] for c in w.choices] == list(SENTENCE_LABELS)
    assert [c["shortcut"] for c in w.choices] == ["1", "2", "3", "4", "5"]
    assert [c["name"] for c in w.choices][3] == "Call to action"
    json.dumps(synced(w))  # plain JSON all the way down
    assert w.answers == [] and w.feedback == {} and w.view == "card" and w.current == 0
    assert w.save_status == ""


def test_esm_and_css_are_files_next_to_the_module():
    assert ClaimSorter.front_end == "claims"
    assert "export default" in ClaimSorter._esm and ".ml-claims" in ClaimSorter._css


def test_repr_is_deterministic(case, store):
    w = ClaimSorter(case, store=store)
    w.label(0, "fact")
    r = repr(w)
    assert r == f"ClaimSorter(case_id='rodong-2024', labelled=1, of={len(case.sentences)})"
    assert "0x" not in r and w._repr_mimebundle_()[0]["text/plain"] == r


def test_labels_are_saved_with_anchor_and_restored(case, store):
    w = ClaimSorter(case, store=store)
    w.label(0, "fact")
    w.label(2, "opinion")
    w.label(0, "mixed")            # an edit
    latest = store.latest("sentence_label", case_id="rodong-2024", doc_id="article")
    assert {k: r.value["label"] for k, r in latest.items()} == {"0": "mixed", "2": "opinion"}
    assert latest["2"].anchor["quote"]["exact"] == case.sentences.text.iloc[2]
    again = ClaimSorter(case, store=open_store("tester"))
    assert again.answers == [{"sentence": 0, "label": "mixed"}, {"sentence": 2, "label": "opinion"}]
    assert again.current == 1      # the first sentence not yet labelled


def test_clearing_a_label_deletes_it(case, store):
    w = ClaimSorter(case, store=store)
    w.label(1, "call")
    w.label(1, None)
    assert store.latest("sentence_label", case_id="rodong-2024") == {}
    assert ClaimSorter(case, store=store).answers == []


def test_answers_set_by_the_front_end_are_saved(case, store):
    w = ClaimSorter(case, store=store)
    w.answers = [{"sentence": 4, "label": "prediction"}]     # what model.set("answers") does
    assert store.latest("sentence_label")["4"].value == {"label": "prediction"}


def test_explicit_current_is_kept_on_restore(case, store):
    ClaimSorter(case, store=store).label(0, "fact")
    assert ClaimSorter(case, store=store, current=5).current == 5


def test_check_uses_scoring_and_reveals_only_answered_rationales(case, store):
    w = ClaimSorter(case, store=store)
    key = case.key("sentences")
    first = key.iloc[0]
    w.label(int(first.sentence), first.label)
    w.label(int(key.iloc[1].sentence), "prediction")
    w._on_msg(w, {"action": "check"}, [])                   # the Check button
    fb = w.feedback
    assert fb["status"] == "ok"
    expected = scoring.sentence_agreement(w.answers_dict(), key)
    assert fb["accuracy"] == expected.accuracy and fb["kappa"] == expected.kappa
    assert fb["compared"] == expected.n
    assert [i["sentence"] for i in fb["items"]] == sorted(w.answers_dict())
    assert fb["items"][0]["rationale"] == first.rationale and fb["items"][0]["agree"]
    json.dumps(fb)
    # feedback follows later answers once shown
    w.label(int(key.iloc[2].sentence), "fact")
    assert len(w.feedback["items"]) == 3


def test_check_before_answering_and_without_key():
    w = ClaimSorter(fake_case(), store=False)
    assert w.check()["status"] == "no-key"
    key = pd.DataFrame([{"sentence": 0, "label": "fact", "rationale": "r", "contested": False}])
    w = ClaimSorter(fake_case(key=key), store=False)
    assert w.check()["status"] == "empty"
    w.label(0, "fact")
    assert w.check()["accuracy"] == 1.0


def test_without_store_the_widget_says_so():
    w = ClaimSorter(fake_case(), store=False)
    assert w.save_status.startswith("Not saved")
    w.label(0, "fact")             # still works
    assert w.answers_dict() == {0: "fact"}


def test_store_errors_are_shown_not_raised():
    class Broken:
        def latest(self, *a, **k):
            return {}

        def put(self, *a, **k):
            raise OSError("disk full")
    w = ClaimSorter(fake_case(), store=Broken())
    w.label(0, "fact")
    assert w.save_status == "Not saved: disk full"


def test_bad_input_is_explained():
    w = ClaimSorter(fake_case(), store=False)
    with pytest.raises(ValueError, match="label must be one of"):
        w.label(0, "rumour")
    with pytest.raises(ValueError, match="no sentence 99"):
        w.label(99, "fact")
    with pytest.raises(TypeError, match="unexpected keyword"):
        ClaimSorter(fake_case(), store=False, colour="red")


def test_no_front_end_uses_innerhtml():
    files = sorted(WIDGETS.glob("*.js"))
    assert {"dom", "claims", "factcheck", "sources", "comments", "highlighter", "progress"} <= {f.stem for f in files}
    for js in files:
        text = js.read_text(encoding="utf-8")
        for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, f"{js.name} uses {sink}"
