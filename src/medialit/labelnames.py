"""The names students see for the course's label codes. Pure data, no widgets.

Work is saved with codes (``call``, ``contested claim``, ``black_and_white``); everything a
student reads shows the names the widgets offer: the claim sorter's sentence labels, the
comment lab's comment labels, and the taxonomy's technique names."""
from __future__ import annotations

__all__ = ["SENTENCE_CHOICES", "COMMENT_LABELS", "sentence_label", "comment_label", "span_label"]

# (label, visible name, one-line help); the order gives the claim sorter's number keys 1-5
SENTENCE_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("fact", "Fact", "A checkable statement about what happened or what is."),
    ("opinion", "Opinion", "A value judgement, feeling or interpretation."),
    ("prediction", "Prediction or intent", "A claim about the future, or a stated plan or promise."),
    ("call", "Call to action", "Asks or urges someone to do something."),
    ("mixed", "Mixed", "A checkable part with a judgement, prediction or promise, in one sentence."),
)

# (label, visible name, one-line help); the ids are medialit.keys.COMMENT_LABELS, in that order
COMMENT_LABELS: tuple[tuple[str, str, str], ...] = (
    ("constructive", "Constructive", "Gives reasons or evidence; adds to the discussion."),
    ("geopolitical opinion", "Geopolitical opinion", "A view about states, leaders or world politics; not checkable as stated."),
    ("sarcasm", "Sarcasm", "Says the opposite of what it means, to mock."),
    ("whataboutism", "Whataboutism", "Answers criticism by pointing at someone else's wrongs."),
    ("conspiracy", "Conspiracy", "Claims a secret plot or hidden control without evidence."),
    ("antisemitic trope", "Antisemitic trope", "Uses a trope documented by IHRA, ADL or AJC (control, dual loyalty, money, the Khazar myth)."),
    ("dehumanising", "Dehumanising", "Describes people or a country as disease, vermin or filth."),
    ("insult", "Insult", "Attacks someone with abuse or profanity instead of an argument."),
    ("trolling", "Trolling", "Bait or mockery meant to provoke rather than to discuss."),
    ("contested claim", "Contested claim as fact", "States a disputed or unsupported claim as settled; needs context."),
    ("none", "None of these", "None of the labels applies."),
)

_SENTENCES = {code: name for code, name, _ in SENTENCE_CHOICES}
_COMMENTS = {code: name for code, name, _ in COMMENT_LABELS}


def _plain(code: str) -> str:
    return str(code).replace("_", " ")


def sentence_label(code: str) -> str:
    """``call`` -> ``Call to action``; an unknown code as it is, with spaces for ``_``."""
    return _SENTENCES.get(code, _plain(code))


def comment_label(code: str) -> str:
    """``contested claim`` -> ``Contested claim as fact``."""
    return _COMMENTS.get(code, _plain(code))


def span_label(code: str) -> str:
    """A span's label: a technique's name from the taxonomy (``black_and_white`` ->
    ``Black-and-white fallacy``); any other label (``emotive``) as it is."""
    from .taxonomy import load_taxonomy  # noqa: PLC0415 (read once, cached by the taxonomy)
    return load_taxonomy().names.get(code, _plain(code))
