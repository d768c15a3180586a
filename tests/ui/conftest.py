"""Fixtures for the browser tests: one JupyterLab server and one Chromium per session, a
fresh page per test that fails the test on any console error, page error or dialog.

Helpers live in ``jlab.py`` (importable without pytest, for bench/) and ``ui_helpers.py``;
``private_lab`` and ``serve_lessons`` make module fixtures (a server of the module's own, lessons
copied into the shared server). Mark tests ``@pytest.mark.ui``. Without /usr/bin/chromium the
tests skip, or fail when CI=true.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import jlab  # noqa: E402

SCREENSHOTS = Path(__file__).parent / "screenshots"
LESSONS_DIR = Path(__file__).resolve().parents[2] / "lessons"
LESSONS_00_04 = sorted(p.stem for p in LESSONS_DIR.glob("0[0-4]-*.ipynb"))

# Console errors that are not ours and carry no signal offline. Keep this list short and
# say why for each entry.
BENIGN_CONSOLE = [
    # the browser asks for /favicon.ico paths that the server answers with 404
    re.compile(r"favicon", re.I),
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.ui)


def _need_chromium() -> None:
    if not jlab.chromium_available():
        msg = f"{jlab.CHROMIUM} is missing (apt-get install -y chromium fonts-noto-color-emoji)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """A running JupyterLab: ``.url``, ``.root`` (served folder), ``.work`` (MEDIALIT_WORK)."""
    _need_chromium()
    server = jlab.JupyterLab(tmp_path_factory.mktemp("jlab"))
    server.start()
    yield server
    server.stop()


def _copy_lessons(root: Path, names) -> None:
    for name in names:
        shutil.copy(LESSONS_DIR / f"{name}.ipynb", root / f"{name}.ipynb")


def private_lab(folder: str, lessons=()):
    """A module-scoped fixture: a JupyterLab of the module's own (in a temporary ``folder``),
    with ``lessons`` copied into its root. Use: ``lab = private_lab("journey", LESSONS)``."""
    @pytest.fixture(scope="module")
    def lab(tmp_path_factory):
        """A server of its own, so no other test's student or work is in the way."""
        _need_chromium()
        server = jlab.JupyterLab(tmp_path_factory.mktemp(folder))
        server.start()
        _copy_lessons(server.root, lessons)
        yield server
        server.stop()
    return lab


def serve_lessons(names):
    """A module-scoped fixture that empties the shared server's work folder (so no other test's
    student or work is in the way), copies the lessons ``names`` into its root and returns
    ``names``. Use: ``served = serve_lessons(NAMES)``."""
    @pytest.fixture(scope="module")
    def served(jupyterlab):
        # the lessons start as a new student would: no pseudonym and no work left by another test
        for child in list(jupyterlab.work.iterdir()) if jupyterlab.work.is_dir() else []:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        _copy_lessons(jupyterlab.root, names)
        return names
    return served


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        b = jlab.launch_chromium(p)
        yield b
        b.close()


class PageProblems:
    """Console errors, page errors and dialogs seen on one page."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []

    def all(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console] + [f"page error: {m}" for m in self.page_errors]
                + [f"dialog: {m}" for m in self.dialogs])


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page; the test fails on any uncaught console error, page
    error or dialog (alert/confirm/prompt), and a screenshot is saved if the test failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems = PageProblems()

    def on_console(msg):
        if msg.type == "error" and not any(p.search(msg.text) for p in BENIGN_CONSOLE):
            problems.console.append(msg.text)

    def on_dialog(dialog):
        if dialog.type == "beforeunload":
            # JupyterLab's own "leave with unsaved changes?" prompt when a test reloads the page
            dialog.accept()
            return
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("console", on_console)
    pg.on("pageerror", lambda err: problems.page_errors.append(str(err)))
    pg.on("dialog", on_dialog)
    pg.problems = problems
    yield pg
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        try:
            jlab.screenshot(pg, f"FAILED-{request.node.name}", SCREENSHOTS)
        except Exception:  # noqa: BLE001 (best effort on a broken page)
            pass
    context.close()
    found = problems.all()
    if found:
        pytest.fail("the page reported problems:\n" + "\n".join(found), pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call":
        item.rep_call = rep
    return rep


@pytest.fixture
def notebook(jupyterlab):
    """``notebook(name, cells)`` writes a notebook into the server root and returns its path
    relative to the root."""
    def make(name: str, cells: list[str]) -> str:
        jlab.write_notebook(jupyterlab.root / name, cells)
        return name
    return make


@pytest.fixture
def open_notebook(jupyterlab):
    """``open_notebook(page, path, run=True)``: open in a fresh workspace, wait for the
    kernel, run all cells."""
    counter = {"n": 0}

    def op(page, path: str, *, run: bool = True) -> None:
        counter["n"] += 1
        jlab.open_notebook(page, jupyterlab.url, path, workspace=f"w{os.getpid()}{counter['n']}", run=run)
    return op


kernel_eval = jlab.kernel_eval
screenshot = jlab.screenshot
