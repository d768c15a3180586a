"""ProgressPanel without a browser: the completion rule, marking done, export, repr."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialit.spans import anchor
from medialit.widgets.progress import LESSON_TITLES, ProgressPanel, lesson_of, lesson_status


@pytest.fixture
def store():
    import medialit.store as st
    return st.set_student("tester")


def status(panel, lesson):
    return next(r for r in panel.lessons if r["id"] == lesson)


def test_nothing_saved_means_nothing_started(store):
    p = ProgressPanel()
    assert [r["id"] for r in p.lessons] == list(LESSON_TITLES) == [f"{i:02d}" for i in range(9)]
    assert {r["status"] for r in p.lessons} == {"not started"}
    assert repr(p) == "ProgressPanel(student='tester', done=0, lessons=9)"
    assert p.save_status == ""


def test_work_maps_to_lessons_and_done_records_finish_them(store):
    text = "some neutral words here"
    store.put("span", case_id="c", doc_id="d", key="s1", value={"label": "emotive", "task": "loaded_language"},
              anchor=anchor(text, 0, 4))
    store.put("span", case_id="c", doc_id="d", key="s2", value={"label": "x", "task": "techniques"},
              anchor=anchor(text, 5, 12))
    store.put("sentence_label", case_id="c", doc_id="", key="3", value={"label": "fact"})
    store.put("reflection", case_id="c", doc_id="", key="4.3", value={"text": "thoughts"})
    store.put("progress", case_id="c", doc_id="", key="02:done", value={"lesson": "02", "step": "done"})
    store.put("progress", case_id="c", doc_id="", key="06:read", value={"lesson": "06", "step": "read"})
    p = ProgressPanel()
    assert status(p, "02") == {"id": "02", "title": LESSON_TITLES["02"], "status": "done", "items": 1}
    assert status(p, "04")["status"] == "started" and status(p, "04")["items"] == 2     # span + reflection 4.3
    assert status(p, "05")["items"] == 1
    assert status(p, "06") == {"id": "06", "title": LESSON_TITLES["06"], "status": "started", "items": 0}
    assert status(p, "07")["status"] == "not started"
    assert p.done == ["02"]


def test_mark_done_by_message_and_undo(store):
    p = ProgressPanel(lesson="4")
    assert p.lesson == "04"
    p._on_msg(p, {"op": "done", "lesson": "04", "done": True}, [])
    assert p.error == "" and status(p, "04")["status"] == "done"
    assert ProgressPanel().done == ["04"]
    p._on_msg(p, {"op": "done", "lesson": "04", "done": False}, [])
    assert status(p, "04")["status"] == "not started"


def test_export_writes_the_file_and_shows_the_path(store):
    store.put("verdict", case_id="c", doc_id="", key="f1", value={"verdict": "accurate"})
    p = ProgressPanel()
    p._on_msg(p, {"op": "export"}, [])
    assert p.error == "" and p.export_path.endswith(".medialit-work.json")
    doc = json.loads(Path(p.export_path).read_text(encoding="utf-8"))
    assert doc["student"] == "tester" and len(doc["records"]) == 1


def test_refresh_sees_work_saved_elsewhere(store):
    p = ProgressPanel()
    store.put("verdict", case_id="c", doc_id="", key="f1", value={"verdict": "accurate"})
    assert status(p, "03")["status"] == "not started"
    p._on_msg(p, {"op": "refresh"}, [])
    assert status(p, "03")["status"] == "started"


def test_without_a_student_the_panel_says_so():
    p = ProgressPanel()
    assert p.save_status.startswith("Not saved")
    p._on_msg(p, {"op": "export"}, [])
    assert "That did not work" in p.error
    assert repr(p) == "ProgressPanel(student=None, done=0, lessons=9)"


def test_bad_input_is_explained(store):
    with pytest.raises(ValueError, match="lesson must be one of"):
        ProgressPanel(lesson="42")
    p = ProgressPanel()
    p._on_msg(p, {"op": "nope"}, [])
    assert "unknown operation" in p.error


def test_lesson_of_rules():
    class R:
        def __init__(self, kind, key, value):
            self.kind, self.key, self.value = kind, key, value
    assert lesson_of(R("progress", "07:done", {})) == "07"
    assert lesson_of(R("moderation", "c01", {})) == "07"
    assert lesson_of(R("span", "span-1", {"task": "other"})) == "08"
    assert lesson_of(R("reflection", "x", {"lesson": 1})) == "01"
    assert lesson_of(R("reflection", "x", {})) is None
    assert [r["status"] for r in lesson_status([R("progress", "00", {})])][0] == "done"
