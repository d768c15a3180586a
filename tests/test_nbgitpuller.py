"""Lesson updates with nbgitpuller, as docs/teaching-a-class.md describes them: a student's copy
pulled from a git daemon on 127.0.0.1 gets the instructor's later commits and keeps what the
student changed (an edited lesson, a file of their own that clashes with a new one, work in an
ignored folder). Real lesson notebooks; nbgitpuller's own GitPuller, as its link handler runs it."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from nbgitpuller.pull import GitPuller

REPO = Path(__file__).resolve().parents[1]
GIT = shutil.which("git")
IDENTITY = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.invalid"]
MINE = "My answer: placeholder words the student wrote."
UPSTREAM = "Corrected by the instructor after the first class."


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([GIT, *IDENTITY, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_cell(path: Path, index: int, text: str, *, append: bool = True) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells[index].source = (nb.cells[index].source + "\n\n" + text) if append else text
    nbformat.write(nb, path)


def pull(url: str, target: Path) -> None:
    for _line in GitPuller(url, str(target), branch="main", depth=0).pull():
        pass


@pytest.fixture
def served(tmp_path):
    """The instructor's repository (lessons 00 and 01, .gitignore with work/), its bare copy
    served by `git daemon` on 127.0.0.1, and the URL students pull from."""
    assert GIT, "git is needed (apt-get install git)"
    author = tmp_path / "instructor"
    (author / "lessons").mkdir(parents=True)
    for name in ("00-start-here.ipynb", "01-who-is-speaking.ipynb"):
        shutil.copy(REPO / "lessons" / name, author / "lessons" / name)
    shutil.copy(REPO / ".gitignore", author / ".gitignore")
    git("init", "-q", "-b", "main", cwd=author)
    git("add", "-A", cwd=author)
    git("commit", "-q", "-m", "Lessons 00 and 01", cwd=author)
    root = tmp_path / "served"
    root.mkdir()
    git("clone", "-q", "--bare", str(author), str(root / "course.git"), cwd=tmp_path)
    git("remote", "add", "class", str(root / "course.git"), cwd=author)
    port = free_port()
    daemon = subprocess.Popen([GIT, "daemon", "--reuseaddr", "--export-all", f"--base-path={root}",
                               "--listen=127.0.0.1", f"--port={port}", str(root)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or daemon.poll() is not None:
                    raise RuntimeError("git daemon did not start") from None
                time.sleep(0.1)
        yield author, f"git://127.0.0.1:{port}/course.git"
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


# nbgitpuller's execute_cmd leaves its pipes to the garbage collector (ResourceWarning)
@pytest.mark.filterwarnings("ignore:Exception ignored in:pytest.PytestUnraisableExceptionWarning")
def test_a_pull_brings_updates_and_keeps_the_students_changes(served, tmp_path):
    author, url = served
    copy = tmp_path / "student" / "between-the-lines"
    pull(url, copy)                                       # the first click: a fresh copy
    lesson00 = copy / "lessons" / "00-start-here.ipynb"
    assert lesson00.read_bytes() == (REPO / "lessons" / "00-start-here.ipynb").read_bytes()

    # the student works: edits lesson 00's last cell, keeps notes of their own, saves work
    # in the checkout's work/ folder (ignored by git), and deletes lesson 01 by mistake
    last = len(nbformat.read(lesson00, as_version=4).cells) - 1
    edit_cell(lesson00, last, MINE)
    (copy / "lessons" / "notes.md").write_text("the student's own notes\n", encoding="utf-8")
    work = copy / "work" / "placeholder" / "work.jsonl"
    work.parent.mkdir(parents=True)
    work.write_bytes(b'{"seq": 1, "kind": "quiz", "key": "0.3"}\n')
    (copy / "lessons" / "01-who-is-speaking.ipynb").unlink()

    # the instructor corrects lesson 00's first cell, adds lesson 02 and a notes.md of their own
    edit_cell(author / "lessons" / "00-start-here.ipynb", 0, UPSTREAM)
    shutil.copy(REPO / "lessons" / "02-claims-and-opinions.ipynb", author / "lessons" / "02-claims-and-opinions.ipynb")
    (author / "lessons" / "notes.md").write_text("the instructor's notes\n", encoding="utf-8")
    git("add", "-A", cwd=author)
    git("commit", "-q", "-m", "Lesson 02; a correction in lesson 00", cwd=author)
    git("push", "-q", "class", "main", cwd=author)

    pull(url, copy)                                       # a later click

    merged = nbformat.read(lesson00, as_version=4)        # still a valid notebook
    assert MINE in merged.cells[last].source              # the student's edit is kept
    assert UPSTREAM in merged.cells[0].source             # and the correction arrives beside it
    assert (copy / "lessons" / "02-claims-and-opinions.ipynb").read_bytes() == \
        (REPO / "lessons" / "02-claims-and-opinions.ipynb").read_bytes()
    assert (copy / "lessons" / "01-who-is-speaking.ipynb").exists()   # a deleted lesson comes back
    assert (copy / "lessons" / "notes.md").read_text(encoding="utf-8") == "the instructor's notes\n"
    kept = [p for p in (copy / "lessons").glob("notes_*.md")]         # the student's file, renamed
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "the student's own notes\n"
    assert work.read_bytes() == b'{"seq": 1, "kind": "quiz", "key": "0.3"}\n'   # work untouched
    assert "work/" not in git("status", "--porcelain", "--ignored=no", cwd=copy)
