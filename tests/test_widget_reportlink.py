"""ReportLink: the file goes to the browser by message when asked, never into the state."""
from __future__ import annotations

from medialit.widgets import ReportLink


def test_sends_the_file_when_asked(tmp_path, monkeypatch):
    f = tmp_path / "guest-own-1.analysis.html"
    f.write_text("<!DOCTYPE html><p>é 🇫🇷</p>", encoding="utf-8")
    w = ReportLink(f)
    sent = []
    monkeypatch.setattr(w, "send", lambda msg, buffers=None: sent.append(msg))
    assert "é" not in str(w.get_state())                       # the text is not synced state
    w._on_msg(w, {"op": "other"}, [])
    assert sent == []
    w._on_msg(w, {"op": "fetch"}, [])
    assert sent == [{"op": "file", "name": f.name, "text": "<!DOCTYPE html><p>é 🇫🇷</p>"}]
    assert repr(w) == "ReportLink(name='guest-own-1.analysis.html')" and w.kind == "text/html"


def test_a_missing_file_is_said(tmp_path, monkeypatch):
    w = ReportLink(tmp_path / "gone.html")
    monkeypatch.setattr(w, "send", lambda msg, buffers=None: None)
    w._on_msg(w, {"op": "fetch"}, [])
    assert w.error.startswith("Could not read gone.html") and w.error.endswith("Run the cell again.")
