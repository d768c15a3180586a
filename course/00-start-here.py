# %% [markdown]
# # 00 · Start here
# *How this course works, where your work is saved, and what you are about to read.*

# %% [markdown]
# ## Objectives
# - Take a short check before anything is taught; you will see it again in lesson 08 (5 min).
# - Know how a lesson works: read, try, get feedback, reflect (5 min).
# - Choose a pseudonym, so your work is saved as you go (5 min).
# - Read the content note and decide how you want to see the comments (5 min).
# - Use the progress panel and export your work (5 min).
# - Try one exercise and learn to use its feedback (10 min).
#
# **Time:** about 35 minutes.
# **You need:** no Python. Run each code cell with Shift+Enter.

# %%
from medialit import course

lesson = course.start("00")
lesson

# %% [markdown]
# ## Before you start: a short check
# Seven quick questions, before anything is taught: answer each as well as you can, and do not look anything up.
# Pick an option and press **Save my answer**: there is no feedback now. Your answers are saved, and at the end of lesson 08 you will see them beside seven questions of the same kinds on new examples.
# Question 7 describes an antisemitic trope in neutral words, quoting no slur; the content note below says why the course includes such material.

# %%
for number in range(1, 8):
    display(course.quiz(f"pre.{number}"))

# %% [markdown]
# ## How this course works
# You will work through one real text: an article by Vladimir Putin, addressed to the readers of the North Korean party newspaper *Rodong Sinmun*.
# The Kremlin posted it in the early hours of 18 June 2024, the first day of his announced state visit to North Korea, hours before he landed late that day.
# After the article come the reader comments of a website that reposted it.
#
# Each lesson has short readings, then exercises in interactive widgets.
# Every exercise gives feedback: what you got, what you missed and why it matters.
# Some answers are contested; then the feedback says so and gives the evidence on each side, and you decide.
#
# Your answers are saved the moment you make them.
# If the notebook crashes or you close it, run the cells again tomorrow and your work comes back.

# %% [markdown]
# ## Content note
# Several reader comments in this course are **antisemitic** and **abusive**.
# They use a coded slur, the myth that Jews control banks and governments, and other tropes that organisations such as the IHRA, the ADL and the AJC document.
# They are here because recognising such tropes, and knowing where they come from, is part of reading the news critically.
#
# - The listed slurs are **masked** wherever the course shows text (for example `j**`). The data underneath is unchanged.
# - A clearly labelled switch can reveal them. You never need to use it.
# - Lesson 07 looks at the comments closely and opens with its own note. Lessons 01 to 04 work on the article.
# - If something in the material upsets you, stop, and talk to your instructor or someone you trust.

# %%
from medialit import safety

course.show(safety.CONTENT_NOTE)

# %% [markdown]
# ### Exercise 0.1 · Choose a pseudonym
# Your work is stored under a pseudonym, never your real name.
# Use letters, digits, `-` and `_` only (for example an animal and a number).
# Type it between the quotes in the next cell, run it, then run the cell after it.
# Until you choose one, your work is saved as `guest`; choosing a pseudonym moves it there.

# %% tags=["student"]
PSEUDONYM = ""  # type your pseudonym between the quotes

# %% tags=["solution"]
PSEUDONYM = "worked-example"

# %% tags=["feedback"]
course.choose_pseudonym(PSEUDONYM)

# %% [markdown] tags=["solution"]
# **Worked solution.** Any pseudonym of 1 to 40 letters, digits, `-` or `_` works.
# A name with spaces or other characters gets an error that says what is allowed; fix it and run the cell again.
# If you did some work before choosing, it was saved as `guest` and moves to your pseudonym now.
# To switch back to a pseudonym you used before, choose it again: its work is still there.

# %% [markdown]
# ### Exercise 0.2 · Export your work once
# The panel below shows, lesson by lesson, how many exercises you have done and which remain.
# An exercise counts when you have done it (answered the quiz, written the reflection, marked the spans), never because a cell ran.
# Press **Export my work**: it writes one file with all your work and shows a **Download** link.
# Download that file and hand it in to your instructor.

# %% tags=["feedback"]
from medialit.widgets import ProgressPanel

ProgressPanel()

# %% [markdown] tags=["solution"]
# **Worked solution.** After Export the panel shows where the file was written (`<pseudonym>-<date>.medialit-work.json` beside your work file) and a link that downloads it.
# Export again whenever you have done more: the file always holds all your work so far.

# %% [markdown]
# ### Exercise 0.3 · How feedback works
# Here is a first taste of lesson 02.
# Which of these sentences from the article states something you could check against other sources?
# Pick one and press **Check my answer**. Then read the feedback.

# %% tags=["feedback"]
course.quiz("0.3")

# %% [markdown] tags=["solution"]
# **Worked solution.** The first option is the checkable one: whether the Soviet Union was the first state to recognise the DPRK can be looked up (lesson 03 does exactly that, and finds it is accurate: 12 October 1948).
# The second attributes a view to the US leadership; the third announces the author's own conviction.

# %% [markdown]
# ### Exercise 0.4 · How you decide whom to trust
# Before you start: when you read a political article online, what do you usually do to decide whether to trust it?

# %% tags=["feedback"]
course.reflection("0.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** There is no single right answer. Common habits are checking who published it, looking at the date, and searching for other reports.
# The course will add a method (SIFT, lesson 01) and a way to separate facts from opinions (lesson 02).

# %% [markdown]
# ## Key points
# - Every answer is saved as you make it, under your pseudonym, in the course's `work` folder.
# - Feedback explains; contested items are discussion points, not mistakes.
# - Slurs in the comments are masked by default; revealing them is your choice, and never needed.
# - An exercise counts as done when you have done it; the progress panel shows what remains.
# - Export your work from the progress panel and download the file to hand it in.

# %%
course.nav("00")
