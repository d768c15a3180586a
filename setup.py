"""Two build steps; everything else is declared in pyproject.toml.

- ``data/`` goes into the wheel as ``medialit/data/``. An editable install
  (``pip install -e .``) reads ``data/`` in place, so it copies nothing.
- The course's JupyterLab extension (``@medialit/widgets``, the widgets' code loaded once with
  the page) is built from the widget modules into ``build/medialit-labextension/`` and installed
  as data files under ``share/jupyter/labextensions/``, where JupyterLab finds it.
"""
import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "medialit" / "data"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def labextension_files():
    """Build the extension (medialit/widgets/frontend.py needs only the standard library, so it
    is loaded by path, without the package's dependencies) and list it as data files."""
    spec = importlib.util.spec_from_file_location("_medialit_frontend", ROOT / "src" / "medialit" / "widgets" / "frontend.py")
    frontend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(frontend)
    folder = frontend.install(labextensions=ROOT / "build" / "medialit-labextension")
    dest = f"share/jupyter/labextensions/{frontend.NAME}"
    rel = lambda p: str(p.relative_to(ROOT))  # noqa: E731
    return [(dest, [rel(folder / "package.json")]), (f"{dest}/static", [rel(p) for p in (folder / "static").iterdir()])]


setup(cmdclass={"build_py": BuildWithData}, data_files=labextension_files())
