"""A real JupyterHub on 127.0.0.1 runs the course for a class of two.

JupyterHub 6 with configurable-http-proxy, the local process spawner and DummyAuthenticator;
two system users made for the test (home mode 0700); the course installed once, non-editable,
into the shared environment every user's server runs (``make hub-tools`` builds it in
``$MEDIALIT_HUB_TOOLS``). Each user gets lesson 00 through their own server, runs it in a
kernel cell by cell as Run does (choosing their own pseudonym), saves and exports work into
their own folder; neither can read the other's work through the hub or the file system
(homes 0700, and the store's work folders 0700 and files 0600).
Everything the test made is removed at the end: servers, hub, proxy, users and their homes,
the course install. It needs root; without its tools it is skipped, and under ``CI=true`` it fails.
"""
from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .hubkit import Kernel, call, wait_for

REPO = Path(__file__).resolve().parents[2]
TOOLS = Path(os.environ.get("MEDIALIT_HUB_TOOLS", "/var/tmp/medialit-hub-tools"))
HUB = TOOLS / "venv" / "bin" / "jupyterhub"
SINGLEUSER = TOOLS / "venv" / "bin" / "jupyterhub-singleuser"
PYTHON = TOOLS / "venv" / "bin" / "python"
PROXY = TOOLS / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = REPO / "lessons" / "00-start-here.ipynb"
CASE = "rodong-2024"

pytestmark = pytest.mark.slow


def _missing() -> str | None:
    if not sys.platform.startswith("linux"):
        return "needs Linux"
    if os.geteuid() != 0:
        return "needs root (it creates two system users)"
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            return f"no {tool}"
    for path in (HUB, SINGLEUSER, PROXY):
        if not os.access(path, os.X_OK):
            return f"{path} is missing: run `make hub-tools`"
    try:
        import websocket  # noqa: F401
    except ImportError:
        return "websocket-client is not installed"
    return None


@pytest.fixture(scope="module", autouse=True)
def _tools():
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the JupyterHub test cannot run: {why}")
        pytest.skip(f"the JupyterHub test cannot run here: {why}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*cmd: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), check=True, capture_output=True, text=True, **kw)


def _install_course(tmp: Path) -> None:
    """Build the wheel from a copy of the sources and install it, once, for every user."""
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "src", "data"):
        p = REPO / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(p, src / name)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", str(tmp / "dist"), str(src))
    wheel = next((tmp / "dist").glob("medialit-*.whl"))
    _run(str(PYTHON), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--force-reinstall", str(wheel))


def _config(state: Path, ports: dict, token: str, password: str, users: list[str]) -> Path:
    cfg = state / "jupyterhub_config.py"
    cfg.write_text(f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{ports['public']}/"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports['hub']}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports['proxy']}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(state / 'proxy.pid')!r}
c.JupyterHub.db_url = "sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(state / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(state / 'hub.pid')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.log_level = "WARN"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(SINGLEUSER)!r}]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# the second user's work goes where the spawner says (MEDIALIT_WORK wins over the default)
c.Spawner.environment = {{"MEDIALIT_WORK": lambda sp: f"/home/{{sp.user.name}}/course-work"
                          if sp.user.name == {users[1]!r} else ""}}
c.JupyterHub.services = [{{"name": "medialit-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "medialit-test", "services": ["medialit-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"]}}]
""", encoding="utf-8")
    return cfg


def _processes_of(uid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    out.append(int(entry.name))
            except OSError:
                pass
    return out


@pytest.fixture(scope="module")
def hub():
    started = time.monotonic()
    tag = f"{os.getpid() % 100000:05d}"
    users = [f"mlhub{tag}a", f"mlhub{tag}b"]
    for u in users:
        with pytest.raises(KeyError):
            pwd.getpwnam(u)           # never touch an existing account
    tmp = Path(tempfile.mkdtemp(prefix="medialit-hub-"))
    state = tmp / "state"
    state.mkdir(mode=0o700)
    made: list[str] = []
    proc = None
    token, password = secrets.token_hex(32), secrets.token_hex(16)
    ports = {"public": _free_port(), "hub": _free_port(), "proxy": _free_port()}
    base = f"http://127.0.0.1:{ports['public']}"
    log = open(state / "hub.log", "w", encoding="utf-8")
    try:
        for u in users:
            _run("useradd", "-m", "-K", "HOME_MODE=0700", "-s", "/usr/sbin/nologin", u)
            made.append(u)
        _install_course(tmp)
        cfg = _config(state, ports, token, password, users)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(state)}
        proc = subprocess.Popen([str(HUB), "-f", str(cfg)], cwd=state, stdout=log, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
        try:
            wait_for("the hub", lambda: proc.poll() is not None or call("GET", f"{base}/hub/api/", token).status == 200,
                     60)
        except TimeoutError:
            pass
        if proc.poll() is not None or call("GET", f"{base}/hub/api/", token).status != 200:
            log.flush()
            pytest.fail("the hub did not start:\n" + (state / "hub.log").read_text(encoding="utf-8")[-3000:])
        r = call("POST", f"{base}/hub/api/users", token, {"usernames": users})
        assert r.status in (201, 409), (r.status, r.body)
        yield {"base": base, "token": token, "users": users, "started": started, "log": state / "hub.log"}
    finally:
        t = time.monotonic()
        _stop(proc, base, token, users)
        log.close()
        for u in made:
            _remove_user(u)
        _quietly(subprocess.run, [str(PYTHON), "-m", "pip", "uninstall", "--quiet", "-y", "medialit"],
                 capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"JupyterHub class test: cleaned up in {time.monotonic() - t:.1f} s; "
              f"{time.monotonic() - started:.1f} s in all")


def _quietly(fn, *args, **kw) -> None:
    """One cleanup step; a failure must not stop the next ones."""
    try:
        fn(*args, **kw)
    except Exception as exc:  # noqa: BLE001
        print(f"cleanup: {fn.__name__}: {exc}", file=sys.stderr)


def _stop(proc, base: str, token: str, users: list[str]) -> None:
    if proc is None:
        return
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)             # the hub stops every server first (cleanup_servers)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            _quietly(os.killpg, proc.pid, signal.SIGKILL)
            proc.wait(10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)         # the proxy, if it outlived the hub
    except ProcessLookupError:
        pass


def _remove_user(user: str) -> None:
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return
    for pid in _processes_of(uid):                  # servers and kernels the hub started for them
        _quietly(os.kill, pid, signal.SIGKILL)
    subprocess.run(["userdel", "-r", "-f", user], capture_output=True)
    assert user not in {p.pw_name for p in pwd.getpwall()}, f"could not remove the test user {user}"


def _start_server(hub, user: str) -> str:
    base, token = hub["base"], hub["token"]
    r = call("POST", f"{base}/hub/api/users/{user}/server", token)
    assert r.status in (201, 202), (r.status, r.body, hub["log"].read_text()[-2000:])
    wait_for(f"{user}'s server", lambda: (call("GET", f"{base}/hub/api/users/{user}", token).body or {})
             .get("servers", {}).get("", {}).get("ready"), 120)
    r = call("POST", f"{base}/hub/api/users/{user}/tokens", token, {"note": "medialit hub test", "expires_in": 900})
    assert r.status == 201, (r.status, r.body)
    return r.body["token"]


def _give_lesson(hub, user: str, utoken: str) -> dict:
    """Upload lesson 00 to the user's home through their server, and read it back."""
    base = hub["base"]
    nb = json.loads(LESSON.read_text(encoding="utf-8"))
    r = call("PUT", f"{base}/user/{user}/api/contents/course", utoken, {"type": "directory"})
    assert r.status in (200, 201), (r.status, r.body)
    r = call("PUT", f"{base}/user/{user}/api/contents/course/00-start-here.ipynb", utoken,
             {"type": "notebook", "format": "json", "content": nb})
    assert r.status in (200, 201), (r.status, r.body)
    r = call("GET", f"{base}/user/{user}/api/contents/course/00-start-here.ipynb", utoken)
    assert r.status == 200
    return r.body["content"]


_PSEUDONYM_CELL = re.compile(r'^(\s*PSEUDONYM\s*=\s*)"[^"\n]*"', re.M)


def _run_lesson_00(k: Kernel, nb: dict, pseudonym: str) -> tuple[list[str], str]:
    """Run every code cell in order; the student types their pseudonym into its cell.
    Returns the errors and everything the cells printed or showed as text."""
    errors, typed, shown = [], False, ""
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if _PSEUDONYM_CELL.search(code):
            code, typed = _PSEUDONYM_CELL.sub(lambda m: f'{m.group(1)}"{pseudonym}"', code, count=1), True
        out = k.run(code)
        shown += out["stdout"] + out["text"]
        if out["error"]:
            errors.append(f"{code[:50]!r}: {out['error']}")
    if not typed:                        # a lesson without a pseudonym cell: choose it as the lesson says
        out = k.run(f"from medialit import course\ncourse.choose_pseudonym({pseudonym!r})")
        shown += out["text"]
        if out["error"]:
            errors.append(out["error"])
    return errors, shown


STUDENT_WORK = """
from medialit import paths, store
s = store.open_store()
s.put("reflection", case_id={case!r}, key="0.4", value={{"text": "placeholder words", "changed": True, "lesson": "00"}})
print(s.student)
print(paths.work_dir())
print(s.export())
"""


def test_two_students_work_on_one_hub_and_cannot_read_each_other(hub):
    base, (a, b) = hub["base"], hub["users"]
    homes = {u: Path(pwd.getpwnam(u).pw_dir) for u in (a, b)}
    for u in (a, b):
        assert stat.S_IMODE(homes[u].stat().st_mode) == 0o700, f"{u}'s home is not private"
    tokens = {u: _start_server(hub, u) for u in (a, b)}
    exports, kernels = {}, {}
    try:
        for u in (a, b):
            nb = _give_lesson(hub, u, tokens[u])
            kernels[u] = k = Kernel(base, u, tokens[u])
            errors, shown = _run_lesson_00(k, nb, f"{u}-otter")
            assert errors == [], errors
            where = "$MEDIALIT_WORK" if u == b else "~/medialit-work"         # what lesson 00 tells the student
            assert f"{where}/{u}-otter/work.jsonl" in shown, shown[-1500:]
            out = k.run(STUDENT_WORK.format(case=CASE))
            assert out["error"] is None, out["error"]
            student, work, export = out["stdout"].split()
            assert student == f"{u}-otter"
            want = homes[u] / ("course-work" if u == b else "medialit-work")   # b's spawner sets MEDIALIT_WORK
            assert Path(work) == want, (u, work)
            exports[u] = Path(export)
            assert exports[u].is_relative_to(want)
            # the wheel installed the widgets' JupyterLab extension where the user's server finds it
            out = k.run("from medialit.widgets import frontend\nprint(frontend.installed_path(), frontend.use_labextension())")
            assert out["error"] is None and out["stdout"].split()[-1] == "True", out
        for u in (a, b):
            st = exports[u].stat()
            assert st.st_uid == pwd.getpwnam(u).pw_uid                   # the student owns their work
            work = exports[u].parent
            for path in (work.parent, work, work / "work.jsonl", exports[u]):
                mode = stat.S_IMODE(path.stat().st_mode)                 # folders 0700, files 0600
                assert mode & 0o077 == 0, f"{path} is mode {oct(mode)}: readable by others"
            doc = json.loads(exports[u].read_text(encoding="utf-8"))
            assert doc["student"] == f"{u}-otter" and any(r["kind"] == "reflection" for r in doc["records"])
        # through the file system: a's kernel cannot read b's export, nor list b's home
        probe = k_probe = kernels[a].run(
            "import os\n"
            f"for p in ({str(exports[b])!r}, {str(homes[b])!r}):\n"
            "    try:\n"
            "        open(p).read() if os.path.isfile(p) or not os.path.isdir(p) else os.listdir(p)\n"
            "        print('READ', p)\n"
            "    except PermissionError:\n"
            "        print('DENIED', p)\n")
        assert probe["error"] is None and probe["stdout"].split().count("DENIED") == 2, k_probe
        # through the hub: a's token opens nothing of b's server
        rel = exports[b].relative_to(homes[b])
        for path in (f"/user/{b}/api/contents/{rel}", f"/user/{b}/files/{rel}", f"/user/{b}/api/kernels"):
            r = call("GET", base + path, tokens[a])
            assert r.status in (403, 404), (path, r.status)
        assert call("GET", f"{base}/user/{a}/api/contents/course", tokens[a]).status == 200
    finally:
        for k in kernels.values():
            k.close()
    took = time.monotonic() - hub["started"]
    print(f"\nJupyterHub class test: {took:.1f} s from setup to the last check")
    assert took < 110, f"the hub test took {took:.0f} s; keep it well under 2 minutes"
