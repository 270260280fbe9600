"""The ``claimdiff`` command: compare, claims, timeline, pairs, gui.

Every user-facing failure is an InputError, printed as one line ``claimdiff: <file>:
<problem>`` with exit status 2, because the people running this are analysts, not Python
developers, and a traceback tells them nothing about which of their files is at fault.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from claimdiff import __version__
from claimdiff.base.errors import InputError
from claimdiff.base.model import FREQS
from claimdiff.cli import codebook_cli

EXIT_INPUT = 2
STDOUT = "<standard output>"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdiff",
        description="Compare the claims two news articles make, and chart positions over time.",
    )
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cmp_ = sub.add_parser("compare", help="compare the claims of two articles")
    cmp_.add_argument("left", help="file (.txt .md .html .pdf) or http(s) URL")
    cmp_.add_argument("right", help="file (.txt .md .html .pdf) or http(s) URL")
    _common(cmp_, ("text", "json"))
    _backend_option(cmp_)
    _report_option(cmp_, ".html .pdf .md .xlsx .csv (links) .json")
    cmp_.add_argument(
        "--pair-model",
        action="store_true",
        help="also ask the shipped three-way news pair model about candidate pairs the rules "
        "leave unlinked (slower; off by default, see docs/compare.md)",
    )

    claims = sub.add_parser("claims", help="list the claims of one or more articles")
    claims.add_argument("files", nargs="+", metavar="FILE")
    _common(claims, ("text", "json", "csv"))
    _backend_option(claims)

    tl = sub.add_parser("timeline", help="count positions per period across dated articles")
    tl.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (with manifest)")
    tl.add_argument("--freq", choices=FREQS, default="year")
    tl.add_argument("--by", choices=("speaker", "source"))
    _common(tl, ("text", "csv", "json"))
    _report_option(tl, ".png .svg (chart) or .csv (table)")
    from claimdiff.cli.corpus import add_parser, timeline_options

    timeline_options(tl, with_common=False)
    add_parser(sub)
    codebook_cli.add_parser(sub)

    pairs = sub.add_parser("pairs", help="judge many claim pairs from a CSV/TSV file")
    pairs.add_argument("file", metavar="FILE", help="CSV or TSV with a header row")
    pairs.add_argument("--left", required=True, metavar="COL", help="column of left claims")
    pairs.add_argument("--right", required=True, metavar="COL", help="column of right claims")
    pairs.add_argument("--delimiter", help="field separator (default: tab for .tsv, else comma)")
    pairs.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    pairs.add_argument("--force", action="store_true", help="replace an existing output file")
    pairs.add_argument(
        "--details",
        choices=("swap", "any", "off"),  # claimdiff.match.pairs.DETAIL_MODES (not imported: slow)
        default="swap",
        help="when a differing date, number or name makes a same-claim pair conflicting: "
        "swap = when it is the only change (default), any = always, off = never "
        "(the reason column names it either way)",
    )
    pairs.add_argument(
        "--ignore-details",
        action="store_const",
        const="off",
        dest="details",
        help="same as --details off",
    )
    _backend_option(pairs)

    gui = sub.add_parser("gui", help="open the desktop app")
    gui.add_argument("gui_args", nargs=argparse.REMAINDER, help="LEFT RIGHT and app options")
    return parser


def _backend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backend",
        choices=("auto", "semantic", "lexical"),
        default="auto",
        help="claim similarity: meaning and wording (semantic), wording only (lexical), or "
        "semantic when its model is installed (auto, the default)",
    )


def _backend(args: argparse.Namespace) -> Any:
    """The chosen backend; a fallback to wording is said once on stderr, not silently."""
    from claimdiff.similarity.semantic import make_backend
    from claimdiff.similarity.similarity import backend_notice

    backend = make_backend(getattr(args, "backend", "auto"))
    notice = backend_notice(backend)
    if notice:
        print(f"claimdiff: warning: {notice}", file=sys.stderr)
    return backend


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--codebook", metavar="FILE", help="codebook YAML (default: shipped)")
    parser.add_argument("--format", choices=formats, default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--force", action="store_true", help="replace an existing output file")


def _report_option(parser: argparse.ArgumentParser, formats: str) -> None:
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FILE",
        help=f"also write a report; format from the extension: {formats}; repeatable "
        "(with --report, nothing is printed unless -o is given)",
    )


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output:
        from claimdiff.base.atomic import write_atomic

        write_atomic(args.output, text, overwrite=args.force)
    else:
        _write_stdout(text)


def _painter(args: argparse.Namespace) -> Any:
    from claimdiff.output.render import Painter

    return Painter(colour=not args.output and sys.stdout is not None and sys.stdout.isatty())


def _cmd_compare(args: argparse.Namespace) -> None:
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.output.jsonio import comparison_dict, dumps
    from claimdiff.output.render import render_comparison
    from claimdiff.session.pipeline import compare_articles

    if args.report:
        from claimdiff.output.report import check_target, report_format

        for path in args.report:
            report_format(path)
            check_target(path, args.force)
    codebook = load_codebook(args.codebook)
    left, right = load_article(args.left), load_article(args.right)
    pair_model = None
    if args.pair_model:
        from claimdiff.match.judge import default_pair_model

        pair_model = default_pair_model()
    comparison = compare_articles(left, right, codebook, _backend(args), pair_model=pair_model)
    if args.report:
        _compare_reports(args, comparison, codebook)
        if not args.output:
            return
    if args.format == "json":
        _emit(args, dumps(comparison_dict(comparison)))
    else:
        _emit(args, render_comparison(comparison, _painter(args), codebook))


def _compare_reports(args: argparse.Namespace, comparison: Any, codebook: Any) -> None:
    """Write every ``--report``; the corpus timeline is computed once, only if one needs it."""
    from claimdiff.output.report import NEEDS_TIMELINE, corpus_timeline, report_format, write_report

    timeline = None
    if any(report_format(p) in NEEDS_TIMELINE for p in args.report):
        timeline = corpus_timeline(comparison, codebook, on_error=_warn_skipped)
    for path in args.report:
        if report_format(path) == "pdf":
            _qt_renderer().write_pdf(
                comparison, path, timeline=timeline, codebook=codebook, overwrite=args.force
            )
        else:
            write_report(
                comparison, path, timeline=timeline, codebook=codebook, overwrite=args.force
            )


def _warn_skipped(exc: InputError) -> None:
    print(f"claimdiff: warning: {exc.location}: {exc.problem} (skipped)", file=sys.stderr)


def _qt_renderer() -> Any:
    """The PDF/PNG renderer the desktop app declares as a front-end plug-in (frontends.py): the
    core may not depend on Qt. Without a display Qt draws offscreen.
    """
    import os

    from claimdiff.cli import frontends

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return frontends.load("renderer", "PDF/PNG output")


def _cmd_claims(args: argparse.Namespace) -> None:
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.output.jsonio import claim_dict, claims_dict, dumps
    from claimdiff.output.render import render_claims
    from claimdiff.session.pipeline import analyse

    codebook = load_codebook(args.codebook)
    backend = _backend(args)
    items = [(a, analyse(a, codebook, backend)) for a in (load_article(f) for f in args.files)]
    if args.format == "json":
        _emit(args, dumps(claims_dict(items, codebook.ref)))
    elif args.format == "csv":
        rows = [claim_dict(c) for _, claims in items for c in claims]
        for row in rows:
            row["labels"] = "; ".join(
                f"{lab['topic']}/{lab['position']}:{lab['score']:.2f}" for lab in row["labels"]
            )
            row["cues"] = "; ".join(row["cues"])
            row["entities"] = "; ".join(row["entities"])
        _emit(args, _csv(rows, list(rows[0]) if rows else ["id"]))
    else:
        _emit(args, render_claims(items, _painter(args), codebook))


def _csv(rows: Sequence[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _cmd_timeline(args: argparse.Namespace) -> None:
    from claimdiff.cli.corpus import corpus_timeline, is_corpus_file, measured
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.pipeline import load_corpus
    from claimdiff.timeline.timeline import timeline_frame

    if args.report:
        from claimdiff.output.report import check_target, timeline_format

        for path in args.report:
            timeline_format(path)
            check_target(path, args.force)
    explicit = {str(Path(p)) for p in args.paths}

    def skip(exc: InputError) -> None:
        # A broken file the user named is an error; one found inside a folder is skipped.
        if str(Path(exc.location)) in explicit:
            raise exc
        print(f"claimdiff: warning: {exc.location}: {exc.problem} (skipped)", file=sys.stderr)

    codebook = load_codebook(args.codebook)
    if len(args.paths) == 1 and is_corpus_file(args.paths[0]):
        # A corpus file: counted from its stored labels, with the analyst's corrections.
        frame, codebook, articles = corpus_timeline(args, args.paths[0])
        frame = frame if args.format != "text" else measured(frame, args.measure)
        items: list[Any] = [None] * articles
    else:
        items = load_corpus(args.paths, codebook, on_error=skip)
        frame = timeline_frame(items, freq=args.freq, by=args.by)
    if args.report:
        _timeline_reports(args, frame, codebook)
        if not args.output:
            return
    if args.format == "csv":
        _emit(args, frame.to_csv(index=False, lineterminator="\n"))
    elif args.format == "json":
        doc = {
            "schema": {"name": "claimdiff.timeline.timeline", "version": 1},
            "freq": args.freq,
            "by": args.by,
            "codebook": {"name": codebook.ref.name, "sha256": codebook.ref.sha256},
            "articles": len(items),
            "undated": int(frame.attrs.get("undated", 0)),
            "rows": json.loads(frame.to_json(orient="records")),
        }
        _emit(args, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        from claimdiff.output.render import render_timeline

        _emit(args, render_timeline(frame, args.freq, len(items)))


def _timeline_reports(args: argparse.Namespace, frame: Any, codebook: Any) -> None:
    from claimdiff.output.report import timeline_format, write_timeline_report

    for path in args.report:
        if timeline_format(path) == "png":
            _qt_renderer().write_chart_png(frame, path, codebook=codebook, overwrite=args.force)
        else:
            write_timeline_report(frame, path, codebook=codebook, overwrite=args.force)


def _cmd_pairs(args: argparse.Namespace) -> None:
    from claimdiff.match.pairs import PairSettings, column, format_table, read_table, score_table

    table = read_table(args.file, args.delimiter)
    left = column(table, args.left, args.file)
    right = column(table, args.right, args.file)
    settings = PairSettings(details=args.details)
    backend = _backend(args)
    from claimdiff.match.classifiers import classifier_notice

    missing = classifier_notice()
    if missing:
        print(f"claimdiff: warning: {missing}", file=sys.stderr)
    elif getattr(backend, "name", "") == "hybrid":
        from claimdiff.match.pairs import default_cross_encoder

        notice = default_cross_encoder().notice
        if notice:
            print(f"claimdiff: warning: {notice}", file=sys.stderr)
    progress = _progress_line(sys.stderr, "reading pairs together")
    scored = score_table(table, left, right, backend, settings, progress=progress)
    if progress is not None:
        print("\r".ljust(_PROGRESS_WIDTH), end="\r", file=sys.stderr)
    _emit(args, format_table(scored))


_PROGRESS_WIDTH = 61  # the progress line is padded to this, and blanked with as many spaces


def _progress_line(stream: TextIO, what: str) -> Callable[[int, int], None] | None:
    """A self-overwriting "what: done of total" line on a terminal; None when piped."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        line = f"\rclaimdiff: {what}: {done:,} of {total:,} ({done / max(total, 1):.0%})"
        print(line.ljust(_PROGRESS_WIDTH), end="", file=stream, flush=True)

    return show


def _cmd_corpus(args: argparse.Namespace) -> None:
    from claimdiff.cli.corpus import run

    run(args)


def _cmd_gui(args: argparse.Namespace) -> int:
    from claimdiff.cli import frontends

    # The core must not depend on Qt: the desktop app is the "app" front-end plug-in.
    app = frontends.load("app", "`claimdiff gui`")
    result: int = app.main(list(args.gui_args))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {
        "compare": _cmd_compare,
        "claims": _cmd_claims,
        "timeline": _cmd_timeline,
        "pairs": _cmd_pairs,
        "corpus": _cmd_corpus,
        "codebook": codebook_cli.run,
    }
    try:
        if args.command == "gui":
            return _cmd_gui(args)
        commands[args.command](args)
        _warn_fallback()
        _write_stdout("")  # flushed here: a full disk is found while we can still say so
    except InputError as exc:
        return _fail(exc.location, exc.problem, EXIT_INPUT)
    except BrokenPipeError:
        # `claimdiff compare ... | head` closing the pipe early is not an error.
        _drop_stdout()
        sys.stderr.close()
    except OSError as exc:
        if not _is_stdout_error(exc):
            raise
        _drop_stdout()
        return _fail(STDOUT, f"cannot be written: {exc.strerror or exc}", EXIT_INPUT)
    except KeyboardInterrupt:
        print("claimdiff: interrupted", file=sys.stderr)
        return 130
    except (RecursionError, MemoryError) as exc:
        # Past every budget, still one line rather than a traceback.
        what = "nests too deeply" if isinstance(exc, RecursionError) else "needs too much memory"
        return _fail(" ".join(_inputs(args)) or "input", f"{what} to analyse", EXIT_INPUT)
    return 0


def _warn_fallback() -> None:
    """Say once when claims were found without the trained pipeline (no parse, no entities),
    and when pairs were judged without the news pair model (rules only)."""
    notices = []
    if "claimdiff.language.nlp" in sys.modules:  # else nothing was analysed
        from claimdiff.language.nlp import fallback_notice

        notices.append(fallback_notice())
    if "claimdiff.match.judge" in sys.modules:  # else nothing was judged
        from claimdiff.match.judge import pair_model_notice

        notices.append(pair_model_notice())
    for notice in filter(None, notices):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            print(f"claimdiff: warning: {notice}", file=sys.stderr)


def _fail(location: str, problem: str, status: int) -> int:
    # With no standard error either, the exit status is all that can speak.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"claimdiff: {location}: {problem}", file=sys.stderr)
    return status


def _write_stdout(text: str) -> None:
    """Write and flush, turning a full disk or a closed descriptor into an ``InputError``."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise InputError(STDOUT, "is closed; give -o FILE or redirect it to a file")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        _drop_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(STDOUT, f"cannot be written: {reason}") from exc


def _is_stdout_error(exc: OSError) -> bool:
    """A write to standard output elsewhere (corpus listings) failed: full disk, closed."""
    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EBADF, errno.EIO)


def _drop_stdout() -> None:
    """Point standard output at the null device, so the exit's own flush has nowhere to fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _inputs(args: argparse.Namespace) -> list[str]:
    found = [getattr(args, name, None) for name in ("left", "right", "file")]
    found += getattr(args, "files", None) or []
    return [str(f) for f in found if f]


if __name__ == "__main__":
    sys.exit(main())
