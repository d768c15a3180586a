"""The build step that ships the course data: ``data/`` goes into the wheel as ``medialit/data/``.

Everything else is declared in pyproject.toml. An editable install (``pip install -e .``)
reads ``data/`` in place, so it copies nothing."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "medialit" / "data"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
