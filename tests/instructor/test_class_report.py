"""Known-answer figures on a small synthetic class whose answers are set by hand, and the
report page, the gradebook and the command built from it."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from medialit import cli, instructor, spans
from medialit.instructor import Grader, synthetic

EXPORTED = "2026-11-30T10:00:00.000Z"


def _rec(seq, kind, key, value, doc_id="", anchor=None):
    return {"schema": 1, "seq": seq, "time": EXPORTED, "op": "put", "kind": kind, "case_id": "rodong-2024",
            "doc_id": doc_id, "key": key, "value": value, "anchor": anchor}


def _exercise(grader, kind, **where):
    for info in grader.exercises:
        rule = info.exercise.rule
        if rule.kind == kind and all(getattr(rule, k) == v for k, v in where.items()):
            return info
    pytest.skip(f"the lesson data has no {kind} exercise {where}")  # the data, not the report, decides


@pytest.fixture(scope="module")
def known(case, tmp_path_factory):
    """ace answers as the key; bea says 'opinion' to every sentence and 'inaccurate' to the
    first fact-check exercise; cy only chose a pseudonym."""
    grader = Grader(case)
    sent = _exercise(grader, "sentence_label")
    verdict = _exercise(grader, "verdict")
    spans_ex = _exercise(grader, "span", task="loaded_language")
    quiz = next(i for i in grader.exercises if i.exercise.rule.kind == "quiz" and i.exercise.rule.key)
    key_sent = case.key("sentences")
    key_fc = case.key("factchecks").set_index("id")
    claim = verdict.exercise.rule.key
    doc = case.document(spans_ex.exercise.rule.doc_id)
    key_ll = case.key("loaded_language")
    in_doc = key_ll[(key_ll.start >= doc.start) & (key_ll.end <= doc.end)]
    q = grader.quiz_items[quiz.exercise.rule.key]
    right = next(o.text for o in q.options if o.correct)
    wrong = next(o.text for o in q.options if not o.correct)

    ace, bea = [], []
    for row in key_sent.itertuples():
        ace.append(_rec(len(ace) + 1, "sentence_label", str(row.sentence), {"label": row.label}, "article"))
        bea.append(_rec(len(bea) + 1, "sentence_label", str(row.sentence), {"label": "opinion"}, "article"))
    ace.append(_rec(len(ace) + 1, "verdict", claim, {"verdict": key_fc.loc[claim, "verdict"], "justification": "w"},
                    "article"))
    bea.append(_rec(len(bea) + 1, "verdict", claim, {"verdict": "inaccurate", "justification": "w"}, "article"))
    for n, row in enumerate(in_doc.itertuples()):
        ace.append(_rec(len(ace) + 1, "span", f"span-{n}", {"label": row.category, "note": "", "task": "loaded_language"},
                        doc.doc_id, spans.anchor(doc.text, row.start - doc.start, row.end - doc.start)))
    ace.append(_rec(len(ace) + 1, "quiz", q.id, {"answer": right, "correct": True}))
    bea.append(_rec(len(bea) + 1, "quiz", q.id, {"answer": wrong, "correct": False}))
    # before/after: correctness comes from the options in the lesson data
    pre = {ok: next(o.text for o in grader.quiz_items["pre.1"].options if o.correct == ok) for ok in (True, False)}
    post = {ok: next(o.text for o in grader.quiz_items["post.1"].options if o.correct == ok) for ok in (True, False)}
    ace += [_rec(len(ace) + 1, "quiz", "pre.1", {"answer": pre[False]}),
            _rec(len(ace) + 2, "quiz", "post.1", {"answer": post[True]})]
    bea += [_rec(len(bea) + 1, "quiz", "pre.1", {"answer": pre[True]}),
            _rec(len(bea) + 2, "quiz", "post.1", {"answer": post[True]})]
    cy = [_rec(1, "progress", "pseudonym", {"lesson": "00"})]
    folder = tmp_path_factory.mktemp("known")
    for name, recs in (("ace", ace), ("bea", bea), ("cy", cy)):
        (folder / f"{name}-2026-11-30.medialit-work.json").write_text(
            json.dumps(synthetic.export_doc(name, recs)), encoding="utf-8")
    report = instructor.class_report(folder, case=case, progress=False)
    counted = key_sent[~key_sent.contested]
    return {"report": report, "folder": folder, "sent": sent, "verdict": verdict, "spans": spans_ex, "quiz": quiz,
            "n_counted": len(counted), "n_opinion": int((counted.label == "opinion").sum()),
            "claim": claim, "n_spans": len(in_doc), "doc": doc}


def _ex(report, info):
    return report.exercises.set_index("exercise").loc[info.id]


def test_completion_counts_only_what_the_rules_count(known):
    r = known["report"]
    assert r.n_students == 3 and r.skipped == []
    assert _ex(r, known["sent"]).done == 2            # ace and bea labelled every sentence
    assert _ex(r, known["verdict"]).done == 2         # a verdict and a justification
    assert _ex(r, known["spans"]).done == 1           # only ace marked spans
    assert _ex(r, known["quiz"]).done == 2
    s = r.students.set_index("pseudonym")
    assert s.loc["cy", "exercises_done"] == sum(1 for i in r.exercise_info
                                               if i.exercise.rule.kind == "progress" and i.exercise.rule.key == "pseudonym")


def test_scores_per_student_and_exercise(known):
    by = {x.pseudonym: x for x in known["report"].results}
    sent, verdict, sp, quiz = known["sent"].id, known["verdict"].id, known["spans"].id, known["quiz"].id
    n, opinion = known["n_counted"], known["n_opinion"]
    assert by["ace"].scores[sent] == (n, n)
    assert by["bea"].scores[sent] == (opinion, n)           # contested sentences never count
    assert by["cy"].scores[sent] == (None, None)            # nothing answered: no score, and not done
    if not known["report"].results[0].scores[verdict][1]:    # the claim is contested: no points either way
        assert by["ace"].scores[verdict] == (None, None)
    else:
        assert by["ace"].scores[verdict] == (1, 1) and by["bea"].scores[verdict] == (0, 1)
    assert by["ace"].scores[sp] == (1.0, 1.0)               # the key's own spans: F1 = 1
    assert by["bea"].scores[sp] == (None, None)             # nothing marked in the paragraph: not attempted
    assert by["ace"].scores[quiz] == (1, 1) and by["bea"].scores[quiz] == (0, 1)


def test_class_means_kappa_and_most_missed(known):
    r, n, opinion = known["report"], known["n_counted"], known["n_opinion"]
    row = _ex(r, known["sent"])
    assert row.mean_score == pytest.approx((n + opinion) / 2 / n)     # over the students scored
    assert row.kappa is not None and -1 <= row.kappa < 1
    claims = r.missed["claims (sentence labels)"]
    assert len(claims) == min(10, n - opinion)              # bea missed every non-opinion sentence
    assert (claims.missed_share == 0.5).all() and set(claims.most_given_instead) == {"opinion"}
    assert set(claims["item"]).isdisjoint({"sentence 0"})   # shown 1-based
    quizzes = r.missed["quizzes"]
    assert list(quizzes.missed_share) == [0.5]
    assert r.missed["spans (loaded_language)"].empty        # ace found every span; nobody else reached them
    labels = r.labels["loaded_language"]
    assert labels.found.sum() == labels.of.sum() == known["n_spans"]


def test_before_and_after(known):
    ba = known["report"].before_after.set_index("item")
    assert ba.loc["1"].tolist() == [2, 0.5, 2, 1.0]
    s = known["report"].before_after_students.set_index("pseudonym")
    assert s.loc["ace"].tolist() == [0.0, 1.0, 1.0] and s.loc["bea"].tolist() == [1.0, 1.0, 0.0]


def test_contested_items_show_the_spread(known, case):
    spread = known["report"].spread
    contested = case.key("sentences")
    contested = contested[contested.contested]
    rows = spread[spread.area == "claims (sentence labels)"]
    assert set(rows["item"]) == {f"sentence {s + 1}" for s in contested.sentence}
    assert rows.students.sum() == 2 * len(contested)


def test_the_page_is_one_offline_file_with_numbers_beside_each_chart(known, tmp_path):
    path = instructor.write_html(known["report"], tmp_path / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.count("<svg") >= 6
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)     # nothing fetched
    for figure in re.findall(r"<div class='pair'>(.*?)</div></div>", page, re.S):
        if "<svg" in figure and "Exercises done per student" not in figure:
            assert "<table>" in figure or "class='note'" in figure
    ex = _ex(known["report"], known["sent"])
    assert f"<td class='n'>{ex.done_share:.0%}</td>" in page


def test_gradebook_long_table_with_roster(known, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("pseudonym,student_id,email\nace,S-001,=cmd@example.org\nbea,S-002,b@example.org\n"
                      "dee,S-004,d@example.org\n", encoding="utf-8")
    path = instructor.write_csv(known["report"], tmp_path / "grades.csv", roster=instructor.read_roster(roster))
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["pseudonym", "student_id", "email", "lesson", "exercise", "done", "score", "max_score",
                       "submitted_at"]
    assert len(rows) == 1 + 3 * len(known["report"].exercise_info)
    ace = {r[4]: r for r in rows[1:] if r[0] == "ace"}
    n = str(known["n_counted"])
    assert ace[known["sent"].id][1:3] == ["S-001", "'=cmd@example.org"]     # a formula is never a formula
    assert ace[known["sent"].id][5:] == ["1", n, n, "2026-11-30T10:00:00Z"]   # submitted_at in one format, UTC
    assert {r[1] for r in rows[1:] if r[0] == "cy"} == {""}                    # not on the roster
    roster_obj = instructor.read_roster(roster)
    assert roster_obj.missing(["ace", "bea", "cy"]) == ["dee"] and roster_obj.unknown(["ace", "cy"]) == ["cy"]


def test_a_roster_without_the_columns_is_a_clear_error(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("name,id\nx,1\n", encoding="utf-8")
    with pytest.raises(instructor.RosterError, match="pseudonym.*student_id"):
        instructor.read_roster(bad)


def test_class_report_command(known, tmp_path, capsys):
    out, grades = tmp_path / "r.html", tmp_path / "g.csv"
    assert cli.main(["class-report", str(known["folder"]), "--out", str(out), "--csv", str(grades), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "read 3 exports; 0 files skipped" in text and out.is_file() and grades.is_file()
    assert cli.main(["class-report", str(tmp_path / "missing"), "--out", str(out)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_synthetic_exports_are_valid_course_exports(case, tmp_path):
    from medialit import store
    for path in synthetic.write_class(tmp_path / "c", 3, case=case):
        store.load_export(path)
    synthetic.write_bench_class(tmp_path / "b", 3, records=300, case=case)
    for path in sorted((tmp_path / "b").iterdir()):
        assert len(store.load_export(path)["records"]) == 300


def test_a_progress_bar_on_request(known, capsys):
    instructor.class_report(known["folder"], progress=True)
    assert "reading exports" in capsys.readouterr().err


def test_export_times_from_other_zones_compare_as_times(tmp_path):
    from medialit.instructor.synthetic import export_doc
    for name, when in (("alpha", "2026-12-02T10:00:00+09:00"), ("beta", "2026-12-02T09:00:00Z")):
        (tmp_path / f"{name}.medialit-work.json").write_text(json.dumps(dict(export_doc(name, []), exported=when)),
                                                            encoding="utf-8")
    report = instructor.class_report(tmp_path, progress=False, jobs=1)
    assert sorted(report.students.exported) == ["2026-12-02T01:00:00Z", "2026-12-02T09:00:00Z"]
    assert "newest export 2026-12-02T09:00:00Z" in instructor.render_html(report)
