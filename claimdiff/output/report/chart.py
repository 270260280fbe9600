"""Positions over time as a small, self-contained SVG line chart, one per topic.

Hand-drawn SVG rather than a plotting library: the chart has to sit inline in an HTML file
that opens anywhere without claimdiff, render to PNG through QtSvg for the PDF, and carry no
fonts or scripts from elsewhere. Time runs proportionally (2007 to 2012 is wider than 2021 to
2024), and each position has its codebook colour *and* its own marker shape, so the legend
still works in greyscale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from claimdiff.output.report.names import Names

WIDTH = 640
PLOT_HEIGHT = 180
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 56, 24, 34
AXIS_BAND = 46  # below the plot: tick labels and the axis title
LEGEND_ROW = 20
FONT = "DejaVu Sans, Verdana, sans-serif"
AXIS_COLOUR = "#444444"
GRID_COLOUR = "#DDDDDD"
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    colour: str
    points: tuple[tuple[date, int], ...]


def topic_series(rows: Iterable[Mapping[str, Any]], names: Names) -> dict[str, list[Series]]:
    """Counts per topic and position, summed over any speaker/source split."""
    totals: dict[tuple[str, str], dict[date, int]] = {}
    for row in rows:
        key = (str(row["topic"]), str(row["position"]))
        when = date.fromisoformat(str(row["period"])[:10])
        per = totals.setdefault(key, {})
        per[when] = per.get(when, 0) + int(row["count"])
    out: dict[str, list[Series]] = {}
    for (topic, position), per in sorted(totals.items()):
        series = Series(
            names.position(topic, position),
            names.colour(topic, position),
            tuple(sorted(per.items())),
        )
        out.setdefault(names.topic(topic), []).append(series)
    return out


def period_label(days: Sequence[date]) -> str:
    """ "2007" for yearly periods, "2007-08" for monthly, else the full date."""
    if all(d.month == 1 and d.day == 1 for d in days):
        return "%Y"
    if all(d.day == 1 for d in days):
        return "%Y-%m"
    return "%Y-%m-%d"


def _nice_step(top: int) -> int:
    """A 1-2-5 step giving at most about five gridlines."""
    raw = max(1.0, top / 5)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def svg_chart(
    title: str,
    series: Sequence[Series],
    y_label: str = "claims",
    periods: Sequence[date] = (),
) -> str:
    """One topic's chart: axes, gridlines, a polyline with markers per position, a legend.

    ``periods`` are the x ticks (default: the periods this topic has counts in); passing the
    corpus's periods gives every topic's chart the same time axis, so they line up.
    """
    days = sorted(set(periods) | {d for s in series for d, _ in s.points})
    top = max((c for s in series for _, c in s.points), default=1) or 1
    step = _nice_step(top)
    top = math.ceil(top / step) * step
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    height = MARGIN_TOP + PLOT_HEIGHT + AXIS_BAND + LEGEND_ROW * len(series) + 8
    first, last = (days[0], days[-1]) if days else (date.today(), date.today())
    span = (last - first).days or 1

    def x(d: date) -> float:
        if first == last:
            return MARGIN_LEFT + plot_w / 2
        return MARGIN_LEFT + plot_w * (d - first).days / span

    def y(count: float) -> float:
        return MARGIN_TOP + PLOT_HEIGHT * (1 - count / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="12" role="img" '
        f'aria-label="{escape(title)}">',
        f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
        f'<text x="{MARGIN_LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    parts += _y_axis(top, step, y, y_label)
    parts += _x_axis(days, x, y(0))
    for n, s in enumerate(series):
        parts += _series(s, n, x, y)
    legend_top = MARGIN_TOP + PLOT_HEIGHT + AXIS_BAND
    for n, s in enumerate(series):
        parts += _legend_row(s, n, legend_top + LEGEND_ROW * n)
    parts.append("</svg>")
    return "\n".join(parts)


def _y_axis(top: int, step: int, y: Any, label: str) -> list[str]:
    out = []
    right = WIDTH - MARGIN_RIGHT
    for value in range(0, top + 1, step):
        py = y(value)
        out.append(
            f'<line x1="{MARGIN_LEFT}" y1="{py:.1f}" x2="{right}" y2="{py:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{MARGIN_LEFT - 8}" y="{py + 4:.1f}" text-anchor="end" '
            f'fill="{AXIS_COLOUR}">{value}</text>'
        )
    mid = MARGIN_TOP + PLOT_HEIGHT / 2
    out.append(
        f'<text x="16" y="{mid:.1f}" text-anchor="middle" fill="{AXIS_COLOUR}" '
        f'transform="rotate(-90 16 {mid:.1f})">{escape(label)}</text>'
    )
    out.append(
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" '
        f'y2="{MARGIN_TOP + PLOT_HEIGHT}" stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    return out


def _x_axis(days: Sequence[date], x: Any, base: float) -> list[str]:
    right = WIDTH - MARGIN_RIGHT
    out = [
        f'<line x1="{MARGIN_LEFT}" y1="{base:.1f}" x2="{right}" y2="{base:.1f}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    ]
    fmt = period_label(days)
    stride = max(1, math.ceil(len(days) / 8))  # at most eight labels, so they never overlap
    for n, day in enumerate(days):
        px = x(day)
        out.append(
            f'<line x1="{px:.1f}" y1="{base:.1f}" x2="{px:.1f}" y2="{base + 5:.1f}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        )
        if n % stride == 0:
            out.append(
                f'<text x="{px:.1f}" y="{base + 19:.1f}" text-anchor="middle" '
                f'fill="{AXIS_COLOUR}">{day.strftime(fmt)}</text>'
            )
    title = {"%Y": "year", "%Y-%m": "month"}.get(fmt, "period start")
    centre = MARGIN_LEFT + (right - MARGIN_LEFT) / 2
    out.append(
        f'<text x="{centre:.1f}" y="{base + 38:.1f}" text-anchor="middle" '
        f'fill="{AXIS_COLOUR}">{title}</text>'
    )
    return out


def _marker(n: int, px: float, py: float, colour: str) -> str:
    """Series ``n``'s marker: its own shape, and smaller than the series drawn before it,
    so equal counts of two positions show both markers instead of one hiding the other."""
    shape = MARKERS[n % len(MARKERS)]
    r = max(2.5, 6.5 - 2.0 * n)
    fill = f'fill="{colour}" stroke="#FFFFFF" stroke-width="1"'
    if shape == "circle":
        return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" {fill}/>'
    if shape == "square":
        side = f'width="{2 * r:.1f}" height="{2 * r:.1f}"'
        return f'<rect x="{px - r:.1f}" y="{py - r:.1f}" {side} {fill}/>'
    if shape == "triangle":
        corners: tuple[tuple[float, float], ...] = ((0, -r), (r, r * 0.8), (-r, r * 0.8))
    else:
        corners = ((0, -r), (r, 0), (0, r), (-r, 0))
    pts = " ".join(f"{px + dx:.1f},{py + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{pts}" {fill}/>'


def _stroke(n: int) -> float:
    """Earlier series are drawn wider, so a later one on the same values stays visible."""
    return max(1.5, 5.0 - 2.5 * n)


def _series(s: Series, n: int, x: Any, y: Any) -> list[str]:
    points = " ".join(f"{x(d):.1f},{y(c):.1f}" for d, c in s.points)
    out = [
        f'<polyline points="{points}" fill="none" stroke="{s.colour}" '
        f'stroke-width="{_stroke(n)}" stroke-linejoin="round"/>'
    ]
    out += [_marker(n, x(d), y(c), s.colour) for d, c in s.points]
    return out


def _legend_row(s: Series, n: int, top: float) -> list[str]:
    cy = top + 8
    return [
        f'<line x1="{MARGIN_LEFT}" y1="{cy:.1f}" x2="{MARGIN_LEFT + 28}" y2="{cy:.1f}" '
        f'stroke="{s.colour}" stroke-width="{_stroke(n)}"/>',
        _marker(n, MARGIN_LEFT + 14, cy, s.colour),
        f'<text x="{MARGIN_LEFT + 36}" y="{cy + 4:.1f}">{escape(s.label)}</text>',
    ]


def topic_charts(rows: Iterable[Mapping[str, Any]], names: Names) -> list[tuple[str, str]]:
    """(topic label, SVG) for every topic that has counts, all on the same time axis.

    The timeline frame has no rows for zero counts; a period the corpus has but a position
    lacks is drawn as 0, so a line never bridges a period in which nobody took the position.
    """
    by_topic = topic_series(rows, names)
    periods = sorted({d for group in by_topic.values() for s in group for d, _ in s.points})
    charts = []
    for topic, group in by_topic.items():
        filled = [_with_zeros(s, periods) for s in group]
        charts.append((topic, svg_chart(topic, filled, periods=periods)))
    return charts


def _with_zeros(series: Series, periods: Sequence[date]) -> Series:
    counts = dict(series.points)
    return Series(series.label, series.colour, tuple((d, counts.get(d, 0)) for d in periods))


def stacked_svg(charts: Sequence[str]) -> str:
    """Several charts one above the other in one standalone SVG file.

    Each chart's content is moved into a translated group rather than nesting ``<svg>``
    elements: QtSvg (SVG Tiny 1.2), which draws the PNG and PDF charts, skips nested ones.
    """
    if not charts:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" '
            f'font-family="{FONT}" font-size="12"><text x="10" y="24">'
            "No dated claims with positions to chart.</text></svg>\n"
        )
    parts, top = [], 0
    for svg in charts:
        lines = svg.splitlines()  # svg_chart puts the <svg> tags on lines of their own
        height = int(_HEIGHT.search(lines[0]).group(1))  # type: ignore[union-attr]
        parts += [f'<g transform="translate(0 {top})">', *lines[1:-1], "</g>"]
        top += height
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{top}" '
        f'viewBox="0 0 {WIDTH} {top}" font-family="{FONT}" font-size="12">'
    )
    return "\n".join([head, *parts, "</svg>"]) + "\n"


_HEIGHT = re.compile(r'height="(\d+)"')
