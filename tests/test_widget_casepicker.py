"""CasePicker (lesson 08) without a browser: paste a text, pick a case, remember the choice,
and the course's widgets working on the chosen case."""
from __future__ import annotations

import pytest

from medialit import owncase
from medialit.store import open_store
from medialit.widgets import ClaimSorter, CommentLab, SpanHighlighter
from medialit.widgets.casepicker import CasePicker
from sample_texts import ARTICLE, COMMENTS, PAYLOAD, TITLE


@pytest.fixture
def store():
    return open_store("tester")


def test_default_is_the_lessons_case_kept_apart(case, store):
    p = CasePicker(case, store=store)
    assert p.case.case_id == "rodong-2024-lesson-08" and p.case.path == case.path and p.case.text == case.text
    assert p.choice.value == str(case.path) and p.case.keys == case.keys
    assert "Working on “Russia and the DPRK" in p.status.value and repr(p) == "CasePicker(case='rodong-2024-lesson-08')"
    assert "kept apart from lessons 00 to 07" in p.status.value
    assert p.root == store.path.parent / owncase.OWN_DIR


def test_paste_remember_and_refill(case, store):
    p = CasePicker(case, store=store)
    own = p.use_text(ARTICLE, title=TITLE, comments=COMMENTS)
    assert own is p.case and own.case_id.startswith("own-") and len(own.comments) == 3
    assert own.path.parent == p.root and str(own.path) in [v for _, v in p.choice.options]
    assert p.choice.value == str(own.path)
    assert "&lt;svg" in p.status.value and "<svg" not in p.status.value        # the title is escaped
    again = CasePicker(case, store=open_store("tester"))                         # tomorrow: the same text
    assert again.case.case_id == own.case_id
    assert again.article.value == "\n\n".join(own.paragraphs.text) and again.title.value == TITLE
    back = again.use_folder(str(case.path))
    assert back.case_id == "rodong-2024-lesson-08" == CasePicker(case, store=store).case.case_id


def test_problems_are_said_not_raised(case, store, tmp_path):
    p = CasePicker(case, store=store)
    held = p.case
    assert p.use_text("   ") is held and "The article is empty" in p.status.value
    assert p.use_folder(tmp_path) is held and "does not load" in p.status.value
    unsaved = CasePicker(case, store=False)
    assert unsaved.root is None and unsaved.use_text(ARTICLE) is unsaved.case
    assert "choose a pseudonym" in unsaved.status.value


def test_the_widgets_work_on_a_pasted_case(case, store):
    own = CasePicker(case, store=store).use_text(ARTICLE, title=TITLE, comments=COMMENTS)
    sorter = ClaimSorter(own, store=store)
    sorter.label(0, "fact")
    assert sorter.check()["status"] == "no-key"
    marker = SpanHighlighter(case=own, doc_id="article", store=store)
    start = own.article.text.index(PAYLOAD)
    marker.add(start, start + len(PAYLOAD), "labelling")
    assert [own.article.text[s.start:s.end] for s in marker.spans] == [PAYLOAD]
    assert {own.article.text[s.start:s.end] for s in marker.baseline_spans()} == {"glorious", "reckless"}
    lab = CommentLab(own, store=store)
    assert lab.content_note == "" and len(lab.comments) == 3
    lab.moderate("c03", "hide", "R8")
    assert lab.feedback().status == "no-key"
    recs = store.records(case_id=own.case_id)
    assert {r.kind for r in recs} == {"sentence_label", "span", "moderation"}


def test_lesson_08_on_the_course_case_keeps_its_work_apart(case, store):
    """Work from lessons 04, 05 and 07 on the course's case never shows in lesson 08's widgets,
    and lesson 08's work there never changes those lessons' records or progress; the report
    and lesson 08's own progress still see it."""
    from medialit import exercises, report
    from medialit.spans import anchor
    from medialit.taxonomy import load_taxonomy
    art = case.article
    store.put("span", case_id=case.case_id, doc_id="article", key="span-5", anchor=anchor(art.text, 0, 9),
              value={"label": "doubt", "note": "", "task": "techniques"})       # as in Exercise 5.3
    store.put("sentence_label", case_id=case.case_id, doc_id="article", key="0", value={"label": "fact"})
    for cid in case.comments.comment_id:                                    # as in Exercise 7.2
        store.put("comment_label", case_id=case.case_id, doc_id=cid, key=cid, value={"labels": ["none"]})
    before = exercises.lesson_progress(store.records(), ["05", "07"])
    mine = CasePicker(case, store=store).case
    techniques = SpanHighlighter(case=mine, doc_id="article", labels=load_taxonomy().labels(), task="techniques",
                                 baseline=False, key="techniques", store=store)
    sorter, lab = ClaimSorter(mine, store=store), CommentLab(mine, store=store)
    assert techniques.spans == [] and sorter.answers == [] and lab.labels == []
    techniques.add(0, 9, "doubt")
    sorter.label(1, "call")
    lab.set_labels("c02", ["contested claim"])
    lab.moderate("c02", "label", "R4")
    assert exercises.lesson_progress(store.records(), ["05", "07"]) == before
    assert {r.key: r.value for r in store.records("comment_label", case_id=case.case_id)}["c02"] == {"labels": ["none"]}
    assert len(SpanHighlighter(case=case, doc_id="article", task="techniques", store=store).spans) == 1
    again = CasePicker(case, store=store).case                            # run again: lesson 08's work is back
    assert ClaimSorter(again, store=store).answers_dict() == {1: "call"}
    page = report.analysis_report(again, store.records())
    assert "Call to action" in page and "Contested claim as fact" in page and "1 span(s) marked" in page
    assert page.count("<td dir=\"auto\"><bdi>Fact</bdi></td>") == 0          # lesson 02's label is not in it


def test_a_case_of_the_students_own_is_used_as_it_is(case, store):
    own = CasePicker(case, store=store).use_text(ARTICLE, title=TITLE)
    assert owncase.kept_apart(own) is own and own.case_id.startswith("own-")
    assert owncase.kept_apart(owncase.kept_apart(case)).case_id == "rodong-2024-lesson-08"


def test_the_boxes_fill_the_picker_without_sticking_out(case, store):
    """ipywidgets' width "100%" adds a box's margins and the picker scrolls sideways; "auto"
    fills the width beside them (tests/ui/test_layout_ui.py checks it in the browser)."""
    p = CasePicker(case, store=store)
    assert [x.layout.width for x in (p.title, p.article, p.comments, p.choice)] == ["auto"] * 4
    assert p.layout.width == "100%"
