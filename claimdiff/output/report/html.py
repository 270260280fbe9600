"""The report as one self-contained HTML file, and the variant Qt turns into the PDF.

Jinja2 with autoescaping on: every article sentence, title and speaker is untrusted text
(a scraped page can contain ``<script>``), and only the chart, which claimdiff draws itself
from escaped labels, is inserted as markup. The stylesheet is inlined and the chart is an
inline SVG, so the file opens anywhere, offline, and references no other host.
"""

from __future__ import annotations

from functools import cache

import jinja2

from claimdiff.output.report.context import ReportContext
from claimdiff.output.report.style import STYLES

QT_CHART_WIDTH = 600  # points on the PDF page the chart image is scaled to


@cache
def environment() -> jinja2.Environment:
    """One shared, read-only environment; templates live in claimdiff_resources."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimdiff_resources", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["styles"] = STYLES
    return env


def render_html(context: ReportContext, *, qt: bool = False) -> str:
    """The report page; ``qt=True`` gives the QTextDocument variant used for the PDF.

    In the Qt variant each chart is an ``<img src="claimdiff-chart-N.png">`` that the PDF
    renderer registers as a document resource; nothing is read from disk or network.
    """
    template = environment().get_template("report.html.j2")
    return template.render(ctx=context, qt=qt, chart_width=QT_CHART_WIDTH)
