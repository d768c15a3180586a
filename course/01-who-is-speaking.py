# %% [markdown]
# # 01 · Who is speaking, to whom?
# *Provenance: the author, the outlets, the audience, the timing, and the layers added by others.*

# %% [markdown]
# ## Objectives
# - Name the author, the outlets and the audience of the article, and say why its timing matters (10 min).
# - Tell the two English versions apart by their wording (5 min).
# - Separate the layers: the article, the aggregator's headline, the comment site (10 min).
# - Apply SIFT and the three Civic Online Reasoning questions to the text (15 min).
#
# **Time:** about 40 minutes.

# %%
from medialit import course

lesson = course.start("01")
case = lesson.case
lesson

# %% [markdown]
# ## The author and the moment
# The article is signed by Vladimir Putin, President of Russia.
# It appeared on 18 June 2024 in *Rodong Sinmun* and, in Russian and English, on the Kremlin's website.
# That was the first day of his 18–19 June state visit to North Korea (TASS, 17 and 18 June 2024).
# On 19 June the two leaders signed the Comprehensive Strategic Partnership Treaty, whose Article 4 promises military assistance "without delay" if either side is attacked (Chosun Ilbo's translation of the KCNA text, 20 June 2024).
# The article does not mention that a treaty was about to be signed.
#
# Its first sentence says whom it addresses:

# %%
course.show(case.sentences.text[0])

# %% [markdown]
# ## The card of this text
# Every part of what you are reading was made by someone.
# The card lists each layer, with its date, address and how sure we are of it.

# %%
from medialit.widgets.sourcecard import SourceCard

SourceCard(case)

# %% [markdown]
# ## The outlet
# *Rodong Sinmun* is the official newspaper of the Central Committee of the Workers' Party of Korea, North Korea's ruling party; it has had an English edition since 2012.
# In Reporters Without Borders' 2024 World Press Freedom Index, North Korea ranked 177th of 180 countries and Russia 162nd.
# (Those ranks come from consistent secondary reports of the index; check rsf.org before you quote them.)
# A foreign head of state's article in a ruling party's paper is not an op-ed in the usual sense: ask who edits it, and who could publish a reply.

# %% [markdown]
# ## Two English versions
# There is more than one English text.
# The Kremlin published its own English version, titled "Russia and the DPRK: Traditions of Friendship and Cooperation Through the Years".
# North Korea's KCNA and *Rodong Sinmun*'s English site carried a third-person summary headed "… Tradition of Friendship and Cooperation Lasts Decade after Decade".
# The wording differs: where the Kremlin's text says **"combat brotherhood"**, KCNA's summary says **"militant friendship"**.
# Which one is ours? Ask the text:

# %%
for phrase in ["combat brotherhood", "militant friendship"]:
    print(f"{phrase!r}: {case.text.count(phrase)} time(s) in our text")

# %% [markdown]
# ### Exercise 1.1 · Which version are we reading?

# %% tags=["feedback"]
course.quiz("1.1")

# %% [markdown] tags=["solution"]
# **Worked solution.** It is the Kremlin's English text. When you quote it, say so ("the Kremlin's English version"), because KCNA's readers saw different words.

# %% [markdown]
# ## Layers: the article, the headline, the comments
# The first line of our file is not the article's title:

# %%
course.show(("Headline", case.headline), ("Title", case.meta["title"]))

# %% [markdown]
# The headline was written by the aggregator that reposted the article, not by the author or by *Rodong Sinmun*.
# The comments come from a repost site whose name and address we do not know.
# Each layer has its own author and its own purpose; a reader who sees them on one page can easily take them for one voice.
#
# ### Exercise 1.2 · What does the headline add?
# The next cell lists the headline's words that are not in the article's own title.

# %% tags=["feedback"]
import re

def words(text):
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}

added = sorted(words(case.headline) - words(case.meta["title"]))
print(added)

# %% tags=["feedback"]
course.quiz("1.2")

# %% [markdown] tags=["solution"]
# **Worked solution.** The headline frames the article as news about "partnership prospects ahead of" a visit.
# It leaves out the article's main themes (the history, the attack on the United States) and the treaty signed the next day.

# %% [markdown]
# ## SIFT and three questions
# Fact-checkers read *laterally*: they leave the page to find out about it.
# Mike Caulfield's **SIFT**: **S**top; **I**nvestigate the source; **F**ind better coverage; **T**race claims to their original context.
# Stanford's Civic Online Reasoning lessons (now the Digital Inquiry Group) ask three questions:
# 1. **Who is behind the information?**
# 2. **What is the evidence?**
# 3. **What do other sources say?**
#
# ### Exercise 1.3 · The three questions, for this text
# Answer each in two or three sentences, using the card and the readings above.

# %% tags=["feedback"]
course.reflection("1.3a")

# %% tags=["feedback"]
course.reflection("1.3b")

# %% tags=["feedback"]
course.reflection("1.3c")

# %% [markdown] tags=["solution"]
# **Worked solution.**
# - *Who:* Russia's president, writing for a ruling party's newspaper of a country near the bottom of press-freedom rankings, on the eve of his state visit; published in English by the Kremlin; reposted by an aggregator that added its own headline; comments from a site we cannot identify.
# - *Evidence:* the article cites no sources; it mixes historical claims (1945, 1948, 1949, 1950–53) that can be checked with judgements ("neo-colonial dictatorship") that cannot.
# - *Other sources:* wire services (Reuters, AP) for the visit and the treaty; historians and encyclopedias for 1945–53; UN documents for sanctions. Lesson 03 uses exactly these.

# %% [markdown]
# ### Exercise 1.4 · Reflection
# What changes in how you read the article once you know when and where it was published?

# %% tags=["feedback"]
course.reflection("1.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** Knowing that it is a head of state's message to a friendly government, published the day a visit began and the day before a mutual-assistance treaty, you read it as diplomacy and persuasion, not as a historical account: you look for what it is meant to achieve, and for what it leaves out.

# %% [markdown]
# ## Key points
# - Name the version you quote: distinctive wording ("combat brotherhood" or "militant friendship") tells the versions apart.
# - The headline, the article and the comments are separate layers with separate authors.
# - Timing is evidence: the article appeared the day a visit began and the day before a treaty it does not mention.
# - SIFT and the three questions work on any text: who, what evidence, what do others say.

# %%
course.nav("01")
