"""The details panel: everything the core knows about the selected link, in words.

Both claim texts with speakers, each claim's codebook labels with score, evidence and what
decided them, the link's reason, and the word-level diff with deletions struck through and
insertions underlined (so the diff reads without colour too). With a corpus open, each
label says whose it is (the machine's, or the analyst's with who and when), and links under
each claim start the analyst's corrections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote as url_quote
from urllib.parse import unquote as url_unquote

from claimdiff_gui.window.theme import RELATION_TEXT, Theme
from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from claimdiff.base.model import Claim, Comparison, DiffOp, Label, Link
from claimdiff.corpus import EffectiveLabel
from claimdiff.labels.codebook import Codebook
from claimdiff.output.report.names import Names, position_label, topic_label

EMPTY = (
    "<p>Click a highlighted claim, a band in the gutter or a row of the claims table to see "
    "why the two articles agree or conflict there.</p>"
)


@dataclass(frozen=True)
class Notes:
    """What the corpus says about the shown claims, keyed by the comparison's claim ids."""

    labels: dict[str, list[EffectiveLabel]] = field(default_factory=dict)  # claims in the corpus
    dropped: dict[str, str] = field(default_factory=dict)  # claim id -> "who, when"
    verdicts: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> (v, who)


class DetailsPanel(QTextBrowser):
    """Read-only HTML view of one link; its ``fix:`` links ask for a correction."""

    fix_requested = Signal(str)  # a "fix:" href: action and arguments, see parse_fix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setHtml(EMPTY)
        self.anchorClicked.connect(self._on_anchor)

    def _on_anchor(self, url: QUrl) -> None:
        if url.toString().startswith("fix:"):
            self.fix_requested.emit(url.toString())

    def show_link(
        self,
        link: Link | None,
        comparison: Comparison | None,
        codebook: Codebook | None,
        theme: Theme,
        notes: Notes | None = None,
    ) -> None:
        if link is None or comparison is None:
            self.setHtml(EMPTY)
            return
        self.setHtml(link_html(link, comparison, codebook, theme, notes))


def fix_href(action: str, *args: str) -> str:
    return "fix:" + "/".join([action, *(url_quote(a, safe="") for a in args)])


def parse_fix(href: str) -> tuple[str, list[str]]:
    if not href.startswith("fix:"):
        return "", []
    action, *args = href[4:].split("/")
    return action, [url_unquote(a) for a in args]


def link_html(
    link: Link,
    cmp: Comparison,
    codebook: Codebook | None,
    theme: Theme,
    notes: Notes | None = None,
) -> str:
    colour = theme.relation_html(link.relation)
    heading = RELATION_TEXT[link.relation].capitalize()
    if link.conflict_type:
        heading += f" ({escape(link.conflict_type)})"
    topic = topic_label(codebook, link.topic) if link.topic else "no topic"
    parts = [
        f'<h3><span style="color:{colour}">■</span> {heading} · {escape(topic)}</h3>',
        f"<p><b>Why:</b> {escape(Names(codebook).reason(link))}"
        + (f" · score {link.score:.2f}" if link.score else "")
        + (" · <i>articles more than a year apart</i>" if link.time_shift else "")
        + "</p>",
    ]
    if notes is not None and link.left and link.right:
        parts.append(_verdict_html(notes.verdicts.get((link.left, link.right))))
    for side, cid in (("Left", link.left), ("Right", link.right)):
        if cid:
            claim = cmp.claim(cid)
            text = cmp.left.text if claim.article_id == cmp.left.id else cmp.right.text
            parts.append(_claim_html(side, claim, codebook, notes, theme, article_text=text))
    if link.diff:
        parts.append("<p><b>Word differences</b> (struck: only left · underlined: only right)</p>")
        parts.append(f"<p>{diff_html(link.diff, theme)}</p>")
    return "\n".join(parts)


def _claim_html(
    side: str,
    claim: Claim,
    codebook: Codebook | None,
    notes: Notes | None,
    theme: Theme,
    *,
    article_text: str = "",
) -> str:
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
    if notes is not None and (claim.id in notes.labels or claim.id in notes.dropped):
        positions = _corpus_claim_html(claim.id, codebook, notes, theme)
    why = attribution_html(claim, article_text)
    return f"<p><b>{side}</b> — {who}{flag_text}</p>{why}{quote}{positions}"


def attribution_html(claim: Claim, article_text: str) -> str:
    """Why the claim has its speaker: the source and cue as written, quote or reported speech.

    A journalist checks an attribution by its words: "she" in "she concluded" resolved to a
    name, or a quotation running on from an earlier sentence, is worth seeing as such.
    """
    if claim.speaker is None:
        return ""
    kind = "direct quotation" if claim.quote else "reported speech"
    pieces = [f"<b>Speaker:</b> {escape(claim.speaker)} ({kind})"]
    written = _written(article_text, claim.source_span)
    if written and written != claim.speaker:
        pieces.append(f"<b>source as written:</b> “{escape(written)}”")
    if claim.cue:
        pieces.append(f"<b>cue:</b> “{escape(claim.cue)}”")
    span = claim.cue_span or claim.source_span
    if span is not None and not claim.start <= span[0] < claim.end:
        pieces.append("<i>continues a quotation attributed in an earlier sentence</i>")
    return "<p>" + " · ".join(pieces) + "</p>"


def _written(text: str, span: tuple[int, int] | None) -> str:
    if span is None or not 0 <= span[0] < span[1] <= len(text):
        return ""
    return " ".join(text[span[0] : span[1]].split())


def _corpus_claim_html(cid: str, codebook: Codebook | None, notes: Notes, theme: Theme) -> str:
    """Labels in force with whose they are, and the links that correct them."""
    if cid in notes.dropped:
        return (
            f"<p>{_badge('analyst', theme)} <i>marked “not a claim” by "
            f"{escape(notes.dropped[cid])}</i> · "
            f'<a href="{fix_href("claim_again", cid)}">it is a claim</a></p>'
        )
    items = []
    for lab in notes.labels.get(cid, []):
        remove = fix_href("remove", cid, lab.topic)
        items.append(
            f'<li>{_effective_html(codebook, lab, theme)} · <a href="{remove}">remove</a></li>'
        )
    body = f"<ul>{''.join(items)}</ul>" if items else "<p><i>no codebook position</i></p>"
    actions = (
        f'<p><a href="{fix_href("position", cid)}">Change position…</a> · '
        f'<a href="{fix_href("not_claim", cid)}">Not a claim</a></p>'
    )
    return body + actions


def _effective_html(codebook: Codebook | None, lab: EffectiveLabel, theme: Theme) -> str:
    topic = escape(topic_label(codebook, lab.topic))
    position = escape(position_label(codebook, lab.topic, lab.position))
    if lab.origin == "analyst":
        when = (lab.at or "")[:16].replace("T", " ")
        return (
            f"{_badge('analyst', theme)} <i>{topic}: <b>{position}</b> — set by "
            f"{escape(lab.who or '?')}, {escape(when)} UTC</i>"
        )
    return (
        f"{_badge('machine', theme)} {topic}: <b>{position}</b> ({lab.score:.2f}) — evidence "
        f"“{escape(lab.evidence)}”, decided by {escape(lab.decided_by)}"
    )


def _badge(origin: str, theme: Theme) -> str:
    """A small tag; the analyst's is filled so it stands out from the machine's in greyscale."""
    if origin == "analyst":
        return (
            f'<span style="background-color:{theme.highlight}; color:{theme.base};">'
            "&nbsp;analyst&nbsp;</span>"
        )
    return f'<span style="color:{theme.dim};">[machine]</span>'


def _verdict_html(verdict: tuple[str, str] | None) -> str:
    confirm, reject = fix_href("link", "confirmed"), fix_href("link", "rejected")
    actions = f'<a href="{confirm}">Confirm link</a> · <a href="{reject}">Reject link</a>'
    if verdict is None:
        return f"<p>{actions}</p>"
    state, who = (escape(v) for v in verdict)
    return f"<p><b>Link {state}</b> by the analyst ({who}) · {actions}</p>"


def _label_html(codebook: Codebook | None, label: Label) -> str:
    position = position_label(codebook, label.topic, label.position)
    return (
        f"{escape(topic_label(codebook, label.topic))}: <b>{escape(position)}</b> "
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
