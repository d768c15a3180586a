# %% [markdown]
# # 01 · Who is speaking, to whom?
# *Provenance: the author, the outlets, the audience, the timing, and the layers added by others.*

# %% [markdown]
# ## Objectives
# - Name the author, the outlets and the audience of the article, and say why its timing matters (10 min).
# - Tell the two English versions apart by their wording (5 min).
# - Say what the treaty signed the next day contains, and which translation of it you quote (5 min).
# - Separate the layers: the article, the aggregator's headline, the comment site (10 min).
# - Apply SIFT and the three Civic Online Reasoning questions to the text (15 min).
# - Trace a version: find what KCNA's summary leaves out, and ask why (5 min).
#
# **Time:** about 50 minutes.

# %%
from medialit import course

lesson = course.start("01")
case = lesson.case
lesson

# %% [markdown]
# ## The author and the moment
# The article is signed by Vladimir Putin, President of Russia.
# The Kremlin posted it, in Russian and English, in the early hours of 18 June 2024 (Lenta.ru reported it at 00:22 Moscow time).
# That was the first day of his announced 18–19 June state visit to North Korea; he landed in Pyongyang late that day (TASS, 17 and 18 June 2024).
# The same day, the English site of *Rodong Sinmun* and the agency KCNA carried a summary of it (more on that below); what the paper's Korean edition printed, our sources do not say.
# On 19 June the two leaders signed the Comprehensive Strategic Partnership Treaty, whose Article 4 promises military assistance "without delay" if either side is invaded and in a state of war (Chosun Ilbo's translation of the KCNA text, 20 June 2024).
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
# ## The treaty the article leaves out
# The day after the article, the two leaders signed the Comprehensive Strategic Partnership Treaty in Pyongyang; KCNA published its text on 20 June (Chosun Ilbo, 20 June 2024).
# Its Article 4 is a mutual-defence clause.
# In Chosun Ilbo's translation of the KCNA text:
#
# > "In the event that either party is invaded by one or more states and enters a state of war, the other party shall, without delay and in accordance with Article 51 of the United Nations Charter and the laws of the DPRK and the Russian Federation, provide military and other assistance with all means at its disposal."
#
# - **Which translation?** KCNA's own English ends "with all means in its possession".
#   Chosun Ilbo's translation and TASS's Russian-side rendering say "at its disposal".
#   As with the article, name the translation you quote.
# - **Article 51.** The treaty cites Article 51 of the UN Charter.
#   Look it up: why would both signatories want to cite it?
# - **An alliance or not?** Kim Jong Un said relations had been "elevated to the new higher level of an alliance" (Reuters; read only in a syndicated copy, so secondary).
#   Russia's Foreign Ministry said: "The Treaty is not intended to create a Western-style military alliance and is not directed against third countries" (Sputnik, 27 June 2024).
#   Two signatories, two descriptions of one text.
# - **What it replaced.** A Kremlin aide, Ushakov, said it replaces the 1961 Treaty of Friendship and Mutual Assistance, the 2000 treaty, and the 2000 and 2001 declarations (Policy Peak, 22 June 2024).
#   The article praises those declarations (sentence 12) without saying they were about to be replaced.
# - **Ratification.** Russia's Federation Council ratified the treaty unanimously on 6 November 2024 (TASS).
#   By KCNA's account, as reported by another outlet, it entered into force on 4 December 2024 (secondary).
#
# The evidence library of lesson 03 holds a card for each of these sources.

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
# - *Who:* Russia's president, writing for a ruling party's newspaper of a country near the bottom of press-freedom rankings, posted by the Kremlin in English on the first day of his announced state visit, hours before he landed; summarised, not reprinted, on the newspaper's English site and by KCNA; reposted by an aggregator that added its own headline; comments from a site we cannot identify.
# - *Evidence:* the article cites no sources; it mixes historical claims (1945, 1948, 1949, 1950–53) that can be checked with judgements ("neo-colonial dictatorship") that cannot.
# - *Other sources:* news media on every side for the visit and the treaty (in the library: TASS, KCNA, Chosun Ilbo, Sputnik, and the wires Reuters, AFP and AP as carried by other sites); historians and encyclopedias for 1945–53; UN documents for sanctions. Lesson 03's evidence library holds cards for all of these.

# %% [markdown]
# ### Exercise 1.4 · What timing changes
# What changes in how you read the article once you know when and where it was published?

# %% tags=["feedback"]
course.reflection("1.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** Knowing that it is a head of state's message to a friendly government, posted on the first day of his announced visit and the day before a mutual-assistance treaty, you read it as diplomacy and persuasion, not as a historical account: you look for what it is meant to achieve, and for what it leaves out.

# %% [markdown]
# ### Exercise 1.5 · Trace it: what the summary leaves out
# SIFT's last step is to trace a text to its original, and to its other versions.
# KCNA's English summary of the article has its own paragraph on the monument in Pyongyang:
#
# > "The monument on Moran Hill … in commemoration of the liberation of Korea by the Red Army is a symbol of militant friendship"
#
# In the archived copy of the summary, that paragraph comes straight after the one on the two peoples' joint struggle against Japanese militarism.
# In our text, the Kremlin's, three sentences run from the joint struggle to the monument:

# %%
s = case.sentences.text
course.show(*((f"Sentence {n + 1}", s[n]) for n in (2, 3, 4)))

# %% [markdown]
# Which of the three has no counterpart in the summary? Pick one, then read the feedback.

# %% tags=["feedback"]
course.quiz("1.5")

# %% [markdown]
# Why might a North Korean summary leave that sentence out?
# Lesson 03's evidence library has cards that help: search it for "1945" and "narratives".
# Say how sure you can be: you are inferring an editor's reasons from one archived copy.

# %% tags=["feedback"]
course.reflection("1.5b")

# %% [markdown] tags=["solution"]
# **Worked solution.** Sentence 4, in which Soviet soldiers defeat the Kwantung Army and liberate the peninsula, has no counterpart: the summary keeps the joint struggle and the monument, and credits the Red Army only through the monument's name.
# A likely reason, stated as an inference: North Korea's own account credits Kim Il Sung and a Korean army with the liberation (KCNA, 14 August 2020), and a historian writes that Pyongyang's story of 1945 was rewritten away from the Red Army (Tertitskiy, *Russia in Global Affairs*, 2021).
# A sentence that gives Soviet soldiers the whole liberation would sit badly with that story.
# We cannot know the editors' reasons, and this is one archived copy: say "in the archived copy", and "a likely reason".

# %% [markdown]
# ## Key points
# - Name the version you quote: distinctive wording ("combat brotherhood" or "militant friendship") tells the versions apart.
# - The headline, the article and the comments are separate layers with separate authors.
# - Timing is evidence: the article appeared on the first day of the announced visit, hours before Putin landed, and the day before a treaty it does not mention.
# - Name the translation you quote, for the treaty as for the article ("all means in its possession" or "at its disposal").
# - A version can differ by what it leaves out, not only by its words: compare versions sentence by sentence.
# - SIFT and the three questions work on any text: who, what evidence, what do others say.

# %%
course.nav("01")
