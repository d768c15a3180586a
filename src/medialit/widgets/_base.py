"""Shared pieces of the course widgets.

- :class:`CourseWidget`: an ``anywidget.AnyWidget`` with a deterministic ``repr`` (no memory
  address, so strict nbval can compare ``text/plain``) and a ``save_status`` line the front
  end shows.
- :func:`resolve_store`: which store a widget saves into (explicit ``store=``, else the
  current student's store, else none, with a message the student can read).
- :func:`tokenize`: code-point tokens (words, punctuation, whitespace runs, one token per
  emoji grapheme) so the browser marks token indices and never counts UTF-16 units.

The front ends render every piece of data with ``textContent`` only; Python escapes nothing
for the DOM and never builds HTML from data.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from functools import lru_cache
from typing import Any, Iterable

import anywidget
import traitlets

from . import frontend

__all__ = ["CourseWidget", "load_case_or_default", "key_or_none", "resolve_store", "tokenize", "token_tuples", "graphemes", "UNSAVED_NO_STUDENT",
           "UNSAVED_NO_STORE", "OKABE_ITO", "LINE_STYLES", "idle_status"]

# Okabe & Ito (2008) colour-blind-safe palette, without black (used for text).
# Ordered so the first labels have the most contrast against a white page (yellow last).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999", "#F0E442")
# Each label also gets its own line style, so colour is never the only cue.
LINE_STYLES = ("solid", "dashed", "dotted", "double", "wavy")

UNSAVED_NO_STUDENT = ("Not saved: run the lesson's first cell (course.start), which saves your work "
                      "as guest until you choose a pseudonym in lesson 00, then run this cell again.")
UNSAVED_NO_STORE = "Not saved: the course's store is not available."


_HERE = Path(__file__).parent


class CourseWidget(anywidget.AnyWidget):
    """Base of the course widgets: deterministic repr and a visible save status.

    A subclass names its front-end module in ``front_end`` (a key of
    :data:`medialit.widgets.frontend.MODULES`); its ``_esm`` and ``_css`` (for anywidget) are
    set from it. ``own_stylesheet = True``: the widget sends its stylesheet itself, so it gets
    no ``_css``. Where the course's JupyterLab extension is installed, the widget uses the
    extension's copy of that module instead, and sends no module with its first message."""

    front_end: str = ""
    own_stylesheet: bool = False
    save_status = traitlets.Unicode("", help="A line the widget shows about saving (empty when saved).").tag(sync=True)
    _ml_view = traitlets.Unicode("", help="The extension's view to draw (see frontend.py).").tag(sync=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        view = cls.__dict__.get("front_end")
        if view:
            cls._esm = frontend.esm(view)
            if not cls.own_stylesheet and frontend.css(view):
                cls._css = frontend.css(view)
        super().__init_subclass__(**kwargs)     # anywidget's, which reads _esm and _css

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.front_end and frontend.use_labextension():
            blank = {"_esm": ""} | ({"_css": ""} if hasattr(self, "_css") else {})
            kwargs = {**frontend.model_traits(self.front_end), **blank, **kwargs}
        super().__init__(*args, **kwargs)

    @traitlets.validate("save_status")
    def _status_when_saved(self, proposal):
        # "" means "all saved"; while the student is still a guest, say so instead
        value = proposal["value"]
        return value or idle_status(getattr(self, "_store", None))

    def _store_diff(self, kind: str, saved: dict, new: dict, *, doc_id, value, anchor=None) -> bool:
        """Save what changed from ``saved`` to ``new`` (put changed items, delete removed ones)
        into ``self._store``; ``doc_id(key)``, ``value(key, item)`` and ``anchor(key, item)``
        build each record. A problem shows in ``save_status``; returns True when all is saved."""
        if getattr(self, "_store", None) is None:
            return True
        try:
            for k, item in new.items():
                if saved.get(k) != item:
                    self._store.put(kind, case_id=self.case_id, doc_id=doc_id(k), key=str(k),
                                    value=value(k, item), anchor=anchor(k, item) if anchor else None)
            for k in set(saved) - set(new):
                self._store.delete(kind, case_id=self.case_id, doc_id=doc_id(k), key=str(k))
        except Exception as e:  # noqa: BLE001 (show the problem in the widget, keep working)
            self.save_status = f"Not saved: {e}"
            return False
        self.save_status = ""
        return True

    def _repr_fields(self) -> dict[str, Any]:
        """Fields shown in ``repr``; subclasses override. Values must be deterministic."""
        return {}

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._repr_fields().items())
        return f"{type(self).__name__}({fields})"


def resolve_store(store: Any = None) -> tuple[Any, str]:
    """The store to save into, and a message ("" when saving works).

    ``store`` given: used as is. ``store=False``: explicitly unsaved. Otherwise the current
    student's store, looked up at every save (:class:`medialit.session.CurrentStore`), so a
    widget opened as ``guest`` goes on saving after the student chooses a pseudonym."""
    if store is False:
        return None, "Not saved: this widget was created with store=False."
    if store is not None:
        return store, ""
    from medialit import session, store as store_mod  # noqa: PLC0415
    from medialit.errors import MedialitError  # noqa: PLC0415
    try:
        if not store_mod.current_student():
            return None, UNSAVED_NO_STUDENT
        current = session.CurrentStore()
        current.current()                # open it now, so a damaged store shows at once
        return current, idle_status(current)
    except MedialitError as e:
        return None, f"Not saved: {e}"


def idle_status(store: Any) -> str:
    """What a widget says when all is saved: nothing, or that work is saved as guest."""
    from medialit import session  # noqa: PLC0415
    return session.GUEST_NOTE if isinstance(store, session.CurrentStore) and store.is_guest else ""


# --- the case behind a widget ---------------------------------------------------------

def load_case_or_default(case: Any) -> Any:
    if case is None:
        from .. import load_case  # noqa: PLC0415 (imported late so tests can pass a fake case)
        return load_case()
    return case


def key_or_none(case: Any, name: str):
    """An answer key, or None when the case has none (keys are optional)."""
    try:
        return case.key(name)
    except Exception:  # noqa: BLE001 (any missing or broken key: the widget still works)
        return None


# --- tokens -------------------------------------------------------------------------------

def _is_extend(cp: int, ch: str) -> bool:
    """Code points that attach to the grapheme before them."""
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0xFE00 <= cp <= 0xFE0F          # variation selectors
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF        # skin-tone modifiers
        or 0xE0020 <= cp <= 0xE007F        # tag characters (subdivision flags)
        or cp == 0x20E3                    # keycap
        or cp == 0x200D                    # zero-width joiner
    )


def _is_regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def graphemes(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point ranges of user-perceived characters (a simplified UAX #29:
    CR LF, combining marks, variation selectors, skin tones, tags, ZWJ sequences, and
    regional-indicator pairs as one flag)."""
    out: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        start = i
        cp = ord(text[i])
        if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
            out.append((i, i + 2))
            i += 2
            continue
        i += 1
        if _is_regional(cp) and i < n and _is_regional(ord(text[i])):
            i += 1
        while i < n:
            c2 = ord(text[i])
            if c2 == 0x200D:            # ZWJ joins the next character too
                i += 1
                if i < n and not text[i].isspace():
                    i += 1
                continue
            if _is_extend(c2, text[i]) and not text[i].isspace():
                i += 1
                continue
            break
        out.append((start, i))
    return out


_APOSTROPHES = "'\u2019"
_EMOJI_MARKS = "\ufe0f\u20e3\u200d"


def _kind(ch: str) -> str:
    if ch.isspace():
        return "s"
    if ch.isalnum() or ch == "_":
        return "w"
    cat = unicodedata.category(ch)
    if cat == "So" or _is_regional(ord(ch)) or ord(ch) >= 0x1F000:
        return "e"
    return "p"


def tokenize(text: str) -> list[dict]:
    """Tokens of ``text`` as plain dicts ``{"s": start, "e": end, "k": kind}`` (see
    :func:`_tokenize`; results are cached per text, so re-running a cell is cheap)."""
    return [{"s": s, "e": e, "k": k} for s, e, k in _tokenize_cached(text)]


def token_tuples(text: str) -> tuple[tuple[int, int, str], ...]:
    """The tokens of ``text`` as ``(start, end, kind)`` tuples (see :func:`_tokenize`); cached."""
    return _tokenize_cached(text)


@lru_cache(maxsize=16)
def _tokenize_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((t["s"], t["e"], t["k"]) for t in _tokenize(text))


def _tokenize(text: str) -> list[dict]:
    """Tokens of ``text`` as plain dicts ``{"s": start, "e": end, "k": kind}``.

    Offsets are code points (start inclusive, end exclusive); kinds are ``w`` word (letters,
    digits and combining marks, with an apostrophe between letters kept inside), ``s`` a run
    of whitespace (U+00A0 and other no-break spaces count as whitespace), ``e`` one emoji or
    symbol grapheme (a flag, a ZWJ sequence), ``p`` one punctuation grapheme. The tokens
    cover the text with no gaps."""
    gs = graphemes(text)
    toks: list[dict] = []
    for gi, (s, e) in enumerate(gs):
        k = _kind(text[s])
        if k == "w" and e - s > 1 and any(c in _EMOJI_MARKS for c in text[s + 1:e]):
            k = "e"                      # keycap 1️⃣ and friends are emoji, not digits
        elif k == "s" and not text[s:e].isspace():
            k = "p"                      # a combining mark on a space is shown, not skipped
        if toks:
            last = toks[-1]
            if k == last["k"] and k in ("w", "s"):
                last["e"] = e
                continue
            # apostrophe between two word characters stays in the word: don't, Russia's
            if (k == "p" and text[s] in _APOSTROPHES and e - s == 1 and last["k"] == "w"
                    and gi + 1 < len(gs) and _kind(text[gs[gi + 1][0]]) == "w"):
                last["e"] = e
                continue
        toks.append({"s": s, "e": e, "k": k})
    return toks


_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def check_color(value: str, *, name: str) -> str:
    """A ``#rrggbb`` colour, or a ValueError naming the field."""
    if not isinstance(value, str) or not _COLOR.match(value):
        raise ValueError(f"{name} must be a colour like '#E69F00', got {value!r}")
    return value


def as_list(value: Iterable | None) -> list:
    return [] if value is None else list(value)
