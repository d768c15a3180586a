# %% [markdown]
# # 06 · Comparing sources
# *The same events told by the article and by others: judge the framing, find what is left out, and decide whom to trust on the evidence.*

# %% [markdown]
# ## Objectives
# - Read six events through sources of different kinds: governments on several sides, state media, news agencies and newspapers, UN texts, a fact-checker and an encyclopedia (10 min).
# - Judge each source's framing against a neutral record of what the sources together establish (15 min).
# - Spot what a source leaves out, and build a "who says what" table from your own judgements (10 min).
# - Argue which account you would trust, from its evidence and never from the outlet's name (10 min).
#
# **Time:** about 45 minutes.

# %%
from medialit import course

lesson = course.start("06")
case = lesson.case
lesson

# %% [markdown]
# ## The same events, many tellings
# Lesson 03 checked the article's claims one by one.
# Here you set it beside other sources that tell the **same events**: August 1945, the start of the Korean War, the sanctions, Ukraine in 2014, the treaty signed the day after the article appeared, and the arms transfers.
#
# For each event the comparer first shows **the record**: what the sources together establish, in neutral words.
# Judge every source against that record, not against the article and not against the outlet's reputation.
# Each source has one of four framings:

# %%
import pandas as pd
from medialit import topics

pd.set_option("display.max_colwidth", None)   # show long text in full, never cut off with "..."
pd.DataFrame(topics.FRAMING_CHOICES, columns=["framing", "what it means"]).set_index("framing")

# %% [markdown]
# Each source also shows what kind it is, its date, its address, and how sure we are that the copy shows what the publisher published.
# The kinds of source in this lesson, and how many of its sources are of each kind:

# %%
topics.kind_legend(case.topics)

# %% [markdown]
# Some sources are quoted in short excerpts; a few are summarised in the course's words, and say so.
# Ask the three questions of lesson 01 of each: who is behind it, what is the evidence, and what do other sources say?

# %% [markdown]
# ### Exercise 6.1 · Judge each source against the record
# Pick a topic, read the record, then choose a framing for each source.
# Judge at least six sources (one whole topic is six).
# Your choices are saved as you make them; switching topics keeps them.
# Once you have marked at least one source, **Show the key** compares your choices with the key's, source by source.

# %% tags=["feedback"]
from medialit.widgets import SourceComparer

comparer = SourceComparer(case)
comparer

# %% [markdown]
# Feedback on every source you have judged so far, in every topic:

# %% tags=["feedback"]
topics.framing_feedback(case, comparer.all_answers())

# %% [markdown] tags=["solution"]
# **Worked solution.** The key for the sanctions topic:

# %% tags=["solution"]
with pd.option_context("display.max_colwidth", None):
    display(topics.key_table(case, "sanctions"))

# %% [markdown]
# ### Exercise 6.2 · Spot the omission
# Most of the work of framing is done by what a source does not say.
# For at least three sources, write in the box under the source what it leaves out that the others report.
# A note counts on its own: you need not choose a framing for that source first.

# %% tags=["feedback"]
topics.omission_feedback(case, comparer.all_answers())

# %% [markdown] tags=["solution"]
# **Worked solution.** What each source leaves out in the arms-transfers topic:

# %% tags=["solution"]
with pd.option_context("display.max_colwidth", None):
    display(topics.key_table(case, "arms")[["kind", "framing", "leaves out"]])

# %% [markdown]
# ### Exercise 6.3 · How strong is the evidence?

# %% tags=["feedback"]
course.quiz("6.3")

# %% [markdown] tags=["solution"]
# **Worked solution.** The UN panel's finding: investigators examined the debris and said what they could not establish (who launched the missile).
# The White House's containers are real evidence too, but of shipments, not of a missile used in Ukraine; the denial and the professed ignorance offer no evidence at all.

# %% [markdown]
# ### Exercise 6.4 · Who says what
# Judge a second topic in the comparer (twelve sources in all), then build a table of your own judgements with pandas.
# `who_says_what` turns what you marked into a table, one row per source; `pd.crosstab` counts how often you gave each kind of source each framing.

# %% tags=["feedback"]
mine = topics.who_says_what(case.topics, comparer.all_answers())
print(f"You have judged {len(mine)} sources.")
mine

# %% tags=["feedback"]
pd.crosstab(mine["kind"], mine["your framing"]) if len(mine) else "Judge some sources in the comparer first."

# %% [markdown]
# Now group by the government that speaks instead of the kind of source.
# Change `"kind"` to `"government"` in the cell above and run it again.
# Sources that are not a government's own statement (state media such as KCNA and TASS, news agencies, UN texts) share the row "(not a government)": their kind says whose outlet they are.
# Which governments' statements did you judge "same facts", and which did you not? Does any side come out clean in every topic?

# %% tags=["solution"]
from medialit.topics import source_key

key = source_key(case)
worked = topics.who_says_what(case.topics, {sid: {"framing": k["framing"], "left_out": k["omissions"]}
                                            for sid, k in key.items()})
pd.crosstab(worked["kind"], worked["your framing"])

# %% [markdown] tags=["solution"]
# **Worked solution.** In the key, the article (`KRM`) is never "same facts": it leaves out or frames in every topic.
# But no side is clean: the South Korean and Ukrainian governments, China's and the US State Department also leave things out or judge with their words.
# The sources the key rates "same facts" are mostly the ones that attribute what they report and show their evidence (UN texts, wire reports with "said", the panel's stated limits).

# %% [markdown]
# ### Exercise 6.5 · An alliance or not?

# %% tags=["feedback"]
course.quiz("6.5")

# %% [markdown] tags=["solution"]
# **Worked solution.** Go to the document: "alliance" and "not a Western-style military alliance" are labels, and each speaker is a party to the treaty.
# Article 4 promises military and other assistance if either side is attacked; quote it and say whose translation you use (KCNA's, AP's or TASS's).

# %% [markdown]
# ### Exercise 6.6 · Which account would you trust?
# Pick one topic and argue which account of it you would trust most.
# Argue from what each source rests on (a document, a vote, debris, first-hand testimony) and what it leaves out, never from the outlet's name: a state broadcaster can be right about a vote, and a wire service can leave out the bombing.

# %% tags=["feedback"]
trust = course.reflection("6.6")
trust

# %% tags=["feedback"]
topics.trust_feedback(trust.text, case)

# %% [markdown] tags=["solution"]
# **Worked solution.** One possible answer, on the sanctions: "I trust the UN record and TASS's 2017 report on the vote most, because the vote is a document anyone can check and TASS, a Russian state agency, has no reason to invent that Russia voted for sanctions. The article's 'unilateral restrictions' leaves that vote out."

# %% tags=["solution"]
topics.trust_feedback("I trust the UN record and TASS's 2017 report on the vote most, because the vote is a "
                      "document anyone can check. The article's wording leaves that vote out.", case)

# %% [markdown]
# ## Key points
# - Judge a source against the record of what the sources together establish, not against its reputation.
# - Omission is the commonest framing: true sentences that leave out what others show.
# - Every side frames; the best sources attribute their claims and show their evidence.
# - Evidence you can check (a document, a vote, debris with stated limits) beats a label from any outlet.

# %%
course.nav("06")
