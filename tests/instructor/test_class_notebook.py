"""The instructor notebook is built from its source, executed and clean (strict nbval runs it),
and on a real folder it keeps what it writes."""
from __future__ import annotations

import os
import subprocess
import sys

from medialit.instructor import notebook, synthetic
from medialit.paths import REPO


def test_instructor_notebook_matches_its_source_and_is_clean():
    assert notebook.check() == []


def test_instructor_notebooks_stay_out_of_the_student_edition():
    from medialit import lessons
    assert not any("instructor" in name for name in lessons.lesson_names())
    assert not (lessons.EDITIONS["student"] / "instructor").exists()


def _parameter_cell():
    nb = notebook._read("class-report")
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "one cell tagged 'parameters'"
    return cells[0].source


def test_the_parameters_are_one_marked_cell():
    source = _parameter_cell()
    for name in ("SUBMISSIONS", "OUT", "ROSTER", "MEDIALIT_SUBMISSIONS", "MEDIALIT_REPORT_OUT", "MEDIALIT_ROSTER"):
        assert name in source


def _run_source(env: dict, cwd) -> subprocess.CompletedProcess:
    """The notebook's code cells, in order, as one script (outside Jupyter display() prints)."""
    nb = notebook._read("class-report")
    code = "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300)


def test_on_a_real_folder_the_report_and_gradebook_are_kept(tmp_path):
    sub = tmp_path / "class"
    synthetic.write_class(sub, 3, seed=1)
    (tmp_path / "roster.csv").write_text("pseudonym,student_id\nstudent-001,-007\nnobody,S-9\n", encoding="utf-8")
    out = tmp_path / "reports"
    done = _run_source({"MEDIALIT_SUBMISSIONS": str(sub), "MEDIALIT_REPORT_OUT": str(out),
                        "MEDIALIT_ROSTER": str(tmp_path / "roster.csv"), "PYTHONPATH": str(REPO / "src")}, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "report.html").is_file() and (out / "grades.csv").is_file()
    assert str(out / "report.html") in done.stdout
    header = (out / "grades.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("pseudonym,student_id,lesson")
    assert "nobody" in done.stdout                      # on the roster, no export
    assert len(list(sub.iterdir())) == 3                # the submissions are never removed


def test_on_a_real_folder_without_out_the_outputs_go_beside_it(tmp_path):
    sub = tmp_path / "class"
    synthetic.write_class(sub, 2, seed=1)
    done = _run_source({"MEDIALIT_SUBMISSIONS": str(sub), "MEDIALIT_REPORT_OUT": "", "MEDIALIT_ROSTER": "",
                        "PYTHONPATH": str(REPO / "src")}, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "class-report" / "report.html").is_file()
    assert sub.is_dir() and any(sub.iterdir())          # the submissions are never removed


def test_the_build_ignores_the_parameters_in_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIALIT_SUBMISSIONS", "/nonexistent")
    with notebook.demo_environment():
        assert "MEDIALIT_SUBMISSIONS" not in os.environ
    assert os.environ["MEDIALIT_SUBMISSIONS"] == "/nonexistent"
