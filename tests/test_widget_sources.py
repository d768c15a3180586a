"""SourceComparer, its topics file and its key, without a browser."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from medialit.errors import KeyFileError
from medialit.feedback import Pending
from medialit.keys import EVIDENCE_KINDS
from medialit.spans import fold
from medialit.store import open_store
from medialit.topics import MIN_SOURCES, source_key, who_says_what
from medialit.widgets.sources import FRAMINGS, SourceComparer, load_topics

# A copy of the course workspace's shared/reference/source-dossier.md, so the check runs in any
# clone; when the workspace's copy is beside the repository, the two must be the same.
DOSSIER = Path(__file__).resolve().parent / "data" / "source-dossier.md"
SHARED_DOSSIER = Path(__file__).resolve().parents[2] / "shared" / "reference" / "source-dossier.md"
XSS = '<img src=x onerror=alert(1)> and <script>alert(1)</script>'
TOPICS = ["1945", "1950", "sanctions", "2014", "treaty", "arms"]


@pytest.fixture
def store():
    return open_store("tester")


def test_six_topics_with_four_or_more_sources_of_different_kinds(case):
    topics = load_topics(case.path)
    assert [t["id"] for t in topics] == TOPICS
    for t in topics:
        assert len(t["sources"]) >= MIN_SOURCES == 4
        kinds = {s["kind"] for s in t["sources"]}
        assert len(kinds) >= 4 and kinds <= set(EVIDENCE_KINDS), t["id"]
        governments = {s["government"] for s in t["sources"] if s.get("government")}
        assert len(governments) >= 2, t["id"]
        assert "Russia" in governments, t["id"]               # the article's side, and at least one other
        for s in t["sources"]:
            assert s["url"].startswith(("http://", "https://")) and s["date"].strip()
            assert ("quote" in s) != ("summary" in s)
            assert len((s.get("quote") or s.get("summary")).split()) <= 45, s["id"]   # short excerpts only
    assert any("summary" in s for t in topics for s in t["sources"])


def test_the_key_covers_every_source_with_every_framing(case):
    key = source_key(case)
    topics = load_topics(case.path)
    assert set(key) == {s["id"] for t in topics for s in t["sources"]}
    for sid, k in key.items():
        assert k["framing"] in FRAMINGS and k["omissions"].strip() and k["rationale"].strip(), sid
        assert isinstance(k["contested"], bool)
    assert {k["framing"] for k in key.values()} == set(FRAMINGS)
    for t in topics:   # every topic has something to find: not all "same facts"
        assert {key[s["id"]]["framing"] for s in t["sources"]} != {"same facts"}, t["id"]
    # the article leaves something out or frames it, in every topic
    for t in topics:
        art = next(s for s in t["sources"] if s["kind"] == "KRM" and "Rodong Sinmun" in s["publisher"])
        assert key[art["id"]]["framing"] in ("omission", "loaded framing"), t["id"]


def test_article_quotes_are_in_the_case_text(case):
    for t in load_topics(case.path):
        for s in t["sources"]:
            if s["kind"] == "KRM" and "Rodong Sinmun" in s["publisher"]:
                assert fold(s["quote"]) in fold(case.text), s["id"]


def test_the_dossier_copy_is_current():
    if SHARED_DOSSIER.is_file():
        assert DOSSIER.read_bytes() == SHARED_DOSSIER.read_bytes(), "copy shared/reference/source-dossier.md again"
    assert DOSSIER.is_file()


def test_quotes_addresses_and_rows_match_the_dossier(case):
    dossier = DOSSIER.read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in dossier.splitlines() if line.startswith("| ")}
    for t in load_topics(case.path):
        for s in t["sources"]:
            row = rows[s["dossier"]]
            # the article's own rows give its address once, in row 1.1 ("Seed file (see 1.1)")
            assert s["url"] in (rows["1.1"] if "| Seed file" in row else row), s["id"]
            if "quote" in s:
                assert s["quote"] in row, s["id"]
            else:
                assert "[S]" in row, f"{s['id']}: a summary should stand for a dossier summary"


def write(tmp_path, body: str) -> Path:
    (tmp_path / "sources.toml").write_text(body, encoding="utf-8")
    return tmp_path


SOURCE = """
  [[topic.source]]
  id = "{id}"
  publisher = "P"
  kind = "{kind}"
  date = "2020"
  url = "https://example.org/{id}"
  quote = "Q {id}"
  government = "{gov}"
"""
TOPIC = '[[topic]]\nid = "t"\ntitle = "T"\nquestion = "Q?"\nrecord = "Rec"\n'


def four(**over) -> str:
    rows = [dict(id="a", kind="KRM", gov="Russia"), dict(id="b", kind="WIRE", gov="US"),
            dict(id="c", kind="UN", gov="US"), dict(id="d", kind="CHN", gov="China")]
    for k, v in over.items():
        i, field = k.split("_")
        rows["abcd".index(i)][field] = v
    return TOPIC + "".join(SOURCE.format(**r) for r in rows)


def test_loader_explains_problems(tmp_path):
    assert load_topics(tmp_path) == []                      # no file: no topics
    write(tmp_path, four())
    assert len(load_topics(tmp_path)[0]["sources"]) == 4
    write(tmp_path, TOPIC + SOURCE.format(id="a", kind="KRM", gov="R"))
    with pytest.raises(KeyFileError, match=r"topic 1 \(t\) needs at least 4 \[\[topic.source\]\] tables, got 1"):
        load_topics(tmp_path)
    write(tmp_path, four(d_kind="TABLOID"))
    with pytest.raises(KeyFileError, match=r"source 4 \(d\) kind is 'TABLOID'"):
        load_topics(tmp_path)
    write(tmp_path, four(d_id="a"))
    with pytest.raises(KeyFileError, match="repeats the id 'a'"):
        load_topics(tmp_path)
    write(tmp_path, four(a_gov="US", d_gov="US"))
    with pytest.raises(KeyFileError, match="official voices of at least two governments"):
        load_topics(tmp_path)
    write(tmp_path, four(b_kind="KRM", c_kind="KRM"))
    with pytest.raises(KeyFileError, match="at least three kinds"):
        load_topics(tmp_path)
    write(tmp_path, four().replace('quote = "Q a"', 'summary = "S"\n  quote = "Q a"'))
    with pytest.raises(KeyFileError, match=r"source 1 \(a\) needs exactly one of 'quote'"):
        load_topics(tmp_path)
    write(tmp_path, four().replace('quote = "Q a"', 'quote = "Q a"\n  framing = "omission"'))
    with pytest.raises(KeyFileError, match=r"unknown fields \['framing'\]; the key .* belongs in keys/sources.toml"):
        load_topics(tmp_path)
    write(tmp_path, four().replace("https://example.org/b", "example.org/b"))
    with pytest.raises(KeyFileError, match="url should start with http"):
        load_topics(tmp_path)
    write(tmp_path, "[[topic\n")
    with pytest.raises(KeyFileError, match="not valid TOML"):
        load_topics(tmp_path)


def _key(tmp_path, items: list[tuple[str, str]]):
    (tmp_path / "keys").mkdir(exist_ok=True)
    body = "".join(f'[[item]]\ntopic = "{t}"\nsource = "{s}"\nframing = "omission"\nomissions = "O"\n'
                   f'rationale = "R"\ncontested = false\n' for t, s in items)
    (tmp_path / "keys" / "sources.toml").write_text(body, encoding="utf-8")
    from medialit.keys import load_key
    return SimpleNamespace(path=tmp_path, key=lambda name: load_key(tmp_path, name, ""))


def test_source_key_is_checked_against_the_topics(tmp_path):
    write(tmp_path, four())
    c = _key(tmp_path, [("t", x) for x in "abcd"])
    assert set(source_key(c)) == set("abcd")
    c = _key(tmp_path, [("t", x) for x in "abc"])
    with pytest.raises(KeyFileError, match=r"no key item for the source\(s\) d"):
        source_key(c)
    c = _key(tmp_path, [("t", x) for x in "abcd"] + [("t", "z")])
    with pytest.raises(KeyFileError, match="item 5 names the source 'z'"):
        source_key(c)
    c = _key(tmp_path, [("t", "a"), ("u", "b"), ("t", "c"), ("t", "d")])
    with pytest.raises(KeyFileError, match="item 2 puts 'b' under topic 'u'"):
        source_key(c)
    (tmp_path / "keys" / "sources.toml").write_text('[[item]]\ntopic = "t"\nsource = "a"\nframing = "spin"\n'
                                                    'omissions = "O"\nrationale = "R"\ncontested = false\n')
    with pytest.raises(KeyFileError, match="item 1 'framing' is 'spin'"):
        source_key(c)


def test_traits_and_repr(case, store):
    w = SourceComparer(case, store=store)
    assert w.topic == "1945" and len(w.topics) == 6
    assert [s["id"] for s in w.sources] == [s["id"] for s in load_topics(case.path)[0]["sources"]]
    for s in w.sources:                                    # the key stays hidden
        assert not {"framing", "rationale", "omissions", "contested"} & set(s)
    assert w.record.startswith("Soviet forces fought") and w.key == {}
    assert w.sources[5]["summary"].startswith("In the course's words") and w.sources[5]["quote"] == ""
    assert [c["framing"] for c in w.choices] == list(FRAMINGS)
    json.dumps({k: v for k, v in w.get_state().items() if not k.startswith("_")})
    assert repr(w) == "SourceComparer(case_id='rodong-2024', topic='1945', marked=0, of=6, revealed=False)"


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
    assert again.answers == [] and again.question.startswith("Who liberated") and again.record.startswith("Soviet")
    again.mark("1945-upi", "same facts")
    everything = again.all_answers()
    assert set(everything) == {"sanctions-kremlin", "sanctions-us", "1945-upi"}
    assert everything["1945-upi"] == {"topic": "1945", "framing": "same facts", "left_out": ""}
    again.topic = "sanctions"
    assert len(again.answers) == 2


def test_reveal_needs_a_mark_and_shows_discussion_points(case, store):
    w = SourceComparer(case, topic="2014", store=store)
    w.reveal()
    assert not w.revealed and "first" in w.message and w.key == {}
    w.mark("2014-kremlin", "omission")          # contested in the key (which says loaded framing)
    w.mark("2014-reuters", "same facts")
    w._on_msg(w, {"action": "reveal"}, [])
    k = w.key
    assert w.revealed and k["record"].startswith("Mass protests")
    items = {i["source"]: i for i in k["items"]}
    assert items["2014-kremlin"]["contested"] and not items["2014-kremlin"]["agree"]
    assert items["2014-kremlin"]["left_out"].startswith("The protests' domestic causes")
    assert items["2014-reuters"]["agree"]
    assert k["agreement"] == {"accuracy": 1.0, "n": 1, "agree": 1, "discussion": 1}
    json.dumps(k)


def test_who_says_what_uses_only_the_students_judgements(case):
    topics = load_topics(case.path)
    table = who_says_what(topics, {"1950-kcna": {"framing": "contradiction", "left_out": "the crossing " + XSS},
                                   "1950-ap": {"framing": "", "left_out": "not judged yet"}})
    assert list(table["your framing"]) == ["contradiction"]
    assert table.iloc[0]["topic"] == "1950" and table.iloc[0]["kind"] == "DPRK"
    key_words = {k["rationale"] for k in source_key(case).values()} | {k["omissions"] for k in source_key(case).values()}
    assert not any(w in table.to_string() for w in key_words)
    assert list(who_says_what(topics, {}).columns)[-2:] == ["your framing", "left out (your note)"]


def test_bad_input_is_explained(case):
    with pytest.raises(ValueError, match="no topic 'x'"):
        SourceComparer(case, topic="x", store=False)
    w = SourceComparer(case, store=False)
    with pytest.raises(ValueError, match="framing must be one of"):
        w.mark("1945-kremlin", "spin")
    with pytest.raises(ValueError, match="no source"):
        w.mark("2014-kremlin", "omission")
    assert w.all_answers() == {}


def test_case_without_topics(tmp_path):
    w = SourceComparer(SimpleNamespace(case_id="fake", path=tmp_path), store=False)
    assert w.topics == [] and w.sources == [] and w.topic == "" and w.record == ""


def test_framing_feedback_covers_only_what_was_judged(case):
    from medialit.topics import framing_feedback
    key = source_key(case)
    first = framing_feedback(case, {})
    assert isinstance(first, Pending) and not any(k["rationale"] in repr(first) for k in key.values())
    fb = framing_feedback(case, {"2014-kremlin": {"framing": "omission", "left_out": ""},      # contested
                                 "2014-reuters": {"framing": "same facts", "left_out": ""},
                                 "1950-kcna": {"framing": "same facts", "left_out": ""}})
    text = repr(fb)
    assert "you and the key agree, same facts" in text
    assert "you chose omission, the key loaded framing; readers disagree" in text
    assert "you chose same facts; the key says contradiction" in text
    assert text.endswith("You agree with the key on 1 of the 2 uncontested source(s) you judged; "
                         "1 contested source(s) where you differ are discussion points.")
    assert key["2014-reuters"]["rationale"] in text and key["1945-upi"]["rationale"] not in text


def test_omission_feedback_sets_notes_beside_the_key(case):
    from medialit.topics import omission_feedback
    assert isinstance(omission_feedback(case, {"1950-ap": {"framing": "same facts", "left_out": " "}}), Pending)
    fb = omission_feedback(case, {"1950-ap": {"framing": "same facts", "left_out": "the bombing " + XSS}})
    assert "You: “the bombing" in repr(fb) and source_key(case)["1950-ap"]["omissions"] in repr(fb)
    assert "<script>" not in fb._repr_html_() and "&lt;script&gt;" in fb._repr_html_()


def test_key_table_for_worked_editions(case):
    from medialit.topics import key_table
    t = key_table(case, "arms")
    assert len(t) == 6 and set(t.framing) <= set(FRAMINGS)
    with pytest.raises(ValueError, match="no topic 'x'"):
        key_table(case, "x")


def test_trust_feedback_looks_for_evidence_not_names(case):
    from medialit.topics import trust_feedback
    assert isinstance(trust_feedback("  ", case), Pending)
    names_only = repr(trust_feedback("I trust Reuters and not TASS.", case))
    assert "You name REUTERS, TASS." not in names_only and "You name Reuters, TASS." in names_only
    assert "No evidence words found" in names_only and "by its name alone" in names_only
    good = repr(trust_feedback("The UN panel examined the debris; the vote record shows Russia voted yes.", case))
    assert "You point to evidence (record, vote, voted, debris, examined" in good
    assert "by its name alone" not in good
