from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError


def test_writes_new_file_with_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_refuses_to_replace_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("the analyst's notes")
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "new")
    assert target.read_text() == "the analyst's notes"
    write_atomic(target, "new", overwrite=True)
    assert target.read_text() == "new"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_write_error_leaves_old_file_intact(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "report.md"
    target.write_text("old")
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write"):
            write_atomic(target, "new", overwrite=True)
        assert target.read_text() == "old"
    finally:
        folder.chmod(0o700)


def test_write_into_missing_folder_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(InputError) as info:
        write_atomic(target, "a,b\n")
    assert info.value.location == str(target)
