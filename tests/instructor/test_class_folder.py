"""Which export of a pseudonym the report uses: odd and future timestamps, guest exports,
and what each skipped file asks the instructor to do."""
from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from medialit.instructor import folder, skips
from medialit.instructor.synthetic import export_doc

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)


def _rec(seq: int, text: str = "placeholder words") -> dict:
    return {"schema": 1, "seq": seq, "time": "2026-11-30T10:00:00.000Z", "op": "put", "kind": "reflection",
            "case_id": "rodong-2024", "doc_id": "", "key": "0.4", "value": {"text": text, "changed": True},
            "anchor": None}


def _put(path: Path, pseudonym: str, exported, text: str = "placeholder words") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(export_doc(pseudonym, [_rec(1, text)], exported=exported)), encoding="utf-8")
    return path


def _read(root: Path):
    graded, skips = folder.read_folder(root, jobs=1, now=NOW)
    return {s.name: s.pseudonym for s, _ in graded}, {s.name: s for s in skips}


# ---------------------------------------------------------------- timestamps

def test_a_naive_and_an_aware_export_of_one_pseudonym_do_not_crash_the_report(tmp_path):
    _put(tmp_path / "a" / "fox.json", "fox", "2026-12-02T08:00:00")       # no zone: read as UTC
    _put(tmp_path / "b" / "fox.json", "fox", "2026-12-02T09:00:00Z")
    kept, skips = _read(tmp_path)
    assert kept == {"b/fox.json": "fox"}
    assert "older export" in skips["a/fox.json"].reason


def test_a_naive_time_is_read_as_utc(tmp_path):
    _put(tmp_path / "a.json", "fox", "2026-12-02T10:00:00")             # 10:00 UTC
    _put(tmp_path / "b.json", "fox", "2026-12-02T11:00:00+02:00")       # 09:00 UTC
    kept, _ = _read(tmp_path)
    assert kept == {"a.json": "fox"}


ODD_TIMES = [   # exported, listed as skipped?, the reason says
    ("2026-12-02T08:00:00", False, None),
    ("2026-12-02T08:00:00.000Z", False, None),
    ("2026-12-02T08:00:00+05:30", False, None),
    ("2026-12-02", False, None),
    ("2026-12-04T11:00:00Z", False, None),                 # within a day of clock skew
    ("0001-01-01T00:00:00", False, None),
    ("yesterday", True, "not a date and time"),
    ("", True, "not a date and time"),
    ("2026-12-02T08:00:00ZZ", True, "not a date and time"),
    ("0001-01-01T00:00:00+14:00", True, "not a date and time"),   # before year 1 in UTC
    ("9999-12-31T23:59:59-14:00", True, "not a date and time"),   # after year 9999 in UTC
    ("2026-12-05T13:00:00Z", True, "in the future"),
    ("9999-12-31T23:59:59Z", True, "in the future"),
    (20261202, True, "time string"),
    (None, True, "time string"),
    (["2026-12-02"], True, "time string"),
]


@pytest.mark.parametrize("exported, is_skipped, why", ODD_TIMES)
def test_every_odd_timestamp_is_read_or_listed(tmp_path, exported, is_skipped, why):
    _put(tmp_path / "one.json", "fox", exported)
    kept, skips = _read(tmp_path)
    if is_skipped:
        assert kept == {} and why in skips["one.json"].reason, skips
    else:
        assert kept == {"one.json": "fox"} and skips == {}


def test_all_odd_timestamps_for_one_pseudonym_together(tmp_path):
    for n, (exported, _, _) in enumerate(ODD_TIMES):
        _put(tmp_path / f"f{n:02d}.json", "fox", exported, text=f"placeholder {n}")
    kept, skips = _read(tmp_path)
    assert kept == {"f04.json": "fox"}                      # the newest one that is not in the future
    assert len(skips) == len(ODD_TIMES) - 1


_zones = st.one_of(st.just(""), st.just("Z"), st.sampled_from(["+00:00", "-14:00", "+14:00", "+05:45", "-03:30"]))
_times = st.one_of(
    st.builds(lambda d, z: d.isoformat() + z, st.datetimes(), _zones),
    st.text(max_size=30), st.integers(), st.none(), st.floats(allow_nan=False), st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["fox", "owl"]), _times), min_size=1, max_size=6))
def test_any_timestamps_are_read_or_listed_never_a_crash(exports):
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for n, (pseudonym, exported) in enumerate(exports):
            _put(root / f"e{n}.json", pseudonym, exported, text=f"placeholder {n}")
        graded, skips = folder.read_folder(root, jobs=1, now=NOW)
    names = [s.name for s, _ in graded] + [s.name for s in skips]
    assert sorted(names) == sorted(f"e{n}.json" for n in range(len(exports)))     # each file once
    want = {}                      # per pseudonym, the newest usable export (ties: the later name)
    for n, (pseudonym, exported) in enumerate(exports):
        when = _usable(exported)
        if when is not None:
            want[pseudonym] = max(want.get(pseudonym, (when, f"e{n}.json")), (when, f"e{n}.json"))
    assert {s.pseudonym: s.name for s, _ in graded} == {p: name for p, (_, name) in want.items()}


def _usable(exported) -> datetime | None:
    """The rule the docs state: ISO 8601, no zone means UTC, not more than a day after the run."""
    if not isinstance(exported, str):
        return None
    try:
        when = datetime.fromisoformat(exported)
        when = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None
    return when if when <= NOW + timedelta(days=1) else None


def test_a_future_export_never_supersedes_a_real_one(tmp_path):
    _put(tmp_path / "a" / "fox.json", "fox", "2026-12-02T09:00:00Z")
    _put(tmp_path / "b" / "fox.json", "fox", "9999-12-31T23:59:59Z", text="placeholder other")
    kept, skips = _read(tmp_path)
    assert kept == {"a/fox.json": "fox"}
    assert "in the future" in skips["b/fox.json"].reason and "clock" in skips["b/fox.json"].advice


def test_the_run_time_defaults_to_now(tmp_path):
    _put(tmp_path / "fox.json", "fox", "9999-12-31T23:59:59Z")
    _put(tmp_path / "owl.json", "owl", datetime.now(timezone.utc).isoformat())
    graded, skips = folder.read_folder(tmp_path, jobs=1)
    assert [s.pseudonym for s, _ in graded] == ["owl"] and [s.name for s in skips] == ["fox.json"]


# ---------------------------------------------------------------- guest exports

def test_guest_exports_of_different_students_are_all_kept(tmp_path):
    _put(tmp_path / "a" / "guest-2026-12-01.medialit-work.json", "guest", "2026-12-01T08:00:00Z", "placeholder a")
    _put(tmp_path / "b" / "guest-2026-12-01.medialit-work.json", "guest", "2026-12-01T09:00:00Z", "placeholder b")
    kept, skips = _read(tmp_path)
    assert kept == {"a/guest-2026-12-01.medialit-work.json": "guest (a/guest-2026-12-01.medialit-work.json)",
                    "b/guest-2026-12-01.medialit-work.json": "guest (b/guest-2026-12-01.medialit-work.json)"}
    assert skips == {}


def test_guest_exports_are_kept_on_several_cores_too(tmp_path, case):
    from medialit.instructor import Grader
    for n in range(3):
        _put(tmp_path / f"s{n}" / "guest.json", "guest", f"2026-12-01T0{n}:00:00Z", f"placeholder {n}")
    graded, _ = folder.read_folder(tmp_path, Grader(case).grade, jobs=2, now=NOW)
    assert [r.pseudonym for _, r in graded] == [f"guest (s{n}/guest.json)" for n in range(3)]


def test_an_exact_copy_of_a_guest_export_is_still_a_copy(tmp_path):
    path = _put(tmp_path / "a" / "guest.json", "guest", "2026-12-01T08:00:00Z")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "guest.json").write_bytes(path.read_bytes())
    kept, skips = _read(tmp_path)
    assert list(kept) == ["a/guest.json"] and "exact copy" in skips["b/guest.json"].reason


# ---------------------------------------------------------------- what to do about a skipped file

def test_each_skip_reason_has_its_own_advice(tmp_path):
    _put(tmp_path / "fox-new.json", "fox", "2026-12-02T09:00:00Z")
    _put(tmp_path / "fox-old.json", "fox", "2026-12-01T09:00:00Z")
    (tmp_path / "fox-copy.json").write_bytes((tmp_path / "fox-new.json").read_bytes())
    (tmp_path / "notes.txt").write_text("placeholder notes", encoding="utf-8")
    (tmp_path / "class.zip").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.json").write_text('{"schema": "medialit-work", ', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"name": "placeholder"}', encoding="utf-8")
    (tmp_path / "newer.json").write_text(json.dumps(dict(export_doc("newer", []), version=2)), encoding="utf-8")
    (tmp_path / "huge.json").write_text(" " * 2048 + "{}", encoding="utf-8")
    deep = tmp_path / "l1" / "l2" / "l3"
    _put(deep / "deep.json", "deep", "2026-12-02T09:00:00Z")
    _put(tmp_path / "l1" / "l2" / "two-down.json", "two-down", "2026-12-02T09:00:00Z")
    _put(tmp_path / "future.json", "owl", "9999-12-31T00:00:00Z")
    graded, left = folder.read_folder(tmp_path, jobs=1, now=NOW, max_bytes=1024)
    assert sorted(s.name for s, _ in graded) == ["fox-copy.json", "l1/l2/two-down.json"]   # read by name
    advice = {s.name: s.advice for s in left}
    assert {n for n, a in advice.items() if a == skips.NOTHING} == {"fox-old.json", "fox-new.json"}
    assert advice["notes.txt"] == skips.FOREIGN and skips.FOREIGN.startswith("nothing to do")
    assert advice["broken.json"] == skips.EXPORT_AGAIN
    assert advice["other.json"] == skips.WRONG_FILE
    assert advice["class.zip"] == skips.UNZIP
    assert advice["newer.json"] == skips.UPDATE
    assert advice["huge.json"] == skips.LARGER
    assert advice["l1/l2/l3/"] == skips.MOVE_UP and "two folders" in skips.MOVE_UP
    assert "clock" in advice["future.json"]
    assert all(advice.values()), advice
    assert not any("export again" in advice[n] for n in ("fox-old.json", "fox-new.json", "notes.txt"))


def test_the_report_page_says_what_to_do_for_each_skipped_file(tmp_path):
    from medialit import instructor
    _put(tmp_path / "fox.json", "fox", "2026-12-02T09:00:00Z")
    (tmp_path / "fox-copy.json").write_bytes((tmp_path / "fox.json").read_bytes())
    (tmp_path / "broken.json").write_text('{"schema": "medialit-work", ', encoding="utf-8")
    page = instructor.render_html(instructor.class_report(tmp_path, progress=False, jobs=1))
    assert "What to do" in page
    assert skips.EXPORT_AGAIN.split(" (")[0] in page and skips.NOTHING in page
    assert page.count("ask the student to export again") == 1       # only for the damaged file
