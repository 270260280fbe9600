"""With the desktop app installed, the command line's plug-in point finds its real modules."""

from __future__ import annotations

from claimdiff.cli import frontends


def test_the_declared_frontends_are_the_desktop_app_and_its_renderer() -> None:
    from claimdiff_gui import app
    from claimdiff_gui.export import pdf

    assert frontends.load("app", "`claimdiff gui`") is app
    renderer = frontends.load("renderer", "PDF/PNG output")
    assert renderer is pdf and callable(renderer.write_pdf) and callable(renderer.write_chart_png)
