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
