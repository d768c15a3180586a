"""Lesson 08 end to end on a case the course has never seen, as an instructor would set it up:
``MEDIALIT_CASE`` names a case folder this test creates (a short neutral article and comments
with emoji, HTML payloads and right-to-left text). The student edition runs top to bottom in a
fresh kernel with no error, works on that case, and writes a report in which no payload is live.

Some student work is saved before the run (spans with payload notes, a reflection), as a
student would have made it, so the report has something of theirs to escape."""
from __future__ import annotations

import nbformat
import pytest

from medialit import lessons, owncase
from medialit.spans import anchor
from medialit.store import open_store
from sample_texts import ARTICLE, ATTR_PAYLOAD, COMMENTS, EMOJI, NOTE, PAYLOAD, REFLECTION, RTL_AR, RTL_HE, TITLE
from test_report import ATTRS, CLASSES, TAGS, Page

NAME = "08-your-own-analysis"


@pytest.fixture
def second_case(tmp_path):
    folder = owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path / "cases")
    return owncase.load_own(folder)


def _outputs(nb) -> tuple[str, str]:
    """All text outputs, and the HTML ones alone; fails on an error output."""
    parts, pages = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{out.get('ename')}: {out.get('evalue')}"
            parts.append(out.get("text", ""))
            parts += [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
            pages += [v for k, v in out.get("data", {}).items() if k == "text/html"]
    return "\n".join(parts), "\n".join(pages)


def test_lesson_08_runs_on_a_second_case_and_reports_inertly(second_case, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_CASE", str(second_case.path))
    work = tmp_path / "work"
    monkeypatch.setenv("MEDIALIT_WORK", str(work))
    st = open_store("guest")
    art = second_case.article.text
    s = art.index(PAYLOAD)
    st.put("span", case_id=second_case.case_id, doc_id="article", key="span-1", anchor=anchor(art, s, s + len(PAYLOAD)),
           value={"label": "labelling", "note": NOTE, "task": "loaded_language"})
    s = art.index(RTL_HE)
    st.put("span", case_id=second_case.case_id, doc_id="article", key="span-2", anchor=anchor(art, s, s + len(RTL_HE)),
           value={"label": "emotive", "note": RTL_AR, "task": "loaded_language"})
    st.put("reflection", case_id=second_case.case_id, key="8.5", value={"text": REFLECTION, "changed": True})

    nb = lessons.edition(lessons.read_source(NAME), "student")
    lessons.execute(nb, tmp_path)
    shown, pages = _outputs(nb)
    assert second_case.case_id in shown and "4 paragraph(s)" in shown and "3 comment(s)" in shown

    reports = list(work.glob("guest/*.analysis.html"))
    assert [p.name for p in reports] == [f"guest-{second_case.case_id}.analysis.html"]
    page = Page()
    page.feed(reports[0].read_text(encoding="utf-8"))
    assert set(page.tags) <= TAGS and "script" not in page.tags
    assert all(name == "class" and value in CLASSES or (name, value) in ATTRS for name, value in page.attrs)
    text = "".join(page.text)
    for literal in (PAYLOAD, ATTR_PAYLOAD, NOTE, REFLECTION, RTL_HE, RTL_AR, EMOJI):
        assert literal in text
    # the lesson's own HTML outputs never carry a live payload either
    for tag in ("<script", "<img", "<svg"):
        assert tag not in pages


def test_the_built_student_edition_is_clean():
    nb = nbformat.read(lessons.EDITIONS["student"] / f"{NAME}.ipynb", as_version=4)
    assert lessons.check_hygiene(nb, NAME) == []
