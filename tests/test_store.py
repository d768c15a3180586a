"""The per-student store: records, history, damage, concurrency, export and import.

Texts here are neutral placeholders; the course's real comments are never copied into tests."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from medialit import spans, store
from medialit.errors import StoreError, WorkImportError
from medialit.store import KINDS, Record, load_export, open_store, set_student

TEXT = "Some placeholder words, then other placeholder words, and a closing placeholder phrase."


@pytest.fixture
def st(tmp_path) -> store.Store:
    return set_student("river-otter_7", root=tmp_path)


def put_span(s: store.Store, start: int, end: int, label: str = "loaded_language", key: str | None = None,
             text: str = TEXT) -> Record:
    return s.put("span", case_id="case-1", doc_id="article", key=key or f"k{start}-{end}",
                 value={"label": label, "note": "a placeholder note"}, anchor=spans.anchor(text, start, end))


def lines(s: store.Store) -> list[str]:
    return s.path.read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------- students

@pytest.mark.parametrize("name", ["a", "river-otter_7", "X" * 40, "0-_"])
def test_valid_pseudonyms(tmp_path, name):
    s = set_student(name, root=tmp_path)
    assert s.student == name and store.current_student(root=tmp_path) == name
    assert s.path == tmp_path / name / "work.jsonl"


@pytest.mark.parametrize("name", ["", "X" * 41, "two words", "caf\u00e9", "../up", "a/b", "a.b", None, 7])
def test_invalid_pseudonyms(tmp_path, name):
    with pytest.raises(StoreError, match="1-40 characters"):
        set_student(name, root=tmp_path)
    assert store.current_student(root=tmp_path) is None


def test_a_new_pseudonym_cannot_start_with_a_dash_but_an_old_store_still_opens(tmp_path):
    with pytest.raises(StoreError, match="must start with a letter"):
        set_student("-fox", root=tmp_path)
    assert store.current_student(root=tmp_path) is None and not (tmp_path / "-fox").exists()
    assert store.Store("-fox", root=tmp_path).student == "-fox"      # made before the rule: still readable


def test_open_store_without_student_says_run_lesson_00(tmp_path):
    with pytest.raises(StoreError, match="lesson 00"):
        open_store(root=tmp_path)


def test_current_student_is_remembered_across_sessions(tmp_path):
    set_student("first", root=tmp_path)
    set_student("second", root=tmp_path)
    s = open_store(root=tmp_path)
    assert s.student == "second"
    assert (tmp_path / ".student").read_text().strip() == "second"


def test_damaged_student_file_is_a_clear_error(tmp_path):
    (tmp_path / ".student").write_text("not a valid name!")
    with pytest.raises(StoreError, match=r"\.student.*lesson 00"):
        store.current_student(root=tmp_path)


def test_medialit_work_env_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_WORK", str(tmp_path / "elsewhere"))
    s = set_student("env-user")
    assert s.path == tmp_path / "elsewhere" / "env-user" / "work.jsonl"
    assert open_store().student == "env-user"


# ---------------------------------------------------------------- records

def test_put_writes_one_anchored_json_line(st):
    rec = put_span(st, 5, 22)
    assert (rec.seq, rec.op, rec.kind, rec.case_id, rec.doc_id) == (1, "put", "span", "case-1", "article")
    (line,) = lines(st)
    data = json.loads(line)
    assert data["schema"] == 1 and data["time"].endswith("Z")
    assert data["anchor"]["checksum"] == spans.checksum(TEXT)
    assert data["anchor"]["position"] == {"type": "TextPositionSelector", "start": 5, "end": 22}
    assert data["anchor"]["quote"]["exact"] == "placeholder words"
    assert Record.from_dict(data) == rec
    assert rec.to_span() == spans.Span(5, 22, "loaded_language")


def test_every_put_is_fsynced(st, monkeypatch):
    calls = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    put_span(st, 5, 22)                      # first write also syncs the directory
    n = len(calls)
    st.put("progress", case_id="case-1", key="lesson-01", value={"done": True})
    assert n >= 1 and len(calls) == n + 1


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_round_trips(st, tmp_path, kind):
    anchor = spans.anchor(TEXT, 0, 4) if kind == "span" else None
    st.put(kind, case_id="case-1", doc_id="c01", key="item-1", value={"label": "placeholder", "n": [1, 2]},
           anchor=anchor)
    again = open_store("river-otter_7", root=tmp_path)
    (rec,) = again.latest(kind).values()
    assert rec.value == {"label": "placeholder", "n": [1, 2]} and rec.doc_id == "c01"


def test_unknown_kind_lists_the_allowed_ones(st):
    with pytest.raises(StoreError, match="Unknown kind of work 'essay'.*span, sentence_label, verdict"):
        st.put("essay", case_id="case-1", key="x", value={})


def test_span_needs_an_anchor_and_values_must_be_json(st):
    with pytest.raises(StoreError, match="needs an anchor"):
        st.put("span", case_id="case-1", key="x", value={"label": "a"})
    with pytest.raises(StoreError, match="anchor 'position'"):
        st.put("span", case_id="case-1", key="x", value={}, anchor={"checksum": "c", "position": {}, "quote": {}})
    with pytest.raises(StoreError, match="not plain JSON"):
        st.put("reflection", case_id="case-1", key="x", value={"when": {1, 2}})
    with pytest.raises(StoreError, match="not plain JSON"):
        st.put("reflection", case_id="case-1", key="x", value={"n": float("nan")})
    with pytest.raises(StoreError, match="must be a dict"):
        st.put("reflection", case_id="case-1", key="x", value="text")
    with pytest.raises(StoreError, match="key must not be empty"):
        st.put("reflection", case_id="case-1", key="", value={})
    assert not st.path.exists() or lines(st) == []


def test_edits_and_deletes_keep_history_and_latest_wins(st):
    put_span(st, 5, 22, key="a")
    put_span(st, 5, 23, key="a", label="name_calling")
    put_span(st, 29, 34, key="b")
    st.delete("span", case_id="case-1", doc_id="article", key="b")
    latest = st.latest("span", case_id="case-1")
    assert list(latest) == ["a"] and latest["a"].value["label"] == "name_calling"
    assert [r.op for r in st.history(key="b")] == ["put", "delete"]
    assert [r.seq for r in st.history()] == [1, 2, 3, 4]
    put_span(st, 29, 34, key="b")            # undelete by saving again
    assert sorted(st.latest("span")) == ["a", "b"]


def test_filters_by_kind_case_and_document(st):
    put_span(st, 5, 22, key="a")
    st.put("verdict", case_id="case-1", key="claim-1", value={"verdict": "false", "justification": "placeholder"})
    st.put("verdict", case_id="case-2", key="claim-1", value={"verdict": "true", "justification": "placeholder"})
    assert list(st.latest(case_id="case-1")) == ["a", "claim-1"]
    assert st.latest("verdict", case_id="case-2")["claim-1"].value["verdict"] == "true"
    assert len(st.records("verdict")) == 2
    assert st.latest(doc_id="article").keys() == {"a"}
    with pytest.raises(StoreError, match="Unknown kind"):
        st.latest("spans")


def test_reopening_restores_work(st, tmp_path):
    put_span(st, 5, 22)
    st.put("progress", case_id="case-1", key="lesson-01", value={"done": True})
    again = open_store(root=tmp_path)
    assert again.latest() == st.latest()
    assert again.put("reflection", case_id="case-1", key="r", value={"text": "placeholder"}).seq == 3


def test_a_second_store_object_sees_new_appends(st, tmp_path):
    other = open_store("river-otter_7", root=tmp_path)
    put_span(st, 5, 22, key="a")
    assert "a" in other.latest("span")
    rec = other.put("progress", case_id="case-1", key="p", value={})
    assert rec.seq == 2 and "p" in st.latest("progress")


def test_threads_sharing_one_store_lose_nothing(st):
    def work(t):
        for i in range(50):
            st.put("progress", case_id="case-1", key=f"t{t}-{i}", value={"i": i})

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(st.latest("progress")) == 200
    assert sorted(r.seq for r in st.history()) == list(range(1, 201))


# skip the package __init__ (it loads pandas) so the writers start at the same time
FAST_IMPORT = """
import importlib.util, sys, types
_pkg = types.ModuleType("medialit")
_pkg.__path__ = list(importlib.util.find_spec("medialit").submodule_search_locations)
sys.modules["medialit"] = _pkg
"""

WRITER = FAST_IMPORT + """
import sys, time, pathlib
from medialit.store import open_store
root, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = open_store("shared", root=root)
print("ready", flush=True)
go = pathlib.Path(root) / "go"
while not go.exists():
    time.sleep(0.001)
for i in range(n):
    s.put("comment_label", case_id="case-1", doc_id="c01", key=f"{name}-{i}", value={"label": "placeholder"})
    s.put("progress", case_id="case-1", key="shared-key", value={"by": name, "i": i})
print("done", flush=True)
"""


def test_two_processes_writing_one_store_lose_nothing(tmp_path):
    n = 150
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name, str(n)],
                              stdout=subprocess.PIPE, text=True) for name in ("p1", "p2")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    (tmp_path / "go").touch()
    for p in procs:
        assert p.wait(timeout=60) == 0
        assert p.stdout.read().strip() == "done"     # read(), not communicate(): keeps readline's buffer
        p.stdout.close()
    s = open_store("shared", root=tmp_path)
    assert s.problems == []
    assert set(s.latest("comment_label")) == {f"{p}-{i}" for p in ("p1", "p2") for i in range(n)}
    seqs = [r.seq for r in s.history()]
    assert sorted(seqs) == list(range(1, 4 * n + 1)) and seqs == sorted(seqs)
    last = s.history("progress")[-1]
    assert s.latest("progress")["shared-key"] == last and last.value["i"] == n - 1


# ---------------------------------------------------------------- damaged files

def backups(s: store.Store) -> list[Path]:
    return sorted(s.path.parent.glob("work.jsonl.damaged-*"))


def test_empty_file_loads_with_no_problems(tmp_path):
    path = tmp_path / "quiet" / "work.jsonl"
    path.parent.mkdir()
    path.write_bytes(b"")
    s = open_store("quiet", root=tmp_path)
    assert s.latest() == {} and s.problems == [] and backups(s) == []
    assert put_span(s, 0, 4).seq == 1


def test_truncated_last_line_is_kept_aside_and_next_record_starts_fresh(st, tmp_path):
    put_span(st, 5, 22, key="a")
    good = st.path.read_bytes()
    with open(st.path, "ab") as fh:
        fh.write(good[: len(good) // 2])     # a save cut off mid-line, no newline
    s = open_store(root=tmp_path)
    assert list(s.latest()) == ["a"]
    assert any("line 2" in p and "cut off" in p and str(s.path) in p for p in s.problems)
    (backup,) = backups(s)
    assert good[: len(good) // 2] in backup.read_bytes()
    s.put("progress", case_id="case-1", key="after", value={})
    # the damaged line did not swallow the new record; a fresh reader sees both good records
    fresh = open_store(root=tmp_path)
    assert sorted(fresh.latest()) == ["a", "after"]
    assert any("line 2" in p for p in fresh.problems)
    assert len(backups(fresh)) == 1          # same damage, no second copy
    assert st.path.read_bytes().startswith(good)   # never rewritten


def test_invalid_json_in_the_middle_skips_only_that_line(st, tmp_path):
    put_span(st, 5, 22, key="a")
    with open(st.path, "ab") as fh:
        fh.write(b'{"schema": 1, "seq": oops}\n')
    put_span(st, 29, 34, key="b")
    s = open_store(root=tmp_path)
    assert sorted(s.latest()) == ["a", "b"]
    assert any(f"{s.path} line 2: not valid JSON" in p for p in s.problems)
    assert b"oops" in backups(s)[0].read_bytes()


def test_newer_schema_version_is_reported_not_loaded(st, tmp_path):
    put_span(st, 5, 22, key="a")
    rec = json.loads(lines(st)[0]) | {"schema": 2, "seq": 2, "key": "future"}
    with open(st.path, "a") as fh:
        fh.write(json.dumps(rec) + "\n")
    s = open_store(root=tmp_path)
    assert list(s.latest()) == ["a"]
    assert any("line 2" in p and "newer version" in p and "schema 2" in p for p in s.problems)


@pytest.mark.parametrize("junk", [
    bytes(range(256)) + b"\n",                     # binary garbage
    b"student,label\nplaceholder,words\n",          # a foreign CSV file
    b'["a list", "not a record"]\n',
    b'{"schema": 1, "seq": 9, "op": "put", "kind": "essay", "case_id": "c", "doc_id": "", "key": "k",'
    b' "time": "t", "value": {}}\n',
])
def test_foreign_or_garbage_lines_are_kept_aside(st, tmp_path, junk):
    put_span(st, 5, 22, key="a")
    with open(st.path, "ab") as fh:
        fh.write(junk)
    put_span(st, 29, 34, key="b")
    s = open_store(root=tmp_path)
    assert sorted(s.latest()) == ["a", "b"]
    assert s.problems and all(str(s.path) in p for p in s.problems)
    kept = backups(s)[0].read_bytes()
    assert all(line in kept for line in junk.split(b"\n") if line.strip())


def test_whole_file_of_garbage_is_summarised_and_backups_never_overwritten(tmp_path):
    path = tmp_path / "junk" / "work.jsonl"
    path.parent.mkdir()
    path.write_bytes(b"\n".join(b"\x00\xff garbage %d" % i for i in range(30)) + b"\n")
    s = open_store("junk", root=tmp_path)
    assert s.latest() == {}
    assert any("more damaged lines" in p for p in s.problems)
    assert len([p for p in s.problems if " line " in p]) <= store.MAX_LISTED + 1
    (first,) = backups(s)
    before = first.read_bytes()
    with open(path, "ab") as fh:                   # new damage later: a second backup
        fh.write(b"\x00 more garbage\n")
    s2 = open_store("junk", root=tmp_path)
    assert len(backups(s2)) == 2 and first.read_bytes() == before
    assert s2.put("progress", case_id="c", key="k", value={}).seq == 1


def test_changed_text_reanchors_or_reports_orphans(st):
    put_span(st, 5, 22, key="moved")                # "placeholder words"
    put_span(st, 76, 94 - 7, key="gone")            # "placeholder"
    assert st.spans_for("case-1", "article", TEXT).keys() == {"moved", "gone"}
    new_text = "A new opening. " + TEXT.replace("closing placeholder", "closing")
    found = st.spans_for("case-1", "article", new_text)
    assert set(found) == {"moved"}
    moved = found["moved"]
    assert new_text[moved.start:moved.end] == "placeholder words" and moved.start == 20
    assert moved.anchor["checksum"] == spans.checksum(new_text)
    assert [o.key for o in st.orphans] == ["gone"]
    assert any("'gone'" in p and "no longer in the text" in p for p in st.problems)
    assert "gone" in st.latest("span")              # never dropped from the store


# ---------------------------------------------------------------- export and import

def test_export_round_trips_and_is_versioned(st, tmp_path):
    put_span(st, 5, 22, key="a")
    st.put("verdict", case_id="case-1", key="claim-1", value={"verdict": "false", "justification": "placeholder"})
    st.delete("verdict", case_id="case-1", key="claim-1")
    path = st.export(tmp_path / "out.json")
    doc = load_export(path)
    assert (doc["schema"], doc["version"], doc["student"]) == ("medialit-work", 1, "river-otter_7")
    assert [r["key"] for r in doc["records"]] == ["a"]
    assert [r.key for r in store.records_of(doc)] == ["a"]
    full = load_export(st.export(tmp_path / "full.json", history=True))
    assert [r["op"] for r in full["records"]] == ["put", "put", "delete"]
    assert st.export().name == "river-otter_7.medialit-work.json"


def test_web_annotation_export(st, tmp_path):
    put_span(st, 5, 22, key="a")
    st.put("reflection", case_id="case-1", key="r", value={"text": "placeholder"})
    doc = json.loads(st.export_web_annotation(tmp_path / "anno.jsonld").read_text())
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["type"] == "AnnotationCollection"
    (anno,) = doc["first"]["items"]
    assert anno["type"] == "Annotation" and doc["total"] == 1
    assert anno["target"]["source"] == "urn:medialit:case-1:article"
    pos, quote = anno["target"]["selector"]
    assert pos == {"type": "TextPositionSelector", "start": 5, "end": 22}
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "placeholder words"
    assert {b["purpose"]: b["value"] for b in anno["body"]} == {"tagging": "loaded_language",
                                                               "commenting": "a placeholder note"}


def good_export(st, tmp_path) -> dict:
    put_span(st, 5, 22, key="a")
    return json.loads(st.export(tmp_path / "good.json").read_text())


@pytest.mark.parametrize("change, message", [
    (lambda d: d | {"schema": "something-else"}, "expected \"schema\": \"medialit-work\""),
    (lambda d: d | {"version": 2}, "version 2.*newer"),
    (lambda d: d | {"student": "no spaces allowed"}, "field 'student'"),
    (lambda d: d | {"records": {}}, "'records' must be a list"),
    (lambda d: d | {"records": [d["records"][0] | {"kind": "essay"}]}, r"records\[0\]: kind 'essay'"),
    (lambda d: d | {"records": [d["records"][0] | {"seq": "1"}]}, r"records\[0\]: field 'seq'"),
    (lambda d: d | {"records": [d["records"][0] | {"anchor": {"checksum": "x"}}]}, r"records\[0\]: anchor"),
    (lambda d: [d], "expected a JSON object"),
    (lambda d: {"@context": "http://www.w3.org/ns/anno.jsonld"}, "Web Annotation"),
])
def test_import_rejects_bad_files_naming_file_and_problem(st, tmp_path, change, message):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(change(good_export(st, tmp_path))))
    with pytest.raises(WorkImportError, match=message) as info:
        load_export(bad)
    assert str(bad) in str(info.value)


@pytest.mark.parametrize("content, message", [
    (b"", "not valid JSON"), (b"{not json", "not valid JSON.*line 1"), (bytes(range(256)), "not a text file")])
def test_import_rejects_non_json(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(WorkImportError, match=message):
        load_export(bad)
    with pytest.raises(WorkImportError, match="cannot be read"):
        load_export(tmp_path / "missing.json")


def test_saved_record_does_not_follow_later_changes_to_the_callers_dict(st):
    value = {"text": "placeholder words", "tags": ["a"]}
    st.put("reflection", case_id="case-1", key="r", value=value)
    value["tags"].append("b")
    assert st.latest("reflection")["r"].value == {"text": "placeholder words", "tags": ["a"]}


def test_problems_are_also_logged_for_the_notebook(st, tmp_path, caplog):
    with open(st.path, "ab") as fh:
        fh.write(b"not json at all\n")
    with caplog.at_level("WARNING", logger="medialit.store"):
        s = open_store(root=tmp_path)
    assert s.problems and s.problems[0] in caplog.text
    assert "Problems" in s._repr_html_() and "not valid JSON" in s._repr_html_()


def test_a_byte_order_mark_from_an_editor_is_tolerated(st, tmp_path):
    put_span(st, 5, 22, key="a")
    st.path.write_bytes(b"\xef\xbb\xbf" + st.path.read_bytes())
    s = open_store(root=tmp_path)
    assert list(s.latest()) == ["a"] and s.problems == []


def test_messages_about_saved_work_mask_listed_terms(st, monkeypatch):
    """The quote of a span whose text is gone was shown raw in the highlighter's save line
    and in the store's HTML view."""
    from medialit import safety
    monkeypatch.setattr(safety, "terms", lambda: ("zork",))
    text = "A placeholder sentence with zork in it, then more placeholder words."
    put_span(st, 28, 38, key="k-zork", text=text)              # "zork in it"
    assert st.spans_for("case-1", "article", "Other placeholder words only.") == {}
    (message,) = [p for p in st.problems if "no longer in the text" in p]
    assert "z*** in it" in message and "zork" not in message.replace(str(st.path), "")
    assert "zork" not in st._repr_html_().replace(str(st.path), "").replace("k-z***", "")
    with pytest.raises(StoreError) as info:
        st.put("z0rk", case_id="case-1", key="x", value={})
    assert "z0rk" not in str(info.value) and "z***" in str(info.value)
