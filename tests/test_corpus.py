"""The case loads into clean tables with exact offsets; malformed folders fail clearly."""
from __future__ import annotations

import hashlib
import shutil

import pytest

import medialit
from medialit.errors import CaseError

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "article-and-comments.txt"

CASE_DIR = REPO / "data" / "cases" / "rodong-2024"


def test_source_is_byte_identical_to_the_seed():
    got = hashlib.sha256((CASE_DIR / "source.txt").read_bytes()).hexdigest()
    assert got == "f3fd30c0da7c04e7b7c436c76b71c59f2c3c20a511178207cddd58d7188d9277"
    if SEED.exists():  # the seed sits beside the repository in the course workspace and CI
        assert (CASE_DIR / "source.txt").read_bytes() == SEED.read_bytes()


def test_headline_byline_and_article(case):
    assert case.headline.startswith("Russian President Putin's Article On Partnership")
    assert case.byline.startswith("Article by Vladimir Putin in Rodong Sinmun")
    a = case.article
    assert case.text[a.start:a.end] == a.text
    assert a.text.startswith("On the eve of my state visit")
    assert a.text.endswith("the\u00a0friendly people of\u00a0the\u00a0DPRK.")
    assert case.document("article") is a
    assert case.title.startswith("Russia and the DPRK")


def test_paragraphs_cover_the_article(case):
    p = case.paragraphs
    assert len(p) == 17
    assert list(p.paragraph) == list(range(17))
    for row in p.itertuples():
        assert case.text[row.start:row.end] == row.text
        assert "\n" not in row.text
    assert p.start.iloc[0] == case.article.start and p.end.iloc[-1] == case.article.end


def test_sentence_offsets_are_exact_and_in_order(case):
    s = case.sentences
    assert len(s) == 41
    assert list(s.columns) == ["sentence", "paragraph", "start", "end", "text"]
    ends = 0
    for row in s.itertuples():
        assert case.text[row.start:row.end] == row.text
        assert row.start >= ends
        ends = row.end
        assert row.text == row.text.strip(" \u00a0\n")
        para = case.paragraphs.iloc[row.paragraph]
        assert para.start <= row.start and row.end <= para.end


def test_every_article_character_outside_a_sentence_is_space(case):
    covered = set()
    for row in case.sentences.itertuples():
        covered.update(range(row.start, row.end))
    for p in case.paragraphs.itertuples():
        for i in range(p.start, p.end):
            if i not in covered:
                assert case.text[i] in " \u00a0", (i, case.text[i - 10:i + 10])


@pytest.mark.parametrize("n, start, end", [
    (0, "On the eve of my state visit", "their role in the modern world."),
    (3, "In August 1945, Soviet soldiers", "to develop independently."),
    (8, "In\u00a01950–1953, during the", "struggle for\u00a0independence."),             # dash
    (12, "Comrade Kim Jong Un, who leads", "Kim Il Sung and\u00a0Kim Jong\u00a0Il."),     # name, not an initial
    (13, "I\u00a0had another chance", "Cosmodrome in\u00a0Russia."),
    (17, "The\u00a0United States is going out", "relying on\u00a0double standards."),     # holds “rules-based order”
    (19, "The\u00a0US leadership views", "to\u00a0its global dominance."),                # "US"
    (20, "The\u00a0United States and\u00a0its satellites", "“strategic defeat” on\u00a0Russia."),  # quote inside
    (25, "Our adversaries, meanwhile", "targets in\u00a0most cases."),                   # neo‑Nazi, dashes
    (40, "I\u00a0would like to\u00a0extend wishes", "people of\u00a0the\u00a0DPRK."),
])
def test_tricky_sentences(case, n, start, end):
    text = case.sentences.text[n]
    assert text.startswith(start) and text.endswith(end)


def test_rules_based_order_quote_stays_inside_its_sentence(case):
    s17 = case.sentences.text[17]
    assert "“rules-based order”, which is essentially nothing more" in s17.replace("\u00a0", " ")


def test_comments_table(case):
    c = case.comments
    assert len(c) == 15
    assert list(c.columns) == ["comment_id", "position", "author", "text", "start", "end", "reply_to", "reply_reason"]
    assert list(c.comment_id) == [f"c{i:02d}" for i in range(1, 16)]
    assert list(c.position) == list(range(1, 16))
    named = c.dropna(subset=["author"])
    assert named.author.value_counts().to_dict() == {
        "Edgar Zetar": 3, "Vlad the Great": 1, "Mr Fixer": 1, "Paul Citro": 1}
    assert c.author.isna().sum() == 9
    for row in c.itertuples():
        assert case.text[row.start:row.end] == row.text
        assert row.text.strip() == row.text and row.text
        assert case.document(row.comment_id).text == row.text
    assert c.text.iloc[0].startswith("respect to my north korean")
    assert c.text.iloc[-1].startswith("the fig leaf is off")
    assert c.author.iloc[-1] == "Paul Citro"
    # the flag-emoji comment keeps its emoji and offsets
    emoji = c[c.text.str.contains("\U0001F1F7\U0001F1FA")]
    assert len(emoji) == 1 and emoji.comment_id.iloc[0] == "c09"


def test_inferred_replies(case):
    c = case.comments.set_index("comment_id")
    expected = {"c05": "c03", "c06": "c05", "c08": "c02", "c10": "c09", "c12": "c11", "c13": "c12"}
    for cid, row in c.iterrows():
        assert row.reply_to == expected.get(cid), cid
        assert (row.reply_reason is None) == (row.reply_to is None), cid
    assert "Mr Fixer" in c.reply_reason["c06"]
    assert "usa has advantages" in c.reply_reason["c05"]


def test_documents(case):
    assert case.documents[:4] == ["case", "headline", "byline", "article"]
    assert case.document("case").text == case.text
    p7 = case.document("p07")
    assert p7.text == case.paragraphs.text[7] and case.text[p7.start:p7.end] == p7.text
    assert "p16" in case.documents and "p17" not in case.documents
    with pytest.raises(KeyError, match="documents are"):
        case.document("nope")


def test_a_stretch_of_paragraphs_named_in_case_toml_is_a_document(case, tmp_path):
    stretch = case.document("p06-p12")
    assert (stretch.start, stretch.end) == (case.document("p06").start, case.document("p12").end)
    assert case.text[stretch.start:stretch.end] == stretch.text and "p06-p12" in case.documents
    folder = _copy_case(tmp_path)
    toml = (folder / "case.toml").read_text(encoding="utf-8")
    for bad, message in (('["p12-p06"]', "needs two paragraphs in order from p00 to p16"),
                         ('["p06-p40"]', "needs two paragraphs in order"),
                         ('["paragraphs 7 to 13"]', r"\[layout\] stretches must be a list of paragraph stretches")):
        (folder / "case.toml").write_text(toml.replace('stretches = ["p06-p12"]', f"stretches = {bad}"),
                                          encoding="utf-8")
        with pytest.raises(CaseError, match=message):
            medialit.load_case(path=folder)


def _copy_case(tmp_path):
    dst = tmp_path / "case"
    shutil.copytree(CASE_DIR, dst)
    return dst


def test_load_by_path(tmp_path):
    folder = _copy_case(tmp_path)
    c = medialit.load_case(path=folder)
    assert len(c.comments) == 15 and c.case_id == "rodong-2024"


def test_minimal_case_folder_loads(tmp_path):
    (tmp_path / "source.txt").write_text(
        "A headline\n\nFirst paragraph. It has two sentences.\n\nSecond one!\n\n\n"
        "Ann Example\n\nfirst placeholder comment\n\n\nsecond placeholder comment, agreeing\n",
        encoding="utf-8")
    (tmp_path / "case.toml").write_text('id = "mini"\ntitle = "Mini"\n', encoding="utf-8")
    c = medialit.load_case(path=tmp_path)
    assert c.headline == "A headline" and c.byline == ""
    assert len(c.paragraphs) == 2 and len(c.sentences) == 3
    assert list(c.comments.author) == ["Ann Example", None]
    assert c.keys == []


@pytest.mark.parametrize("breakage, message", [
    (lambda d: (d / "source.txt").unlink(), "source.txt: missing"),
    (lambda d: (d / "case.toml").unlink(), "case.toml: missing"),
    (lambda d: (d / "case.toml").write_text("id = [", encoding="utf-8"), "case.toml: not valid TOML"),
    (lambda d: (d / "case.toml").write_text('title = "x"\n', encoding="utf-8"), "needs a non-empty string 'id'"),
    (lambda d: (d / "source.txt").write_bytes(b"\xff\xfe headline"), "not UTF-8"),
    (lambda d: (d / "source.txt").write_text("only a headline\n", encoding="utf-8"), "found 1 block"),
])
def test_malformed_case_names_file_and_problem(tmp_path, breakage, message):
    folder = _copy_case(tmp_path)
    toml = (folder / "case.toml").read_text(encoding="utf-8")
    (folder / "case.toml").write_text(toml.replace("source_sha256", "# source_sha256"), encoding="utf-8")
    breakage(folder)
    with pytest.raises(CaseError, match=message) as err:
        medialit.load_case(path=folder)
    assert str(folder) in str(err.value)


def test_changed_source_fails_the_checksum(tmp_path):
    folder = _copy_case(tmp_path)
    (folder / "source.txt").write_text("Edited\n\nText.\n", encoding="utf-8")
    with pytest.raises(CaseError, match="does not match source_sha256"):
        medialit.load_case(path=folder)


def test_two_author_lines_in_a_row_is_an_error(tmp_path):
    (tmp_path / "source.txt").write_text(
        "Headline\n\nBody text.\n\n\nAnn Example\n\nBob Example\n\nplaceholder comment\n", encoding="utf-8")
    (tmp_path / "case.toml").write_text('id = "x"\ntitle = "X"\n', encoding="utf-8")
    with pytest.raises(CaseError, match="followed by another author line"):
        medialit.load_case(path=tmp_path)


def test_unknown_case_id_lists_known_cases():
    with pytest.raises(CaseError, match="known cases: .*rodong-2024"):
        medialit.load_case("no-such-case")


def test_public_api_is_complete():
    for name in medialit.__all__:
        assert hasattr(medialit, name), name
    public = {n for n in dir(medialit) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(medialit.__all__)


def _plain_copy(tmp_path):
    folder = _copy_case(tmp_path)
    return folder, (folder / "source.txt").read_bytes(), (folder / "case.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, line, kind", [
    (lambda b: b.replace(b"\n", b"\r\n"), 1, "CRLF"),                    # a Windows copy
    (lambda b: b.replace(b"\n", b"\r"), 1, "carriage return"),           # old Mac line ends
    (lambda b: b.replace(b"\n\n", b"\n\r\n", 1), 2, "CRLF"),             # one stray CR, on the blank line 2
])
def test_carriage_returns_are_an_error_naming_the_line(tmp_path, change, line, kind):
    """Before: read in text mode, CRLF and lone CR were translated silently, so the documented
    error never fired and the checksum passed on a CRLF copy."""
    folder, raw, _ = _plain_copy(tmp_path)
    (folder / "source.txt").write_bytes(change(raw))
    with pytest.raises(CaseError, match=rf"source.txt: has carriage returns: line {line} has .*{kind}") as err:
        medialit.load_case(path=folder)
    assert str(folder) in str(err.value)


def test_a_crlf_copy_never_passes_the_checksum(tmp_path, monkeypatch):
    """The checksum is of the bytes on disk: a CRLF copy, even one whose line-end error is
    skipped, does not match the LF original's source_sha256."""
    from medialit import corpus
    folder, raw, _ = _plain_copy(tmp_path)
    (folder / "source.txt").write_bytes(raw.replace(b"\n", b"\r\n"))
    with pytest.raises(CaseError, match="carriage returns"):
        medialit.load_case(path=folder)
    monkeypatch.setattr(corpus, "_source_text", lambda path, raw: raw.decode("utf-8").replace("\r\n", "\n"))
    with pytest.raises(CaseError, match="does not match source_sha256"):
        medialit.load_case(path=folder)


def test_a_byte_order_mark_is_an_error(tmp_path):
    folder, raw, toml = _plain_copy(tmp_path)
    (folder / "source.txt").write_bytes(b"\xef\xbb\xbf" + raw)
    (folder / "case.toml").write_text(toml.replace("source_sha256", "# source_sha256"), encoding="utf-8")
    with pytest.raises(CaseError, match="byte-order mark"):
        medialit.load_case(path=folder)


@pytest.mark.parametrize("edit, field", [
    (lambda t: "layout = 5\n" + t.replace("[layout]\n", "[layout_old]\n"), r"\[layout\] must be a table"),
    (lambda t: t.replace("byline = true", 'byline = "yes"'), r"\[layout\] byline must be true or false"),
    (lambda t: 'comments = "x"\n' + t.replace("[comments]\n", "[comments_old]\n"), r"\[comments\] must be a table"),
    (lambda t: t.replace('site = "unknown"', "site = 3"), r"\[comments\] site must be a string"),
    (lambda t: t.replace("[[publication]]", "[publication]", 1).replace("[[publication]]", "[[publication_more]]"),
     r"publication must be an array of tables.*\[\[publication\]\]"),
    (lambda t: t.replace('date = "2024-06-18"', "date = 2024-06-18", 1),
     r"\[\[publication\]\] number 1: date must be a string.*quotes"),
    (lambda t: t.replace('author = "Vladimir Putin"', "author = [1, 2]"), r"'author' must be a string"),
    (lambda t: t.replace("[content_notes]\n", "[content_notes]\nextra = 1\n"), r"\[content_notes\] extra must"),
    (lambda t: t.replace('source_sha256 = "f3', 'source_sha256 = "F3'), r"'source_sha256' must be 64"),
    (lambda t: t + "\n[context.more]\nx = 1\n", r"\[context\] more must be a string"),
])
def test_case_toml_type_errors_name_the_file_and_the_field(tmp_path, edit, field):
    """Before: an AttributeError naming no file."""
    folder, _, toml = _plain_copy(tmp_path)
    (folder / "case.toml").write_text(edit(toml), encoding="utf-8")
    with pytest.raises(CaseError, match=field) as err:
        medialit.load_case(path=folder)
    assert str(folder / "case.toml") in str(err.value)


def test_an_unreadable_source_is_a_case_error(tmp_path):
    folder, _, _ = _plain_copy(tmp_path)
    (folder / "source.txt").unlink()
    (folder / "source.txt").mkdir()
    with pytest.raises(CaseError, match="source.txt: missing"):
        medialit.load_case(path=folder)
