# %% [markdown]
# # 07 · The comment section
# *Real readers, sarcasm, conspiracy talk and hate: read a thread with care, then moderate it against a written policy.*

# %% [markdown]
# ## Objectives
# - Read the content note and decide how you want to see the comments (3 min).
# - Describe the thread with pandas: who writes, how long, who answers whom (10 min).
# - Label each comment and moderate it against a written policy, naming the rule (15 min).
# - Explain the antisemitic tropes in the thread with their sources, and why coded spellings defeat word lists (7 min).
# - Weigh the "genocide" claims against the 1948 Convention and the documented destruction of the Korean War (7 min).
# - Reflect on what a moderator owes readers and writers (3 min).
#
# **Time:** about 45 minutes.

# %%
from medialit import course

lesson = course.start("07")
case = lesson.case
lesson

# %% [markdown]
# ## Content note
# This lesson shows the 15 reader comments that a repost site published under the article.
# Several are **antisemitic**: they use a coded slur, the myth that Jews control governments and banks, a puppet-master trope and the "Khazar" myth.
# Others are **abusive**: a profane insult, and a disease metaphor for a country.
# They are here so that you can recognise such tropes, know where they come from, and decide what a moderator should do with them.
#
# - The listed slurs are **masked** everywhere the course shows text (for example `j**`); the data underneath is unchanged.
# - A clearly labelled switch in the comment lab reveals them. No exercise needs it.
# - If something here upsets you, stop, and talk to your instructor or someone you trust.
#
# The case carries its own note, which the comment lab shows above the thread:

# %%
from medialit.comment_feedback import content_note

course.show(content_note(case))

# %% [markdown]
# ## The thread as a table
# The comments are a pandas DataFrame, `case.comments`: one row per comment, with its author line (when there is one), its text, and where it sits in the source.
# Comments are numbered from 1 in the order they appear.
# The table below counts words and leaves the text to the comment lab, where listed slurs are masked.

# %%
from medialit import safety

thread = case.comments.assign(
    comment=case.comments.comment_id.str[1:].astype(int),
    author=case.comments.author.fillna("(no author line)"),
    words=case.comments.text.str.split().str.len(),
)
thread[["comment", "author", "words"]].set_index("comment")

# %% [markdown]
# Who writes, and how much?

# %%
thread.groupby("author").words.agg(comments="count", words="sum", average="mean").round(1).sort_values(
    ["comments", "words"], ascending=False)

# %% [markdown]
# Four readers sign their comments; the other nine comments have no author line, so we cannot tell whether they come from one person or from nine.
# The longest comments argue; the shortest provoke or agree.
#
# **Who answers whom?** The thread has no reply links, so the course *infers* replies from the text, with a reason for each:
# a comment that names an earlier author, echoes an earlier comment's words, repeats its pattern, or opens with "yes" or "not to mention".

# %%
import pandas as pd

replies = thread.dropna(subset=["reply_to"])
with pd.option_context("display.max_colwidth", 120):
    display(replies.assign(answers=replies.reply_to.str[1:].astype(int), reason=replies.reply_reason.map(safety.mask))[
        ["comment", "answers", "reason"]].set_index("comment"))

# %% [markdown]
# An inference is only as good as its evidence.
# The site, the order in which comments were posted, and their dates are all unknown.
#
# ### Exercise 7.1 · Who answers whom
# Which of these inferred replies do you trust most? Pick one and read the explanation, then the others'.

# %% tags=["feedback"]
course.quiz("7.1")

# %% [markdown] tags=["solution"]
# **Worked solution.** Comment 6 names Mr Fixer: that is the strongest evidence a reader can leave without a reply button.
# Echoing another comment's words (comment 5 quotes comment 3's "usa has advantages") is good evidence; a shared emoji pattern, an agreeing first word or the position in the list are weak.

# %% [markdown]
# ## How comments argue
# The comment lab offers these labels; several may apply to one comment.
# - **Constructive**: gives reasons or evidence and adds to the discussion (the SFU Opinion and Comments Corpus annotates comments this way).
# - **Geopolitical opinion**: a view about states, leaders or world politics; not checkable as stated.
# - **Sarcasm**: says the opposite of what it means, to mock ("sarcastic" in the Unhealthy Comments Corpus).
# - **Whataboutism**: answers criticism by pointing at someone else's wrongs (a technique in the SemEval-2020 propaganda task).
# - **Conspiracy**: claims a secret plot or hidden control without evidence (one of the six techniques of the *Bad News* game).
# - **Antisemitic trope**: a claim about Jews that the IHRA, the ADL or the AJC document as antisemitic (below).
# - **Dehumanising**: describes people, or a country and its people, as disease, vermin or filth.
# - **Insult**: attacks someone with abuse or profanity instead of an argument (an attribute of Google's Perspective API).
# - **Trolling**: bait or mockery meant to provoke rather than to discuss (also a *Bad News* technique).
# - **Contested claim as fact**: states a disputed or unsupported claim as settled; it needs context.
#
# ## Antisemitic tropes, and where they are documented
# Tropes are old stories about Jews, retold in new words. Reputable organisations document them so that readers can recognise them:
# - **Control**: the claim that Jews secretly control governments, armies, the media or the economy. The IHRA working definition of antisemitism (adopted in 2016, not legally binding) lists "the myth … of Jews controlling the media, economy, government or other societal institutions" as an example. The ADL documents the slogan "ZOG" ("Zionist Occupied Government") for the belief that the US government is controlled by Jews.
# - **Money and banks**: the claim that Jews control the banks. The World Jewish Congress calls it antisemitic; "banksters" on its own is a general insult, but next to a word for Jews it is not.
# - **Masters and puppets, dual loyalty**: the claim that a country obeys Jewish masters, or that Jewish citizens are more loyal to Israel than to their own country. The IHRA lists the dual-loyalty accusation as an example.
# - **The Khazar myth**: the claim that Ashkenazi Jews are impostors descended from the Khazars, not "real" Jews. The ADL ("fake Jews") and the AJC ("Khazars") document it; the hypothesis behind it is largely abandoned, and genetic studies have found no substantive evidence for it.
# - **Coded spellings**: writers misspell a word for Jews, or use a code word, so that filters miss it. The ADL and AJC glossaries have no entry for the misspelling in this thread, but the tactic is documented: research on automated moderation shows that simple text manipulations lower toxicity scores (Mihaljević and Steffen, 2023).
#
# Critics contest some of the IHRA's examples about Israel; the examples used here (the control myth, dual loyalty) are not the contested ones.

# %% [markdown]
# ### Exercise 7.2 · Label the comments
# Label every comment in the lab below: tick the labels that apply (**Tab** moves between controls, **Space** ticks; **J** and **K** jump to the next and previous comment).
# Replies sit indented under what they answer, with the reason.
# Listed slurs are masked; the switch above the thread reveals them, and you never need it.

# %% tags=["feedback"]
from medialit.widgets import CommentLab

lab = CommentLab(case)
lab

# %% [markdown] tags=["solution"]
# **Worked solution.** The key's labels and decisions for all 15 comments, with the reason for each (contested ones are discussion points):

# %% tags=["solution"]
from medialit.labelnames import comment_label

key = case.key("comments")
with pd.option_context("display.max_colwidth", 400, "display.max_rows", 20):
    display(key.assign(comment=key.comment_id.str[1:].astype(int),
                       labels=key.labels.map(lambda codes: ", ".join(map(comment_label, codes))))[
        ["comment", "labels", "decision", "rule", "contested", "rationale"]].set_index("comment"))

# %% [markdown]
# ### Exercise 7.3 · Moderate against the policy
# Now decide, for every comment, what a moderator should do: **keep** it, keep it with a **label** that adds context, **hide** it behind a notice, or **remove** it.
# Every decision names the rule of the policy it applies; the lab says when one is missing.
# Open "The moderation policy" in the lab to read each rule. In short:

# %%
from medialit.moderation import load_policy

policy = load_policy()
course.show(policy.summary, *[(rule.id, f"{rule.title} (usually: {rule.action})") for rule in policy.rules])

# %% [markdown]
# When you have labelled and moderated some comments, run the next cell: it compares the comments you worked on with the key, and says why.

# %% tags=["feedback"]
lab.feedback()

# %% [markdown] tags=["solution"]
# **Worked solution.** The key keeps seven comments (opinions under R1, the sarcasm of comment 14 under R6), labels the two genocide claims (R4), hides the mockery of comment 9 (R8) and removes five: the four antisemitic comments under R2 and the "cancer" comment under R3, each whole (R7).
# Six decisions are contested and discussed in the table above.

# %% [markdown]
# ### Exercise 7.4 · Why a word list is not enough
# The course masks a short list of words. Could a list like it moderate this thread?

# %% tags=["feedback"]
course.quiz("7.4")

# %% [markdown] tags=["solution"]
# **Worked solution.** No: the tropes above are built from ordinary words ("who controls", "masters"), and coded spellings are invented to slip past lists.
# A list helps a human moderator; it does not replace reading the thread.

# %% [markdown]
# ## The "genocide" claims
# Two comments call the US bombing of North Korea during the Korean War (1950–1953) a "genocide". What is established, and what is contested?
# - **Documented**: the US dropped about 635,000 tons of bombs, including 32,557 tons of napalm, mostly on the North, more than in the whole Pacific theatre of the Second World War. Korean dead, injured or missing came near 3 million, about a tenth of the population (Charles Armstrong, 2010). US Air Force estimates put the destruction of North Korean towns and cities at 40 to 90 per cent, with 18 of 22 major cities at least half destroyed.
# - **The legal definition**: the Genocide Convention of 9 December 1948, Article II, defines genocide as acts such as killing members of a group "committed with intent to destroy, in whole or in part, a national, ethnical, racial or religious group, as such" (read in reproductions of the text).
# - **Contested**: writers disagree about how to classify the bombing. *The Nation* asks whether the United States can own up to its war crimes in Korea; Ju-Hyun Park, in *The Funambulist*, argues that the idea of genocide was applied inconsistently to it. No source the course read reports a court ruling on the question.
# - One comment also calls the US side "natostan". The forces fighting for South Korea were the UN Command under US leadership (Security Council Resolution 84, 7 July 1950).

# %% [markdown]
# ### Exercise 7.5 · Genocide claims: what would the legal label need?

# %% tags=["feedback"]
course.quiz("7.5")

# %% [markdown] tags=["solution"]
# **Worked solution.** Intent to destroy a group as such. The destruction is documented beyond doubt; whether it was genocide in law turns on intent, which no court has established. That is why the policy labels the claim (R4) instead of removing it or leaving it alone.

# %% [markdown]
# ### Exercise 7.6 · Write the moderator's label
# A label sits under a kept comment and tells readers what to check.

# %% tags=["feedback"]
course.reflection("7.6")

# %% [markdown] tags=["solution"]
# **Worked solution.** For example: "Context: the US bombing of North Korea in 1950–53 was massive and is well documented (about 635,000 tons of bombs; Korean dead, injured or missing near 3 million). Whether it was genocide is disputed: the 1948 Convention requires intent to destroy a group as such, and no court has ruled that it was. Sources: Armstrong 2010; the Genocide Convention, Article II."
# A good label states what is documented, what is disputed and by whom, and where to check, without mocking the writer.

# %% [markdown]
# ## Reflection

# %%
course.reflection("7.7")

# %% [markdown]
# ## Key points
# - A comment section is data: who writes and how much can be counted, but who answers whom is inferred, with reasons, and some inferences are weak.
# - Moderate against a written policy: name the rule, explain the decision, and remove a comment whole rather than editing it.
# - Antisemitic tropes (control, money, masters, the Khazar myth) are old and documented by the IHRA, the ADL and the AJC; coded spellings are made to evade filters.
# - A contested legal label is neither removed nor left alone: it is labelled with the evidence.

# %%
course.nav("07")
