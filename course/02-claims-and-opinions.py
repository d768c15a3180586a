# %% [markdown]
# # 02 · Claims and opinions
# *Sort every sentence of the article: what could be checked, and what is judgement, forecast or appeal?*

# %% [markdown]
# ## Objectives
# - Tell five kinds of sentence apart: checkable fact, opinion or value judgement, prediction or intent, call to action, mixed (10 min).
# - Sort all 41 sentences of the article and compare with the key (20 min).
# - Use a few lines of pandas to see where the checkable facts sit in the text (10 min).
#
# **Time:** about 40 minutes.

# %%
from medialit import course

lesson = course.start("02")
case = lesson.case
lesson

# %% [markdown]
# ## Five kinds of sentence
# - **Fact** (checkable): says what happened or what is, in a way other sources could confirm or refute. *Checkable* does not mean *true*: lesson 03 checks them.
# - **Opinion** or value judgement: praise, blame, interpretation, feeling. You can agree or disagree, but not look it up.
# - **Prediction** or intent: what will happen, or what the speaker plans or promises to do.
# - **Call to action**: asks or urges someone to do something.
# - **Mixed**: a checkable part together with a judgement, a prediction or a promise, in one sentence.
#   Political writing is full of these: a date and an event, wrapped in loaded words, or a claim about the past joined to a pledge.
#
# Two tests help: *Could a reporter or an archive confirm or refute this?* and *Would two honest people disagree about it even with all the facts?*
# Here is one made-up sentence of each kind, about a town, not from the article:
#
# - *Fact:* "The town council voted 7 to 2 on Monday to close the library."
# - *Opinion:* "Closing the library is a shameful betrayal of our children."
# - *Prediction or intent:* "The council will sell the building next year."
# - *Call to action:* "Come to the meeting on Friday and tell them no."
# - *Mixed:* "On Monday the council shamefully voted to close the library."

# %% [markdown]
# In a *mixed* sentence, a checkable part carries a judgement: name both parts.
#
# ### Exercise 2.1 · Sort every sentence
# Label each sentence. Use the number keys **1–5** for the labels and the **arrow keys** to move, or click.
# **T** switches between one sentence at a time and a table.
# When you are done, press **Check** to compare with the key: you will see agreement, Cohen's kappa, and the key's reason for every sentence where you differ.

# %% tags=["feedback"]
from medialit.widgets import ClaimSorter

sorter = ClaimSorter(case)
sorter

# %% [markdown] tags=["solution"]
# **Worked solution.** The key labels every sentence with a rationale (sentences numbered from 1, as in the sorter).
# The article has no call to action; that absence is informative too: it is written to be agreed with, not acted on.

# %% tags=["solution"]
import pandas as pd

with pd.option_context("display.max_colwidth", 200, "display.max_rows", 100):
    display(case.key("sentences")[["label", "rationale"]].set_axis(case.key("sentences").sentence + 1).rename_axis("sentence"))

# %% [markdown]
# ### Exercise 2.2 · Where do the checkable facts sit?
# Once you have labelled every sentence in Exercise 2.1, the next cell counts, for each paragraph, how many sentences of each kind the key finds.
# (Before that it tells you how far you are: run it again when you are done.)

# %% tags=["feedback"]
course.facts_by_paragraph(lesson)

# %% [markdown]
# Now answer: which part of the article has the **largest share** of checkable facts?

# %% tags=["feedback"]
course.quiz("2.2")

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's labels per paragraph, and the share of sentences labelled *fact* in each part:

# %% tags=["solution"]
from medialit import feedback

display(feedback.labels_by_paragraph(case))
{part: f"{share:.0%}" for part, share in feedback.fact_shares(case).items()}

# %% [markdown]
# ### Exercise 2.3 · Facts first, judgements later
# Why might an author put the checkable history first and the judgements later?

# %% tags=["feedback"]
course.reflection("2.3")

# %% [markdown] tags=["solution"]
# **Worked solution.** Facts that readers can verify build trust; judgements placed after them borrow that trust ("a halo").
# The history here also sets up a story (Russia and Korea against outside aggressors) that the later judgements about the United States continue.
# Watch for the switch: sentences about 1945–1953 are mostly checkable; sentences about the present are mostly opinion or mixed.

# %% [markdown]
# ## Key points
# - Checkable is not the same as true: a checkable sentence can be false, and lesson 03 checks them.
# - Many political sentences are mixed: a fact carries a judgement. Name both parts.
# - Where facts sit in a text is part of its design.
# - Agreement with the key is a starting point for discussion, not a grade: read the rationale where you differ.

# %%
course.nav("02")
