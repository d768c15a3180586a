"""The store against a hostile file system: read-only folders, files of another user,
folders where files belong, symbolic links, and private modes whatever the umask.

Permission checks need a user who is not the file's owner. Run as root (as in the course's
containers), the reader is a child process as ``nobody``; as any other user, the reader is
the same user and the files are made read-only or unreadable with chmod."""
from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import medialit
from medialit import spans
from medialit.errors import StoreError
from medialit.store import open_store, set_student

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and links")

ROOT = os.geteuid() == 0
NOBODY = 65534
TEXT = "Some placeholder words, then other placeholder words."

FAST_IMPORT = """
import importlib.util, sys, types
_pkg = types.ModuleType("medialit")
_pkg.__path__ = list(importlib.util.find_spec("medialit").submodule_search_locations)
sys.modules["medialit"] = _pkg
"""

READER = FAST_IMPORT + """
import json, sys
from medialit.store import open_store
from medialit.errors import StoreError
root, out_dir = sys.argv[1], sys.argv[2]
out = {}
try:
    s = open_store("river-otter_7", root=root)
    out["keys"] = sorted(s.latest())
    out["read_only"] = s.read_only
    out["problems"] = s.problems
    try:
        out["export"] = str(s.export(out_dir + "/river-otter_7.medialit-work.json"))
    except StoreError as e:
        out["export"] = "StoreError: " + str(e)
    try:
        out["default_export"] = str(s.export())
    except StoreError as e:
        out["default_export"] = "StoreError: " + str(e)
    try:
        s.put("progress", case_id="case-1", key="new", value={})
        out["put"] = "saved"
    except StoreError as e:
        out["put"] = "StoreError: " + str(e)
except StoreError as e:
    out["open"] = "StoreError: " + str(e)
except Exception as e:
    out["raw"] = type(e).__name__ + ": " + str(e)
print(json.dumps(out))
"""


@pytest.fixture
def shared():
    """A folder other users may enter (pytest's own tmp folder is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="medialit-hostile-"))
    path.chmod(0o755)
    yield path
    for p in [path, *path.rglob("*")]:      # make everything removable again
        if not p.is_symlink():
            p.chmod(0o700 if p.is_dir() else 0o600)
    shutil.rmtree(path)


def other_writable(path: Path) -> Path:
    """A folder the reader may write (for its export)."""
    path.mkdir()
    if ROOT:
        os.chown(path, NOBODY, NOBODY)
    return path


SRC = str(Path(medialit.__file__).resolve().parents[1])
AS_NOBODY = {"user": NOBODY, "group": NOBODY, "extra_groups": [], "cwd": "/"}


@functools.lru_cache(maxsize=None)
def reader_python() -> str:
    """An interpreter the reader may run (as root, the venv's may live in root's home)."""
    if not ROOT:
        return sys.executable
    for py in (sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"):
        try:
            ok = subprocess.run([py, "-c", "import sys; assert sys.version_info >= (3, 11)"],
                                capture_output=True, timeout=30, **AS_NOBODY).returncode == 0
        except OSError:
            ok = False
        if ok:
            return py
    pytest.fail("running as root, but no Python 3.11+ that user 'nobody' may run was found")


def as_reader(root: Path, out_dir: Path) -> dict:
    """Run READER as a user who does not own ``root`` (as root) or as ourselves (otherwise)."""
    env = dict(os.environ, HOME=str(out_dir), PYTHONPATH=SRC, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([reader_python(), "-c", READER, str(root), str(out_dir)], capture_output=True,
                          text=True, timeout=60, env=env, **(AS_NOBODY if ROOT else {}))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "raw" not in out, out               # never a bare OSError
    return out


def saved_work(root: Path) -> Path:
    s = set_student("river-otter_7", root=root)
    s.put("span", case_id="case-1", doc_id="article", key="a", value={"label": "x"},
          anchor=spans.anchor(TEXT, 5, 22))
    s.put("progress", case_id="case-1", key="b", value={})
    return s.path.parent


def read_only_for_reader(folder: Path) -> None:
    """The reader may read the folder and its files but write nothing there."""
    for p in [folder.parent, folder, *folder.iterdir()]:
        p.chmod((0o755 if p.is_dir() else 0o644) if ROOT else (0o555 if p.is_dir() else 0o444))


def test_a_read_only_work_folder_is_read_and_exported(shared):
    root = shared / "work"
    folder = saved_work(root)
    (folder / "work.jsonl.lock").unlink()           # no lock yet: reading must not need to make one
    read_only_for_reader(folder)
    out = as_reader(root, other_writable(shared / "out"))
    assert out.get("keys") == ["a", "b"], out
    assert out["read_only"] and any("read-only" in p or "permission denied" in p for p in out["problems"])
    assert out["export"].endswith("river-otter_7.medialit-work.json")
    doc = json.loads(Path(out["export"]).read_text(encoding="utf-8"))
    assert [r["key"] for r in doc["records"]] == ["a", "b"]
    # the default place is the work folder: a clear message says where it tried and what to do
    assert out["default_export"].startswith("StoreError: ") and str(folder) in out["default_export"]
    assert "store.export(" in out["default_export"]
    assert out["put"].startswith("StoreError: ") and str(folder) in out["put"]


def test_a_lock_file_of_another_user_is_a_clear_error(shared):
    root = shared / "work"
    folder = saved_work(root)
    lock = folder / "work.jsonl.lock"
    root.chmod(0o755)                               # created 0700: let the reader in
    if ROOT:                                        # the folder and data are the reader's; the lock is not
        for p in [folder, *folder.iterdir()]:
            os.chown(p, NOBODY, NOBODY)
        os.chown(lock, 0, 0)
        lock.chmod(0o600)
    else:
        lock.chmod(0o000)
    out = as_reader(root, other_writable(shared / "out"))
    assert out.get("keys") == ["a", "b"], out       # work is still shown
    assert out["put"].startswith("StoreError: ") and str(lock) in out["put"]
    assert "permission denied" in out["put"]


def test_an_unreadable_data_file_is_a_clear_error(shared):
    root = shared / "work"
    folder = saved_work(root)
    data = folder / "work.jsonl"
    root.chmod(0o755)
    if ROOT:
        os.chown(folder, NOBODY, NOBODY)
        data.chmod(0o600)                           # root's file in the reader's folder
    else:
        data.chmod(0o000)
    out = as_reader(root, other_writable(shared / "out"))
    assert out["open"].startswith("StoreError: ") and str(data) in out["open"], out
    assert "permission denied" in out["open"]


def test_a_folder_where_the_data_file_belongs_is_a_clear_error(tmp_path):
    folder = saved_work(tmp_path)
    (folder / "work.jsonl").rename(folder / "moved.jsonl")
    (folder / "work.jsonl").mkdir()
    with pytest.raises(StoreError, match=r"work\.jsonl should be a file but is a folder"):
        open_store("river-otter_7", root=tmp_path)


def test_a_linked_data_file_is_refused_and_its_target_untouched(tmp_path):
    elsewhere = tmp_path / "elsewhere.jsonl"
    folder = saved_work(tmp_path / "work")
    (folder / "work.jsonl").rename(elsewhere)
    before = elsewhere.read_bytes()
    (folder / "work.jsonl").symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        open_store("river-otter_7", root=tmp_path / "work")
    assert elsewhere.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["work.jsonl", "work.jsonl.lock"]


def test_a_linked_pseudonym_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "river-otter_7").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoreError, match="symbolic link"):
        set_student("river-otter_7", root=tmp_path / "work")
    assert list(outside.iterdir()) == []            # nothing written outside work/


def test_a_linked_lock_is_refused(tmp_path):
    folder = saved_work(tmp_path / "work")
    target = tmp_path / "target"
    target.write_bytes(b"")
    (folder / "work.jsonl.lock").unlink()
    (folder / "work.jsonl.lock").symlink_to(target)
    with pytest.raises(StoreError, match="work.jsonl.lock is a symbolic link"):
        open_store("river-otter_7", root=tmp_path / "work")
    assert target.read_bytes() == b""


def test_a_linked_student_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not-for-you\n")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / ".student").symlink_to(secret)
    from medialit.store import current_student
    with pytest.raises(StoreError, match="symbolic link"):
        current_student(root=tmp_path / "work")
    set_student("river-otter_7", root=tmp_path / "work")     # choosing again replaces the link itself
    assert secret.read_text() == "not-for-you\n"
    assert current_student(root=tmp_path / "work") == "river-otter_7"


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_folders_are_0700_and_files_0600_whatever_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        root = tmp_path / "new" / "work"
        s = set_student("river-otter_7", root=root)
        s.put("progress", case_id="case-1", key="a", value={})
        with open(s.path, "ab") as fh:
            fh.write(b"damaged placeholder line\n")
        s = open_store(root=root)                   # keeps the damaged line aside
        exported = s.export()
        elsewhere = s.export(tmp_path / "exports" / "mine.json")
        annotations = s.export_web_annotation()
    finally:
        os.umask(old)
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    for folder in (tmp_path / "new", root, s.path.parent, tmp_path / "exports"):
        assert mode(folder) == 0o700, (folder, oct(mode(folder)))
    files = [s.path, root / ".student", s.path.parent / "work.jsonl.lock", exported, elsewhere, annotations,
             *s.path.parent.glob("work.jsonl.damaged-*")]
    assert len(files) == 7
    for f in files:
        assert mode(f) == 0o600, (f, oct(mode(f)))


def test_a_store_file_or_folder_error_names_the_path(tmp_path):
    (tmp_path / "work").write_text("a file where the work folder belongs")
    with pytest.raises(StoreError) as info:
        set_student("river-otter_7", root=tmp_path / "work")
    assert str(tmp_path / "work") in str(info.value)
