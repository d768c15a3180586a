"""The toolkit of lesson 08 on any case: the palettes of its two highlighters.

Loaded language uses the four categories of lesson 04. Techniques use the course's technique
taxonomy (``medialit.taxonomy``, lesson 05) when it is installed; until then, the SemEval-2020
Task 11 classes the course teaches, with the same ids, named as in
``shared/reference/taxonomies.md``, so work saved now keeps its meaning later.
"""
from __future__ import annotations

__all__ = ["SEMEVAL_TECHNIQUES", "technique_labels"]

# (id, name): the SemEval-2020 Task 11 classes except loaded language (lesson 04's own key)
SEMEVAL_TECHNIQUES = (
    ("name_calling", "Name calling or labelling"), ("flag_waving", "Flag-waving"),
    ("whataboutism", "Whataboutism"), ("black_and_white", "Black-and-white fallacy"),
    ("causal_oversimplification", "Causal oversimplification"), ("appeal_to_fear", "Appeal to fear or prejudice"),
    ("doubt", "Doubt"), ("exaggeration_minimisation", "Exaggeration or minimisation"), ("slogans", "Slogans"),
    ("repetition", "Repetition"), ("thought_terminating_cliche", "Thought-terminating cliché"),
    ("appeal_to_authority", "Appeal to authority"), ("bandwagon", "Bandwagon"), ("red_herring", "Red herring"),
    ("straw_man", "Straw man"), ("reductio_ad_hitlerum", "Reductio ad Hitlerum"),
    ("obfuscation", "Obfuscation or intentional vagueness"),
)


def technique_labels() -> list[dict]:
    """The techniques highlighter's palette: ``[{"id", "name"}]``."""
    try:
        from .taxonomy import load_taxonomy  # noqa: PLC0415 (lesson 05's taxonomy, when installed)
    except ImportError:
        return [{"id": i, "name": n} for i, n in SEMEVAL_TECHNIQUES]
    return load_taxonomy().labels()
