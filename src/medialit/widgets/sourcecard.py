"""SourceCard: the layers of a case shown as one card (lesson 01).

Who wrote the text, which outlets carried which version, who wrote the headline, where the
comments come from: each layer with its date, address and how sure we are. A display object
(HTML and plain text), not an interactive widget; every value is escaped."""
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
                                "note": "; ".join(x for x in (p.get("role", ""), p.get("url_note", "")) if x)})

    def __repr__(self) -> str:
        lines = [f"SourceCard: {self.case.meta['title']}"]
        for r in self.layers:
            date = f" ({r['date']})" if r["date"] else ""
            lines.append(f"- {r['layer']}: {r['who']}{date} [{_STATUS.get(r['status'], r['status'])}]")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = []
        for r in self.layers:
            link = (f"<a href='{e(r['url'], quote=True)}' rel='noopener noreferrer' target='_blank'>{e(r['url'])}</a>"
                    if r["url"].startswith(("http://", "https://")) else "address unknown")
            rows.append(f"<tr><th scope='row'>{e(r['layer'])}</th><td>{e(r['who'])}</td><td>{e(r['date'])}</td>"
                        f"<td>{link}</td><td>{e(_STATUS.get(r['status'], r['status']))}</td><td>{e(r['note'])}</td></tr>")
        return ("<table class='medialit-sourcecard'><caption>Layers of this text: who made each part</caption>"
                "<thead><tr><th>Layer</th><th>Who</th><th>Date</th><th>Address</th><th>Status</th><th>Note</th>"
                "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
