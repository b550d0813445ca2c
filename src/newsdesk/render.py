"""An Article as a Markdown page a person can read (`analyze --format md`)."""
from __future__ import annotations

from newsdesk.model import Article


def article_markdown(a: Article) -> str:
    out: list[str] = [f"# {a.title or '(untitled)'}", ""]
    meta = []
    if a.publisher:
        meta.append(f"**{a.publisher}**")
    if a.agency:
        meta.append(f"via {a.agency}")
    if a.published:
        meta.append(f"posted {a.published}")
    if a.updated:
        meta.append(f"updated {a.updated}")
    meta.append(f"{a.reading_minutes} min read ({a.word_count} words)")
    if a.category:
        meta.append(f"in *{a.category}*")
    out += [" · ".join(meta), ""]
    if a.credits:
        out += ["Credits: " + "; ".join(f"{c.role} {c.name}" for c in a.credits), ""]
    if a.standfirst:
        out += [f"> {a.standfirst}", ""]
    if a.summary:
        out += ["## Summary", "", a.summary, ""]
    if a.takeaways:
        out += ["## Key takeaways", ""]
        out += [f"- {t.text}  \n  <sub>from: " + " … ".join(f"“{s.of(a.text)[:80]}”" for s in t.sources) + "</sub>"
                for t in a.takeaways]
        out.append("")
    if a.dateline:
        out += [f"*Dateline: {a.dateline.place or ''}{' (' + a.dateline.agency + ')' if a.dateline.agency else ''}*", ""]
    out += ["## Article", ""] + [p + "\n" for p in a.paragraphs]
    if a.quotes:
        out += ["## Who said what", ""]
        out += [f"- **{q.speaker or 'unattributed'}** {q.cue or ''} ({q.kind}): {q.content}" for q in a.quotes]
        out.append("")
    if a.entities:
        out += ["## Entities", ""]
        out += [f"- {e.name} ({e.type}{', ' + '; '.join(e.titles) if e.titles else ''}) ×{len(e.mentions)}"
                for e in a.entities]
        out.append("")
    if a.times:
        out += ["## Times", ""] + [f"- “{t.text}” → {t.value}" for t in a.times] + [""]
    if a.keywords:
        out += ["Keywords: " + ", ".join(a.keywords), ""]
    if a.site_takeaways:
        out += ["## The page's own takeaways", ""] + [f"- {t}" for t in a.site_takeaways] + [""]
    if a.notes:
        out += ["Notes: " + "; ".join(a.notes), ""]
    return "\n".join(out)
