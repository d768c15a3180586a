# %% [markdown]
# # Class report · for instructors
# *From a folder of exported student work to what the class did, where it disagrees with the key, and a gradebook.*

# %% [markdown]
# This notebook shows the same views as `medialit class-report SUBMISSIONS_DIR --out report.html --csv grades.csv`.
# It runs anywhere: unless you name a folder of real exports, it makes a synthetic class of 24 students from the case keys (neutral pseudonyms, placeholder text).
# Every number below comes from `medialit.instructor`; what counts as done comes from the lesson data (`data/lessons/NN.toml`).
# Nothing in a submission is run, and the report page escapes everything that comes from a submission.
#
# To use your own class, set `SUBMISSIONS` to the folder you downloaded from your LMS (subfolders are fine) and run all cells.

# %%
import shutil
import tempfile
from pathlib import Path

from IPython.display import SVG, display

from medialit import instructor
from medialit.instructor import figures, synthetic

SUBMISSIONS = None  # for example Path("~/submissions").expanduser()

demo = SUBMISSIONS is None
if demo:
    SUBMISSIONS = Path(tempfile.mkdtemp(prefix="medialit-demo-class-"))
    synthetic.write_class(SUBMISSIONS, 24, seed=0)
    (SUBMISSIONS / "notes.txt").write_text("not an export", encoding="utf-8")      # listed and skipped
    (SUBMISSIONS / "broken.medialit-work.json").write_text('{"schema": "medialit-work", ', encoding="utf-8")
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
# ## Per pseudonym, and the files that were skipped

# %%
report.students[["pseudonym", "exercises_done", "exercises", "lessons_done", "mean_score", "before", "after"]].head(8).round(2)

# %%
for s in report.skipped:
    print(f"{s.name}: {s.reason}")

# %% [markdown]
# ## The report page and the gradebook
# The page is one offline HTML file; the gradebook is one row per student and exercise.
# Pass `roster=instructor.read_roster("roster.csv")` (columns `pseudonym` and `student_id`) to add your students' ids for an LMS import.

# %%
out = Path(tempfile.mkdtemp(prefix="medialit-report-"))
page = instructor.write_html(report, out / "report.html")
grades = instructor.write_csv(report, out / "grades.csv")
print(page.name, f"{page.stat().st_size // 1024} KiB")
print(grades.read_text(encoding="utf-8").splitlines()[0])
print(len(grades.read_text(encoding="utf-8").splitlines()) - 1, "rows")

# %%
shutil.rmtree(out)
if demo:
    shutil.rmtree(SUBMISSIONS)
