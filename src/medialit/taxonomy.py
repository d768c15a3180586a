"""The propaganda-technique taxonomy (lesson 05) and its transparent cue list.

Data lives in ``data/taxonomy/techniques.toml``: one ``[[technique]]`` per technique of the
Propaganda Techniques Corpus but loaded language (see ``shared/reference/taxonomies.md``), with a student-friendly definition,
how to tell it from its neighbours, a made-up example, cue words, and where the case
article has one, an example quote with offsets. :func:`load_taxonomy` reads and checks it;
errors name the file and the entry.

:func:`cue_hits` is the technique counterpart of :func:`medialit.lexicon.flag`: it finds the
cue words of each technique in a text, plus two rules no word list can express (a word
repeated, a short exclamation). A cue says what a sentence *looks like*; it never decides
what it *does*, and the lesson says so.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import KeyFileError
from .paths import data_dir
from .spans import fold

__all__ = ["TECHNIQUES", "Technique", "Example", "Taxonomy", "CueHit", "default_taxonomy_path",
           "load_taxonomy", "cue_hits"]

# The Propaganda Techniques Corpus techniques the course uses, in the taxonomy file's order
# (SemEval-2020 Task 11 merged some into 14 classes; the course keeps them apart). Loaded
# language, the corpus's first technique, is lesson 04's key. The ids are fixed so keys and
# student work keep meaning the same thing; the words about them are data.
TECHNIQUES = (
    "name_calling", "flag_waving", "whataboutism", "black_and_white", "causal_oversimplification",
    "appeal_to_fear", "doubt", "exaggeration_minimisation", "slogans", "repetition",
    "thought_terminating_cliche", "appeal_to_authority", "bandwagon", "red_herring", "straw_man",
    "reductio_ad_hitlerum", "obfuscation",
)

_TEXT_FIELDS = ("id", "name", "semeval", "definition", "tell_apart", "made_up")
_EXAMPLE_FIELDS = {"case": str, "quote": str, "occurrence": int, "start": int, "end": int, "note": str}


@dataclass(frozen=True)
class Example:
    """A technique's example in a case text: ``text[start:end] == quote``."""

    case: str
    quote: str
    occurrence: int
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    semeval: str
    definition: str
    tell_apart: str
    neighbours: tuple[str, ...]
    made_up: str
    cues: tuple[str, ...]
    example: Example | None = None


class Taxonomy:
    """The techniques in file order; ``tax["doubt"]`` gets one, ``tax.names`` maps id -> name."""

    def __init__(self, techniques: list[Technique], path: Path) -> None:
        self.techniques = techniques
        self.path = path
        self._by_id = {t.id: t for t in techniques}

    def __getitem__(self, technique_id: str) -> Technique:
        try:
            return self._by_id[technique_id]
        except KeyError:
            raise KeyError(f"no technique {technique_id!r}; techniques are: {', '.join(self._by_id)}") from None

    def __iter__(self):
        return iter(self.techniques)

    def __len__(self) -> int:
        return len(self.techniques)

    def __contains__(self, technique_id: object) -> bool:
        return technique_id in self._by_id

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.techniques]

    @property
    def names(self) -> dict[str, str]:
        return {t.id: t.name for t in self.techniques}

    def labels(self) -> list[dict]:
        """The highlighter's palette: ``[{"id", "name"}]`` in taxonomy order."""
        return [{"id": t.id, "name": t.name} for t in self.techniques]

    def table(self, *, examples: bool = False):
        """A DataFrame for reading: name, definition, how to tell it apart, a made-up example;
        with ``examples=True`` also the article example and why (the worked edition only:
        the article examples are key spans)."""
        import pandas as pd
        rows = []
        for t in self.techniques:
            row = {"technique": t.name, "definition": t.definition, "tell it apart": t.tell_apart,
                   "made-up example": t.made_up}
            if examples:
                row["in the article"] = t.example.quote.replace("\u00a0", " ") if t.example else ""
                row["why"] = t.example.note if t.example else ""
            rows.append(row)
        return pd.DataFrame(rows).set_index("technique")

    def check_examples(self, case: Any) -> None:
        """Every example that names ``case`` quotes its text exactly at its offsets."""
        text = case.text
        for n, t in enumerate(self.techniques, 1):
            ex = t.example
            if ex is None or ex.case != case.case_id:
                continue
            where = f"{self.path}: technique {n} ({t.id}) example"
            if not 0 <= ex.start < ex.end <= len(text):
                raise KeyFileError(f"{where}: span {ex.start}..{ex.end} is outside the text (length {len(text)})")
            if text[ex.start:ex.end] != ex.quote:
                raise KeyFileError(f"{where}: quote {ex.quote!r} does not match the text at "
                                   f"{ex.start}..{ex.end}, which reads {text[ex.start:ex.end]!r}")
            i = -1
            for _ in range(ex.occurrence):
                i = text.find(ex.quote, i + 1)
            if i != ex.start:
                raise KeyFileError(f"{where}: occurrence {ex.occurrence} of {ex.quote!r} starts at {i}, "
                                   f"not at {ex.start}")

    def __repr__(self) -> str:
        return f"Taxonomy({len(self)} techniques from {self.path.name})"


def default_taxonomy_path() -> Path:
    return data_dir() / "taxonomy" / "techniques.toml"


def _need_str(path: Path, where: str, row: dict, key: str) -> str:
    v = row.get(key)
    if not isinstance(v, str) or not v.strip():
        raise KeyFileError(f"{path}: {where} needs a non-empty '{key}' string, got {v!r}")
    return v


def _str_list(path: Path, where: str, row: dict, key: str) -> tuple[str, ...]:
    v = row.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise KeyFileError(f"{path}: {where} '{key}' should be a list of non-empty strings, got {v!r}")
    return tuple(v)


def _example(path: Path, where: str, ex: Any) -> Example | None:
    if ex is None:
        return None
    if not isinstance(ex, dict):
        raise KeyFileError(f"{path}: {where} 'example' should be a table, got {ex!r}")
    for key, typ in _EXAMPLE_FIELDS.items():
        v = ex.get(key)
        if typ is int and (isinstance(v, bool) or not isinstance(v, int)) or not isinstance(v, typ) \
                or typ is str and not v.strip():
            want = "an integer" if typ is int else "a non-empty string"
            raise KeyFileError(f"{path}: {where} example '{key}' should be {want}, got {v!r}")
    if ex["occurrence"] < 1 or not 0 <= ex["start"] < ex["end"]:
        raise KeyFileError(f"{path}: {where} example needs occurrence >= 1 and 0 <= start < end")
    return Example(**{k: ex[k] for k in _EXAMPLE_FIELDS})


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and check the taxonomy file (default ``data/taxonomy/techniques.toml``).

    Each ``[[technique]]`` needs the text fields ``id``, ``name``, ``semeval``,
    ``definition``, ``tell_apart`` and ``made_up``; ``neighbours`` (ids of other techniques)
    and ``cues`` are lists of strings; ``example`` is optional. The ids must be exactly
    :data:`TECHNIQUES`, each once."""
    path = Path(path) if path is not None else default_taxonomy_path()
    return _load(str(path), path.stat().st_mtime if path.is_file() else 0.0)


@lru_cache(maxsize=4)
def _load(path_s: str, _mtime: float) -> Taxonomy:
    path = Path(path_s)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise KeyFileError(f"{path}: not valid TOML ({exc})") from None
    rows = doc.get("technique")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise KeyFileError(f"{path}: expected one or more [[technique]] tables")
    out: list[Technique] = []
    for n, row in enumerate(rows, 1):
        label = row.get("id") if isinstance(row.get("id"), str) else "?"
        where = f"technique {n} ({label})"
        fields = {k: _need_str(path, where, row, k) for k in _TEXT_FIELDS}
        if fields["id"] not in TECHNIQUES:
            raise KeyFileError(f"{path}: {where} id {fields['id']!r} is not one of the course's techniques: "
                               f"{', '.join(TECHNIQUES)}")
        if any(t.id == fields["id"] for t in out):
            raise KeyFileError(f"{path}: {where} repeats the id {fields['id']!r}")
        neighbours = _str_list(path, where, row, "neighbours")
        unknown = [x for x in neighbours if x not in TECHNIQUES or x == fields["id"]]
        if unknown:
            raise KeyFileError(f"{path}: {where} neighbours {unknown} are not other techniques")
        out.append(Technique(neighbours=neighbours, cues=_str_list(path, where, row, "cues"),
                             example=_example(path, where, row.get("example")), **fields))
    missing = [t for t in TECHNIQUES if t not in {x.id for x in out}]
    if missing:
        raise KeyFileError(f"{path}: techniques missing from the file: {', '.join(missing)}")
    return Taxonomy(out, path)


# ---------------------------------------------------------------- cues

@dataclass(frozen=True, order=True)
class CueHit:
    """A cue of ``technique`` found at ``start:end`` (code points into the text checked)."""

    start: int
    end: int
    technique: str
    cue: str


_STOP = frozenset("""about after again against because before being between could every from have
having into other their there these they this those through under until were what when where which
while with would your shall should must also than then them such very more most only over same
just like each some does done that will been said says much many ours""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _norm(s: str) -> str:
    return " ".join(fold(s).lower().replace("-", " ").split())


@lru_cache(maxsize=64)
def _compiled(cues: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for one technique's cues, longest first, and normalised match -> cue."""
    parts = []
    for cue in sorted(cues, key=lambda c: (-len(c), c)):
        words = [re.escape(w).replace(r"\-", r"[-\s]") for w in fold(cue).lower().split()]
        parts.append(r"\s+".join(words))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return pattern, {_norm(c): c for c in cues}


def cue_hits(text: str, *, taxonomy: Taxonomy | None = None) -> list[CueHit]:
    """Every cue of every technique in ``text``, sorted by position.

    Cue words match case-insensitively on whole words after :func:`medialit.spans.fold`, so
    offsets are code points into ``text``. Two rules add hits no word list can: a content
    word (four letters or more, not a common function word) used twice or more is a
    *repetition* cue at each use, and a sentence of at most six words ending in "!" is a
    *slogans* cue."""
    tax = taxonomy or load_taxonomy()
    folded = fold(text)
    hits: list[CueHit] = []
    for t in tax:
        if not t.cues:
            continue
        pattern, lookup = _compiled(t.cues)
        for m in pattern.finditer(folded):
            hits.append(CueHit(m.start(), m.end(), t.id, lookup.get(_norm(m.group(0)), m.group(0))))
    if "repetition" in tax:
        seen: dict[str, list[re.Match[str]]] = {}
        for m in _WORD.finditer(folded):
            w = m.group(0).lower()
            if len(w) >= 4 and w not in _STOP:
                seen.setdefault(w, []).append(m)
        for w, ms in seen.items():
            if len(ms) >= 2:
                hits.extend(CueHit(m.start(), m.end(), "repetition", f"“{w}” used {len(ms)} times") for m in ms)
    if "slogans" in tax:
        for m in _SENTENCE.finditer(folded):
            s = m.group(0).strip()
            if s.endswith("!") and 0 < len(_WORD.findall(s)) <= 6:
                lead = len(m.group(0)) - len(m.group(0).lstrip())
                hits.append(CueHit(m.start() + lead, m.start() + lead + len(s), "slogans", "a short exclamation"))
    return sorted(set(hits))
