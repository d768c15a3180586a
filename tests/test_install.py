"""A non-editable install (a wheel, as `pip install .` builds) carries the course data and
keeps work in the user's home folder, never inside the installed package. Offline: the wheel
is built without build isolation, and the new venv borrows this venv's dependencies."""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "src", "data")
PACKAGES = ("medialit", "medialit/widgets", "medialit/instructor", "medialit/store", "medialit/scoring")

PROBE = r"""
import json, medialit, medialit.paths as p
from medialit import store
case = medialit.load_case()
s = store.set_student("placeholder-a")
s.put("reflection", case_id=case.case_id, key="0.4", value={"text": "placeholder words"})
print(json.dumps({"package": medialit.__file__, "data": str(p.data_dir()), "work": str(p.work_dir()),
                  "saved": str(s.path), "sentences": len(case.sentences), "keys": case.keys,
                  "where": p.work_dir_label()}))
"""


def _copy_sources(dest: Path) -> Path:
    dest.mkdir()
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    src = _copy_sources(tmp / "src-copy")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(tmp / "dist"), str(src)], check=True, capture_output=True, text=True)
    wheel = next((tmp / "dist").glob("medialit-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(py), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, text=True)
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # pandas, ipywidgets and the rest come from this venv (after the installed package)
    Path(purelib, "borrowed-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return {"tmp": tmp, "wheel": wheel, "python": py, "purelib": Path(purelib)}


def _run(installed, **env_extra):
    home = installed["tmp"] / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIALIT_")}
    env.update(HOME=str(home), **env_extra)
    out = subprocess.run([str(installed["python"]), "-c", PROBE], cwd=installed["tmp"], env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1]), home


def test_the_wheel_carries_the_data_and_every_package(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    data = sorted(n for n in names if n.startswith("medialit/data/"))
    want = sorted("medialit/data/" + p.relative_to(REPO / "data").as_posix()
                  for p in (REPO / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert data == want
    for pkg in PACKAGES:
        assert f"{pkg}/__init__.py" in names, pkg
    packages = {p.parent.relative_to(REPO / "src").as_posix() for p in (REPO / "src").rglob("__init__.py")}
    assert packages == set(PACKAGES), "a new subpackage must be added to PACKAGES (and so checked in the wheel)"


def test_installed_course_loads_the_case_and_saves_work_at_home(installed):
    got, home = _run(installed)
    pkg = installed["purelib"] / "medialit"
    assert Path(got["package"]).parent == pkg            # the installed copy, not this checkout
    assert Path(got["data"]) == pkg / "data"
    assert got["sentences"] == 41 and "factchecks" in got["keys"]
    assert Path(got["work"]) == home / "medialit-work"
    assert Path(got["saved"]).is_relative_to(home / "medialit-work")
    assert got["where"] == "~/medialit-work"
    assert not (pkg / "work").exists() and not (installed["purelib"] / "work").exists()


def test_installed_course_still_obeys_medialit_work(installed):
    target = installed["tmp"] / "elsewhere"
    got, _ = _run(installed, MEDIALIT_WORK=str(target))
    assert Path(got["saved"]).is_relative_to(target)
