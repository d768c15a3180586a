"""Damaged store files: linear time, backups written once, seq never repeated, a last line
without its newline, and a full disk. Texts are neutral placeholders."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medialit.errors import StoreError
from medialit.store import open_store, set_student

FAST_IMPORT = """
import importlib.util, sys, types
_pkg = types.ModuleType("medialit")
_pkg.__path__ = list(importlib.util.find_spec("medialit").submodule_search_locations)
sys.modules["medialit"] = _pkg
"""


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("work.jsonl.damaged-*"))


@pytest.fixture
def st(tmp_path):
    return set_student("river-otter_7", root=tmp_path)


def test_megabytes_of_damaged_lines_open_fast_every_time(st, tmp_path, caplog):
    """8 MB of damaged lines: the first open copies them aside once, later opens only check
    them (before: 2 s the first time and 22 s every time after, growing with the square)."""
    st.put("progress", case_id="case-1", key="good", value={"n": 1})
    line = b'{"schema": 1, "seq": oops, "note": "' + b"placeholder " * 80 + b'"}\n'
    with open(st.path, "ab") as fh:
        fh.write(line * (8 * 2 ** 20 // len(line)))
    times = []
    with caplog.at_level(logging.ERROR, logger="medialit.store"):
        for _ in range(3):
            t = time.perf_counter()
            s = open_store(root=tmp_path)
            times.append(time.perf_counter() - t)
            assert list(s.latest()) == ["good"]
    (backup,) = backups(s.path.parent)                 # written once, never again
    assert backup.stat().st_size > 8 * 2 ** 20
    assert any(f"kept in {backup}" in p for p in s.problems)
    assert max(times) < 2.0, times


def test_a_last_line_missing_only_its_newline_is_a_saved_record(st, tmp_path):
    st.put("progress", case_id="case-1", key="first", value={})
    st.put("progress", case_id="case-1", key="second", value={})
    st.path.write_bytes(st.path.read_bytes()[:-1])      # e.g. an editor that drops the last newline
    s = open_store(root=tmp_path)
    assert sorted(s.latest()) == ["first", "second"] and s.problems == [] and backups(s.path.parent) == []
    rec = s.put("progress", case_id="case-1", key="third", value={})
    assert rec.seq == 3                                 # before: 2 again, and "second" revived twice
    fresh = open_store(root=tmp_path)
    assert [r.seq for r in fresh.history()] == [1, 2, 3] and fresh.problems == []
    assert st.latest().keys() == {"first", "second", "third"}   # the other object catches up too
    st.put("progress", case_id="case-1", key="fourth", value={})
    assert [r.seq for r in open_store(root=tmp_path).history()] == [1, 2, 3, 4]


def test_seq_is_never_given_out_again_after_a_damaged_record(st, tmp_path):
    rec = st.put("progress", case_id="case-1", key="a", value={}).to_dict()
    with open(st.path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec | {"seq": 7, "schema": 2}) + "\n")     # newer version: skipped
        fh.write(json.dumps(rec | {"seq": 9, "kind": "essay"}) + "\n")  # unknown kind: skipped
        fh.write('{"schema":1,"seq":12,"time":"cut off her\n')          # cut-off record
    s = open_store(root=tmp_path)
    assert len(s.problems) >= 3
    assert s.put("progress", case_id="case-1", key="b", value={}).seq == 13


def test_two_writers_after_a_missing_newline_share_one_sequence(st, tmp_path):
    st.put("progress", case_id="case-1", key="a", value={})
    st.path.write_bytes(st.path.read_bytes()[:-1])
    one, two = open_store(root=tmp_path), open_store(root=tmp_path)
    one.put("progress", case_id="case-1", key="b", value={})
    two.put("progress", case_id="case-1", key="c", value={})
    fresh = open_store(root=tmp_path)
    assert [r.seq for r in fresh.history()] == [1, 2, 3] and fresh.problems == []
    assert [r.key for r in fresh.history()] == ["a", "b", "c"]


DISK_FULL = FAST_IMPORT + """
import json, resource, signal, sys
from medialit.store import open_store
from medialit.errors import StoreError
root = sys.argv[1]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)        # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
out = {}
try:
    s = open_store("river-otter_7", root=root)
    out["problems"] = s.problems
    for i in range(2):
        try:
            s.put("reflection", case_id="case-1", key=f"r{i}", value={"text": "placeholder " * 20})
            out[f"save{i}"] = "saved"
        except StoreError as e:
            out[f"save{i}"] = "StoreError: " + str(e)
except Exception as e:
    out["raw"] = type(e).__name__ + ": " + str(e)
print(json.dumps(out))
"""


def test_a_full_disk_gives_clear_errors_and_leaves_no_empty_backups(st, tmp_path):
    st.put("progress", case_id="case-1", key="a", value={})
    with open(st.path, "ab") as fh:
        fh.write(b'{"schema":1,"seq":2,"time":"cut o')      # a save cut off earlier
    before = st.path.read_bytes()
    proc = subprocess.run([sys.executable, "-c", DISK_FULL, str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "raw" not in out, out
    for i in range(2):                             # the second save after a full disk too
        assert out[f"save{i}"].startswith("StoreError: ") and str(st.path) in out[f"save{i}"]
        assert "disk is full" in out[f"save{i}"]
    assert any("could not copy" in p.lower() or "Could not copy" in p for p in out["problems"]), out
    assert backups(st.path.parent) == []                # no empty work.jsonl.damaged-N
    assert st.path.read_bytes() == before          # nothing half-written was left behind
    s = open_store(root=tmp_path)                  # with space again: all as before
    assert list(s.latest()) == ["a"] and len(backups(s.path.parent)) == 1
    assert s.put("progress", case_id="case-1", key="b", value={}).seq == 3


def test_a_failed_append_is_cut_back_off(st, tmp_path, monkeypatch):
    import errno
    import os
    st.put("progress", case_id="case-1", key="a", value={})
    before = st.path.read_bytes()
    real = os.write

    def half(fd, data):                            # writes half, then the disk is full
        if len(data) > 10:
            real(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(os, "write", half)
    for _ in range(2):
        with pytest.raises(StoreError, match=f"{st.path}.*disk is full"):
            st.put("reflection", case_id="case-1", key="r", value={"text": "placeholder words"})
    monkeypatch.undo()
    assert st.path.read_bytes() == before
    assert st.put("progress", case_id="case-1", key="b", value={}).seq == 2
    assert open_store(root=tmp_path).problems == []
