"""The command line reaches the desktop app and the Qt renderer only through the declared
entry-point group, and says what to install when they are not there."""

from __future__ import annotations

from importlib import metadata
from importlib.metadata import EntryPoint

import pytest

from claimdiff.base.errors import InputError
from claimdiff.cli import frontends
from claimdiff.cli.cli import main


def _only(points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``points`` the only installed entry points of the front-end group."""

    def fake(group: str, name: str) -> list[EntryPoint]:
        assert group == frontends.GROUP
        return [p for p in points if p.name == name]

    monkeypatch.setattr(frontends, "entry_points", fake)


def test_the_installed_distribution_declares_both_frontends() -> None:
    declared = {p.name: p.value for p in metadata.entry_points(group=frontends.GROUP)}
    assert declared == {"app": "claimdiff_gui.app", "renderer": "claimdiff_gui.export.pdf"}


def test_a_declared_frontend_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in app in a Qt-free module: the loader calls whatever the group names.
    _only([EntryPoint("app", "claimdiff.cli.frontends:_entry_point", frontends.GROUP)], monkeypatch)
    assert frontends.load("app", "`claimdiff gui`") is frontends._entry_point


def test_no_declared_frontend_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _only([], monkeypatch)
    assert main(["gui"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'claimdiff[gui]'" in err and "no 'app' in claimdiff.frontends" in err


def test_a_frontend_whose_module_is_missing_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = EntryPoint("renderer", "claimdiff_no_such_frontend.pdf", frontends.GROUP)
    _only([missing], monkeypatch)
    with pytest.raises(InputError) as caught:
        frontends.load("renderer", "PDF/PNG output")
    assert caught.value.problem.startswith(
        "PDF/PNG output needs the desktop app: pip install 'claimdiff[gui]' (No module named"
    )
