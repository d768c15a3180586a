"""The medialit command."""
from __future__ import annotations

import json
from pathlib import Path

from medialit import cli, store


def test_info(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert "41 sentences, 15 comments" in out and "factchecks" in out and "evidence cards:" in out


def test_export_writes_both_files(capsys):
    s = store.set_student("placeholder-student")
    s.put("reflection", case_id="rodong-2024", key="0.4", value={"text": "placeholder words"})
    assert cli.main(["export"]) == 0
    paths = [line.split("wrote ", 1)[1] for line in capsys.readouterr().out.splitlines()]
    doc = json.loads(Path(paths[0]).read_text(encoding="utf-8"))
    assert Path(paths[0]).name.startswith("placeholder-student-") and paths[0].endswith(".medialit-work.json")
    assert doc["student"] == "placeholder-student" and len(doc["records"]) == 2   # the reflection, the export


def test_progress_prints_exercises_done_and_json(capsys):
    s = store.set_student("placeholder-student")
    s.put("quiz", case_id="rodong-2024", key="1.1", value={"answer": "x", "correct": False})
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "01  Who is speaking, to whom?: 1 of 5 exercises done; still to do: 1.2, 1.3, 1.4, 1.5" in out
    assert cli.main(["progress", "--student", "placeholder-student", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[1] == {"lesson": "01", "done": 1, "total": 5}
    assert [r["lesson"] for r in rows] == [f"{i:02d}" for i in range(9)]
    assert sum(r["done"] for r in rows) == 1


def test_export_without_student_is_a_clear_error(capsys):
    assert cli.main(["export"]) == 2
    assert "lesson 00" in capsys.readouterr().err


def test_a_mistyped_student_makes_nothing(capsys):
    store.set_student("placeholder-student").put("quiz", case_id="rodong-2024", key="1.1",
                                                 value={"answer": "x", "correct": False})
    for cmd in (["export", "--student", "placeholder-studnet"], ["progress", "--student", "placeholder-studnet"]):
        assert cli.main(cmd) == 2
        err = capsys.readouterr().err
        assert "No saved work for 'placeholder-studnet'" in err and "placeholder-student" in err
    assert not (store.work_dir() / "placeholder-studnet").exists()
