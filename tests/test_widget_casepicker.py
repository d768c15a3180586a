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


def test_default_is_the_lessons_case(case, store):
    p = CasePicker(case, store=store)
    assert p.case is case and p.choice.value == str(case.path)
    assert "Working on “Russia and the DPRK" in p.status.value and repr(p) == "CasePicker(case='rodong-2024')"
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
    assert back.case_id == "rodong-2024" and CasePicker(case, store=store).case.case_id == "rodong-2024"


def test_problems_are_said_not_raised(case, store, tmp_path):
    p = CasePicker(case, store=store)
    assert p.use_text("   ") is case and "The article is empty" in p.status.value
    assert p.use_folder(tmp_path) is case and "does not load" in p.status.value
    unsaved = CasePicker(case, store=False)
    assert unsaved.root is None and unsaved.use_text(ARTICLE) is case
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
