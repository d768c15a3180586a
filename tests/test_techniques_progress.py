"""Lesson 05 progress follows the exercises: 5.3 counts spans in paragraphs 7 to 13 only (its
highlighter shows just those), and 5.6 counts marks on the student's current sentence."""
from __future__ import annotations

import pytest

from medialit import exercises


def test_a_text_of_rule_reads_the_reflection_it_names(tmp_path):
    from medialit.errors import KeyFileError
    from medialit.spans import text_doc_id
    from medialit.store import Record
    path = tmp_path / "05.toml"
    path.write_text('lesson = "05"\n[[exercise]]\nid = "5.6"\ntitle = "t"\n[exercise.done]\nkind = "span"\n'
                    'text_of = "5.5"\n')
    rule = exercises.read_lesson_file(path).exercise("5.6").rule
    mine = "A placeholder sentence, rewritten."

    def rec(kind, key, value, doc_id=""):
        return Record(1, 1, "t", "put", kind, "rodong-2024", doc_id, key, value, None)
    span = rec("span", "s1", {"label": "doubt"}, doc_id=text_doc_id(mine))
    assert not rule.done([span])
    assert rule.done([rec("reflection", "5.5", {"text": mine, "changed": True}), span])
    assert not rule.done([rec("reflection", "5.5", {"text": mine, "changed": False}), span])
    assert not rule.done([rec("reflection", "5.5", {"text": mine + " Again.", "changed": True}), span])
    path.write_text(path.read_text().replace('"5.5"', '""'))
    with pytest.raises(KeyFileError, match="done.text_of must be a non-empty string"):
        exercises.read_lesson_file(path)
