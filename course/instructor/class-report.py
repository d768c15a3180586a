# %% [markdown]
# # Class report · for instructors
# *From a folder of exported student work to what the class did, where it disagrees with the key, and a gradebook.*

# %% [markdown]
# This notebook shows the same views as `medialit class-report SUBMISSIONS_DIR --out report.html --csv grades.csv`.
# It runs anywhere: unless you name a folder of real exports, it makes a synthetic class of 24 students from the case keys (neutral pseudonyms, placeholder text) plus one guest export, shows the report on it and removes it again.
# Every number below comes from `medialit.instructor`; what counts as done comes from the lesson data (`data/lessons/NN.toml`).
# Nothing in a submission is run, and the report page escapes everything that comes from a submission.
#
# **To use your own class**, set the three parameters in the next cell (or the environment variables named there, before you start Jupyter) and run all cells:
#
# - `SUBMISSIONS`: the folder of exports you downloaded from your LMS, unpacked (subfolders are fine);
# - `OUT`: where `report.html` and `grades.csv` are written and kept (default: a folder `<SUBMISSIONS>-report` beside it);
# - `ROSTER`: a CSV with `pseudonym` and `student_id` columns, to add your students' ids to the gradebook (optional).

# %% tags=["parameters"]
# Parameters. None for SUBMISSIONS: a synthetic demonstration class, removed at the end.
import os
from pathlib import Path

SUBMISSIONS = os.environ.get("MEDIALIT_SUBMISSIONS") or None   # for example "~/submissions"
OUT = os.environ.get("MEDIALIT_REPORT_OUT") or None            # for example "~/class-report"
ROSTER = os.environ.get("MEDIALIT_ROSTER") or None             # for example "~/roster.csv"

# %%
import json
import shutil
import tempfile

from IPython.display import SVG, display

from medialit import instructor
from medialit.instructor import figures, synthetic

demo = SUBMISSIONS is None
if demo:
    SUBMISSIONS = Path(tempfile.mkdtemp(prefix="medialit-demo-class-"))
    synthetic.write_class(SUBMISSIONS, 24, seed=0)
    (SUBMISSIONS / "notes.txt").write_text("not an export", encoding="utf-8")      # listed and skipped
    (SUBMISSIONS / "broken.medialit-work.json").write_text('{"schema": "medialit-work", ', encoding="utf-8")
    (SUBMISSIONS / "late-student").mkdir()                    # exported before choosing a pseudonym
    (SUBMISSIONS / "late-student" / "guest-2026-11-30.medialit-work.json").write_text(
        json.dumps(synthetic.export_doc("guest", [])), encoding="utf-8")
    OUT = Path(tempfile.mkdtemp(prefix="medialit-demo-report-"))
    ROSTER = OUT / "roster.csv"                               # one student without an export
    ids = [f"student-{n:03d},S-{n:03d}" for n in [*range(1, 24), 25]]
    ROSTER.write_text("pseudonym,student_id\n" + "\n".join(ids) + "\n", encoding="utf-8")
else:
    SUBMISSIONS = Path(SUBMISSIONS).expanduser()
    OUT = Path(OUT).expanduser() if OUT else SUBMISSIONS.parent / f"{SUBMISSIONS.name}-report"
roster = instructor.read_roster(Path(ROSTER).expanduser()) if ROSTER else None
report = instructor.class_report(SUBMISSIONS, progress=False)
report

# %% [markdown]
# ## Completion
# A lesson is done when all its exercises are; an exercise is done when the saved work meets its rule (running a cell counts for nothing).

# %%
report.lessons

# %%
SVG(figures.completion_chart(report.exercises))

# %% [markdown]
# ## Agreement with the key
# Scores per exercise: labels and verdicts by agreement with the key, spans by partial-overlap F1 (SemEval-2020 Task 11), quizzes by their correct answer.
# Contested key items count neither for nor against a student.
# Kappa: 1 = full agreement, 0 = what chance gives, below 0 = worse than chance.

# %%
scored = report.exercises[report.exercises.compared_with != ""]
scored[["exercise", "title", "compared_with", "scored", "mean_score", "median_score", "kappa"]].round(2)

# %%
SVG(figures.score_chart(report.exercises))

# %% [markdown]
# Work that no key scores yet (reflections, progress steps, and keys still to come):

# %%
for kind, why in report.not_compared:
    print(f"{kind}: {why}")

# %% [markdown]
# ## Most missed
# Sentences and paragraphs are numbered from 1, as students see them; listed slurs are masked.

# %%
SVG(figures.missed_chart(report.missed))

# %% [markdown]
# One table per kind of work, most missed first (up to ten items each):

# %%
for area, table in report.missed.items():
    print(area)
    display(table.round(2))

# %% [markdown]
# Which categories of loaded language and which propaganda techniques the class found, as a share of the key's spans in the parts of the article each student worked on:

# %%
for task, table in report.labels.items():
    print(task)
    display(table.round(2))

# %% [markdown]
# ## Contested items: the spread of answers
# These are discussion points, not errors: the key says what is established and what is disputed.

# %%
SVG(figures.spread_chart(report.spread))

# %%
report.spread[report.spread.area == "verdicts"]

# %% [markdown]
# ## Before and after

# %%
report.before_after.round(2)

# %%
SVG(figures.before_after_chart(report.before_after))

# %% [markdown]
# ## Per pseudonym, the roster, and the files that were skipped
# A `guest` export (made before a pseudonym was chosen in lesson 00) is its own entry, named after its file: two guests may be two students.

# %%
report.students[["pseudonym", "exercises_done", "exercises", "lessons_done", "mean_score", "before", "after"]].head(8).round(2)

# %%
if roster is not None:
    missing = ", ".join(roster.missing(report.students.pseudonym)) or "none"
    unknown = ", ".join(roster.unknown(report.students.pseudonym)) or "none"
    print(f"on the roster, no export: {missing}\nexported, not on the roster: {unknown}")

# %% [markdown]
# Each skipped file says why, and what to do (often nothing: an exact copy, an older export, a file that is not an export).

# %%
for s in report.skipped:
    print(f"{s.name}: {s.reason}\n    what to do: {s.advice}")

# %% [markdown]
# ## The report page and the gradebook
# The page is one offline HTML file; the gradebook is one row per student and exercise, with the roster's columns after `pseudonym`.
# For your own class both are kept in `OUT`; the demonstration removes its synthetic class and report.

# %%
OUT.mkdir(parents=True, exist_ok=True)
page = instructor.write_html(report, OUT / "report.html", roster=roster)
grades = instructor.write_csv(report, OUT / "grades.csv", roster=roster)
lines = grades.read_text(encoding="utf-8").splitlines()
print(lines[0])
print(len(lines) - 1, "rows")
if demo:
    shutil.rmtree(OUT)
    shutil.rmtree(SUBMISSIONS)
    print("demonstration: the synthetic class and its report were removed")
else:
    print(f"wrote {page}")
    print(f"wrote {grades}")
