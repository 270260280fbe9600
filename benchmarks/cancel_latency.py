"""How long Cancel takes to stop the analysis of each hostile or odd input.

    python benchmarks/cancel_latency.py [--after 0.2] [--only SUBSTRING]

Every file input of the fuzz corpus (tools/make_fuzz_corpus.py, the large-text shapes
included), the fuzz server's slow URLs, and a long article of real prose just under the
claims stage's size limit, are loaded and analysed in a thread the way the app's worker runs
them (inside ``claimdiff.base.cancel.cancellable``). Cancel is requested ``--after`` seconds in;
the figure is how long the thread then takes to stop. An input that finished (or was
refused) before the request shows as "done". The app's promise is that Cancel stops any of
them within about a second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from fuzz import fuzz_module  # noqa: E402 - the benchmarks folder, put on the path above


def _long_prose(folder: Path, data: Path) -> Path | None:
    """About 55,000 words of Reuters prose in one file: the longest article analysed."""
    source = data / "reuters21578" / "articles.jsonl.gz"
    if not source.exists():
        return None
    parts, words = [], 0
    with gzip.open(source, "rt", encoding="utf-8") as rows:
        for line in rows:
            text = json.loads(line)["text"]
            parts.append(text)
            words += len(text.split())
            if words > 55_000:
                break
    path = folder / "long-prose.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def stop_time(location: str, after: float) -> str:
    """Seconds from the Cancel request to the end of the analysing thread, or "done"."""
    from claimdiff.base.cancel import Cancelled, cancellable
    from claimdiff.base.errors import InputError, notices_to
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.pipeline import analyse
    from claimdiff.similarity.similarity import LexicalSimilarity

    requested = threading.Event()
    outcome: list[str] = []

    def job() -> None:
        with cancellable(requested.is_set), notices_to(lambda where, what: None):
            try:
                analyse(load_article(location), load_codebook(None), LexicalSimilarity())
                outcome.append("done")
            except Cancelled:
                outcome.append("cancelled")
            except (InputError, OSError, ValueError) as exc:
                outcome.append(f"refused: {str(exc)[-60:]}")

    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    thread.join(after)
    if not thread.is_alive():
        return "done before Cancel (" + outcome[0][:70] + ")"
    asked = time.perf_counter()
    requested.set()
    thread.join(120)
    return f"{time.perf_counter() - asked:6.2f} s to stop ({outcome[0] if outcome else 'hung'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--after", type=float, default=0.2)
    parser.add_argument("--only", default="")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    fuzz = fuzz_module()
    server = fuzz.FuzzServer()  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = fuzz.write_corpus(folder, large=True)  # type: ignore[attr-defined]
        inputs: list[tuple[str, str]] = []
        for case in cases:
            if case.args[:1] != ("claims",) or case.group == "codebook":
                continue
            where = case.args[-1].replace("{dir}", str(folder))
            inputs.append((case.name, where.replace("{server}", server.address)))
        long = _long_prose(folder, Path(args.data))
        if long is not None:
            inputs.append(("prose/55k-words", str(long)))
        for name, location in inputs:
            if args.only in name:
                print(f"{name:45s} {stop_time(location, args.after)}", flush=True)
    server.close()


if __name__ == "__main__":
    main()
