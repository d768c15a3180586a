"""The widgets' front end: one module per widget, as anywidget's ``_esm`` or as the course's
JupyterLab extension (see medialit.widgets.frontend). The browser tests run the extension;
test_highlighter_ui also runs the anywidget path."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from medialit.widgets import frontend
from medialit.widgets._base import CourseWidget


def course_widget_classes():
    import medialit.widgets as w
    classes = [getattr(w, name) for name in w.__all__]
    return [c for c in classes if isinstance(c, type) and issubclass(c, CourseWidget) and c is not CourseWidget]


def test_every_course_widget_names_its_module_and_ships_it():
    classes = course_widget_classes()
    assert len(classes) == 8
    for cls in classes:
        assert cls.front_end in frontend.MODULES, cls
        assert str(cls._esm) == frontend.esm(cls.front_end)
        if hasattr(cls, "_css"):
            assert str(cls._css) == frontend.css(cls.front_end) != ""
    assert {c.front_end for c in classes} == set(frontend.MODULES)


def test_a_module_is_dom_js_then_its_files_ending_in_the_export():
    dom = (frontend.HERE / "dom.js").read_text(encoding="utf-8")
    for view in frontend.MODULES:
        code = frontend.esm(view)
        assert code.startswith(dom)
        assert code.rstrip().endswith("export default { render };"), view


def test_the_bundle_wraps_every_module_in_its_own_scope():
    code = frontend.bundle()
    for view in frontend.MODULES:
        assert f'__mlViews["{view}"] = (function () {{' in code
    assert "export default" not in code and "import(" not in code
    # the loader's names never shadow a browser global a module uses (CSS.highlights)
    assert not re.search(r"\b(const|let|var|function)\s+CSS\b", code)
    assert code.count("function h(") == len(frontend.MODULES)   # dom.js once per module
    assert frontend.bundle_hash() in code


@pytest.mark.skipif(shutil.which("node") is None, reason="node checks the bundle's syntax")
def test_the_bundle_is_valid_javascript(tmp_path):
    path = tmp_path / "remoteEntry.js"
    path.write_text(frontend.bundle(), encoding="utf-8")
    subprocess.run(["node", "--check", str(path)], check=True, capture_output=True)


def test_a_module_without_its_export_line_is_refused(monkeypatch):
    frontend._parts.cache_clear()
    monkeypatch.setattr(frontend, "esm", lambda view: "function render() {}\n")
    try:
        with pytest.raises(ValueError, match="export default"):
            frontend.bundle()
    finally:
        frontend._parts.cache_clear()


def test_install_writes_what_jupyterlab_loads(tmp_path):
    folder = frontend.install(tmp_path)
    assert folder == tmp_path / "share" / "jupyter" / "labextensions" / "@medialit" / "widgets"
    meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert meta["name"] == frontend.NAME and meta["medialit"]["hash"] == frontend.bundle_hash()
    assert meta["jupyterlab"]["_build"]["extension"] == "./extension"
    script = folder / meta["jupyterlab"]["_build"]["load"]
    assert script.read_text(encoding="utf-8") == frontend.bundle()
    assert oct(script.stat().st_mode & 0o777) == "0o644" and oct(folder.stat().st_mode & 0o777) == "0o755"
    # installing again replaces the old build, never leaves two scripts
    frontend.install(tmp_path)
    assert len(list((folder / "static").iterdir())) == 1


def test_only_an_installed_copy_of_this_version_counts(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(data))
    monkeypatch.setenv("JUPYTER_PATH", "")
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")        # as the browser tests' server has it
    folder = frontend.install(labextensions=data / "labextensions")
    assert frontend.installed_path() == folder
    meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    meta["medialit"]["hash"] = "0" * 16                       # an older build
    (folder / "package.json").write_text(json.dumps(meta), encoding="utf-8")
    assert frontend.installed_path() is None                  # the first copy found is served: stale


def test_the_environment_chooses_the_front_end(monkeypatch):
    monkeypatch.setenv("MEDIALIT_FRONTEND", "anywidget")
    assert frontend.use_labextension() is False
    monkeypatch.setenv("MEDIALIT_FRONTEND", "labextension")
    assert frontend.use_labextension() is True
    monkeypatch.delenv("MEDIALIT_FRONTEND")
    frontend._auto.cache_clear()
    monkeypatch.setattr(frontend, "installed_path", lambda: None)
    try:
        assert frontend.use_labextension() is False
    finally:
        frontend._auto.cache_clear()


def _state(widget):
    return widget.get_state()


@pytest.mark.parametrize("choice", ["labextension", "anywidget"])
def test_a_widget_sends_its_module_only_with_anywidget(monkeypatch, choice):
    from medialit.widgets import SpanHighlighter
    monkeypatch.setenv("MEDIALIT_FRONTEND", choice)
    hl = SpanHighlighter("Some words to mark.", store=False)
    state = _state(hl)
    if choice == "labextension":
        assert state["_model_module"] == state["_view_module"] == frontend.NAME
        assert state["_view_name"] == "CourseView" and state["_ml_view"] == "highlighter"
        assert state["_esm"] == "" and state["stylesheet"] == ""     # the extension has them
    else:
        assert state["_model_module"] == state["_view_module"] == "anywidget"
        assert state["_esm"] == frontend.esm("highlighter")
        assert state["stylesheet"] == frontend.css("highlighter")
    hl.close()
