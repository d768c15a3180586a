"""Exports: written record by record in the same format, and hostile files handed in are
refused with WorkImportError. Texts are neutral placeholders."""
from __future__ import annotations

import json
import os
import tracemalloc

import pytest

from medialit import spans
from medialit.errors import WorkImportError
from medialit.store import MAX_DEPTH, load_export, set_student

TEXT = "Some placeholder words, then other placeholder words."


@pytest.fixture
def st(tmp_path):
    return set_student("river-otter_7", root=tmp_path / "work")


def good(st, tmp_path) -> dict:
    st.put("span", case_id="case-1", doc_id="article", key="a", value={"label": "x", "note": "placeholder"},
           anchor=spans.anchor(TEXT, 5, 22))
    return json.loads(st.export(tmp_path / "good.json").read_text(encoding="utf-8"))


def test_export_text_is_what_json_dumps_writes(st, tmp_path):
    assert json.loads(st.export(tmp_path / "empty.json").read_text())["records"] == []
    doc = json.loads(st.export(tmp_path / "empty.json").read_text())
    assert (tmp_path / "empty.json").read_text() == json.dumps(doc, ensure_ascii=False, indent=1)
    good(st, tmp_path)
    st.put("reflection", case_id="case-1", key="r", value={"text": "placeholder \U0001F1F7\U0001F1FA \u201cquoted\u201d",
                                                           "nested": {"list": [1, [2, {"x": None}]], "ok": True}})
    for history in (False, True):
        path = st.export(tmp_path / "out.json", history=history)
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        assert text == json.dumps(doc, ensure_ascii=False, indent=1)
        assert load_export(path)["records"] == doc["records"] and len(doc["records"]) == 2


def test_export_memory_stays_small_however_large_the_store(st, tmp_path):
    """Exporting streams record by record (before: the whole document as one string, about
    five times the store's size, and 3.35 GB for a 200 MB store)."""
    note = "placeholder " * 30
    for i in range(3000):
        st.put("reflection", case_id="case-1", key=f"r{i}", value={"text": note, "i": i})
    size = st.path.stat().st_size
    st.records()
    tracemalloc.start()
    try:
        st.export(tmp_path / "big.json", history=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 0.5 * size, (peak, size)
    assert len(load_export(tmp_path / "big.json")["records"]) == 3000


def write(tmp_path, text: str | bytes):
    path = tmp_path / "handed-in.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return path


def as_text(doc) -> str:
    return json.dumps(doc, ensure_ascii=True)


@pytest.mark.parametrize("name, make, message", [
    ("deep nesting", lambda d: '{"a": ' * 100_000 + "1" + "}" * 100_000, "nested more than"),
    ("deep value", lambda d: as_text(d).replace('"note": "placeholder"', '"note": ' + "[" * (MAX_DEPTH + 5)
                                                + "]" * (MAX_DEPTH + 5)), "nested more than"),
    ("5,000 digits", lambda d: as_text(d).replace('"seq": 1', '"seq": ' + "9" * 5000), "digits"),
    ("NaN", lambda d: as_text(d).replace('"note": "placeholder"', '"note": NaN'), "NaN"),
    ("Infinity", lambda d: as_text(d).replace('"note": "placeholder"', '"note": -Infinity'), "Infinity"),
    ("huge float", lambda d: as_text(d).replace('"note": "placeholder"', '"note": 1e999'), "too large"),
    ("lone surrogate", lambda d: as_text(d).replace('"note": "placeholder"', '"note": "a\\ud800b"'), "surrogate"),
    ("lone surrogate key", lambda d: as_text(d).replace('"note": "placeholder"', '"\\udc00": 1'), "surrogate"),
    ("duplicate keys", lambda d: '{"schema": "nope", ' + as_text(d)[1:], "appears twice"),
    ("duplicate in a record", lambda d: as_text(d).replace('"op": "put"', '"op": "put", "op": "delete"'),
     "appears twice"),
    ("big seq", lambda d: as_text(d).replace('"seq": 1', '"seq": 9007199254740993'), "seq"),
    ("bool schema", lambda d: as_text(d | {"records": [d["records"][0] | {"schema": True}]}), "schema"),
    ("bool version", lambda d: as_text(d | {"version": True}), "version"),
    ("prefix not text", lambda d: as_text(d).replace('"prefix": "Some "', '"prefix": 5'), "quote"),
])
def test_hostile_exports_are_refused(st, tmp_path, name, make, message):
    path = write(tmp_path, make(good(st, tmp_path)))
    with pytest.raises(WorkImportError, match=message) as info:
        load_export(path)
    assert str(path) in str(info.value)


def test_an_oversized_export_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.truncate(65 * 2 ** 20)                    # sparse: costs no disk
    with pytest.raises(WorkImportError, match="larger than 64 MB"):
        load_export(path)
    small = write(tmp_path, "[" * 2000)
    with pytest.raises(WorkImportError, match="larger than 0 MB"):
        load_export(small, max_bytes=1000)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_refused(tmp_path):
    with pytest.raises(WorkImportError, match="not a regular file"):
        load_export("/dev/zero")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)                                  # would block a plain open() forever
    with pytest.raises(WorkImportError, match="not a regular file"):
        load_export(fifo)


def test_a_linked_export_is_refused(st, tmp_path):
    good(st, tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "good.json")
    with pytest.raises(WorkImportError, match="symbolic link"):
        load_export(link)



def test_messages_mask_listed_terms_in_what_was_handed_in(st, tmp_path, monkeypatch):
    from medialit import safety
    monkeypatch.setattr(safety, "terms", lambda: ("zork",))
    doc = good(st, tmp_path)
    path = write(tmp_path, as_text(doc | {"schema": "z0rk zork"}))
    with pytest.raises(WorkImportError) as info:
        load_export(path)
    assert "zork" not in str(info.value).lower() and "z0rk" not in str(info.value) and "z***" in str(info.value)
