"""ProgressPanel without a browser: exercises done per lesson, export for hand-in, repr."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialit import handin
from medialit.store import load_export
from medialit.widgets.progress import LESSON_TITLES, ProgressPanel


@pytest.fixture
def store():
    import medialit.store as st
    return st.set_student("tester")


def row(panel, lesson):
    return next(r for r in panel.lessons if r["lesson"] == lesson)


def test_nothing_saved_means_nothing_done(store):
    p = ProgressPanel()
    assert [r["lesson"] for r in p.lessons] == list(LESSON_TITLES) == [f"{i:02d}" for i in range(9)]
    assert all(r["done"] == 0 for r in p.lessons)
    assert row(p, "02")["total"] == 3 and row(p, "02")["remaining"] == ["2.1", "2.2", "2.3"]
    assert repr(p) == "ProgressPanel(student='tester', exercises_done=0, lessons_done=0)"
    assert p.save_status == ""


def test_work_counts_exercise_by_exercise(store):
    store.put("quiz", case_id="rodong-2024", key="1.1", value={"answer": "x", "correct": False})
    store.put("reflection", case_id="rodong-2024", key="1.4", value={"text": "", "changed": False})
    for i in range(40):                                      # one sentence short of Exercise 2.1
        store.put("sentence_label", case_id="rodong-2024", doc_id="article", key=str(i), value={"label": "fact"})
    store.put("verdict", case_id="rodong-2024", doc_id="article", key="fc-04", value={"verdict": "accurate",
              "justification": ""})
    p = ProgressPanel()
    assert (row(p, "01")["done"], row(p, "01")["remaining"]) == (1, ["1.2", "1.3", "1.4", "1.5"])
    assert row(p, "02")["done"] == 0 and row(p, "03")["done"] == 0
    store.put("sentence_label", case_id="rodong-2024", doc_id="article", key="40", value={"label": "fact"})
    store.put("verdict", case_id="rodong-2024", doc_id="article", key="fc-04", value={"verdict": "accurate",
              "justification": "card kcna-1948 says so"})
    p.refresh()
    assert row(p, "02")["done"] == 1 and row(p, "03")["remaining"] == ["3.2", "3.3", "3.4", "3.5"]


def test_export_writes_the_hand_in_file_and_offers_it_for_download(store, monkeypatch):
    store.put("verdict", case_id="c", doc_id="", key="f1", value={"verdict": "accurate"})
    p = ProgressPanel()
    sent = []
    monkeypatch.setattr(p, "send", lambda msg, buffers=None: sent.append(msg))
    p._on_msg(p, {"op": "export"}, [])
    assert p.error == "" and Path(p.export_path).name == handin.hand_in_name("tester") == p.export_name
    doc = load_export(p.export_path)
    assert doc["student"] == "tester" and len(doc["records"]) == 2          # the verdict and the export itself
    assert sent[0]["op"] == "download" and json.loads(sent[0]["text"])["student"] == "tester"
    assert row(p, "00")["remaining"] == ["pre.check", "0.1", "0.3", "0.4"]  # 0.2: exported once


def test_refresh_sees_work_saved_elsewhere(store):
    p = ProgressPanel()
    store.put("quiz", case_id="rodong-2024", key="3.5", value={"answer": "x", "correct": True})
    assert row(p, "03")["done"] == 0
    p._on_msg(p, {"op": "refresh"}, [])
    assert row(p, "03")["done"] == 1


def test_without_a_student_the_panel_says_so():
    p = ProgressPanel()
    assert p.save_status.startswith("Not saved")
    p._on_msg(p, {"op": "export"}, [])
    assert "That did not work" in p.error
    assert repr(p) == "ProgressPanel(student=None, exercises_done=0, lessons_done=0)"


def test_bad_messages_are_explained(store):
    p = ProgressPanel()
    p._on_msg(p, {"op": "nope"}, [])
    assert "unknown operation" in p.error


def test_refresh_drops_the_guest_note_once_a_pseudonym_is_chosen():
    from medialit import course, session
    course.start("00")                                    # no pseudonym yet: saving as guest
    p = ProgressPanel()
    assert p.save_status == session.GUEST_NOTE
    course.choose_pseudonym("kestrel_7")
    p.refresh()
    assert p.student == "kestrel_7" and p.save_status == ""
