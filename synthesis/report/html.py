"""Escaped HTML fragments for reports: title block, contents, findings, themes, quotes, tables.

Every builder takes plain values (already redacted) and returns :class:`markupsafe.Markup`;
text is escaped on the way in, so a quote reading ``<img src=x onerror=alert(1)>`` shows as
those characters and nothing runs. Only fragments built here are trusted as HTML. Notebooks
put fragments on the page with :func:`show`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from .offline import chart_html

__all__ = ["Markup", "escape", "show", "title_block", "contents", "section", "paragraph",
           "bullets", "kofn", "theme_block", "quote", "split", "table", "guide_list", "note",
           "anchor_for", "join"]

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def show(*fragments: Any) -> None:
    """Display fragments in the notebook (and so in the exported report) as HTML.

    Examples
    --------
    >>> show(paragraph("Twelve people took part."))  # doctest: +SKIP
    """
    # lazy: IPython.display adds ~140 ms; the runner imports this module but never shows
    from IPython.display import HTML, display

    for fragment in fragments:
        if fragment is None:
            continue
        if hasattr(fragment, "to_plotly_json"):  # a plotly figure
            fragment = Markup('<div class="syn-chart">{}</div>').format(chart_html(fragment))
        display(HTML(str(join([fragment]))))


def join(parts: Iterable[Any], sep: str = "\n") -> Markup:
    """Concatenate fragments, escaping anything that is not already Markup."""
    return Markup(sep).join(escape(p) for p in parts if p is not None)


def anchor_for(kind: str, key: object) -> str:
    """A safe, readable id for an in-page link, e.g. ``anchor_for("theme", "t-12")``.

    >>> anchor_for("theme", "T 12/<b>")
    'theme-t-12-b'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", str(key).casefold()).strip("-") or "x"
    return f"{kind}-{slug}"


def paragraph(text: Any, cls: str | None = None) -> Markup:
    attr = Markup(' class="{}"').format(cls) if cls else Markup("")
    return Markup("<p{}>{}</p>").format(attr, text)


def note(text: Any) -> Markup:
    """A quiet aside (how a figure was counted, what is missing)."""
    return paragraph(text, "syn-note")


def bullets(items: Iterable[Any], cls: str | None = None) -> Markup:
    attr = Markup(' class="{}"').format(cls) if cls else Markup("")
    body = join(Markup("<li>{}</li>").format(item) for item in items)
    return Markup("<ul{}>\n{}\n</ul>").format(attr, body)


def section(anchor: str, heading: Any, *body: Any, level: int = 2,
            cls: str | None = None) -> Markup:
    """A titled section with an id the contents can link to."""
    classes = " ".join(c for c in ("syn-section", cls) if c)
    return Markup('<section id="{a}" class="{c}">\n<h{l}>{h}</h{l}>\n{b}\n</section>').format(
        a=anchor, c=classes, l=int(level), h=heading, b=join(body))


def title_block(title: Any, kicker: Any = "", question: Any = "",
                facts: Sequence[tuple[Any, Any]] = (), privacy: Any = "") -> Markup:
    """The report's first screen: what it is, when, and how many people.

    Examples
    --------
    >>> str(title_block("Onboarding — Round 2", facts=[("Participants", 8)]))[:30]
    '<header class="syn-title">\\n<p '
    """
    items = join(Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(k, v) for k, v in facts)
    return Markup(
        '<header class="syn-title">\n<p class="syn-kicker">{kicker}</p>\n<h1>{title}</h1>\n'
        '{question}<dl class="syn-facts">\n{items}\n</dl>\n{privacy}</header>').format(
        kicker=kicker, title=title,
        question=paragraph(question, "syn-question") if question else "",
        items=items, privacy=paragraph(privacy, "syn-privacy") if privacy else "")


def contents(entries: Sequence[tuple[str, Any, Sequence[tuple[str, Any]]]]) -> Markup:
    """A table of contents: ``(anchor, label, [(sub_anchor, sub_label), ...])`` per entry."""
    rows = []
    for anchor, label, children in entries:
        sub = Markup("")
        if children:
            sub = Markup("\n<ol>{}</ol>").format(join(
                Markup('<li><a href="#{}">{}</a></li>').format(a, lab) for a, lab in children))
        rows.append(Markup('<li><a href="#{}">{}</a>{}</li>').format(anchor, label, sub))
    return Markup('<nav class="syn-toc" aria-label="Contents">\n<h2>Contents</h2>\n'
                  '<ol>\n{}\n</ol>\n</nav>').format(join(rows))


def kofn(k: int, n: int, what: str = "participants", notes: int | None = None,
         colour: str | None = None) -> Markup:
    """"5 of 12 participants" with a proportional bar (the bar is decoration, the text counts)."""
    share = (k / n) if n else 0.0
    fill = Markup(";background:{}").format(colour) if colour and _COLOUR.match(colour) else ""
    extra = Markup(" · {} note{}").format(notes, "" if notes == 1 else "s") \
        if notes is not None else ""
    return Markup('<div class="syn-kofn"><p><strong>{k} of {n}</strong> {what}{extra}</p>'
                  '<div class="syn-bar" role="img" aria-label="{k} of {n} {what}">'
                  '<span style="width:{w:.1f}%{fill}"></span></div></div>').format(
        k=k, n=n, what=what, extra=extra, w=100 * share, fill=fill)


def quote(text: Any, who: Any, detail: Any = "") -> Markup:
    """A participant's words with who said it (pseudonym and segment)."""
    cite = join([who, detail] if detail else [who], sep=" · ")
    return Markup('<blockquote class="syn-quote">\n<p>{}</p>\n<footer>{}</footer>\n'
                  '</blockquote>').format(text, cite)


def swatch(colour: str | None) -> Markup:
    if not colour or not _COLOUR.match(str(colour)):
        return Markup('<span class="syn-swatch" aria-hidden="true"></span>')
    return Markup('<span class="syn-swatch" style="background:{}" aria-hidden="true"></span>')\
        .format(colour)


def theme_block(anchor: str, name: Any, colour: str | None, k: int, n: int, notes: int,
                description: Any = "", split: Markup | None = None,
                quotes: Sequence[Markup] = (), flags: Sequence[Any] = ()) -> Markup:
    """One theme's section: counts, description, segment split, quotes and caveats."""
    desc = paragraph(description, "syn-desc") if description else \
        note("No description written for this theme yet.")
    flag_html = paragraph(join(flags, sep=" "), "syn-flag") if flags else None
    body = join([kofn(k, n, notes=notes, colour=colour), desc, split, flag_html, *quotes])
    return Markup('<section id="{a}" class="syn-theme">\n<h3>{sw}{name}</h3>\n{body}\n'
                  '</section>').format(a=anchor, sw=swatch(colour), name=name, body=body)


def split(label: Any, counts: Sequence[tuple[Any, int, int]]) -> Markup:
    """A theme's reach per segment on one line: ``[(segment, k, n), ...]``."""
    cells = join((Markup('<span class="syn-chip{}">{} <strong>{} of {}</strong></span>').format(
        "" if k else " syn-zero", value, k, n) for value, k, n in counts), sep=" ")
    return Markup('<p class="syn-split"><span class="syn-split-label">{}</span> {}</p>').format(
        label, cells)


def table(header: Sequence[Any], rows: Iterable[Sequence[Any]], cls: str = "syn-table",
          caption: Any = "", numeric: Sequence[int] = ()) -> Markup:
    """A plain table; cells are escaped unless they are Markup; ``numeric`` columns align right."""
    num = set(numeric)

    def cell(tag: str, i: int, value: Any) -> Markup:
        klass = Markup(' class="num"') if i in num else Markup("")
        return Markup("<{t}{k}>{v}</{t}>").format(t=tag, k=klass, v=value)

    head = join((cell("th", i, h) for i, h in enumerate(header)), sep="")
    body = join(Markup("<tr>{}</tr>").format(join((cell("td", i, v) for i, v in enumerate(r)),
                                                    sep="")) for r in rows)
    cap = Markup("<caption>{}</caption>").format(caption) if caption else ""
    # A table wider than the page scrolls sideways in its own box instead of being cut off.
    return Markup('<div class="syn-table-scroll"><table class="{c}">{cap}\n<thead><tr>{h}'
                  '</tr></thead>\n<tbody>\n{b}\n</tbody>\n</table></div>').format(
        c=cls, cap=cap, h=head, b=body)


def guide_list(questions: Iterable[tuple[Any, bool, bool]]) -> Markup:
    """The discussion guide: ``(text, is_key, is_follow_up)`` per question, in order.

    A follow-up is listed under the question before it.
    """
    def item(text: Any, is_key: bool) -> Markup:
        badge = Markup(' <span class="syn-badge">key question</span>') if is_key else ""
        attr = Markup(' class="syn-key"') if is_key else ""
        return Markup("<li{}>{}{}").format(attr, text, badge)

    top: list[list[Markup]] = []
    for text, is_key, follow_up in questions:
        if follow_up and top:
            top[-1].append(item(text, is_key) + Markup("</li>"))
        else:
            top.append([item(text, is_key)])
    rows = []
    for head, *children in top:
        sub = Markup('<ul class="syn-followups">{}</ul>').format(join(children)) \
            if children else ""
        rows.append(head + sub + Markup("</li>"))
    return Markup('<ol class="syn-guide">\n{}\n</ol>').format(join(rows))
