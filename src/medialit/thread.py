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
``reply_reason``. Rules, first match wins (see :func:`infer_replies`):

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

import math
import re
from dataclasses import dataclass
from typing import Sequence

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
                raise ValueError(f"author line {pending.text!r} at offset {pending.start} "
                                 f"is followed by another author line {b.text!r}, not a comment")
            pending = b
            continue
        n = len(rows) + 1
        rows.append(CommentRow(f"c{n:02d}", n, pending.text.strip() if pending else None,
                               b.text, b.start, b.end))
        pending = None
    if pending is not None:
        raise ValueError(f"author line {pending.text!r} at offset {pending.start} has no comment after it")
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


def infer_replies(rows: list[CommentRow]) -> None:
    """Fill ``reply_to`` and ``reply_reason`` on each row by rules a-d (in place)."""
    words = [set(_content(r.text)) for r in rows]
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = max(len(rows), 1)

    def idf(w: str) -> float:
        return math.log((n + 1) / df.get(w, 1))

    for i, row in enumerate(rows):
        earlier = rows[:i]
        if not earlier:
            continue
        low = fold(row.text).lower()
        # a. names an earlier author
        for prev in reversed(earlier):
            name = r"[\s.]+".join(map(re.escape, fold(prev.author or "").lower().replace(".", " ").split()))
            if name and re.search(rf"\b{name}\b", low):
                row.reply_to, row.reply_reason = prev.comment_id, f"names the author {prev.author}"
                break
        if row.reply_to:
            continue
        # b. echoes an opening
        clause = re.split(r"[.!?,;:]", fold(row.text), maxsplit=1)[0].strip()
        first = _content(clause)
        if len(set(first)) >= 2:
            for j in range(i - 1, -1, -1):
                if set(first) <= words[j]:
                    row.reply_to = rows[j].comment_id
                    row.reply_reason = f"echoes the words of {rows[j].comment_id} in {clause!r}"
                    break
        if row.reply_to:
            continue
        # c. mirrors a pattern
        grams = _trigrams(row.text)
        for j in range(i - 1, -1, -1):
            shared = grams & _trigrams(rows[j].text)
            if shared:
                row.reply_to = rows[j].comment_id
                row.reply_reason = f"repeats the pattern {' '.join(sorted(shared)[0])!r} of {rows[j].comment_id}"
                break
        if row.reply_to:
            continue
        # d. agrees or adds
        m = _AGREE.match(fold(row.text))
        if m:
            best, why = i - 1, "is the comment just before and shares words with it"
            if not words[i] & words[i - 1]:
                best_score = 0.0
                for j in range(i - 2, -1, -1):
                    score = sum(idf(w) for w in words[i] & words[j])
                    if score > best_score + 1e-9:
                        best, best_score = j, score
                why = "shares the rarest words with it" if best_score else "is the comment just before"
            row.reply_to = rows[best].comment_id
            row.reply_reason = f"opens with {m.group().strip()!r} and {rows[best].comment_id} {why}"
