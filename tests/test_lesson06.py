"""Lesson 06 as built: what its tables show, what it promises, and when its exercises count."""
from __future__ import annotations

import nbformat
import pytest

from medialit import lessons, topics
from medialit.errors import KeyFileError
from medialit.keys import EVIDENCE_KINDS

NAME = "06-comparing-sources"


def _notebook(which: str) -> nbformat.NotebookNode:
    return nbformat.read(lessons.EDITIONS[which] / f"{NAME}.ipynb", as_version=4)


def _output_of(nb: nbformat.NotebookNode, needle: str, mime: str | None = None) -> str:
    cell = next(c for c in nb.cells if c.cell_type == "code" and needle in c.source)
    return "".join(str(v) for o in cell.get("outputs", []) for m, v in o.get("data", {}).items()
                   if mime in (None, m))


@pytest.mark.parametrize("which", ["student", "solution"])
def test_the_framing_definitions_are_shown_in_full(which):
    shown = _output_of(_notebook(which), "FRAMING_CHOICES")
    for framing, meaning in topics.FRAMING_CHOICES:
        assert framing in shown and meaning in shown, meaning
    assert "..." not in shown and "…" not in shown


def test_every_kind_code_is_explained_once(case):
    assert tuple(topics.source_kinds()) == EVIDENCE_KINDS
    used = {s["kind"] for t in case.topics for s in t["sources"]}
    legend = topics.kind_legend(case.topics)
    assert set(legend.index) == used and "HIST" not in used
    assert legend["sources"].sum() == sum(len(t["sources"]) for t in case.topics)
    assert legend["what it means"].str.strip().all()


def test_a_kind_without_a_meaning_or_a_broken_kinds_file_is_an_error(tmp_path, case, monkeypatch):
    bad = [{"id": "t", "sources": [{"id": "s", "kind": "NEW"}]}]
    with pytest.raises(KeyFileError, match="no meaning for the kind.*NEW"):
        topics.kind_legend(bad)
    path = tmp_path / "kinds.toml"
    path.write_text('[[kind]]\ncode = "UN"\nmeaning = "a UN text"\n[[kind]]\ncode = "UN"\nmeaning = "again"\n')
    with pytest.raises(KeyFileError, match="repeats the code 'UN'"):
        topics.source_kinds(path)
    path.write_text('[[kind]]\ncode = "UN"\n')
    with pytest.raises(KeyFileError, match="kind 1 needs a non-empty 'code' and 'meaning'"):
        topics.source_kinds(path)


@pytest.mark.parametrize("which", ["student", "solution"])
def test_the_legend_shows_the_kinds_the_sources_use(which, case):
    html = _output_of(_notebook(which), "kind_legend", "text/html")
    text = _output_of(_notebook(which), "kind_legend", "text/plain")
    for kind, meaning in topics.kind_legend(case.topics)["what it means"].items():
        assert f"<th>{kind}</th>" in html and meaning in text, kind
    assert "<th>HIST</th>" not in html and "..." not in text


# words that promise a kind of source: a lesson may use them only when some source is of that kind
PROMISES = {"HIST": "historian", "ENC": "encyclopedia", "FC": "fact-checker"}


def test_the_lesson_promises_only_kinds_of_source_it_has(case):
    used = {s["kind"] for t in case.topics for s in t["sources"]}
    text = "\n".join(c.source for c in lessons.read_source(NAME).cells if c.cell_type == "markdown").lower()
    for kind, word in PROMISES.items():
        assert kind in used or word not in text, f"the lesson promises a {word}, but no source is {kind}"


def test_an_omission_note_counts_for_6_2_without_a_framing(case):
    from medialit.exercises import lesson_progress
    from medialit.store import open_store
    from medialit.widgets.sources import SourceComparer
    store = open_store("tester")
    done = lambda: next(r for r in lesson_progress(store.records(), ["06"]))["remaining"]  # noqa: E731
    w = SourceComparer(case, topic="sanctions", store=store)
    w.mark("sanctions-kremlin", left_out="The Russian vote for the sanctions.")
    w.mark("sanctions-tass", left_out="   ")                   # blank: not a note
    w.mark("sanctions-us", left_out="China's abstention.")
    assert "6.2" in done()
    w.mark("sanctions-un", framing="same facts", left_out="Nothing the others report.")
    assert "6.2" not in done() and "6.1" in done()          # three notes; one framing is not six
    assert store.latest("framing", case_id=case.case_id, doc_id="sources")["sanctions-kremlin"].value == {
        "topic": "sanctions", "framing": "", "left_out": "The Russian vote for the sanctions."}


def test_who_says_what_names_the_row_of_sources_that_are_not_a_government(case):
    import pandas as pd
    everything = {s["id"]: {"framing": "same facts", "left_out": ""} for t in case.topics for s in t["sources"]}
    table = topics.who_says_what(case.topics, everything)
    by_government = pd.crosstab(table["government"], table["your framing"])
    assert "" not in by_government.index and table["government"].str.strip().all()
    assert by_government.loc[topics.NO_GOVERNMENT].sum() == sum(
        1 for t in case.topics for s in t["sources"] if not s.get("government"))
    kcna = table[table["source"].str.startswith("KCNA")]
    assert set(kcna["government"]) == {topics.NO_GOVERNMENT}
