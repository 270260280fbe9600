"""The report as Markdown, for pasting into notes and tickets.

Article text is escaped twice over: Markdown punctuation is backslashed so a sentence with
``*`` or ``|`` cannot break the layout, and ``<``, ``>``, ``&`` become entities because
many ticket systems render inline HTML.
"""

from __future__ import annotations

import re

from claimdiff.base.model import DiffOp, Relation
from claimdiff.output.report.context import ClaimView, LinkView, ReportContext
from claimdiff.output.report.style import STYLES

_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~!])")
ORDER: tuple[Relation, ...] = ("conflicting", "shared", "left_only", "right_only")


def esc(text: str | None) -> str:
    flat = " ".join((text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


def render_markdown(ctx: ReportContext) -> str:
    lines = [
        f"# Claim comparison: {esc(ctx.left.article.title)} ⇄ {esc(ctx.right.article.title)}",
        "",
        f"Made {ctx.made_at} with claimdiff {ctx.version}. Codebook: {esc(ctx.codebook['name'])} "
        f"(`{ctx.codebook['sha256'][:16]}…`). Matching: "
        + ", ".join(f"{name} {value}" for name, value in ctx.settings)
        + ".",
        "",
        *_articles(ctx),
        "",
        "## Summary",
        "",
        " · ".join(f"**{ctx.totals[r]}** {STYLES[r].name}" for r in ORDER),
        "",
        *_topics(ctx),
        f"## Conflicts ({len(ctx.conflicts)})",
        "",
    ]
    if not ctx.conflicts:
        lines += ["No conflicting claims under this codebook.", ""]
    for n, view in enumerate(ctx.conflicts, start=1):
        lines += _conflict(n, view)
    lines += [f"## Shared claims ({len(ctx.shared)})", ""]
    lines += [
        f"- {_ref(v.left)} ⇄ {_ref(v.right)}: {esc(v.reason)} ({v.link.score:.2f})"
        for v in ctx.shared
    ] or ["None."]
    if ctx.memos:
        lines += ["", f"## Memos ({len(ctx.memos)})", ""]
        lines += [f"- **{esc(about)}**: {esc(text)}" for about, text in ctx.memos]
    lines += ["", "## Claims", "", *_claims(ctx)]
    return "\n".join(lines) + "\n"


def _articles(ctx: ReportContext) -> list[str]:
    left, right = ctx.left.article, ctx.right.article
    rows = [
        ("Title", left.title, right.title),
        ("Source", left.source or "unknown", right.source or "unknown"),
        ("Date", ctx.left.date_line, ctx.right.date_line),
        ("Claims", str(ctx.left.claims), str(ctx.right.claims)),
        ("File", left.location, right.location),
        ("SHA-256", left.checksum, right.checksum),
    ]
    return ["| | Left | Right |", "|---|---|---|"] + [
        f"| {name} | {esc(a)} | {esc(b)} |" for name, a, b in rows
    ]


def _topics(ctx: ReportContext) -> list[str]:
    if not ctx.topics:
        return []
    head = "| Topic | " + " | ".join(STYLES[r].name for r in ORDER) + " |"
    out = [head, "|---|" + "---:|" * len(ORDER)]
    for row in ctx.topics:
        counts = " | ".join(str(row.counts[r]) for r in ORDER)
        out.append(f"| {esc(row.topic)} | {counts} |")
    return [*out, ""]


def _ref(view: ClaimView | None) -> str:
    if view is None:
        return "(none)"
    return f"{view.ref} “{esc(view.claim.text)}”"


def _side(name: str, view: ClaimView | None) -> list[str]:
    if view is None:
        return [f"- **{name}:** (no counterpart)"]
    return [
        f"- **{name}** ({view.ref}, speaker: {esc(view.speaker)}; position: "
        f"{esc(view.positions)}):",
        f"  > {esc(view.claim.text)}",
    ]


def diff_text(ops: tuple[DiffOp, ...]) -> str:
    """Deletions struck through, insertions bold, marks in brackets."""
    parts = []
    for op in ops:
        if op.tag == "equal":
            parts.append(esc(op.left))
            continue
        if op.left:
            parts.append(f"~~{esc(op.left)}~~")
        if op.right:
            parts.append(f"**{esc(op.right)}**")
        if op.marks:
            parts.append(f"\\[{', '.join(op.marks)}\\]")
    return " ".join(parts)


def _conflict(n: int, view: LinkView) -> list[str]:
    kind = f", {view.link.conflict_type}" if view.link.conflict_type else ""
    shift = " (more than a year apart: may be a shift over time)" if view.link.time_shift else ""
    lines = [f"### {n}. {esc(view.topic)}{kind}, score {view.link.score:.2f}{shift}", ""]
    lines += _side("Left", view.left) + _side("Right", view.right)
    lines.append(f"- **Why:** {esc(view.reason)}")
    if view.diff:
        lines.append(f"- **Word difference:** {diff_text(view.diff)}")
    return [*lines, ""]


def _claims(ctx: ReportContext) -> list[str]:
    out = ["| Ref | Relation | Speaker | Claim | Labels |", "|---|---|---|---|---|"]
    for v in ctx.claims:
        relation = STYLES[v.relation].name if v.relation else "—"
        labels = "; ".join(
            f"{lab.topic}: {lab.position} {lab.score:.2f} ({lab.decided_by}; “{lab.evidence}”)"
            for lab in v.labels
        )
        out.append(
            f"| {v.ref} | {relation} | {esc(v.speaker)} | {esc(v.claim.text)} | "
            f"{esc(labels) or '—'} |"
        )
    return out
