"""Record and check the shipped models: resources/models/MANIFEST.json.

    python tools/models_manifest.py                 # check every model file (also run by dev.sh)
    python tools/models_manifest.py --record NAME   # after a deliberate rebuild of NAME
    python tools/models_manifest.py --staged        # pre-commit: no unrecorded large file

Models are ordinary files in the repository (git LFS is not in every clone, and nothing may be
downloaded at run time), so every rebuild that replaces one adds its size to the history for
good. The manifest makes that a deliberate step: each model file is listed with its sha256 and
size, the loaders refuse a shipped file that differs (claimdiff.base.resources.model_problem), and
``--record`` is the one way to accept a rebuild; it prints how much the history grows. Large
files elsewhere are refused at commit time and by tests/core/base/test_models_manifest.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "resources" / "models"
MANIFEST = MODELS / "MANIFEST.json"
# Bigger files than this must be recorded models: a stray dataset or build output is not.
LARGE_BYTES = 1_000_000
# The builder of each model, for the reader of the manifest (provenance has the details).
BUILT_BY = {
    "minilm-l6-m2v": "tools/build_model.py",
    "minilm-l6-pairs": "tools/build_pair_encoder.py",
    "news-pairs-minilm": "tools/build_news_pair_model.py",
    "pair-classifier.json": "tools/build_pair_classifier.py",
}
ABOUT = (
    "Every shipped model file with its sha256 and size. The loaders refuse a shipped file that "
    "differs; a deliberate rebuild is recorded with tools/models_manifest.py --record NAME "
    "(docs/architecture.md, 'Models')."
)

sys.path.insert(0, str(ROOT))

from claimdiff.base.resources import file_sha256  # noqa: E402 - the checkout's own claimdiff


def model_files() -> list[Path]:
    """Every file under resources/models except the manifest itself."""
    return sorted(p for p in MODELS.rglob("*") if p.is_file() and p != MANIFEST)


def read() -> dict[str, dict[str, object]]:
    if not MANIFEST.is_file():
        return {}
    files: dict[str, dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return files


def write(files: dict[str, dict[str, object]]) -> None:
    doc = {"_about": ABOUT, "files": dict(sorted(files.items()))}
    temporary = MANIFEST.with_suffix(".tmp")
    temporary.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    temporary.replace(MANIFEST)


def entry(path: Path) -> dict[str, object]:
    name = path.relative_to(MODELS).parts[0]
    return {
        "sha256": file_sha256(path),
        "bytes": path.stat().st_size,
        "built_by": BUILT_BY.get(name, "?"),
        "recorded": dt.date.today().isoformat(),
    }


def problems(files: dict[str, dict[str, object]]) -> list[str]:
    """Each difference between resources/models and the manifest, in words."""
    found = []
    present = {p.relative_to(MODELS).as_posix(): p for p in model_files()}
    for key in sorted(set(files) - set(present)):
        found.append(f"{key}: recorded but missing")
    for key, path in present.items():
        recorded = files.get(key)
        if recorded is None:
            found.append(f"{key}: not recorded (--record {key.split('/')[0]})")
        elif recorded["bytes"] != path.stat().st_size or recorded["sha256"] != file_sha256(path):
            found.append(f"{key}: differs from the recorded file (--record {key.split('/')[0]})")
    return found


def record(names: list[str]) -> int:
    files = read()
    grown = 0
    for name in names:
        target = MODELS / name
        if not target.exists():
            raise SystemExit(f"{target}: no such model")
        files = {k: v for k, v in files.items() if k != name and not k.startswith(f"{name}/")}
        before = {k: v for k, v in read().items() if k == name or k.startswith(f"{name}/")}
        for path in [target] if target.is_file() else sorted(target.rglob("*")):
            if path.is_file():
                key = path.relative_to(MODELS).as_posix()
                files[key] = entry(path)
                if before.get(key, {}).get("sha256") != files[key]["sha256"]:
                    grown += int(str(files[key]["bytes"]))
    write(files)
    print(f"recorded {', '.join(names)}: {grown / 1e6:.1f} MB of new or changed model files")
    print("each changed byte stays in the repository history once committed")
    return 0


def staged_large_files() -> list[str]:
    """Staged files over LARGE_BYTES that are not recorded model files."""
    names = subprocess.run(
        ["git", "diff", "--cached", "--name-only", "--diff-filter=AM"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    recorded = {f"resources/models/{k}" for k in read()}
    return [
        n
        for n in names
        if (ROOT / n).is_file() and (ROOT / n).stat().st_size > LARGE_BYTES and n not in recorded
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", nargs="+", metavar="NAME", help="accept a rebuilt model")
    parser.add_argument("--staged", action="store_true", help="check the staged files too")
    args = parser.parse_args()
    if args.record:
        return record(args.record)
    found = problems(read())
    if args.staged:
        found += [f"{n}: over {LARGE_BYTES:,} bytes and not a model" for n in staged_large_files()]
    for problem in found:
        print(f"models manifest: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
