"""The keys agree with themselves, with each other and with the fact sheet.

test_keys.py checks that each key is well formed. These tests guard the kinds of slip a
review found in keys that were well formed: like sentences labelled unlike, a phrase marked
at one occurrence and not at the next, a verdict its own definition rules out, a regime label
or an unattributed allegation in the course's own voice, and dates that disagree with the
fact sheet (shared/reference/fact-sheet.md). Each rule says why in its docstring.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import medialit
from medialit.spans import fold

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ("00", "01", "02", "03", "04")


@pytest.fixture(scope="module")
def case():
    return medialit.load_case()


@pytest.fixture(scope="module")
def sentences(case):
    return case.key("sentences")


@pytest.fixture(scope="module")
def loaded(case):
    return case.key("loaded_language")


@pytest.fixture(scope="module")
def factchecks(case):
    return case.key("factchecks")


@pytest.fixture(scope="module")
def cards(case):
    return {r["id"]: r for r in case.evidence.to_dict("records")}


# --- the course's own voice -----------------------------------------------------------------
# Quoted words belong to their speaker: the rules about the course's voice look only at the
# text outside quotation marks and backticks.

_QUOTED = re.compile(r'"[^"\n]*"|“[^”]*”|‘[^’]*’|`[^`]*`')


def own_voice(text: str) -> str:
    return _QUOTED.sub(" … ", text)


def _markdown_cells(path: Path) -> str:
    """The markdown cells of a jupytext percent file, without the comment marks."""
    out, in_md = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            in_md = "[markdown]" in line
            continue
        if in_md:
            out.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    return "\n".join(out)


def voice_texts(case) -> list[tuple[str, str]]:
    """(where, text) for everything the course says in its own words about this case."""
    out: list[tuple[str, str]] = []
    for name, fields in (("sentences", ["rationale"]), ("loaded_language", ["rationale"]),
                         ("factchecks", ["established", "contested_note", "rationale"])):
        for n, row in enumerate(case.key(name).to_dict("records"), 1):
            out += [(f"{name} item {n} {f}", row[f]) for f in fields]
    for row in case.evidence.to_dict("records"):
        out.append((f"card {row['id']} summary", row["summary"]))
        if row["title"].startswith("["):          # a bracketed title is our description
            out.append((f"card {row['id']} title", row["title"]))
    meta = tomllib.loads((case.path / "case.toml").read_text(encoding="utf-8"))

    def walk(where: str, value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("title", "url", "source_sha256", "authors"):
                    walk(f"{where}.{k}", v)
        elif isinstance(value, list):
            for i, v in enumerate(value, 1):
                walk(f"{where}[{i}]", v)
        elif isinstance(value, str):
            out.append((where, value))
    walk("case.toml", meta)
    for p in sorted((ROOT / "docs" / "teaching").glob("0[0-4]-*.md")):
        out.append((str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")))
    for p in sorted((ROOT / "course").glob("0[0-4]-*.py")):
        out.append((f"{p.relative_to(ROOT)} (markdown)", _markdown_cells(p)))
    return out


def _sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


# Words that label a state's political system. The course describes what states did and
# quotes what others call them; it does not label them itself (issue 10: "no regime labels
# in the course's own voice").
REGIME_LABELS = re.compile(
    r"\b(one-party|single-party|dictator\w*|totalitarian\w*|authoritarian\w*|autocra\w*|tyran\w*|"
    r"despot\w*|police state|rogue state\w*|pariah|regimes?)\b", re.IGNORECASE)


def test_no_regime_labels_in_the_course_voice(case):
    """A label such as "one-party state" or "regime" is itself loaded language (lesson 04)
    and unsourced; where a source uses one, quote it."""
    hits = []
    for where, text in voice_texts(case):
        for m in REGIME_LABELS.finditer(own_voice(text)):
            hits.append(f"{where}: {m.group(0)!r}")
    assert not hits, "regime labels in the course's own words:\n" + "\n".join(hits)


def test_publication_timing_has_one_wording(case):
    """The Kremlin posted the text in the early hours of 18 June, the first day of the announced
    18-19 June visit, and Putin landed late that day (fact sheet §0). So the course never says,
    in its own words, that it appeared the day before, or on the eve of, the visit or arrival:
    only the article says "on the eve of"."""
    bad = re.compile(r"\b(eve of|day before|previous day)\b[^.;]*\b(visit|arriv\w*|landed|trip)\b",
                     re.IGNORECASE)
    hits = [f"{where}: {s.strip()[:120]!r}" for where, text in voice_texts(case)
            for s in _sentences_of(own_voice(text)) if bad.search(s)]
    assert not hits, "timing worded against the fact sheet:\n" + "\n".join(hits)


# Allegations that the states concerned deny (fact sheet §11): the course reports who says so.
_ALLEGATION = re.compile(r"\barms (transfers?|shipments?|deliveries)\b|\bmunitions\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"\b(report\w*|said|says|say|estimat\w*|according|account|alleg\w*|den(y|ies|ied|ial)|claim\w*|"
    r"found|traced|intelligence|accus\w*)\b", re.IGNORECASE)


def test_denied_allegations_are_attributed(case):
    """North Korean arms for Russia are reported by the US, South Korea and a UN panel and denied
    by both states (fact sheet §11): every sentence of the course that mentions them says who
    reports them, or that they are denied, instead of stating them as fact."""
    hits = []
    for where, text in voice_texts(case):
        for s in _sentences_of(own_voice(text)):
            if _ALLEGATION.search(s) and not _ATTRIBUTION.search(s):
                hits.append(f"{where}: {s.strip()[:140]!r}")
    assert not hits, "arms transfers stated as fact:\n" + "\n".join(hits)


# --- sentence key: like structures, like labels ---------------------------------------------

# Sentence shapes that decide the label on their own. Every sentence of one shape must carry
# the same label and open its rationale with the same reason.
STRUCTURES = {
    # a claim about the past joined to a pledge: "has always been and will remain"
    "past and pledge": re.compile(r"\b(has|have)\b[^.;]*?\band will\b", re.IGNORECASE),
}


def _reason(rationale: str) -> str:
    return re.split(r"(?<=[.!?])\s", rationale.strip(), maxsplit=1)[0]


def test_like_structures_are_labelled_alike(case, sentences):
    """Sentences 24 and 35 ("has always been and will remain", "has incessantly supported and
    will support") have one structure: a student who labels them alike must not be marked
    right once and wrong once."""
    text = case.sentences.set_index("sentence")["text"].map(fold)
    key = sentences.set_index("sentence")
    for name, pattern in STRUCTURES.items():
        members = [n for n, t in text.items() if pattern.search(t)]
        assert len(members) >= 2, f"structure {name!r} should match at least two sentences"
        labels = {n + 1: key.loc[n, "label"] for n in members}
        assert len(set(labels.values())) == 1, f"{name}: sentences labelled differently {labels}"
        reasons = {n + 1: _reason(key.loc[n, "rationale"]) for n in members}
        assert len(set(reasons.values())) == 1, f"{name}: different reasons {reasons}"


def test_a_checked_sentence_is_not_opinion(case, sentences, factchecks):
    """Opinion means no source can settle it. A sentence that lesson 03 checks against evidence
    (any verdict but "not checkable") is checkable, at least in part: "not researched" is not
    "not checkable"."""
    spans = case.sentences.set_index("sentence")
    label = sentences.set_index("sentence")["label"]
    bad = []
    for row in factchecks.itertuples():
        if row.verdict == "not checkable":
            continue
        i = case.text.find(row.quote, case.article.start)
        for n, s in spans.iterrows():
            if s["start"] < i + len(row.quote) and i < s["end"] and label[n] == "opinion":
                bad.append(f"sentence {n + 1} is labelled opinion, but {row.id} checks it ({row.verdict})")
    assert not bad, "\n".join(bad)


# --- loaded-language key: a phrase is marked everywhere or nowhere ---------------------------

def test_repeated_phrases_are_marked_at_every_occurrence(case, loaded):
    """A phrase the key marks is marked wherever it occurs in the article with the same use
    (a student who marks the second occurrence must not be scored wrong), unless an item says
    why not in ``repeat_exception``."""
    art, text = case.article, case.text
    folded = fold(text)
    spans = list(zip(loaded["start"], loaded["end"]))
    excused = {q for q, e in zip(loaded["quote"], loaded.get("repeat_exception", [None] * len(loaded)))
               if isinstance(e, str) and e.strip()}
    missing = []
    for quote in sorted(set(loaded["quote"])):
        if quote in excused:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(fold(quote)) + r"(?!\w)")
        for m in pattern.finditer(folded, art.start, art.end):
            if not any(s <= m.start() and m.end() <= e for s, e in spans):
                missing.append(f"{quote!r} at {m.start()} (sentence {_sentence_at(case, m.start()) + 1})")
    assert not missing, "marked once but not here:\n" + "\n".join(missing)


def _sentence_at(case, offset: int) -> int:
    s = case.sentences
    return int(s[(s.start <= offset) & (offset < s.end)].sentence.iloc[0])


# --- fact checks: verdicts fit their definitions ----------------------------------------------

def test_not_checkable_cites_only_the_text_itself(factchecks, cards):
    """"Not checkable": no source can settle it. A verdict that cites evidence beyond the
    author's own words has been checked against it, so it needs another verdict."""
    bad = [f"{r.id} cites {[c for c in r.sources if cards[c]['kind'] != 'KRM']}"
           for r in factchecks.itertuples()
           if r.verdict == "not checkable" and any(cards[c]["kind"] != "KRM" for c in r.sources)]
    assert not bad, "not checkable, yet checked:\n" + "\n".join(bad)


def test_contested_framing_is_about_words(case, factchecks, loaded):
    """"Contested framing": the events are documented and the words that describe them are
    disputed. So the claim's quote holds words the loaded-language key marks; a dispute about a
    date or an event is not a framing (fact sheet §3: 1946 or 1947)."""
    bad = []
    for r in factchecks.itertuples():
        if r.verdict != "contested framing":
            continue
        i = case.text.find(r.quote, case.article.start)
        if not any(i <= s and e <= i + len(r.quote) for s, e in zip(loaded["start"], loaded["end"])):
            bad.append(f"{r.id}: {r.quote!r} holds no marked word")
    assert not bad, "contested framing without framing words:\n" + "\n".join(bad)


# --- dates agree with the fact sheet -----------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
# "18-19 June": a range counts from its first day
_DATE = re.compile(r"\b(?:(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+)?(" + "|".join(m.capitalize() for m in MONTHS) + r")(?:\s+(\d{4}))?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _dates(sentence: str, year: int | None) -> list[tuple[int, ...]]:
    """Dates in a sentence as (year, month[, day]); a date without a year takes the next year
    given in the sentence, else ``year`` (the last one given before)."""
    out = []
    for m in _DATE.finditer(sentence):
        y = m.group(3) or next(iter(_YEAR.findall(sentence[m.end():])), None) or year
        if y is None:
            continue
        out.append((int(y), MONTHS[m.group(2).lower()]) + ((int(m.group(1)),) if m.group(1) else ()))
    return out


def _card_date(card) -> tuple[int, ...] | None:
    parts = [int(p) for p in card["date"].split("-") if p.isdigit()]
    return tuple(parts) or None


def _before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """a is strictly earlier than b, compared only as precisely as both are known."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _attributed(sentence: str, sources: list[str], cards) -> list[dict]:
    """The cited cards a sentence names in its parentheses, e.g. "(UPI)" or "(Yonhap, citing …)"."""
    found = []
    for group in re.findall(r"\(([^()]*)\)", sentence):
        for name in re.split(r";", group):
            head = re.split(r",| via | citing ", name.strip())[0].strip()
            words = set(re.findall(r"\w+", re.sub(r"\s+\d{4}$", "", head).lower()))
            if not words:
                continue
            for c in sources:
                card = cards[c]
                if words <= set(re.findall(r"\w+", card["publisher"].lower())) or words <= set(c.split("-")):
                    found.append(card)
    return found


def _dated_sentences(text: str, sources: list[str], cards):
    """(sentence, dates in it, dates of the cards it cites) in order, carrying the year."""
    year = None
    for s in _sentences_of(text):
        dates = _dates(s, year)
        years = _YEAR.findall(s)
        if years:
            year = int(years[-1])
        cited = [d for d in (_card_date(c) for c in _attributed(s, sources, cards)) if d]
        yield s, dates, cited


def test_a_source_does_not_report_what_came_after_it(factchecks, cards):
    """A sentence that ends "(UPI)" may state only what a UPI report of that date could:
    the 8 September 1945 wire cannot attest the 9 September surrender in Seoul."""
    bad = []
    for r in factchecks.itertuples():
        for s, dates, cited in _dated_sentences(r.established, list(r.sources), cards):
            if cited and any(_before(max(cited), d) for d in dates):
                bad.append(f"{r.id}: {s[:120]!r} is dated after its sources {max(cited)}")
    assert not bad, "\n".join(bad)


def test_then_means_later(factchecks, cards):
    """"X (source). Then Y (source)": Y must not predate X. The UN panel reported on 25 April
    2024; Russia's veto of its renewal came on 28 March 2024, so it did not come "then"."""
    later = re.compile(r"\b(then|later|afterwards|subsequently|after that)\b", re.IGNORECASE)
    bad = []
    for r in factchecks.itertuples():
        prev = None
        for s, dates, cited in _dated_sentences(r.established, list(r.sources), cards):
            when = dates or cited
            if prev and when and later.search(s) and _before(min(when), max(prev)):
                bad.append(f"{r.id}: {s[:100]!r} ({min(when)}) comes before {max(prev)}")
            prev = when or prev
    assert not bad, "\n".join(bad)


# UN Security Council resolutions on the DPRK: year adopted and what they answered (fact sheet
# §21 and "Later readings" 7).
RESOLUTIONS = {1718: (2006, "nuclear"), 1874: (2009, "nuclear"), 2087: (2013, "launch"),
               2094: (2013, "nuclear"), 2270: (2016, "nuclear"), 2321: (2016, "nuclear"),
               2356: (2017, "other"), 2371: (2017, "other"), 2375: (2017, "nuclear"),
               2397: (2017, "launch")}


def test_resolutions_match_what_they_answered(case):
    """Resolution 2397 followed the 28 November 2017 ICBM launch, not a nuclear test; a
    sentence that lists resolutions "after nuclear tests" names only those, or names the
    launches too. A resolution's year, when given ("2375 in 2017"), is its year of adoption."""
    bad = []
    for where, text in voice_texts(case):
        for s in _sentences_of(own_voice(text)):
            named = [int(n) for n in re.findall(r"\b(\d{4})\b", s) if int(n) in RESOLUTIONS
                     and re.search(r"resolution", s, re.IGNORECASE)]
            if not named:
                continue
            if re.search(r"nuclear test", s, re.IGNORECASE) and not re.search(
                    r"missile|ICBM|launch", s, re.IGNORECASE):
                bad += [f"{where}: {n} did not answer a nuclear test" for n in named
                        if RESOLUTIONS[n][1] != "nuclear"]
            for n, y in re.findall(r"\b(\d{4}) in (\d{4})\b", s):
                if int(n) in RESOLUTIONS and RESOLUTIONS[int(n)][0] != int(y):
                    bad.append(f"{where}: resolution {n} was adopted in {RESOLUTIONS[int(n)][0]}, not {y}")
    assert not bad, "\n".join(bad)


# --- what the source card shows --------------------------------------------------------------

PUBLICATION_FIELDS = {"outlet", "role", "date", "title", "url", "status", "author_note"}


def test_publication_notes_for_authors_are_kept_apart(case):
    """The source card shows students each publication's role. Notes for course authors
    ("do not cite …", what the fact sheet gives) go in ``author_note``, which no student view
    shows, and never in a field a view might show."""
    for n, p in enumerate(case.meta["publication"], 1):
        extra = set(p) - PUBLICATION_FIELDS
        assert not extra, f"publication {n} ({p['outlet']}) has fields {sorted(extra)}"
        shown = own_voice(" ".join(str(p.get(k, "")) for k in ("outlet", "role", "title")))
        assert not re.search(r"\bfact sheet\b|\bdo not\b|\bcite\b", shown, re.IGNORECASE), \
            f"publication {n} shows an authoring note: {shown!r}"
