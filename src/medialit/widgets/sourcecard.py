"""SourceCard: the layers of a case shown as one card (lesson 01).

Who wrote the text, which outlets carried which version, who wrote the headline, where the
comments come from: each layer with its date, address and how sure we are. A display object
(HTML and plain text), not an interactive widget; every value is escaped. It shows each
publication's ``role`` only: authoring notes in ``case.toml`` (``url_note``, ``author_note``)
are for course authors and the teaching notes, not for students. The HTML is a list of small
cards that wraps at any width (no wide table)."""
from __future__ import annotations

import html

__all__ = ["SourceCard"]

_STATUS = {"verified": "verified in a source", "secondary": "secondary report only",
           "unverified": "not verified"}


class SourceCard:
    def __init__(self, case) -> None:
        self.case = case
        meta = case.meta
        self.layers = [
            {"layer": "Author", "who": meta.get("author", "unknown"), "date": "", "url": "",
             "status": "verified", "note": f"Title: {meta['title']}"},
        ]
        for p in meta.get("publication", []):
            self.layers.append({"layer": "Outlet", "who": p.get("outlet", ""), "date": p.get("date", ""),
                                "url": p.get("url", ""), "status": p.get("status", "unverified"),
                                "note": p.get("role", "")})

    def __repr__(self) -> str:
        lines = [f"SourceCard: {self.case.meta['title']}"]
        for r in self.layers:
            date = f" ({r['date']})" if r["date"] else ""
            lines.append(f"- {r['layer']}: {r['who']}{date} [{_STATUS.get(r['status'], r['status'])}]")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        items = []
        for r in self.layers:
            link = (f"<a href='{e(r['url'], quote=True)}' rel='noopener noreferrer' target='_blank' "
                    f"style='overflow-wrap:anywhere'>{e(r['url'])}</a>"
                    if r["url"].startswith(("http://", "https://")) else "address unknown")
            facts = [("Date", e(r["date"]) or "not given"), ("Address", link),
                     ("Status", e(_STATUS.get(r["status"], r["status"])))]
            if r["note"]:
                facts.append(("About", e(r["note"])))
            dl = "".join(f"<dt style='font-weight:600'>{k}</dt><dd style='margin:0 0 0.2em 1em'>{v}</dd>" for k, v in facts)
            items.append(f"<li style='margin:0 0 0.6em 0'><b>{e(r['layer'])}: {e(r['who'])}</b>"
                         f"<dl style='margin:0.2em 0 0 0'>{dl}</dl></li>")
        return ("<section class='medialit-sourcecard' aria-label='Layers of this text' style='max-width:48em'>"
                "<p><b>Layers of this text: who made each part</b></p>"
                "<ul style='list-style:none;padding:0;margin:0'>" + "".join(items) + "</ul></section>")
