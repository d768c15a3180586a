"""A case made from a pasted text (lesson 08): the folder it writes, the rules for the
pasted text, and loading it like any other case."""
from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import medialit
from medialit import owncase
from medialit.errors import CaseError
from sample_texts import ARTICLE, COMMENTS, EMOJI, PAYLOAD, RTL_AR, RTL_HE, TITLE


def test_a_pasted_text_becomes_a_case(tmp_path):
    folder = owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith("own-")
    case = owncase.load_own(folder)
    assert case.case_id == folder.name and case.title == TITLE
    assert case.headline == TITLE
    assert len(case.paragraphs) == 4 and len(case.comments) == 3
    assert list(case.comments.author) == [None, None, None]       # no line is taken for an author
    assert PAYLOAD in case.document("p03").text and RTL_HE in case.article.text
    assert case.comments.text[0] == f"Finally! {EMOJI}" and RTL_AR in case.comments.text[1]
    meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    assert meta["origin"] == "pasted by the student" and "content_notes" not in meta
    # the same text makes the same case; another text another one
    assert owncase.write_case(ARTICLE, title=TITLE, comments=COMMENTS, root=tmp_path) == folder
    assert owncase.write_case(ARTICLE + "\nMore.", title=TITLE, root=tmp_path) != folder


def test_line_ends_controls_and_paragraph_rules(tmp_path):
    src = owncase.build_source("One.\r\nStill one.\r\n\r\n\r\n\r\nTwo.\u2028Three\x00\x07.   ", title="  A\ttitle \n ")
    assert src == "A title\n\nOne.\nStill one.\n\nTwo.\nThree.\n"
    # no blank line but several lines: one paragraph per line (as copied from web pages)
    case = owncase.load_own(owncase.write_case("First.\nSecond.\nThird.", root=tmp_path))
    assert list(case.paragraphs.text) == ["First.", "Second.", "Third."] and case.title == owncase.DEFAULT_TITLE
    assert owncase.blocks("a\nb") == ["a", "b"] and owncase.blocks("a\nb\n\nc") == ["a\nb", "c"]
    assert owncase.blocks("\ud800x") == ["x"]                          # a lone surrogate is dropped


def test_empty_and_oversized_texts_are_explained(tmp_path):
    with pytest.raises(CaseError, match="The article is empty"):
        owncase.write_case(" \n\n \t", root=tmp_path)
    with pytest.raises(CaseError, match="at most 200,000"):
        owncase.build_source("word " * 50_000)
    with pytest.raises(TypeError, match="must be a string"):
        owncase.normalise(None)


def test_choices_are_remembered(tmp_path, case):
    root = tmp_path / "own-cases"
    assert owncase.chosen(root) is None and owncase.load_choice(root, case) is case
    folder = owncase.write_case(ARTICLE, title="Mine", root=root)
    owncase.remember(root, folder)
    assert owncase.chosen(root) == folder
    assert owncase.load_choice(root, case).case_id == folder.name
    listed = owncase.available_cases(root)
    assert listed[0]["label"].endswith("(course case: rodong-2024)")
    assert {"label": f"Mine (your text: {folder.name})", "path": str(folder)} in listed
    owncase.remember(root, tmp_path / "gone")                        # a folder that holds no case
    assert owncase.chosen(root) is None and owncase.load_choice(root, case) is case
    (root / owncase.CHOICE_FILE).write_text("{not json", encoding="utf-8")
    assert owncase.chosen(root) is None


# any text, and texts made of the characters the rules are about (line ends, blank lines,
# wide and no-break spaces, separators, controls, a zero-width space, a bidi override)
_TRICKY = st.sampled_from(list("ab .\n\t\r\u3000\u00a0\u2028\u2029\x1c\x85\u200b\u202e") + ["\n\n", "\n \n"])
_TEXT = st.one_of(st.text(max_size=300), st.lists(_TRICKY, max_size=60).map("".join))


@given(_TEXT, _TEXT, _TEXT)
def test_any_pasted_text_loads_or_is_refused_clearly(tmp_path_factory, article, title, comments):
    """Whatever is pasted, the result loads as a case whose article is the pasted paragraphs,
    or the course says the article is empty; nothing else is ever raised."""
    root = tmp_path_factory.mktemp("own")
    try:
        folder = owncase.write_case(article, title=title, comments=comments, root=root)
    except CaseError as e:
        assert "empty" in str(e) and not owncase.blocks(article)
        return
    case = medialit.load_case(path=folder)
    assert case.headline == case.title == owncase._title(title)
    assert list(case.paragraphs.text) == owncase.blocks(article)
    assert list(case.comments.text) == owncase.blocks(comments)


def test_a_folder_that_cannot_be_written_is_explained(tmp_path):
    blocker = tmp_path / "own-cases"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(CaseError, match="own-cases") as err:
        owncase.write_case("A short placeholder article.\n\nA second paragraph.", root=blocker)
    assert "Could not" in str(err.value)
