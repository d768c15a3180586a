# %% [markdown]
# # 04 · Loaded language
# *Mark the words that do the persuading, compare with a machine and with the key, then write it plainly.*

# %% [markdown]
# ## Objectives
# - Recognise four kinds of loaded language: emotive words, euphemisms, labels, and glorifying words (10 min).
# - Mark spans in one paragraph and compare them with the key and a transparent lexicon baseline (15 min).
# - Explain where a word list is right, where it is wrong, and why (10 min).
# - Rewrite a paragraph neutrally, keeping what it claims (10 min).
#
# **Time:** about 45 minutes.

# %%
from medialit import course

lesson = course.start("04")
case = lesson.case
lesson

# %% [markdown]
# ## Four kinds of loaded word
# - **Emotive**: words chosen to make you feel fear, anger or pride rather than to describe ("treacherous, dangerous and aggressive enemy").
# - **Euphemism**: a mild or technical phrase that hides something harsh ("special military operation" for a full-scale war).
# - **Labelling**: a name that sorts people into friend or enemy before any argument ("satellites" for allies; "neo‑Nazi Kiev regime").
# - **Glorifying**: praise words that ask for admiration, not assessment ("heroic Korean people", "glorious historical traditions").
#
# Each is a *span*: a stretch of text with a start and an end.
# The key marks them the way the SemEval-2020 propaganda task did: you get partial credit when your span overlaps the key's, so marking "neo‑Nazi Kiev regime" where the key marks "neo‑Nazi" is not simply wrong.

# %%
for phrase in ["treacherous, dangerous", "special military operation", "satellites", "heroic Korean people"]:
    print(f"{phrase!r} occurs {case.article.text.replace(chr(160), ' ').count(phrase)} time(s) in the article")

# %% [markdown]
# ### Exercise 4.1 · Mark one paragraph
# Paragraph 8 is about the United States.
# Select words with the mouse, or move with the **arrow keys** and extend with **Shift+arrows**, then press a label's number (**1–4**) or click the label.
# Click a marked span to change its label, add a note, or delete it. Spans may overlap.

# %% tags=["feedback"]
from medialit.widgets import SpanHighlighter

marker = SpanHighlighter(case=case, doc_id="p07", key="loaded_language")
marker

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's spans in paragraph 8, marked in a highlighter of their own (not saved as your work):

# %% tags=["solution"]
key = case.key("loaded_language")
doc = case.document("p07")
in_paragraph = key[(key.start >= doc.start) & (key.end <= doc.end)]
worked = SpanHighlighter(case=case, doc_id="p07", key="loaded_language", store=False)
for r in in_paragraph.itertuples():
    worked.add(int(r.start - doc.start), int(r.end - doc.start), r.category)
worked

# %% [markdown]
# ### Exercise 4.2 · Compare with the key and the machine
# Once you have marked some spans, switch on **Compare** in the widget above: it scores your spans against the key and overlays the lexicon baseline's.
# Feedback covers the spans you marked; **Show the key** then shows every span the key marks, with its reason.
# The same feedback, as text:

# %% tags=["feedback"]
marker.feedback()

# %% [markdown]
# Pick one place where you and the key differ and say who you think is right.

# %% tags=["feedback"]
course.reflection("4.2")

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's spans in this paragraph, with the reason for each:

# %% tags=["solution"]
import pandas as pd

with pd.option_context("display.max_colwidth", 200):
    display(in_paragraph[["quote", "category", "rationale"]])

# %% [markdown]
# ### Exercise 4.3 · What does a word list see?
# The baseline is a plain list of loaded words, matched anywhere they occur.
# It never reads the sentence, so it misses what is loaded only in context and flags words that are neutral here.

# %% tags=["feedback"]
from medialit import lexicon

doc = case.document("p07")
print("The lexicon flags in paragraph 8:", [doc.text[s.start:s.end] for s in lexicon.flag(doc.text)])

# %% [markdown]
# After you have marked paragraph 8 in Exercise 4.1, the next cell sets the lexicon beside your spans; once you have pressed **Show the key** in the widget, beside the key.
# Find one word the lexicon flags that the key does not mark, and one the key marks that the lexicon misses.

# %% tags=["feedback"]
course.lexicon_comparison(lesson, marker)

# %% tags=["feedback"]
course.reflection("4.3")

# %% tags=["solution"]
from medialit import feedback

feedback.lexicon_table(case)

# %% [markdown] tags=["solution"]
# **Worked solution.** A word list matches words, not meanings.
# Its false alarms are words that are loaded in some texts and plain in others (here the author uses them to describe his own claim).
# Its misses are phrases that are loaded only in context: "going out of its way to impose" or "natural and legitimate aspiration" are built from ordinary words.
# That is why its recall is low: most loaded language in this article is made of ordinary words, arranged.

# %% [markdown]
# ### Exercise 4.4 · Say it plainly
# Rewrite paragraph 8 so that it reports what the author claims, without the loaded words.
# Keep every claim, and attribute it ("The article says…"); a loaded phrase may stay only inside quotation marks, as the author's words.
# Edit the text in the box (it is saved when you click outside it), then run the check.

# %% tags=["feedback"]
rewrite = course.reflection("4.4", case=case)
rewrite

# %% tags=["student"]
course.check("4.4", rewrite.text, lesson=lesson)

# %% tags=["solution"]
worked = ("The article says the United States promotes what it calls the “rules-based order”, "
          "and argues that this order applies different standards to different countries. "
          "It says that countries which disagree and follow their own policy come under growing pressure from abroad, "
          "and that US leaders see such independence as a challenge to the position of the United States.")
course.check("4.4", worked, lesson=lesson)

# %% [markdown] tags=["solution"]
# **Worked solution.** The rewrite keeps the three claims (the US imposes an order; dissenters face pressure; the US sees independence as a threat) but attributes them, drops the labels ("neo-colonial dictatorship", "global dominance") and replaces judgement words with descriptions.
# Notice what happens to the paragraph's force: without the loaded words, the claims need evidence.

# %% [markdown]
# ## Key points
# - Loaded language does its work before any argument: it tells you whom to fear, admire or despise.
# - Euphemisms hide; labels sort; emotive words alarm; glorifying words ask for admiration.
# - A word list is transparent and fast, but blind to context: it misses most of this article's loaded language and flags some innocent words.
# - Rewriting neutrally is a test: if a claim collapses without its adjectives, it was carried by them.

# %%
course.nav("04")
