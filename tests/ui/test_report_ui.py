"""The lesson 08 report opened from disk in Chromium, as a student or instructor would open
the handed-in file: nothing runs (no dialog, no element a payload would create, no request
beyond the file itself), the text reads in its own direction, and the emoji and payloads
show as text.

No hateful text: the case is the neutral sample of tests/sample_texts.py."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sample_texts import ARTICLE, COMMENTS, EMOJI, NOTE, PAYLOAD, REFLECTION, RTL_AR, TITLE  # noqa: E402

pytestmark = pytest.mark.ui


def test_report_is_inert_offline(page, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_WORK", str(tmp_path / "work"))
    from medialit import owncase, report
    from medialit.spans import anchor
    from medialit.store import open_store

    case = owncase.load_own(owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path / "own"))
    st = open_store("ui-report")
    art = case.article.text
    s = art.index(PAYLOAD)
    st.put("span", case_id=case.case_id, doc_id="article", key="span-1", anchor=anchor(art, s, s + len(PAYLOAD)),
           value={"label": "labelling", "note": NOTE, "task": "loaded_language"})
    st.put("reflection", case_id=case.case_id, key="8.4", value={"text": REFLECTION})
    path = report.write_report(case, st.records(), tmp_path / "report.html", student="ui-report")

    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert requests == [path.as_uri()]                                   # nothing fetched, nothing external
    assert page.evaluate("() => document.querySelectorAll('script, img, svg, iframe, object, embed, a, form, link').length") == 0
    body = page.locator("body").text_content()
    for literal in (PAYLOAD, NOTE, REFLECTION, EMOJI, RTL_AR, TITLE):
        assert literal in body                                          # shown as text, character for character
    blocks = page.locator("div.block")
    direction = {blocks.nth(i).locator(".where").inner_text(): blocks.nth(i).evaluate("e => getComputedStyle(e).direction")
                 for i in range(blocks.count()) if blocks.nth(i).locator(".where").count()}
    assert direction["Paragraph 1"] == "ltr" and direction["Comment 2"] == "rtl"   # comment 2 opens in Arabic
    # readable at 1024 px: nothing wider than the window
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # the page fixture fails the test on any dialog or page error a payload would cause


# Words in table cells that the browser split over two lines ("senten" / "ce"); a token longer
# than any column can be (a pasted URL or payload) may still break.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/(?<![^\\s\\-])[^\\s\\-]{1,24}(?![^\\s\\-])/g)) {
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map(q => Math.round(q.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


def test_report_tables_wrap_between_words(page, tmp_path, monkeypatch):
    """Labels, sentence numbers and headers read whole at 1280, 1024 and 700 px: the columns are
    never narrower than their longest word, and cells wrap at spaces."""
    monkeypatch.setenv("MEDIALIT_WORK", str(tmp_path / "work"))
    from medialit import owncase, report
    from medialit.spans import anchor
    from medialit.store import open_store

    case = owncase.load_own(owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path / "own"))
    st = open_store("ui-report-words")
    art = case.article.text
    for i, (label, task) in enumerate((("black_and_white", "techniques"), ("emotive", "loaded_language"))):
        st.put("span", case_id=case.case_id, doc_id="article", key=f"span-{i}", anchor=anchor(art, 0, 40 + i),
               value={"label": label, "note": "a longer note about why these words persuade", "task": task})
    for i, label in enumerate(("prediction", "call", "mixed", "fact")):
        st.put("sentence_label", case_id=case.case_id, doc_id="article", key=str(i), value={"label": label})
    for cid, labels in (("c01", ["contested claim"]), ("c02", ["geopolitical opinion", "none"])):
        st.put("comment_label", case_id=case.case_id, doc_id=cid, key=cid, value={"labels": labels})
        st.put("moderation", case_id=case.case_id, doc_id=cid, key=cid, value={"decision": "label", "rule": "R4"})
    page.goto(report.write_report(case, st.records(), tmp_path / "words.html").as_uri())
    for width in (1280, 1024, 700):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(SPLIT_WORDS) == [], width
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), width
    assert "Prediction or intent" in page.locator("body").text_content()
