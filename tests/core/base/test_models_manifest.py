"""Shipped models are content-addressed: resources/models/MANIFEST.json lists each file with its
sha256 and size, the loaders refuse a shipped file that differs, and nothing large enters the
repository unless it is a recorded model (so a rebuild is a deliberate, recorded step)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from claimdiff.base import resources
from claimdiff.base.resources import MODELS_MANIFEST, file_sha256, model_problem, resource_path
from claimdiff.match import classifiers
from claimdiff.similarity.semantic import SemanticSimilarity

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = resource_path("models")  # before any test points resources at a copy


def manifest_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "models_manifest", ROOT / "tools" / "models_manifest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_shipped_model_file_is_the_recorded_one() -> None:
    assert manifest_tool().problems(resources.models_manifest()) == []
    assert model_problem(resource_path("models")) is None
    recorded = resources.models_manifest()
    assert "minilm-l6-pairs/model.onnx" in recorded and "pair-classifier.json" in recorded


def test_the_manifest_agrees_with_each_models_provenance() -> None:
    """The build scripts write checksums into PROVENANCE.json; the manifest accepted them."""
    recorded = resources.models_manifest()
    for provenance in sorted(resource_path("models").glob("*/PROVENANCE.json")):
        folder = provenance.parent.name
        files = json.loads(provenance.read_text(encoding="utf-8"))["files"]
        for name, digest in files.items():
            assert recorded[f"{folder}/{name}"]["sha256"] == digest, (folder, name)


def test_no_large_file_enters_the_repository_unless_it_is_a_recorded_model() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    limit = manifest_tool().LARGE_BYTES
    recorded = {f"resources/models/{name}" for name in resources.models_manifest()}
    large = [n for n in tracked if n and (ROOT / n).is_file() and (ROOT / n).stat().st_size > limit]
    assert large and set(large) <= recorded, sorted(set(large) - recorded)


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resources/ folder in tmp_path holding the manifest, taken for the shipped one."""
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(SHIPPED / MODELS_MANIFEST, models / MODELS_MANIFEST)
    monkeypatch.setattr(resources, "package_dir", lambda package, folder: tmp_path)
    return models


def _change_one_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_changed_static_model_is_refused_with_what_to_do(shipped_copy: Path) -> None:
    folder = shipped_copy / "minilm-l6-m2v"
    shutil.copytree(SHIPPED / "minilm-l6-m2v", folder)
    assert model_problem(folder) is None and SemanticSimilarity(folder).available()
    _change_one_byte(folder / "model.safetensors", -10)
    model = SemanticSimilarity(folder)
    assert not model.available()
    notice = model.failure
    assert notice is not None and "model.safetensors is not the model recorded" in notice
    assert "tools/models_manifest.py --record minilm-l6-m2v" in notice


def test_a_changed_classifier_falls_back_to_thresholds_and_says_why(shipped_copy: Path) -> None:
    path = shipped_copy / classifiers.CLASSIFIER_FILE
    shutil.copy(SHIPPED / classifiers.CLASSIFIER_FILE, path)
    assert classifiers.load_classifiers(path) and classifiers.classifier_notice(path) is None
    path.write_text(path.read_text(encoding="utf-8").replace('"built"', '"Built"', 1))
    assert classifiers.load_classifiers(path) == {}
    notice = classifiers.classifier_notice(path)
    assert notice is not None and "is not the model recorded in MANIFEST.json" in notice


def test_an_unrecorded_file_in_a_model_folder_is_named(shipped_copy: Path) -> None:
    folder = shipped_copy / "minilm-l6-pairs"
    folder.mkdir()
    for name in json.loads((shipped_copy / MODELS_MANIFEST).read_text())["files"]:
        if name.startswith("minilm-l6-pairs/") and not name.endswith("model.onnx"):
            shutil.copy(SHIPPED / name, shipped_copy / name)
    problem = model_problem(folder)
    assert problem is not None and "model.onnx: no such file" in problem
    shutil.copy(SHIPPED / "minilm-l6-pairs" / "model.onnx", folder / "model.onnx")
    (folder / "model-new.onnx").write_bytes(b"onnx")
    problem = model_problem(folder)
    assert problem is not None and "model-new.onnx is not recorded" in problem


def test_a_folder_named_by_the_environment_is_the_users_own_build(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"anything")
    assert model_problem(tmp_path) is None


def test_the_hash_is_computed_once_per_version_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"one")
    first = file_sha256(path)
    path.write_bytes(b"two, longer")
    assert file_sha256(path) != first
