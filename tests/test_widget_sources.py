"""SourceComparer and its topics file, without a browser."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from medialit.errors import KeyFileError
from medialit.spans import fold
from medialit.store import open_store
from medialit.widgets.sources import FRAMINGS, SourceComparer, load_topics

DOSSIER = Path(__file__).resolve().parents[2] / "shared" / "reference" / "source-dossier.md"
XSS = '<img src=x onerror=alert(1)> and <script>alert(1)</script>'


@pytest.fixture
def store():
    return open_store("tester")


def test_topics_file_is_complete(case):
    topics = load_topics(case.path)
    assert [t["id"] for t in topics] == ["1945", "1950", "sanctions", "2014", "treaty"]
    for t in topics:
        assert 2 <= len(t["sources"]) <= 4
        for s in t["sources"]:
            assert s["framing"] in FRAMINGS and s["left_out"] and s["rationale"]
            assert s["url"].startswith(("http://", "https://"))
    framings = {s["framing"] for t in topics for s in t["sources"]}
    assert framings == set(FRAMINGS)


def test_article_quotes_are_in_the_case_text(case):
    for t in load_topics(case.path):
        for s in t["sources"]:
            if s["kind"] == "KRM" and "Rodong Sinmun" in s["publisher"]:
                assert fold(s["quote"]) in fold(case.text), s["id"]


@pytest.mark.skipif(not DOSSIER.is_file(), reason="the source dossier is not beside the repository")
def test_quotes_are_exact_copies_from_the_dossier(case):
    dossier = DOSSIER.read_text(encoding="utf-8")
    for t in load_topics(case.path):
        for s in t["sources"]:
            assert s["quote"] in dossier, s["id"]
            assert s["url"] in dossier, s["id"]


def write(tmp_path, body: str) -> Path:
    (tmp_path / "sources.toml").write_text(body, encoding="utf-8")
    return tmp_path


SOURCE = """
  [[topic.source]]
  id = "{id}"
  publisher = "P"
  kind = "WIRE"
  date = "2020"
  url = "https://example.org/{id}"
  quote = "Q {id}"
  framing = "{framing}"
  left_out = "L"
  rationale = "R"
"""
TOPIC = '[[topic]]\nid = "t"\ntitle = "T"\nquestion = "Q?"\nrecord = "Rec"\n'


def test_loader_explains_problems(tmp_path):
    assert load_topics(tmp_path) == []                      # no file: no topics
    write(tmp_path, TOPIC + SOURCE.format(id="a", framing="same facts"))
    with pytest.raises(KeyFileError, match="two to four"):
        load_topics(tmp_path)
    write(tmp_path, TOPIC + SOURCE.format(id="a", framing="spin") + SOURCE.format(id="b", framing="omission"))
    with pytest.raises(KeyFileError, match="framing is 'spin'"):
        load_topics(tmp_path)
    write(tmp_path, TOPIC + SOURCE.format(id="a", framing="omission") + SOURCE.format(id="a", framing="omission"))
    with pytest.raises(KeyFileError, match="repeats the id 'a'"):
        load_topics(tmp_path)
    write(tmp_path, "[[topic\n")
    with pytest.raises(KeyFileError, match="not valid TOML"):
        load_topics(tmp_path)


def test_traits_and_repr(case, store):
    w = SourceComparer(case, store=store)
    assert w.topic == "1945" and len(w.topics) == 5
    assert [s["id"] for s in w.sources] == [s["id"] for s in load_topics(case.path)[0]["sources"]]
    assert "framing" not in w.sources[0] and "rationale" not in w.sources[0]   # the key stays hidden
    assert [c["framing"] for c in w.choices] == list(FRAMINGS)
    json.dumps({k: v for k, v in w.get_state().items() if not k.startswith("_")})
    assert repr(w) == "SourceComparer(case_id='rodong-2024', topic='1945', marked=0, of=4, revealed=False)"


def test_marks_saved_and_restored(case, store):
    w = SourceComparer(case, topic="sanctions", store=store)
    w.mark("sanctions-kremlin", "omission")
    w.mark("sanctions-kremlin", left_out="The UN votes. " + XSS)
    w.answers = w.answers + [{"source": "sanctions-us", "framing": "loaded framing", "left_out": ""}]
    latest = store.latest("framing", case_id="rodong-2024", doc_id="sources")
    assert latest["sanctions-kremlin"].value == {"topic": "sanctions", "framing": "omission",
                                                 "left_out": "The UN votes. " + XSS}
    assert latest["sanctions-us"].value["framing"] == "loaded framing"
    again = SourceComparer(case, topic="sanctions", store=open_store("tester"))
    assert again.answers_dict() == {"sanctions-kremlin": {"framing": "omission", "left_out": "The UN votes. " + XSS},
                                    "sanctions-us": {"framing": "loaded framing", "left_out": ""}}
    again.topic = "1945"
    assert again.answers == [] and again.question.startswith("Who liberated")
    again.topic = "sanctions"
    assert len(again.answers) == 2


def test_reveal_needs_a_mark_and_shows_discussion_points(case, store):
    w = SourceComparer(case, topic="2014", store=store)
    w.reveal()
    assert not w.revealed and "first" in w.message
    w.mark("2014-kremlin", "omission")          # contested in the key (which says loaded framing)
    w.mark("2014-reuters", "same facts")
    w._on_msg(w, {"action": "reveal"}, [])
    k = w.key
    assert w.revealed and k["record"].startswith("Mass protests")
    items = {i["source"]: i for i in k["items"]}
    assert items["2014-kremlin"]["contested"] and not items["2014-kremlin"]["agree"]
    assert items["2014-reuters"]["agree"]
    assert k["agreement"] == {"accuracy": 1.0, "n": 1, "agree": 1, "discussion": 1}
    json.dumps(k)


def test_bad_input_is_explained(case):
    with pytest.raises(ValueError, match="no topic 'x'"):
        SourceComparer(case, topic="x", store=False)
    w = SourceComparer(case, store=False)
    with pytest.raises(ValueError, match="framing must be one of"):
        w.mark("1945-kremlin", "spin")
    with pytest.raises(ValueError, match="no source"):
        w.mark("2014-kremlin", "omission")


def test_case_without_topics(tmp_path):
    w = SourceComparer(SimpleNamespace(case_id="fake", path=tmp_path), store=False)
    assert w.topics == [] and w.sources == [] and w.topic == ""
