"""The lesson 08 palettes: the technique ids match the course's taxonomy when it is there."""
from __future__ import annotations

import importlib.util

from medialit import toolkit


def test_technique_labels():
    labels = toolkit.technique_labels()
    ids = [lab["id"] for lab in labels]
    assert len(ids) == len(set(ids)) == 17 and all(lab["name"] for lab in labels)
    assert "whataboutism" in ids and "name_calling" in ids and "loaded_language" not in ids
    if importlib.util.find_spec("medialit.taxonomy") is not None:
        from medialit.taxonomy import TECHNIQUES
        assert ids == list(TECHNIQUES) == [i for i, _ in toolkit.SEMEVAL_TECHNIQUES]
