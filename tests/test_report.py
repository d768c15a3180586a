"""The lesson 08 report: a self-contained HTML page in which HTML payloads, emoji and
right-to-left text, in the text and in the student's notes, are inert and correct.

The page is parsed with the standard library's HTML parser (as a browser tokenises it):
only a short list of tags, no script, no event handler, no link or external resource, and
the text of every block equal to the case's text."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from medialit import owncase, report, safety
from medialit.spans import anchor
from medialit.store import open_store
from sample_texts import ARTICLE, ATTR_PAYLOAD, COMMENTS, EMOJI, NOTE, PAYLOAD, REFLECTION, RTL_AR, RTL_HE, TITLE

TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "div", "span", "mark", "sup",
        "bdi", "table", "thead", "tbody", "tr", "th", "td"}
ATTRS = {("lang", "en"), ("charset", "utf-8"), ("name", "viewport"), ("dir", "auto"),
         ("content", "width=device-width, initial-scale=1")}
CLASSES = {"block", "where", "overlap", "n", "note", "empty"}
PLACEHOLDER = "zorblat"     # a made-up word standing in for a listed slur


class Page(HTMLParser):
    """Tags, attributes, the text of each block (without the 'where' label and span numbers)
    and the text inside each <mark> run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.blocks, self.text = [], [], [], []
        self._stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        cls = dict(attrs).get("class", "")
        if tag == "div" and cls == "block":
            self.blocks.append("")
        if tag not in ("meta",):
            self._stack.append((tag, cls))

    def handle_endtag(self, tag):
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        inside = [c for _, c in self._stack]
        if "block" in inside and "where" not in inside and "n" not in inside and self.blocks:
            self.blocks[-1] += data


@pytest.fixture
def own(tmp_path):
    folder = owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path / "own")
    return owncase.load_own(folder)


def _work(case):
    """Spans over the payload, the emoji, the right-to-left words and across two paragraphs,
    overlapping; a sentence label, comment labels and moderation, reflections."""
    st = open_store("tester")
    art = case.article.text
    for quote, label, note in [(PAYLOAD, "labelling", NOTE), (RTL_HE, "emotive", RTL_AR),
                               ("glorious day", "glorifying", ""), ("a glorious day for the town", "emotive", "")]:
        s = art.index(quote)
        st.put("span", case_id=case.case_id, doc_id="article", key=f"span-{label}-{s}",
               value={"label": label, "note": note, "task": "loaded_language"}, anchor=anchor(art, s, s + len(quote)))
    s = art.index("old market hall")
    e = art.index("The mayor") + len("The mayor")
    st.put("span", case_id=case.case_id, doc_id="article", key="span-across", value={"label": "name calling",
           "note": "", "task": "techniques"}, anchor=anchor(art, s, e))
    c01 = case.document("c01").text
    st.put("span", case_id=case.case_id, doc_id="c01", key="span-emoji",
           value={"label": "emotive", "note": EMOJI, "task": "loaded_language"},
           anchor=anchor(c01, c01.index(EMOJI), len(c01)))
    st.put("sentence_label", case_id=case.case_id, doc_id="article", key="0", value={"label": "fact"})
    st.put("comment_label", case_id=case.case_id, doc_id="c03", key="c03", value={"labels": ["trolling"]})
    st.put("moderation", case_id=case.case_id, doc_id="c03", key="c03", value={"decision": "hide", "rule": "R8"})
    st.put("reflection", case_id=case.case_id, key="8.4", value={"text": REFLECTION, "changed": True})
    st.put("reflection", case_id="rodong-2024", key="3.5", value={"text": "another lesson's reflection"})
    return st


def test_payloads_are_inert_and_text_is_correct(own):
    st = _work(own)
    page = report.analysis_report(own, st.records(), student="tester")
    p = Page()
    p.feed(page)
    assert set(p.tags) <= TAGS, set(p.tags) - TAGS
    assert p.tags.count("style") == 1 and "script" not in p.tags
    for name, value in p.attrs:
        assert not name.startswith("on")
        assert name == "class" and value in CLASSES or (name, value) in ATTRS, (name, value)
    text = "".join(p.text)
    for literal in (PAYLOAD, ATTR_PAYLOAD, NOTE, REFLECTION, RTL_HE, RTL_AR, EMOJI, TITLE):
        assert literal in text, literal                      # shown as text, character for character
    assert "another lesson's reflection" not in text        # only lesson 08's reflections
    # each block's text is the case's text: headline, four paragraphs, three comments
    want = [own.headline] + list(own.paragraphs.text) + list(own.comments.text)
    assert p.blocks[:len(want)] == want
    assert page.count("<div class=\"block\" dir=\"auto\">") >= len(want)


def test_spans_marks_and_numbers(own):
    st = _work(own)
    spans, lost = report.place_spans(own, st.records())
    assert lost == [] and [s.number for s in spans] == list(range(1, 7))
    for s in spans:
        assert s.start < s.end
    by_label = {s.label: own.text[s.start:s.end] for s in spans}
    assert by_label["labelling"] == PAYLOAD and by_label["glorifying"] == "glorious day"
    assert by_label["name calling"].startswith("old market hall") and by_label["name calling"].endswith("The mayor")
    page = report.analysis_report(own, st.records(), student="tester")
    assert "<mark class=\"overlap\">glorious day</mark>" in page      # two spans over the same words
    assert f"<mark>{html.escape(PAYLOAD)}</mark><sup class=\"n\">[" in page
    assert "Propaganda techniques" in page and "comment 1" in page and "hide under R8" in page
    assert "<td dir=\"auto\">1</td><td dir=\"auto\"><bdi>" in page          # sentence 0 shown as sentence 1


def test_labels_show_their_names_never_their_codes(own):
    """As the widgets show them: "Call to action", "None of these", "Black-and-white fallacy"."""
    st = open_store("tester")
    art = own.article.text
    st.put("span", case_id=own.case_id, doc_id="article", key="span-bw", anchor=anchor(art, 0, 9),
           value={"label": "black_and_white", "note": "", "task": "techniques"})
    for i, label in enumerate(("call", "prediction")):
        st.put("sentence_label", case_id=own.case_id, doc_id="article", key=str(i), value={"label": label})
    st.put("comment_label", case_id=own.case_id, doc_id="c01", key="c01", value={"labels": ["none"]})
    st.put("comment_label", case_id=own.case_id, doc_id="c02", key="c02", value={"labels": ["contested claim"]})
    page = report.analysis_report(own, st.records())
    for name in ("Black-and-white fallacy", "Call to action", "Prediction or intent", "None of these",
                 "Contested claim as fact"):
        assert f"<bdi>{name}</bdi>" in page, name
    for code in ("black_and_white", "call", "prediction", "none", "contested claim"):
        assert f"<bdi>{code}</bdi>" not in page, code


def test_table_cells_wrap_between_words_never_inside_one():
    css = report._CSS
    assert "anywhere" not in css and "break-all" not in css
    cells = next(line for line in css.splitlines() if line.startswith("th, td"))
    assert "overflow-wrap: break-word" in css and "word-break: normal" in css and cells


def test_a_span_whose_words_are_gone_is_listed_not_shown(own):
    st = open_store("tester")
    st.put("span", case_id=own.case_id, doc_id="article", key="span-gone", value={"label": "emotive"},
           anchor=anchor("words that are not in the article at all", 6, 10))
    spans, lost = report.place_spans(own, st.records())
    assert spans == [] and len(lost) == 1
    assert "1 saved span(s) could not be placed" in report.analysis_report(own, st.records())


def test_deleted_work_is_left_out(own):
    st = _work(own)
    st.delete("span", case_id=own.case_id, doc_id="article", key="span-across")
    spans, _ = report.place_spans(own, st.history())
    assert "name calling" not in {s.label for s in spans} and len(spans) == 5


def test_exported_records_work_too(own, tmp_path):
    from medialit.store import load_export
    st = _work(own)
    doc = load_export(st.export(tmp_path / "x.json"))
    assert report.analysis_report(own, doc["records"], student="tester") == \
        report.analysis_report(own, st.records(), student="tester")


def test_listed_words_are_masked_unless_revealed(tmp_path):
    folder = owncase.write_case(f"A text with {PLACEHOLDER} in it.", comments=f"And {PLACEHOLDER} again.",
                                root=tmp_path)
    case = owncase.load_own(folder)
    st = open_store("tester")
    st.put("reflection", case_id=case.case_id, key="8.4", value={"text": f"I saw {PLACEHOLDER}."})
    page = report.analysis_report(case, st.records(), masked_words=[PLACEHOLDER])
    assert PLACEHOLDER not in page and "z******" in page and "Listed slurs are masked" in page
    assert PLACEHOLDER in report.analysis_report(case, st.records(), masked_words=[PLACEHOLDER], reveal=True)


def test_the_bundled_case_report_masks_by_default(case):
    page = report.analysis_report(case, [], student="tester")
    assert safety.masked_ranges(page) == []
    assert "No spans marked yet." in page and "The lexicon (a plain word list" in page


def test_write_report(own, tmp_path):
    st = _work(own)
    path = report.write_report(own, st.records(), tmp_path / "out" / "report.html", student="tester")
    raw = path.read_bytes()
    assert raw.decode("utf-8") == report.analysis_report(own, st.records(), student="tester")
    assert raw.startswith(b"<!DOCTYPE html>") and b"<meta charset=\"utf-8\">" in raw
    assert not list(path.parent.glob(".*.tmp"))


def test_a_report_that_cannot_be_written_is_explained(own, tmp_path):
    from medialit.errors import StoreError
    st = _work(own)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.html").mkdir()          # a folder where the file should go
    with pytest.raises(StoreError, match="Could not write the report .*report.html: it is a folder"):
        report.write_report(own, st.records(), tmp_path / "out" / "report.html", student="tester")
    assert not list((tmp_path / "out").glob(".*.tmp"))
