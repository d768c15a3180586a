"""The comment thread: blocks, author lines and inferred replies.

Layout rules for the part of a case after the article (they hold for any case in this layout):

1. The comment section is split into *blocks*: runs of non-blank lines. Blank lines (one or
   more, possibly holding spaces) only separate blocks; how many there are carries no meaning.
2. A block is an *author line* when it is a single line and either appears in the case's
   ``authors`` list (``case.toml``), or, when no list is given, looks like a name: at most
   five words and 40 characters, starts and ends with a capital letter, no digits, and no
   ``. ! ? : , ; “ ” "`` (so lower-case or punctuated comments are never taken for names).
3. An author line names the author of the next block. Two author lines in a row, or an author
   line at the very end, is an error: the case is malformed.
4. Every other block is one comment; a comment without an author line has ``author`` None.

Replies are not marked in the source, so they are *inferred*, with the reason kept in
``reply_reason``. Links are not evidence of a reply: web and e-mail addresses are blanked
before the rules look at a comment (two comments sharing a link, or "see https", say nothing
about one answering the other). Rules, first match wins (see :func:`infer_replies`):

a. **names an author**: the comment names an earlier comment's author ("mr. fixer") and
   replies to that author's latest earlier comment.
b. **echoes an opening**: the comment's first clause has two or more content words and all
   of them occur in one earlier comment (the latest such), as in a quoted-back question.
c. **mirrors a pattern**: the comment repeats a run of three tokens (words or symbols,
   emoji included) from an earlier comment (the latest such), as in a parody of it.
d. **agrees or adds**: the comment opens with an agreement or continuation marker ("yes",
   "oh yes", "exactly", "not to mention", "agree") and replies to the comment just before
   it if the two share a content word; otherwise to the earlier comment that shares the
   rarest content words with it (ties go to the latest), or else to the one just before.
Otherwise ``reply_to`` is None: a new thread.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Sequence

from .safety import masked_repr
from .spans import fold

__all__ = ["Block", "CommentRow", "blocks", "looks_like_author", "parse_comments", "infer_replies"]


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    text: str


@dataclass
class CommentRow:
    comment_id: str
    position: int
    author: str | None
    text: str
    start: int
    end: int
    reply_to: str | None = None
    reply_reason: str | None = None


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Runs of non-blank lines in text[start:end], with code-point offsets, trimmed."""
    from .segment import paragraph_spans
    return [Block(s, e, text[s:e]) for s, e in paragraph_spans(text, start, end)]


_NAME_BAD = re.compile(r"""[.!?:,;“”"\d\n]""")


def looks_like_author(line: str) -> bool:
    """Rule 2's name test, used when the case gives no author list."""
    line = fold(line).strip()
    words = line.split()
    return (
        0 < len(words) <= 5 and len(line) <= 40 and not _NAME_BAD.search(line)
        and line[0].isupper() and words[-1][0].isupper()
    )


def parse_comments(text: str, start: int, end: int | None = None, *,
                   authors: Sequence[str] | None = None) -> list[CommentRow]:
    """Comments in text[start:end] by rules 1-4. Raises ValueError on rule 3."""
    known = {fold(a).strip().casefold() for a in authors} if authors is not None else None

    def is_author(b: Block) -> bool:
        if "\n" in b.text:
            return False
        if known is not None:
            return fold(b.text).strip().casefold() in known
        return looks_like_author(b.text)

    rows: list[CommentRow] = []
    pending: Block | None = None
    for b in blocks(text, start, end):
        if is_author(b):
            if pending is not None:
                raise ValueError(f"author line {masked_repr(pending.text)} at offset {pending.start} "
                                 f"is followed by another author line {masked_repr(b.text)}, not a comment")
            pending = b
            continue
        n = len(rows) + 1
        rows.append(CommentRow(f"c{n:02d}", n, pending.text.strip() if pending else None,
                               b.text, b.start, b.end))
        pending = None
    if pending is not None:
        raise ValueError(f"author line {masked_repr(pending.text)} at offset {pending.start} has no comment after it")
    infer_replies(rows)
    return rows


_STOP = frozenset("""
a an and are as at be been but by can could did do does for from had has have he her his i if in is it its
it's me my no not of on only or our out so than that the their them then there they this to too up us was
we were what when which who will with would you your yes oh just also very all any more most much one
since against except everyone basically like about into over other some such these those how why where whom
after before because between both each few further here once own same should through under until while now
get got even still well
""".split())
_AGREE = re.compile(r"^\s*(?:oh\s+)?(?:yes|yeah|yep|exactly|indeed|agreed?|true|so true|right|not to mention|and also|plus)\b",
                    re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)
_PUNCT = set(".,!?;:'\"-–—…()[]“”‘’")


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").split("'")[0]
    return word[:5] if len(word) > 5 else word


def _content(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", fold(text).lower())
            if w.split("'")[0] not in _STOP and len(w) > 1]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    """Runs of three tokens, ignoring stop words and plain punctuation (emoji and symbols count)."""
    toks = [t.lower() for t in _TOKEN.findall(text)]
    toks = [t for t in toks if t not in _PUNCT and t.split("'")[0].split("’")[0] not in _STOP]
    return {tuple(toks[i:i + 3]) for i in range(len(toks) - 2)}


# Links are not evidence of a reply: two comments sharing an address (or "see https")
# say nothing about one answering the other. Addresses are blanked before inference.
_LINK = re.compile(r"""(?ix)
    \b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"“”]*             # with a scheme, or www.
  | \b[\w.+-]+@[\w-]+(?:\.[\w-]+)+                           # an e-mail address
  | \b(?:[a-z0-9-]+\.)+(?:com|org|net|info|io|ru|su|uk|de|fr|kp|kr|cn|me|tv|ly|eu|gov|edu)\b(?:/\S*)?
""")
_WORD = re.compile(r"\w+")
_SCAN = 256                      # candidates scanned one by one before switching to bit sets


def _unlinked(text: str) -> str:
    return _LINK.sub(" ", fold(text))


class _Postings:
    """For each word (or trigram), the rows holding it, in order; as a bit set on demand."""

    def __init__(self, sets: list[set]) -> None:
        self.n = len(sets)
        self.rows: dict = {}
        for j, items in enumerate(sets):
            for x in items:
                self.rows.setdefault(x, []).append(j)
        self._bits: dict = {}

    def before(self, x, i: int) -> tuple[list[int], int]:
        """The rows holding ``x`` and how many of them come before row ``i``."""
        rows = self.rows.get(x, [])
        return rows, bisect.bisect_left(rows, i)

    def latest_before(self, x, i: int) -> int:
        rows = self.rows.get(x, [])
        k = bisect.bisect_left(rows, i)
        return rows[k - 1] if k else -1

    def bits(self, x) -> int:
        if x not in self._bits:
            buf = bytearray((self.n + 8) // 8)
            for j in self.rows.get(x, ()):
                buf[j >> 3] |= 1 << (j & 7)
            self._bits[x] = int.from_bytes(buf, "little")
        return self._bits[x]


def _latest_superset(first: set, i: int, words: list[set], index: _Postings) -> int:
    """The latest row before ``i`` whose words include all of ``first`` (-1 if none)."""
    rows, k = min((index.before(w, i) for w in first), key=lambda p: p[1])
    if k == 0:
        return -1
    if k <= _SCAN:
        return next((rows[x] for x in range(k - 1, -1, -1) if first <= words[rows[x]]), -1)
    acc = (1 << i) - 1
    for w in first:
        acc &= index.bits(w)
        if not acc:
            return -1
    return acc.bit_length() - 1


class _Authors:
    """Rule a: which earlier authors a comment names, found through the words of their names."""

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}          # author -> their latest comment so far
        self.pattern: dict[str, tuple[re.Pattern, frozenset]] = {}
        self.by_word: dict[str, set[str]] = {}     # a word of a name -> authors
        self.wordless: set[str] = set()            # names without letters or digits

    def add(self, author: str | None, i: int) -> None:
        if not author:
            return
        if author not in self.pattern:
            parts = fold(author).lower().replace(".", " ").split()
            if not parts:
                return
            name = r"[\s.]+".join(map(re.escape, parts))
            pieces = frozenset(_WORD.findall(" ".join(parts)))
            self.pattern[author] = (re.compile(rf"\b{name}\b"), pieces)
            if pieces:
                self.by_word.setdefault(min(pieces), set()).add(author)
            else:
                self.wordless.add(author)
        self.latest[author] = i

    def named_in(self, low: str) -> int:
        """The latest earlier comment whose author ``low`` names (-1 if none). A name's words
        are whole words of the text wherever the name matches, so only those are tried."""
        toks = set(_WORD.findall(low))
        cands = set(self.wordless)
        for t in toks:
            cands |= self.by_word.get(t, set())
        best = -1
        for a in cands:
            pat, pieces = self.pattern[a]
            if self.latest[a] > best and pieces <= toks and pat.search(low):
                best = self.latest[a]
        return best


def infer_replies(rows: list[CommentRow]) -> None:
    """Fill ``reply_to`` and ``reply_reason`` on each row by rules a-d (in place).

    Links (web and e-mail addresses) are ignored. Each rule looks up earlier comments through
    an index of their words, trigrams and authors instead of comparing every pair, so
    inferring the replies of n comments takes about linear time."""
    texts = [_unlinked(r.text) for r in rows]
    words = [set(_content(t)) for t in texts]
    grams = [_trigrams(t) for t in texts]
    word_index, gram_index = _Postings(words), _Postings(grams)
    df = {w: len(js) for w, js in word_index.rows.items()}
    n = max(len(rows), 1)
    idf = {w: math.log((n + 1) / c) for w, c in df.items()}
    authors = _Authors()
    arrays: dict[str, object] = {}

    for i, row in enumerate(rows):
        if i:
            _infer_one(i, rows, texts[i], words, grams, word_index, gram_index, idf, authors, arrays)
        authors.add(row.author, i)


def _infer_one(i, rows, text, words, grams, word_index, gram_index, idf, authors, arrays) -> None:
    row = rows[i]
    # a. names an earlier author
    j = authors.named_in(text.lower())
    if j >= 0:
        row.reply_to, row.reply_reason = rows[j].comment_id, f"names the author {rows[j].author}"
        return
    # b. echoes an opening
    clause = re.split(r"[.!?,;:]", text, maxsplit=1)[0].strip()
    first = set(_content(clause))
    if len(first) >= 2:
        j = _latest_superset(first, i, words, word_index)
        if j >= 0:
            row.reply_to = rows[j].comment_id
            row.reply_reason = f"echoes the words of {rows[j].comment_id} in {clause!r}"
            return
    # c. mirrors a pattern
    j = max((gram_index.latest_before(g, i) for g in grams[i]), default=-1)
    if j >= 0:
        shared = grams[i] & grams[j]
        row.reply_to = rows[j].comment_id
        row.reply_reason = f"repeats the pattern {' '.join(sorted(shared)[0])!r} of {rows[j].comment_id}"
        return
    # d. agrees or adds
    m = _AGREE.match(text)
    if m:
        best, why = i - 1, "is the comment just before and shares words with it"
        if not words[i] & words[i - 1]:
            best, best_score = _rarest_shared(i, words, word_index, idf, arrays)
            why = "shares the rarest words with it" if best_score else "is the comment just before"
        row.reply_to = rows[best].comment_id
        row.reply_reason = f"opens with {m.group().strip()!r} and {rows[best].comment_id} {why}"


def _rarest_shared(i, words, word_index, idf, arrays) -> tuple[int, float]:
    """The comment before ``i - 1`` sharing the rarest words with comment ``i`` (the sum of
    their inverse document frequencies; ties within 1e-9 go to the latest), else ``i - 1``."""
    import numpy as np  # noqa: PLC0415 (a pandas dependency; only needed here)
    if i < 2:
        return i - 1, 0.0
    scores = np.zeros(i - 1)
    for w in words[i]:
        if w not in arrays:
            arrays[w] = np.asarray(word_index.rows.get(w, []), dtype=np.int64)
        rows = arrays[w]
        rows = rows[:np.searchsorted(rows, i - 1)]
        scores[rows] += idf[w]
    top = float(scores.max())
    if top <= 1e-9:
        return i - 1, 0.0
    return int(np.flatnonzero(scores >= top - 1e-9)[-1]), top
