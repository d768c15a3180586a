"""Small clients for the JupyterHub test: the hub's REST API, a user's Jupyter server and a
kernel driven over its websocket, all with the token in an ``Authorization`` header (JupyterHub
5+ refuses a token in a websocket URL from non-browser clients). Loopback only."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass


@dataclass
class Reply:
    status: int
    body: object


def call(method: str, url: str, token: str, data: object = None, timeout: float = 30.0) -> Reply:
    assert url.startswith("http://127.0.0.1:"), url         # never anything but this machine
    body = None if data is None else json.dumps(data).encode()
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    except (urllib.error.URLError, OSError):      # not listening (yet, or any more)
        return Reply(0, None)
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode("utf-8", "replace")
    return Reply(status, parsed)


def wait_for(what: str, check, timeout: float, every: float = 0.25):
    end = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > end:
            raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")
        time.sleep(every)


class Kernel:
    """One kernel in a user's server, run cell by cell as the notebook's Run does."""

    def __init__(self, base: str, user: str, token: str) -> None:
        import websocket  # websocket-client
        self.base, self.user, self.token = base, user, token
        r = call("POST", f"{base}/user/{user}/api/kernels", token, {"name": "python3"})
        assert r.status == 201, (r.status, r.body)
        self.id = r.body["id"]
        ws_url = base.replace("http://", "ws://") + f"/user/{user}/api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=120)
        self.session = uuid.uuid4().hex

    def run(self, code: str, timeout: float = 120.0) -> dict:
        """Execute ``code``; returns {"stdout", "text" (results), "error"} once the kernel is idle."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.user,
                       "session": self.session, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        out = {"stdout": "", "text": "", "error": None}
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout":
                out["stdout"] += content["text"]
            elif kind in ("execute_result", "display_data"):
                out["text"] += content.get("data", {}).get("text/plain", "") + "\n"
            elif kind == "error":
                out["error"] = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content.get("execution_state") == "idle":
                return out
        raise TimeoutError(f"cell did not finish in {timeout:.0f} s: {code[:60]!r}")

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            call("DELETE", f"{self.base}/user/{self.user}/api/kernels/{self.id}", self.token)
