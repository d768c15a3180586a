"""The course widgets' front end: one module per widget, delivered in one of two ways.

- **The course's JupyterLab extension** ``@medialit/widgets`` (the default where it is
  installed: ``python -m medialit.labsetup`` installs it, and ``make`` runs that). JupyterLab
  loads every widget's code once, with the page, like ipywidgets' own controls; a widget's first
  message then carries only its data, and its view is built as soon as the model exists.
- **anywidget** (everywhere else: VS Code, Colab, a JupyterLab without the extension): each
  widget ships its module as ``_esm``, which anywidget imports from a new blob URL for every
  widget (about 10 ms before anything is drawn, whatever the module's size).

Both run the same files: a widget's module is ``dom.js`` followed by its own files, ending in
``export default { render };``. The extension wraps each module in a function scope, so the
modules stay apart exactly as they do as separate ES modules.

``MEDIALIT_FRONTEND=anywidget`` forces anywidget (for a front end that is not the JupyterLab
the extension is installed in); ``MEDIALIT_FRONTEND=labextension`` forces the extension. The
default uses the extension only when the installed copy is exactly this version's (the hash
of its code matches), so a stale install never runs old code.

This module imports neither anywidget nor ipywidgets, so the build can run anywhere.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from functools import lru_cache
from pathlib import Path

__all__ = ["NAME", "VERSION", "MODULES", "esm", "css", "bundle", "bundle_hash", "install",
           "installed_path", "use_labextension", "model_traits"]

NAME = "@medialit/widgets"
VERSION = "0.1.0"
HERE = Path(__file__).parent

# view name -> (its JS files after dom.js, its CSS files)
MODULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # the text layer, the panels, the label toolbar, the bench timing, the widget
    "highlighter": (("highlighter_text.js", "highlighter_panels.js", "highlighter_palette.js",
                     "highlighter_timing.js", "highlighter.js"), ("highlighter.css",)),
    "claims": (("claims.js",), ("claims.css",)),
    "comments": (("comments.js",), ("comments.css",)),
    "factcheck": (("factcheck.js",), ("factcheck.css",)),
    "progress": (("progress.js",), ("progress.css",)),
    "quiz": (("quiz.js",), ("quiz.css",)),
    "reportlink": (("reportlink.js",), ()),
    "sources": (("sources.js",), ("sources.css",)),
}

_EXPORT = re.compile(r"^export default \{ render \};[ \t]*$", re.M)


def _read(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def esm(view: str) -> str:
    """A widget's ES module: ``dom.js`` followed by the view's files (anywidget loads a module
    from a blob URL, so it cannot import a sibling file)."""
    js, _ = MODULES[view]
    return "\n".join(_read(n) for n in ("dom.js", *js))


def css(view: str) -> str:
    """A widget's stylesheet ("" when it has none)."""
    return "\n".join(_read(n) for n in MODULES[view][1])


# The extension's one script. JupyterLab loads it with the page as a module-federation
# container (window._JUPYTERLAB[NAME] with init(shareScope) and get("./extension")), takes
# @jupyter-widgets/base from the page's share scope (the copy the widget manager uses, so the
# registry token is the same object), and registers CourseModel and CourseView. A CourseView
# renders the module its model names in ``_ml_view``, with the Backbone model itself (it has
# everything anywidget's model offers: get, set, on, off, send, save_changes, msg:custom).
_SHIM = r"""
"use strict";
const NAME = %(name)s, VERSION = %(version)s, HASH = %(hash)s;
const VIEW_CSS = %(css)s;
function installViewCss(view) {
  const css = VIEW_CSS[view];
  if (!css) return;
  const id = "medialit-css-" + view;
  let st = document.getElementById(id);
  if (st && st.textContent === css) return;
  if (!st) { st = document.createElement("style"); st.id = id; document.head.appendChild(st); }
  st.textContent = css;
}
function makePlugin(base) {
  const names = { _model_name: "CourseModel", _model_module: NAME, _model_module_version: VERSION,
    _view_name: "CourseView", _view_module: NAME, _view_module_version: VERSION };
  class CourseModel extends base.DOMWidgetModel {
    defaults() { return { ...super.defaults(), ...names, _ml_view: "" }; }
  }
  class CourseView extends base.DOMWidgetView {
    render() {
      const view = this.model.get("_ml_view");
      const mod = VIEWS[view];
      if (!mod) { this.el.textContent = "This widget needs a newer course extension: reload the page."; return; }
      installViewCss(view);
      const cleanup = mod.render({ model: this.model, el: this.el });
      this._mlCleanup = typeof cleanup === "function" ? cleanup : null;
    }
    remove() {
      if (this._mlCleanup) { this._mlCleanup(); this._mlCleanup = null; }
      return super.remove();
    }
  }
  return {
    id: "medialit:widgets", autoStart: true, requires: [base.IJupyterWidgetRegistry],
    activate(app, registry) {
      registry.registerWidget({ name: NAME, version: VERSION, exports: { CourseModel, CourseView } });
      window.__medialitWidgets = HASH;
    },
  };
}
function newest(versions) {
  const key = (v) => v.split(/[.+-]/).slice(0, 3).map((x) => parseInt(x, 10) || 0);
  return Object.keys(versions).filter((v) => key(v)[0] === 6)
    .sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; }).pop();
}
let scope = null;
window._JUPYTERLAB = window._JUPYTERLAB || {};
window._JUPYTERLAB[NAME] = {
  init(shareScope) { scope = shareScope; },
  get(module) {
    if (module !== "./extension") return Promise.reject(new Error(`Module "${module}" does not exist in ${NAME}.`));
    const versions = (scope && scope["@jupyter-widgets/base"]) || {};
    const v = newest(versions);
    if (!v) return Promise.reject(new Error(`${NAME}: @jupyter-widgets/base 6 is not in the page's share scope.`));
    const entry = versions[v];
    entry.loaded = 1;
    return Promise.resolve(entry.get()).then((factory) => { const base = factory(); return () => ({ __esModule: true, default: makePlugin(base) }); });
  },
};
"""


@lru_cache(maxsize=1)
def _parts() -> tuple[str, dict[str, str]]:
    views = []
    for view in MODULES:
        code = esm(view)
        if len(_EXPORT.findall(code)) != 1:
            raise ValueError(f"{view}: the module must end with one 'export default {{ render }};' line")
        views.append(f"__mlViews[{json.dumps(view)}] = (function () {{\n\"use strict\";\n"
                     f"{_EXPORT.sub('return { render };', code)}\n}})();")
    return "\n".join(views), {view: css(view) for view in MODULES}


@lru_cache(maxsize=1)
def bundle_hash() -> str:
    """A hash of the extension's code (its views, styles and loader): names the script file
    and tells a kernel whether the installed extension is this version's."""
    views, styles = _parts()
    h = hashlib.sha256((_SHIM + views + json.dumps(styles, sort_keys=True) + VERSION).encode())
    return h.hexdigest()[:16]


def bundle() -> str:
    """The extension's script (``static/remoteEntry.<hash>.js``)."""
    views, styles = _parts()
    shim = _SHIM % {"name": json.dumps(NAME), "version": json.dumps(VERSION),
                    "hash": json.dumps(bundle_hash()), "css": json.dumps(styles)}
    return ("// Between the Lines: the course widgets as a JupyterLab extension, built by\n"
            "// medialit.widgets.frontend from the widget modules. Do not edit.\n"
            "(function () {\n\"use strict\";\nconst __mlViews = {};\n" + views +
            "\n(function (VIEWS) {\n" + shim + "\n})(__mlViews);\n})();\n")


def package_json() -> dict:
    """The extension's package.json: what JupyterLab reads to load it."""
    return {"name": NAME, "version": VERSION, "description": "Between the Lines: the course widgets",
            "license": "MIT", "medialit": {"hash": bundle_hash()},
            "jupyterlab": {"extension": True, "_build": {"load": f"static/remoteEntry.{bundle_hash()}.js",
                                                         "extension": "./extension"}}}


def labextensions_dir(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "labextensions"


def install(prefix: str | Path = sys.prefix, *, labextensions: str | Path | None = None) -> Path:
    """Write the extension into ``<prefix>/share/jupyter/labextensions/@medialit/widgets``, or
    into the folder ``labextensions`` (a ``JUPYTER_DATA_DIR/labextensions``), replacing an older
    build; returns the extension's folder. JupyterLab picks it up at the next page load."""
    target = Path(labextensions if labextensions is not None else labextensions_dir(prefix)) / NAME
    tmp = target.with_name(target.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "static").mkdir(parents=True)
    (tmp / "static" / f"remoteEntry.{bundle_hash()}.js").write_text(bundle(), encoding="utf-8")
    (tmp / "package.json").write_text(json.dumps(package_json(), indent=2) + "\n", encoding="utf-8")
    for p in (tmp, tmp / "static", *tmp.rglob("*")):
        p.chmod(0o755 if p.is_dir() else 0o644)      # a shared install: every user's server reads it
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def installed_path() -> Path | None:
    """The folder of this version's extension where JupyterLab looks for extensions, or None."""
    try:
        from jupyter_core.paths import jupyter_path  # noqa: PLC0415
        roots = [Path(p) for p in jupyter_path("labextensions")]
    except ImportError:
        roots = [labextensions_dir()]
    for root in roots:
        folder = root / NAME
        try:
            meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        # the first copy found is the one JupyterLab serves
        return folder if meta.get("medialit", {}).get("hash") == bundle_hash() else None
    return None


@lru_cache(maxsize=1)
def _auto() -> bool:
    return installed_path() is not None


def use_labextension() -> bool:
    """Whether new widgets use the course's JupyterLab extension (see the module's doc)."""
    choice = os.environ.get("MEDIALIT_FRONTEND", "").strip().lower()
    if choice == "anywidget":
        return False
    if choice == "labextension":
        return True
    return _auto()


def model_traits(view: str) -> dict:
    """The traits that make a widget use the extension's view ``view``."""
    return {"_model_name": "CourseModel", "_model_module": NAME, "_model_module_version": VERSION,
            "_view_name": "CourseView", "_view_module": NAME, "_view_module_version": VERSION,
            "_ml_view": view}
