"""Topics for comparing sources (lesson 06): the same events as framed by different sources.

Two files per case, read and checked here (plain data; the SourceComparer widget is a view):

- ``sources.toml``: the topics, each with a neutral ``record`` and at least four attributed
  sources (publisher, kind, date, address, and an exact ``quote`` or a ``summary`` in the
  course's words), official voices marked with the ``government`` that speaks;
- ``keys/sources.toml``: the key, one ``[[item]]`` per source: ``topic``, ``source``,
  ``framing`` (one of :data:`FRAMINGS`), ``omissions``, ``rationale``, ``contested``
  (loaded with ``case.key("sources")``).
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import KeyFileError
from .feedback import Pending
from .paths import data_dir

__all__ = ["FRAMING_CHOICES", "FRAMINGS", "MIN_SOURCES", "NO_GOVERNMENT", "load_topics", "source_key", "who_says_what",
           "source_kinds", "kind_legend", "Notes", "framing_feedback", "omission_feedback", "key_table", "trust_feedback"]

FRAMING_CHOICES: tuple[tuple[str, str], ...] = (
    ("same facts", "Reports what the other sources establish, in neutral words."),
    ("omission", "True as far as it goes, but leaves out what the others show."),
    ("loaded framing", "The facts may be there, but the words judge them for you."),
    ("contradiction", "Says something the record contradicts."),
)
FRAMINGS = tuple(f for f, _ in FRAMING_CHOICES)
MIN_SOURCES = 4
NO_GOVERNMENT = "(not a government)"   # the "government" of a source no state speaks through
_SOURCE_FIELDS = ("id", "publisher", "kind", "date", "url")
_OPTIONAL_TEXT = ("dossier", "authenticity", "government")


def _kinds() -> tuple[str, ...]:
    from .keys import EVIDENCE_KINDS  # keys imports this module: import when needed
    return EVIDENCE_KINDS


def load_topics(case_dir: str | Path) -> list[dict]:
    """The topics of ``<case_dir>/sources.toml`` as plain dicts, checked.

    Each ``[[topic]]`` needs ``id``, ``title``, ``question``, ``record`` and at least
    :data:`MIN_SOURCES` ``[[topic.source]]`` tables with ``id``, ``publisher``, ``kind`` (a
    source-dossier code), ``date``, ``url`` (http or https) and exactly one of ``quote`` and
    ``summary``; ``dossier``, ``authenticity`` and ``government`` are optional strings. Each
    topic has sources of at least three kinds and official voices of at least two
    governments. Source ids are unique across topics. A case without the file has no
    topics ([])."""
    path = Path(case_dir) / "sources.toml"
    if not path.is_file():
        return []
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KeyFileError(f"{path}: not valid TOML ({exc})") from None
    topics = doc.get("topic")
    if not isinstance(topics, list) or not topics:
        raise KeyFileError(f"{path}: expected one or more [[topic]] tables")
    seen_topics: set[str] = set()
    seen_sources: set[str] = set()
    out = []
    for n, t in enumerate(topics, 1):
        for k in ("id", "title", "question", "record"):
            if not isinstance(t.get(k), str) or not t[k].strip():
                raise KeyFileError(f"{path}: topic {n} needs a non-empty '{k}' string")
        where_t = f"topic {n} ({t['id']})"
        if t["id"] in seen_topics:
            raise KeyFileError(f"{path}: topic {n} repeats the id {t['id']!r}")
        seen_topics.add(t["id"])
        sources = t.get("source")
        count = len(sources) if isinstance(sources, list) else 0
        if count < MIN_SOURCES:
            raise KeyFileError(f"{path}: {where_t} needs at least {MIN_SOURCES} [[topic.source]] tables, got {count}")
        rows = []
        for m, s in enumerate(sources, 1):
            where = f"{where_t} source {m}"
            for k in _SOURCE_FIELDS:
                if not isinstance(s.get(k), str) or not s[k].strip():
                    raise KeyFileError(f"{path}: {where} needs a non-empty '{k}' string")
            for k in _OPTIONAL_TEXT + ("quote", "summary"):
                if k in s and (not isinstance(s[k], str) or not s[k].strip()):
                    raise KeyFileError(f"{path}: {where} '{k}' should be a non-empty string")
            if ("quote" in s) == ("summary" in s):
                raise KeyFileError(f"{path}: {where} ({s['id']}) needs exactly one of 'quote' (exact words) "
                                   "and 'summary' (the course's words)")
            if s["kind"] not in _kinds():
                raise KeyFileError(f"{path}: {where} ({s['id']}) kind is {s['kind']!r}; "
                                   f"expected one of {', '.join(_kinds())}")
            if not s["url"].startswith(("http://", "https://")):
                raise KeyFileError(f"{path}: {where} ({s['id']}) url should start with http:// or https://, "
                                   f"got {s['url']!r}")
            if s["id"] in seen_sources:
                raise KeyFileError(f"{path}: {where} repeats the id {s['id']!r}")
            unknown = set(s) - set(_SOURCE_FIELDS) - set(_OPTIONAL_TEXT) - {"quote", "summary"}
            if unknown:
                raise KeyFileError(f"{path}: {where} ({s['id']}) has unknown fields {sorted(unknown)}; the key "
                                   "(framing, omissions, rationale) belongs in keys/sources.toml")
            seen_sources.add(s["id"])
            rows.append(dict(s))
        if len({s["kind"] for s in rows}) < 3:
            raise KeyFileError(f"{path}: {where_t} needs sources of at least three kinds")
        if len({s["government"] for s in rows if s.get("government")}) < 2:
            raise KeyFileError(f"{path}: {where_t} needs official voices of at least two governments "
                               "(mark them with 'government')")
        out.append({"id": t["id"], "title": t["title"], "question": t["question"], "record": t["record"],
                    "sources": rows})
    return out


def source_key(case: Any) -> dict[str, dict]:
    """The key of ``case.key("sources")`` by source id, checked against the topics: every
    source has exactly one item, under its own topic, and every item names a known source."""
    topics = load_topics(case.path)
    if not topics:
        return {}
    where = {s["id"]: t["id"] for t in topics for s in t["sources"]}
    path = Path(case.path) / "keys" / "sources.toml"
    out: dict[str, dict] = {}
    for n, row in enumerate(case.key("sources").to_dict("records"), 1):
        sid, tid = row["source"], row["topic"]
        if sid not in where:
            raise KeyFileError(f"{path}: item {n} names the source {sid!r}, which sources.toml does not have")
        if where[sid] != tid:
            raise KeyFileError(f"{path}: item {n} puts {sid!r} under topic {tid!r}; sources.toml has it "
                               f"under {where[sid]!r}")
        if sid in out:
            raise KeyFileError(f"{path}: item {n} repeats the source {sid!r}")
        out[sid] = {k: row[k] for k in ("topic", "framing", "omissions", "rationale", "contested")}
    missing = [s for s in where if s not in out]
    if missing:
        raise KeyFileError(f"{path}: no key item for the source(s) {', '.join(missing)}")
    return out


def who_says_what(topics: list[dict], judgements: dict[str, dict]):
    """The "who says what" table of lesson 06, from the student's own judgements.

    ``judgements`` maps source id -> ``{"framing", "left_out"}`` (as the SourceComparer
    saves them). One row per judged source: topic, publisher, kind, government (or
    :data:`NO_GOVERNMENT`), date, the student's framing and note. Sources not yet judged are
    left out; nothing of the key is used."""
    import pandas as pd
    rows = []
    for t in topics:
        for s in t["sources"]:
            j = judgements.get(s["id"]) or {}
            if not j.get("framing"):
                continue
            rows.append({"topic": t["id"], "source": s["publisher"], "kind": s["kind"],
                         "government": s.get("government") or NO_GOVERNMENT, "date": s["date"],
                         "your framing": j["framing"], "left out (your note)": j.get("left_out", "")})
    cols = ["topic", "source", "kind", "government", "date", "your framing", "left out (your note)"]
    return pd.DataFrame(rows, columns=cols)


def source_kinds(path: str | Path | None = None) -> dict[str, str]:
    """What each source-kind code means (``data/taxonomy/source-kinds.toml``): code -> meaning,
    in the file's order. Every ``[[kind]]`` needs a non-empty ``code`` and ``meaning``."""
    path = Path(path) if path is not None else data_dir() / "taxonomy" / "source-kinds.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot read the kinds of source ({exc})") from None
    rows = doc.get("kind")
    if not isinstance(rows, list) or not rows:
        raise KeyFileError(f"{path}: expected one or more [[kind]] tables")
    out: dict[str, str] = {}
    for n, row in enumerate(rows, 1):
        code, meaning = row.get("code"), row.get("meaning")
        if not all(isinstance(v, str) and v.strip() for v in (code, meaning)):
            raise KeyFileError(f"{path}: kind {n} needs a non-empty 'code' and 'meaning'")
        if code in out:
            raise KeyFileError(f"{path}: kind {n} repeats the code {code!r}")
        out[code] = meaning
    return out


def kind_legend(topics: list[dict]):
    """The legend of the kinds of source that ``topics`` use, and only those: a DataFrame
    indexed by kind with what it means and how many sources have it."""
    import pandas as pd
    meanings = source_kinds()
    counts: dict[str, int] = {}
    for t in topics:
        for s in t["sources"]:
            counts[s["kind"]] = counts.get(s["kind"], 0) + 1
    missing = sorted(set(counts) - set(meanings))
    if missing:
        raise KeyFileError(f"data/taxonomy/source-kinds.toml: no meaning for the kind(s) {', '.join(missing)}")
    rows = [{"kind": k, "what it means": meanings[k], "sources": counts[k]} for k in meanings if k in counts]
    return pd.DataFrame(rows, columns=["kind", "what it means", "sources"]).set_index("kind")


# ---------------------------------------------------------------- feedback (lesson 06)

class Notes:
    """Feedback lines that display themselves (text and HTML, everything escaped)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __repr__(self) -> str:
        return "\n".join(self.lines)

    def _repr_html_(self) -> str:
        import html
        items = "".join(f"<li>{html.escape(x)}</li>" for x in self.lines)
        return f"<div class='medialit-feedback' role='status'><ul>{items}</ul></div>"


def _judged(judgements: dict[str, dict], field: str) -> dict[str, dict]:
    return {sid: j for sid, j in judgements.items() if isinstance(j, dict) and str(j.get(field, "")).strip()}


def _publishers(case: Any) -> dict[str, tuple[str, str]]:
    return {s["id"]: (t["id"], s["publisher"]) for t in load_topics(case.path) for s in t["sources"]}


def framing_feedback(case: Any, judgements: dict[str, dict]) -> Notes | Pending:
    """One line per source the student has judged: their framing, the key's, and the key's
    reason; contested sources are discussion points. Before any judgement: what to do."""
    mine = _judged(judgements, "framing")
    if not mine:
        return Pending("mark the framing of at least one source in the comparer above, then run this cell again.")
    key, names = source_key(case), _publishers(case)
    lines, agree, counted, discuss = [], 0, 0, 0
    for sid, j in mine.items():
        if sid not in key:
            continue
        k, (topic, who) = key[sid], names[sid]
        if j["framing"] == k["framing"]:
            head = f"{who} ({topic}): you and the key agree, {k['framing']}."
        elif k["contested"]:
            head = (f"{who} ({topic}): you chose {j['framing']}, the key {k['framing']}; readers disagree on "
                    "this one, so argue your reading.")
        else:
            head = f"{who} ({topic}): you chose {j['framing']}; the key says {k['framing']}."
        lines.append(f"{head} {k['rationale']}")
        if k["contested"]:
            discuss += j["framing"] != k["framing"]
        else:
            counted += 1
            agree += j["framing"] == k["framing"]
    lines.append(f"You agree with the key on {agree} of the {counted} uncontested source(s) you judged; "
                 f"{discuss} contested source(s) where you differ are discussion points.")
    return Notes(lines)


def omission_feedback(case: Any, judgements: dict[str, dict]) -> Notes | Pending:
    """For each source where the student wrote what it leaves out: their note beside the
    key's omissions. Before any note: what to do."""
    mine = _judged(judgements, "left_out")
    if not mine:
        return Pending("in the comparer above, write what at least one source leaves out that the others "
                       "report, then run this cell again.")
    key, names = source_key(case), _publishers(case)
    lines = []
    for sid, j in mine.items():
        if sid in key:
            topic, who = names[sid]
            lines.append(f"{who} ({topic}). You: “{' '.join(j['left_out'].split())}” The key: {key[sid]['omissions']}")
    lines.append("Compare: did you name the same gap, or another one the record shows? Both can be right.")
    return Notes(lines)


def key_table(case: Any, topic: str):
    """The key for one topic as a DataFrame (worked editions only)."""
    import pandas as pd
    key = source_key(case)
    t = next((t for t in load_topics(case.path) if t["id"] == topic), None)
    if t is None:
        raise ValueError(f"no topic {topic!r}; topics are: {', '.join(x['id'] for x in load_topics(case.path))}")
    return pd.DataFrame([{"source": s["publisher"], "kind": s["kind"], "framing": key[s["id"]]["framing"],
                          "contested": key[s["id"]]["contested"], "leaves out": key[s["id"]]["omissions"],
                          "why": key[s["id"]]["rationale"]} for s in t["sources"]]).set_index("source")


EVIDENCE_WORDS = ("archive", "archives", "document", "documents", "record", "records", "vote", "votes", "voted",
                  "resolution", "resolutions", "debris", "text", "treaty", "article 4", "testimony", "witness",
                  "evidence", "images", "imagery", "data", "figures", "investigators", "examined", "quote",
                  "transcript", "report", "because")


def trust_feedback(text: str, case: Any) -> Notes | Pending:
    """Feedback on the lesson 06 reflection ("which account would you trust?"): which sources
    it names and which kinds of evidence it points to. A transparent word check: it cannot
    judge the argument, only whether the argument rests on evidence rather than on a name."""
    import re
    from .spans import fold
    if not text.strip():
        return Pending("write your answer in the box above first, then run this cell again.")
    low = fold(text).lower()
    said = lambda w: re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", low) is not None  # noqa: E731
    outlets = sorted({w for w in ("tass", "kcna", "reuters", "ap", "upi", "un", "kremlin", "xinhua", "yonhap",
                                  "euvsdisinfo", "wikipedia", "china daily", "sputnik", "white house")
                      if said(w)})
    evidence = [w for w in EVIDENCE_WORDS if said(w)]
    lines = []
    lines.append(f"You name {', '.join(o.upper() if len(o) <= 5 else o.title() for o in outlets)}." if outlets
                 else "You name no source by outlet: that is fine if you describe what each source offers.")
    if evidence:
        lines.append(f"You point to evidence ({', '.join(evidence[:6])}). Check that each piece is something the "
                     "source shows, not only what it says.")
    else:
        lines.append("No evidence words found: say what each source rests on (a document, a vote, debris, "
                     "first-hand testimony) and what it leaves out, not only who published it.")
    if outlets and not evidence:
        lines.append("Trusting or distrusting an outlet by its name alone is the shortcut this lesson warns against.")
    return Notes(lines)
