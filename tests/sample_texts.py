"""A short, neutral text for the own-text tests (lesson 08): a made-up local news item and
three comments, with emoji, HTML payloads and right-to-left text in the text, the comments
and the notes. Nothing here is hateful; the payloads must end up as inert text."""
from __future__ import annotations

PAYLOAD = '<script>alert("payload")</script><img src=x onerror=alert(2)>'
ATTR_PAYLOAD = '"><svg onload=alert(3)>'
RTL_HE = "שלום לכולם"          # Hebrew: "hello everyone"
RTL_AR = "مرحبا بالجميع"        # Arabic: "hello everyone"
EMOJI = "🇫🇷 👨‍👩‍👧 😆"

TITLE = f"Library vote {EMOJI} {ATTR_PAYLOAD}"
ARTICLE = f"""The town council voted on Tuesday to open a new public library in the old market hall.

The mayor called it a glorious day for the town, and the opposition called the plan a reckless waste of money.

A sign at the entrance will greet readers in several languages: {RTL_HE} and {RTL_AR}.

One resident wrote {PAYLOAD} on the council's feedback form, which the clerk read aloud.
"""
COMMENTS = f"""Finally! {EMOJI}

{RTL_AR} – a library for everyone.

Nice try {PAYLOAD}
"""
NOTE = f"note {PAYLOAD} {RTL_HE} {EMOJI}"
REFLECTION = f"I learnt to look for loaded words. {PAYLOAD} {ATTR_PAYLOAD} {RTL_AR} {EMOJI}"
