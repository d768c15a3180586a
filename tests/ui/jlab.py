"""Drive a real JupyterLab from Python with Playwright (no pytest needed, so bench/ can use it).

The recipe is the one in ``jupyter-engineering.md`` section 5: a server on 127.0.0.1 with an
empty token and XSRF off, ``expose_app_in_browser`` so ``window.jupyterapp`` exists, a fresh
workspace opened with ``?reset``, and the notebook tracker's ``windowingMode`` set to
``none`` (the default ``full`` drops off-screen cells from the DOM). Everything the server
writes (settings, workspaces, runtime files, student work) goes into one temporary folder.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterable

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "JupyterLab", "launch_chromium", "open_notebook", "run_all",
           "kernel_eval", "write_notebook", "wait_kernel_idle", "KERNEL"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KERNEL = "window.jupyterapp.shell.currentWidget.sessionContext.session"

_SETTINGS = {
    # default 'full' windowing drops off-screen cells (jupyterlab PR #15964)
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # no "get news?" toast over the page, no update checks (offline)
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """A JupyterLab server in ``base`` (a temporary folder): ``root/`` is served, ``work/`` is
    MEDIALIT_WORK, the rest holds settings, workspaces and runtime files. ``data/labextensions``
    gets this checkout's course extension (``extension=False``: none there, so what the venv
    has, if anything, is used)."""

    def __init__(self, base: Path, *, env: dict | None = None, extension: bool = True) -> None:
        self.base = Path(base)
        self.root = self.base / "root"
        self.work = self.base / "work"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.base / "jupyterlab.log"
        self.extra_env = env or {}
        self.extension = extension
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "JupyterLab":
        for d in ("root", "work", "config", "data", "runtime", "ipython", "settings", "workspaces"):
            (self.base / d).mkdir(parents=True, exist_ok=True)
        for rel, value in _SETTINGS.items():
            p = self.base / "settings" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(json.dumps(value), encoding="utf-8")
        if self.extension:
            # this checkout's widgets, whatever the venv holds (its data folder comes first)
            from medialit.widgets import frontend  # noqa: PLC0415
            frontend.install(labextensions=self.base / "data" / "labextensions")
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.base / "config"),
            "JUPYTER_DATA_DIR": str(self.base / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.base / "runtime"),
            "IPYTHONDIR": str(self.base / "ipython"),
            "MEDIALIT_WORK": str(self.work),
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYTHONWARNINGS": "ignore",
        })
        if self.extension:
            env["JUPYTER_PREFER_ENV_PATH"] = "0"     # the data folder before the venv's
        env.update(self.extra_env)
        cmd = [
            sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
            "--LabApp.expose_app_in_browser=True", f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={self.base / 'settings'}",
            f"--LabApp.workspaces_dir={self.base / 'workspaces'}",
        ]
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}; log:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer /api/status within {timeout}s; log:\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            # only the process group this object started (the server and its kernels)
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None
        self._log.close()

    def __enter__(self) -> "JupyterLab":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def write_notebook(path: Path, cells: Iterable[str], *, markdown_first: str | None = None) -> Path:
    """Write a notebook of code cells (python3 kernel) to ``path``."""
    import nbformat  # noqa: PLC0415

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    if markdown_first:
        nb.cells.append(nbformat.v4.new_markdown_cell(markdown_first))
    nb.cells.extend(nbformat.v4.new_code_cell(src) for src in cells)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def launch_chromium(playwright, *, headless: bool = True):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=headless)


def wait_kernel_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(f"() => {KERNEL}?.kernel?.status === 'idle'", timeout=timeout)


def open_notebook(page, base_url: str, path: str, *, workspace: str = "t", run: bool = True,
                  timeout: float = 60_000) -> None:
    """Open ``path`` (relative to the server root) in a fresh workspace, wait for the kernel,
    and (by default) run all cells, waiting until the run has finished."""
    page.goto(f"{base_url}/lab/workspaces/{workspace}/tree/{path}?reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=timeout)
    wait_kernel_idle(page, timeout)
    if run:
        run_all(page, timeout=timeout)


def run_all(page, *, timeout: float = 60_000) -> float:
    """Run all cells; return the milliseconds the run took (measured in the page)."""
    page.set_default_timeout(timeout)
    ms = page.evaluate("""async () => {
        const t0 = performance.now();
        window.__runAllStart = t0;
        await window.jupyterapp.commands.execute('notebook:run-all-cells');
        return performance.now() - t0; }""")
    wait_kernel_idle(page, timeout)
    page.set_default_timeout(15_000)
    return ms


def kernel_eval(page, code: str, *, timeout: float = 30_000) -> str:
    """Run ``code`` in the open notebook's kernel (not in a cell) and return its stdout.
    A Python error raises RuntimeError with the traceback."""
    res = page.evaluate(f"""async code => {{ const k = {KERNEL}.kernel; let s = ""; let err = null;
        const f = k.requestExecute({{code, store_history: false}});
        f.onIOPub = m => {{
            if (m.header.msg_type === "stream") s += m.content.text;
            if (m.header.msg_type === "error") err = m.content.ename + ": " + m.content.evalue + "\\n"
                + m.content.traceback.join("\\n");
        }};
        await f.done; return {{s, err}}; }}""", code)
    if res["err"]:
        raise RuntimeError(f"kernel_eval failed for {code!r}:\n{res['err']}")
    return res["s"]


def screenshot(page_or_locator, name: str, folder: Path | None = None) -> Path:
    folder = folder or Path(__file__).parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page_or_locator.screenshot(path=str(path))
    return path


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None
