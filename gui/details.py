"""The details panel: everything the core knows about the selected link, in words.

Both claim texts with speakers, each claim's codebook labels with score, evidence and what
decided them, the link's reason, and the word-level diff with deletions struck through and
insertions underlined (so the diff reads without colour too).
"""

from __future__ import annotations

from html import escape

from claimdiff_gui.theme import RELATION_TEXT, Theme
from PySide6.QtWidgets import QTextBrowser, QWidget

from claimdiff.codebook import Codebook
from claimdiff.model import Claim, Comparison, DiffOp, Label, Link

EMPTY = (
    "<p>Click a highlighted claim, a band in the gutter or a row of the claims table to see "
    "why the two articles agree or conflict there.</p>"
)


class DetailsPanel(QTextBrowser):
    """Read-only HTML view of one link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setHtml(EMPTY)

    def show_link(
        self,
        link: Link | None,
        comparison: Comparison | None,
        codebook: Codebook | None,
        theme: Theme,
    ) -> None:
        if link is None or comparison is None:
            self.setHtml(EMPTY)
            return
        self.setHtml(link_html(link, comparison, codebook, theme))


def link_html(link: Link, cmp: Comparison, codebook: Codebook | None, theme: Theme) -> str:
    colour = theme.relation_html(link.relation)
    heading = RELATION_TEXT[link.relation].capitalize()
    if link.conflict_type:
        heading += f" ({escape(link.conflict_type)})"
    topic = _topic_label(codebook, link.topic) if link.topic else "no topic"
    parts = [
        f'<h3><span style="color:{colour}">■</span> {heading} · {escape(topic)}</h3>',
        f"<p><b>Why:</b> {escape(link.reason)}"
        + (f" · score {link.score:.2f}" if link.score else "")
        + (" · <i>articles more than a year apart</i>" if link.time_shift else "")
        + "</p>",
    ]
    for side, cid in (("Left", link.left), ("Right", link.right)):
        if cid:
            parts.append(_claim_html(side, cmp.claim(cid), codebook))
    if link.diff:
        parts.append("<p><b>Word differences</b> (struck: only left · underlined: only right)</p>")
        parts.append(f"<p>{diff_html(link.diff, theme)}</p>")
    return "\n".join(parts)


def _claim_html(side: str, claim: Claim, codebook: Codebook | None) -> str:
    who = escape(claim.speaker) if claim.speaker else "<i>the outlet's own voice</i>"
    flags = [
        f
        for f, on in (("quote", claim.quote), ("negated", claim.negated), ("hedged", claim.hedged))
        if on
    ]
    flag_text = f" · {', '.join(flags)}" if flags else ""
    labels = "".join(f"<li>{_label_html(codebook, lab)}</li>" for lab in claim.labels)
    # A blockquote rather than quote marks: many claims already open with a quotation.
    quote = f"<blockquote>{escape(claim.text)}</blockquote>"
    positions = f"<ul>{labels}</ul>" if labels else "<p><i>no codebook position</i></p>"
    return f"<p><b>{side}</b> — {who}{flag_text}</p>{quote}{positions}"


def _label_html(codebook: Codebook | None, label: Label) -> str:
    position = _position_label(codebook, label.topic, label.position)
    return (
        f"{escape(_topic_label(codebook, label.topic))}: <b>{escape(position)}</b> "
        f"({label.score:.2f}) — evidence “{escape(label.evidence)}”, decided by "
        f"{escape(label.decided_by)}"
    )


def diff_html(ops: tuple[DiffOp, ...], theme: Theme) -> str:
    """Word diff as inline HTML; marks (number, date, name, negation) as small tags."""
    out = []
    for op in ops:
        if op.tag == "equal":
            out.append(escape(op.left))
            continue
        if op.left:
            out.append(_diff_span(op.left, "delete", theme, "line-through"))
        if op.right:
            out.append(_diff_span(op.right, "insert", theme, "underline"))
        if op.marks:
            out.append(f"<sup><b>[{escape(', '.join(op.marks))}]</b></sup>")
    return " ".join(out)


def _diff_span(words: str, tag: str, theme: Theme, decoration: str) -> str:
    return (
        f'<span style="color:{theme.text}; background-color:{theme.diff_tint_html(tag)};'
        f' text-decoration:{decoration}">{escape(words)}</span>'
    )


def _topic_label(codebook: Codebook | None, topic_id: str) -> str:
    if codebook is None:
        return topic_id
    try:
        return codebook.topic(topic_id).label
    except KeyError:
        return topic_id


def _position_label(codebook: Codebook | None, topic_id: str, position_id: str) -> str:
    if codebook is None:
        return position_id
    try:
        return codebook.position(topic_id, position_id).label
    except KeyError:
        return position_id
