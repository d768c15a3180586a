# %% [markdown]
# # 05 · Propaganda techniques
# *Name the technique behind a passage, check your names against a key, then write one yourself.*

# %% [markdown]
# ## Objectives
# - Learn 17 propaganda techniques from the research on news propaganda, and how to tell neighbours apart (10 min).
# - Name the techniques in one paragraph, then in a longer stretch, and read feedback span by span (20 min).
# - Read a chart of which techniques the article leans on, and where (5 min).
# - Write a technique into a neutral sentence yourself and mark where it sits (10 min).
#
# **Time:** about 45 minutes.

# %%
from medialit import course

lesson = course.start("05")
case = lesson.case
lesson

# %% [markdown]
# ## From loaded words to techniques
# Lesson 04 marked loaded *words*.
# A propaganda *technique* is a move in an argument: attaching a label to an enemy, offering only two choices, blaming one culprit, waving the flag.
# A technique may use loaded words, or none at all.
#
# The list below comes from research on propaganda in the news: the Propaganda Techniques Corpus (Da San Martino and colleagues, 2019), where professional annotators marked 18 techniques in news articles.
# The course uses 17 of them; the 18th, loaded language, was lesson 04.
# The SemEval-2020 shared task (Task 11) later used this corpus, with some rare techniques merged, so it scored 14 classes; its way of scoring spans is the one used here.
# The definitions are in the course's own words; the examples are made up, on harmless topics.
# The examples from the article come later, after you have tried.

# %%
import pandas as pd
from medialit.taxonomy import load_taxonomy

taxonomy = load_taxonomy()
with pd.option_context("display.max_colwidth", None):
    display(taxonomy.table())

# %% [markdown]
# Two things to keep in mind:
# - **A passage can use more than one technique**, and spans may overlap. "The so-called experts of the busybody committee" is doubt ("so-called") and name calling ("busybody committee") at once.
# - **Readers disagree too.** The same words can often be read as two different techniques, or as none. The key marks such items as *contested*: if you chose differently, the feedback treats it as a point to discuss, not an error.

# %% [markdown]
# ### Exercise 5.1 · Which technique is this?

# %% tags=["feedback"]
course.quiz("5.1")

# %% [markdown] tags=["solution"]
# **Worked solution.** Bandwagon: the only reason given is that everyone else already uses the app.
# Flag-waving would appeal to pride in a group ("people like us"); here the pressure comes from the crowd.

# %% [markdown]
# ### Exercise 5.2 · Name the techniques in one paragraph
# Paragraph 9 is about the United States and the war in Ukraine.
# Select words with the mouse, or move with the **arrow keys** and extend with **Shift+arrows**, then pick a technique from the list.
# Mark at least three spans; a span can be a few words or a whole clause.
# Click a marked span to change its technique, add a note with your reason, or delete it.

# %% tags=["feedback"]
from medialit.widgets import SpanHighlighter

labels = taxonomy.labels()
paragraph = SpanHighlighter(case=case, doc_id="p08", labels=labels, key="techniques", task="techniques",
                            title="Paragraph 9")
paragraph

# %% [markdown]
# Run the next cell for feedback on what you marked.
# It covers the spans you marked and counts the key's spans you have not found; the rest of the key waits until you press **Show the key** in the widget.
# Two scores, as in the SemEval task:
# **passages found** counts how much of the key's passages your spans cover, whatever you called them;
# **techniques named** counts only spans where you also chose the key's technique.
# Partial overlap earns partial credit.

# %% tags=["feedback"]
from medialit import techniques

techniques.check_spans(paragraph, case, "p08", exercise="5.2")

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's spans in paragraph 9, with the reason for each:

# %% tags=["solution"]
key = case.key("techniques")
p9 = case.document("p08")
in_p9 = key[(key.start >= p9.start) & (key.end <= p9.end)]
with pd.option_context("display.max_colwidth", None):
    display(in_p9[["quote", "technique", "contested", "rationale"]])

# %% [markdown]
# ### Exercise 5.3 · A longer stretch
# Now paragraphs 7 to 13, from "Today, as before" to "…their development path."
# They hold most of the article's argument about the West.
# Mark at least five spans in these seven paragraphs, then run the feedback cell.

# %% tags=["feedback"]
stretch = SpanHighlighter(case=case, doc_id="p06-p12", labels=labels, key="techniques", task="techniques")
stretch

# %% tags=["feedback"]
techniques.check_spans(stretch, case, "p06-p12", exercise="5.3")

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's spans in paragraphs 7 to 13, marked in a highlighter of their own (not saved as your work):

# %% tags=["solution"]
worked = SpanHighlighter(case=case, doc_id="p06-p12", labels=labels, key="techniques", store=False,
                         title="The key's spans in paragraphs 7 to 13")
worked.extend(techniques.key_spans(case, "p06-p12"))
worked

# %% [markdown]
# ## Where does the article lean on which technique?
# After you have marked the stretch (at least as many spans as Exercise 5.3 asks for), the next cell draws the key's techniques paragraph by paragraph, and yours beside them on the same rows.
# Look for clusters: which paragraphs carry most of the persuasion, and with which techniques?

# %% tags=["feedback"]
from medialit.technique_chart import chart_after_attempt

chart_after_attempt(case, stretch, exercise="5.3")

# %% tags=["solution"]
from medialit.technique_chart import technique_chart

technique_chart(case)

# %% [markdown]
# ### Exercise 5.4 · Tell the neighbours apart
# Some techniques are easy to confuse. The taxonomy's "tell it apart" column is for exactly this.

# %% tags=["feedback"]
course.quiz("5.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** Whataboutism: the mayor answers with the critic's own record and never says why fares went up.
# A red herring is close, since the subject changes, but whataboutism is the more precise name when the new subject is the critic's own faults.

# %% [markdown]
# ## Turn the tables
# In the *Bad News* game (Roozenbeek and van der Linden, 2019) players produce manipulation techniques themselves, and the researchers measured how players rated the reliability of real and fake items before and after playing.
# The idea behind it, called inoculation, is that making a technique yourself helps you recognise it.
# So now you write one.
#
# ### Exercise 5.5 · Turn the tables: write it
# The box holds a neutral sentence.
# Rewrite it using **one** technique from the taxonomy: keep it about the library, keep it civil, and do not attack any real group of people.
# Click outside the box to save.

# %% tags=["feedback"]
rewrite = course.reflection("5.5")
rewrite

# %% tags=["solution"]
example = ("Everyone in town already agrees the library must stay open late; "
           "only the council is still dragging its feet.")
techniques.recognise(example, marked=[(0, 42, "bandwagon")])

# %% [markdown]
# ### Exercise 5.6 · Turn the tables: mark where it sits
# Run the next cell after you have written your sentence: it shows your sentence in a highlighter (run it again whenever you change the sentence).
# Mark the words where your technique does its work, with the technique's name.
# Only marks on your current sentence count: if you change it, run the cell again and mark the new one.

# %% tags=["feedback"]
mine = SpanHighlighter(rewrite.text, case=case, labels=labels, task="turn-the-tables", title="Your sentence")
mine

# %% [markdown]
# What does a machine recognise in your sentence?
# The feedback names what the loaded-language lexicon of lesson 04 flags, and which cue words of the technique definitions appear, inside or outside the words you marked.
# A cue is a hint, never a verdict: many techniques work through meaning, which no word list can see.

# %% tags=["feedback"]
techniques.turn_the_tables(mine.text, mine.spans, neutral=rewrite.initial)

# %% [markdown] tags=["solution"]
# **Worked solution.** The example above uses bandwagon: "everyone in town already agrees".
# The cue list recognises "everyone", inside the marked words; the lexicon flags nothing, because the sentence persuades with a claim about other people, not with charged words.

# %% [markdown]
# ### Exercise 5.7 · What made it persuasive?

# %% tags=["feedback"]
course.reflection("5.7")

# %% [markdown] tags=["solution"]
# **Worked solution.** A good answer names the mechanism ("it makes disagreeing feel lonely"), says whether a reader would notice it, and says what the word lists miss (a technique built from ordinary words).

# %% [markdown]
# ## Key points
# - A technique is a move in an argument; loaded words are only one of its tools.
# - Name what the passage *does*: label, split into two camps, blame one culprit, inflate, wave the flag, make vague.
# - Neighbouring techniques blur; say why you chose yours, and treat contested items as discussions.
# - Span scores have two parts: finding the passage, and naming the technique.
# - Writing a technique yourself shows how little it needs: a word like "everyone" or "always" can carry it.

# %%
course.nav("05")
