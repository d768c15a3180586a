"""Property tests: generated case folders, store files and export files never raise anything
but the course's own errors (CaseError, StoreError, WorkImportError), and what loads holds
together. Generated texts are neutral (placeholder words, symbols, emoji, control
characters); no real comment is copied here."""
from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

import medialit
from medialit import safety, spans
from medialit.errors import CaseError, StoreError, WorkImportError
from medialit.store import KINDS, load_export, open_store
from medialit.widgets.sourcecard import SourceCard

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = "Some placeholder words, then other placeholder words."

# ---------------------------------------------------------------- JSON values

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2 ** 70, 2 ** 70),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c,
                                                                                        max_size=3), max_leaves=8)


def record(seq: int, kind: str = "progress", key: str = "k", **extra) -> dict:
    rec = {"schema": 1, "seq": seq, "time": "2026-01-01T00:00:00.000Z", "op": "put", "kind": kind,
           "case_id": "case-1", "doc_id": "article", "key": key, "value": {"label": "placeholder"},
           "anchor": spans.anchor(TEXT, 5, 22) if kind == "span" else None}
    rec.update(extra)
    return rec


FIELDS = ["schema", "seq", "time", "op", "kind", "case_id", "doc_id", "key", "value", "anchor"]

good_records = st.builds(lambda seq, kind, key, value: record(seq, kind, key, value=value),
                         st.integers(1, 10 ** 6), st.sampled_from(KINDS), st.text(min_size=1, max_size=8),
                         st.dictionaries(st.text(max_size=5), json_values, max_size=3))
mutated_records = st.builds(lambda r, field, value: r | {field: value}, good_records, st.sampled_from(FIELDS),
                            json_values)


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


HOSTILE_LINES = [
    b'{"schema":1,"seq":NaN}', b'{"schema":1,"schema":1}', b"[" * 5000 + b"]" * 5000, b'{"seq":' + b"9" * 5000 + b"}",
    b'{"value":"\\ud800"}', b"\xef\xbb\xbf{}", b"\x00\xff\xfe", b"{", b'{"schema":1,"seq":3,"time":"t', b"   ",
    dumps(record(2)) + b"\r", b"# a comment line",
]

lines = st.one_of(good_records.map(dumps), mutated_records.map(dumps), st.binary(max_size=40),
                  st.sampled_from(HOSTILE_LINES),
                  good_records.map(dumps).flatmap(lambda b: st.integers(0, len(b)).map(lambda n: b[:n])))


@SETTINGS
@given(st.lists(lines, max_size=12), st.sampled_from([b"\n", b"\r\n"]), st.booleans(), st.booleans())
def test_generated_store_files_load_or_fail_clearly(body, newline, last_newline, bom):
    data = newline.join(body) + (newline if last_newline and body else b"")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "river-otter_7"
        folder.mkdir()
        (folder / "work.jsonl").write_bytes(data)
        try:
            s = open_store("river-otter_7", root=tmp)
        except StoreError:
            return
        seqs = [r.seq for r in s.history()]
        s.latest(), s.records("span"), s.spans_for("case-1", "article", TEXT), s.web_annotations()
        for history in (False, True):
            doc = load_export(s.export(Path(tmp) / "out.json", history=history))   # every export re-imports
            assert len(doc["records"]) == len(s.history() if history else s.records())
        new = s.put("progress", case_id="case-1", key="after", value={"n": 1})
        assert all(new.seq > q for q in seqs)                   # seq never repeats
        again = open_store("river-otter_7", root=tmp)
        assert again.latest("progress", case_id="case-1")["after"].seq == new.seq
        assert [r.seq for r in again.history()].count(new.seq) == 1


# ---------------------------------------------------------------- exports

def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


def _replace(obj, path, value):
    if not path:
        return value
    obj = json.loads(json.dumps(obj))
    cur = obj
    for p in path[:-1]:
        cur = cur[p]
    cur[path[-1]] = value
    return obj


EXPORT = {"schema": "medialit-work", "version": 1, "student": "river-otter_7", "exported": "2026-01-01T00:00:00Z",
          "records": [record(1, "span", "a"), record(2, "quiz", "q", value={"answer": [1, 2]})]}
ALL_PATHS = list(_paths(EXPORT))

exports = st.one_of(
    st.builds(_replace, st.just(EXPORT), st.sampled_from(ALL_PATHS), json_values).map(dumps),
    st.builds(lambda n: dumps(EXPORT)[:n], st.integers(0, len(dumps(EXPORT)))),
    st.binary(max_size=60),
    st.sampled_from(HOSTILE_LINES),
    json_values.map(lambda v: json.dumps(v).encode()),
)


@SETTINGS
@given(exports)
def test_generated_export_files_load_or_fail_clearly(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "handed-in.json"
        path.write_bytes(content)
        try:
            doc = load_export(path)
        except WorkImportError as exc:
            assert str(path) in str(exc)
            return
        # what loads is plain, finite JSON a course reader can trust
        assert doc["schema"] == "medialit-work" and isinstance(doc["records"], list)
        json.dumps(doc, allow_nan=False).encode("utf-8")       # no NaN, no lone surrogate
        assert all(not isinstance(v, float) or math.isfinite(v) for v in _leaves(doc))
        from medialit.store import records_of
        assert len(records_of(doc)) == len(doc["records"])


def _leaves(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _leaves(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _leaves(v)
    else:
        yield obj


# ---------------------------------------------------------------- case folders

words = st.sampled_from(["Placeholder", "widget", "river.", "Mr.", "e.g.", "1.5", "“quoted”", "U.S.", "V.",
                         "market!", "why?", "…", "🇷🇺", "😆", "a\u00a0b", "x\u200by", "Ann Example", "", "\t"])
lines_of_text = st.lists(words, min_size=1, max_size=8).map(" ".join)
blocks = st.lists(lines_of_text, min_size=1, max_size=3).map("\n".join)
gaps = st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\u00a0\n\n", "\n"])
DAMAGE = ["none", "none", "none", "none", "bom", "bad utf-8", "crlf", "lone cr"]


@st.composite
def source_texts(draw) -> bytes:
    parts = draw(st.lists(blocks, min_size=0, max_size=8))
    text = ""
    for p in parts:
        text += p + draw(gaps)
    if draw(st.booleans()):
        text += "\n\n\n" + "\n\n".join(draw(st.lists(blocks, max_size=6)))
    raw = text.encode("utf-8")
    damage = draw(st.sampled_from(DAMAGE))
    if damage == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif damage == "bad utf-8":
        raw = raw[:len(raw) // 2] + b"\xff" + raw[len(raw) // 2:]
    elif damage == "crlf":
        raw = raw.replace(b"\n", b"\r\n")
    elif damage == "lone cr":
        raw = raw.replace(b"\n", b"\r", 1)
    return raw


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if not (isinstance(v, float) and not math.isfinite(v)) else "nan"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    return '""'


toml_scalars = st.one_of(st.booleans(), st.integers(-10, 10), st.text(max_size=10))
toml_values = st.recursive(toml_scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=5), c, max_size=3), max_leaves=6)
KNOWN = ["author", "language", "summary", "source_sha256", "layout", "comments", "context", "licence",
         "content_notes", "publication"]
SHAPED = {"layout": {"byline": True}, "comments": {"authors": ["Ann Example"], "site": "x"},
          "publication": [{"outlet": "x", "date": "2024-06-18"}], "context": {"a": "b"}, "licence": {"a": "b"},
          "content_notes": {"comments": "a note"}, "source_sha256": "0" * 64, "author": "A. Placeholder"}


@st.composite
def case_tomls(draw) -> str:
    meta = {"id": draw(st.sampled_from(["generated"] * 5 + ["", 3])), "title": "A generated case"}
    for k in draw(st.lists(st.sampled_from(KNOWN), min_size=1, max_size=4, unique=True)):
        meta[k] = SHAPED.get(k, "text") if draw(st.booleans()) else draw(toml_values)   # right shape or any
    return "\n".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in meta.items()) + "\n"


MINIMAL = b"A placeholder headline\n\nBy a placeholder\n\nOne sentence. Two sentences.\n\n\nAnn Example\n\na comment\n"
BASE = '"id" = "generated"\n"title" = "A generated case"\n'


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source_texts(), st.one_of(case_tomls(), case_tomls(), case_tomls(), st.text(max_size=40)))
@example(MINIMAL, BASE + "layout = 5\n")                       # the breaks issue 9 found
@example(MINIMAL, BASE + 'comments = "x"\n')
@example(MINIMAL, BASE + '[publication]\noutlet = "x"\n')
@example(MINIMAL, BASE + "[[publication]]\ndate = 2024-06-18\n")
@example(MINIMAL.replace(b"\n", b"\r\n"), BASE)
def test_generated_case_folders_load_or_fail_clearly(source, toml):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "source.txt").write_bytes(source)
        (folder / "case.toml").write_text(toml, encoding="utf-8")
        try:
            case = medialit.load_case(path=folder)
        except CaseError as exc:
            assert str(folder) in str(exc)
            return
        for table in (case.paragraphs, case.sentences, case.comments):
            for row in table.itertuples():
                assert case.text[row.start:row.end] == row.text
        for doc_id in case.documents:
            d = case.document(doc_id)
            assert case.text[d.start:d.end] == d.text
        assert len(safety.mask(case.text)) == len(case.text)
        card = SourceCard(case)                        # what the course shows of case.toml
        repr(card), card._repr_html_()
        assert "\r" not in case.text
