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
    assert doc["student"] == "placeholder-student" and len(doc["records"]) == 1


def test_export_without_student_is_a_clear_error(capsys):
    assert cli.main(["export"]) == 2
    assert "lesson 00" in capsys.readouterr().err
