# %% [markdown]
# # 08 · Your own analysis
# *The whole toolkit on a text the course has never seen, a report to hand in, and the check from lesson 00 once more.*

# %% [markdown]
# ## Objectives
# - Choose a text, paste it or pick the one your instructor set, and say where it comes from (5 min).
# - Sort its claims, and mark its loaded language and its techniques (17 min).
# - Label and moderate its comments, if it has any (5 min).
# - Write your conclusion and export a report of your analysis (10 min).
# - Take the after check and see it beside your answers from lesson 00 (8 min).
#
# **Time:** about 45 minutes.

# %%
from medialit import course

lesson = course.start("08")
lesson

# %% [markdown]
# ## Choose your text
# Everything you practised on one article works on any text: an opinion column, a press release, a speech, a leaflet, a post and its replies.
# Choose one of 400 to 1,000 words that argues something and whose author and outlet you can name.
#
# - **Paste it** below: the article in the first box (paragraphs separated by a blank line), its comments, if any, in the second (one per paragraph), and a title. Then press **Use my text**.
# - Or **pick** a case from the list: the course's cases and texts you used before.
#
# Your text is saved in your own work folder as a small case folder, so the lesson finds it again tomorrow.
# If you choose nothing, the lesson works on the text your instructor set, or on the course's article: then your work here starts empty and is kept apart from lessons 00 to 07, so nothing you do here changes them.
# After changing the text, run the cells below again.
#
# **Content note.** If your text has comments, they may be abusive. Words on the course's list of slurs are masked wherever they appear, as in lesson 07, and the comment lab shows the case's content note when it has one.
#
# ### Exercise 8.1 · Choose a text and say where it comes from

# %% tags=["feedback"]
from medialit.widgets import CasePicker

picker = CasePicker(lesson.case)
picker

# %%
case = picker.case
course.show((case.title, f"{len(case.paragraphs)} paragraph(s), {len(case.sentences)} sentence(s), "
                         f"{len(case.comments)} comment(s)"))

# %% [markdown]
# Before you analyse a word, answer the three questions of lesson 01: who is behind it, what is the evidence, and what do other sources say?

# %% tags=["feedback"]
course.reflection("8.1")

# %% [markdown] tags=["solution"]
# **Worked solution.** A good answer names the author and their role, the outlet and who owns or runs it, the audience, the date and what happened around it, and where else the text appeared (compare lesson 01's source card for the course's article).

# %% [markdown]
# ### Exercise 8.2 · Sort its claims
# Label each sentence as in lesson 02: fact, opinion, prediction or intent, call to action, or mixed.
# A text of your own has no key: the sorter shows your labels, and the reflection asks what they show.

# %% tags=["feedback"]
from medialit.widgets import ClaimSorter

sorter = ClaimSorter(case)
sorter

# %% tags=["feedback"]
course.reflection("8.2")

# %% [markdown] tags=["solution"]
# **Worked solution.** Look for the pattern lesson 02 found: where do the checkable facts cluster, and which judgements lean on them? Name the one claim you would check first, and where (lesson 03).

# %% [markdown]
# ### Exercise 8.3 · Loaded language and techniques
# Mark the loaded words as in lesson 04, then switch on **Compare** to see what the lexicon flags.

# %% tags=["feedback"]
from medialit.widgets import SpanHighlighter

words = SpanHighlighter(case=case, doc_id="article", key="loaded_language" if "loaded_language" in case.keys else None)
words

# %% [markdown]
# The lexicon, a plain word list, flags these words in your text (it cannot read context, so judge each one):

# %%
from medialit import lexicon

flags = lexicon.flag(case.article.text)
course.show(f"{len(flags)} flag(s): " + (", ".join(f"{case.article.text[s.start:s.end]} ({s.label})" for s in flags) or "none"))

# %% [markdown]
# Now name the techniques, as in lesson 05: select a passage and pick the technique it uses.

# %% tags=["feedback"]
from medialit.taxonomy import load_taxonomy

techniques = SpanHighlighter(case=case, doc_id="article", labels=load_taxonomy().labels(), task="techniques",
                             baseline=False, key="techniques" if "techniques" in case.keys else None)
techniques

# %% tags=["feedback"]
course.reflection("8.3")

# %% [markdown] tags=["solution"]
# **Worked solution.** Compare the two views: the lexicon finds single charged words quickly, but most persuasion sits in ordinary words arranged (lesson 04) and in moves such as labels, false choices and whataboutism (lesson 05). Say which of your spans the list confirms and which only your reading found.

# %% [markdown]
# ### Exercise 8.4 · The comments, if there are any
# Label and moderate them against the course's policy, as in lesson 07.

# %% tags=["feedback"]
from medialit.widgets import CommentLab

lab = CommentLab(case) if len(case.comments) else None
lab if lab is not None else course.show("This text has no comments. In the reflection, say what responses it invites.")

# %% tags=["feedback"]
course.reflection("8.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** Name each decision's rule. Keep disagreement and sarcasm (R1, R6), label claims that need context (R4), hide bait that attacks no one for who they are (R8), and remove attacks on people for who they are (R2, R3, R5), whole (R7).

# %% [markdown]
# ### Exercise 8.5 · Your conclusion and your report
# Say how far you would trust the text, on which points, and why: what is established, what is contested, and what a reader should check.

# %% tags=["feedback"]
course.reflection("8.5")

# %% [markdown]
# The next cell writes your report: one HTML file with the text and your spans, your labels, your decisions, your lesson 08 reflections and the lexicon's view.
# It opens offline in any browser; hand it in with your exported work. Run it again whenever you change something.

# %% tags=["feedback"]
from medialit import report
from medialit.widgets import ReportLink

report_file = report.write_report(case, lesson.store.records(), lesson.store.path.parent /
                                  f"{lesson.student}-{case.case_id}.analysis.html", student=lesson.student)
ReportLink(report_file)

# %% [markdown] tags=["solution"]
# **Worked solution.** A strong conclusion separates the points you would accept (checked facts), the points you would question (contested framing, with who contests them) and the points that are opinion; it says what you would check next and where.

# %% [markdown]
# ### Exercise 8.6 · The after check
# Seven questions like the ones that opened lesson 00, on new examples.
# Pick an option and press **Save my answer** for each; you will see how you did in the before-and-after table below, with the explanations, beside your answers from lesson 00.

# %% tags=["feedback"]
for number in range(1, 8):
    display(course.quiz(f"post.{number}"))

# %% [markdown] tags=["solution"]
# **Worked solution.** The explanations appear in the side-by-side view below once the after check has answers; the worked edition of lesson 00 explains the before items.

# %% [markdown]
# ## Before and after
# Your answers from lesson 00 and from this lesson, side by side, with the explanation of each answer.

# %%
from medialit import beforeafter

beforeafter.before_after(lesson.store.records())

# %% [markdown]
# ## Key points
# - The same tools work on any text: provenance, claims, loaded language, techniques and comments.
# - A word list is a quick first look; context decides.
# - A good analysis says what is established, what is contested and by whom, and what a reader should check.
# - Your report is your hand-in: one self-contained file, readable offline.

# %%
course.nav("08")
