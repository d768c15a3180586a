# %% [markdown]
# # 03 · Checking the history
# *Read laterally in an offline evidence library, and give each claim a verdict you can defend.*

# %% [markdown]
# ## Objectives
# - Read laterally: leave the text to find out what other sources say (5 min).
# - Use six verdicts: accurate, misleading by omission, contested framing, sources disagree, inaccurate, not checkable (5 min).
# - Check four of the article's historical and political claims against the evidence library, and justify each verdict with sources (25 min).
# - See which kinds of verdict the article earns most, and what that says about how it persuades (5 min).
#
# **Time:** about 40 minutes.

# %%
from medialit import course

lesson = course.start("03")
case = lesson.case
lesson

# %% [markdown]
# ## Lateral reading
# Professional fact-checkers do not read a page from top to bottom to decide whether to trust it.
# They open new tabs and read *across*: what do other, independent sources say about the claim and about its source?
# This course brings the tabs with it: an offline **evidence library** of cards, each with a publisher, a date, an address, a short summary in our words and, for many, a short quote.
# Every side in these events is in the library, and every side is an interested party somewhere.
# Russian, North Korean and Chinese state media speak for their governments.
# The US and South Korean governments are parties too: much of the evidence of North Korean arms for Russia is their intelligence and their estimates.
# EUvsDisinfo, which rates claims about Ukraine, is a body of the EU.
# A card says what *that* source reports, which is evidence of a claim, not proof.
#
# Each card also carries a mark:
# - **verified**: the course read it in an archived copy of that source, on its own site or in a newspaper that carries its reports;
# - **secondary**: the course read it only in a copy on another site, in someone else's quotation or report, or in a weak source.
#   A secondary card can raise a question, but a verdict should not rest on it alone.
#
# "Verified" says where the text was read, not that the source is right.
# The library was read from archived copies on 27 November 2026; web pages change, so a live page may now say something else.

# %%
library = case.evidence
print(f"{len(library)} cards from {library.publisher.nunique()} publishers")
library.kind.value_counts()

# %% [markdown]
# ## Six verdicts
# - **Accurate**: the claim matches what reliable sources establish.
# - **Misleading by omission**: true as far as it goes, but it leaves out what would change a reader's conclusion.
# - **Contested framing**: the events are documented, but the words that describe them are disputed, and sources disagree.
# - **Sources disagree**: reliable sources give different facts (a date, whether an event happened), and the evidence cannot settle which is right.
#   Say who says what.
# - **Inaccurate**: reliable sources show it is false.
# - **Not checkable**: an opinion, a prediction or a judgement; no source can settle it.
#   Once you have found evidence for or against a claim, it was checkable.
#
# A verdict says *what is established, by whom, and what is contested*: you will write it that way.
#
# ### Exercise 3.1 · A warm-up: first to recognise?
# Search the library (try "recognition 1948"), open cards, pick a verdict, write a justification that cites the cards you used, and only then reveal the key.

# %% tags=["feedback"]
from medialit.widgets import FactCheckDesk

FactCheckDesk(case, claim_id="fc-04")

# %% tags=["solution"]
course.factcheck_answer(lesson, "fc-04")

# %% [markdown]
# ### Exercise 3.2 · August 1945
# "Soviet soldiers, fighting shoulder to shoulder with Korean patriots, … liberated the Korean peninsula from colonisers."
# What happened in the south of the peninsula in September 1945? Who chose the north's leader?

# %% tags=["feedback"]
FactCheckDesk(case, claim_id="fc-02")

# %% tags=["solution"]
course.factcheck_answer(lesson, "fc-02")

# %% [markdown]
# ### Exercise 3.3 · "Illegitimate unilateral restrictions"
# The article promises to "jointly oppose illegitimate unilateral restrictions".
# Whose sanctions bind North Korea, and how did Russia vote on them?

# %% tags=["feedback"]
FactCheckDesk(case, claim_id="fc-21")

# %% tags=["solution"]
course.factcheck_answer(lesson, "fc-21")

# %% [markdown]
# ### Exercise 3.4 · "The neo‑Nazi Kiev regime"
# A label can be checked too: does the evidence support calling Ukraine's government neo-Nazi?

# %% tags=["feedback"]
FactCheckDesk(case, claim_id="fc-17")

# %% tags=["solution"]
course.factcheck_answer(lesson, "fc-17")

# %% [markdown]
# ### Exercise 3.5 · The pattern
# The key has a verdict for every checkable claim in the article.
# Once you have given your own verdicts in Exercises 3.1 to 3.4, the next cell counts the key's verdicts and sets yours beside the key's.

# %% tags=["feedback"]
course.verdict_pattern(lesson)

# %% tags=["feedback"]
course.quiz("3.5")

# %% tags=["solution"]
case.key("factchecks").verdict.value_counts()

# %% [markdown] tags=["solution"]
# **Worked solution.** Contested framing and misleading omission far outnumber outright inaccuracy.
# That is typical of skilled state messaging: true dates and events, selected and described so that the reader draws the intended conclusion.
# The defence is the same every time: ask what is left out, and who else describes the same events.

# %% [markdown]
# ## Key points
# - Read laterally: what others say about a claim beats a close reading of the page that makes it.
# - A verdict names what is established, by whom, and what is contested; contested items are for discussion, not for marking wrong.
# - Framing and omission, not invention, are the article's commonest faults: true events, chosen and described to lead.
# - Partisan sources are evidence of what their side says; look for independent confirmation.

# %%
course.nav("03")
