"""The ``framing`` command line: a thin layer over the Python API.

    framing corpus info PATH
    framing quotes PATH... [--actors FILE] [--format table|jsonl|csv]
    framing analyze CORPUS [--actors FILE] [--out DIR] [--by outlet] [--jobs N] [--engine local|dask]
    framing evaluate CORPUS [--gold DIR] [--errors]
    framing actors suggest CORPUS
    framing report CORPUS [--params FILE.yaml] [--by outlet] [--out reports/] [--jobs N]

Exit status: 0 when everything worked, 1 when some files or reports failed (the rest were processed),
2 for a usage or set-up error (the output folder is left as it was). Tracebacks only with ``--debug``: then
a set-up error shows its traceback before its ``error:`` line (status still 2), and each failed file's
traceback follows its ``error:`` line when one was recorded.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from ._version import __version__
from .exceptions import FramingError


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show full tracebacks")
    p.add_argument("--strict", action="store_true", help="stop at the first bad file")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description="Measure how news coverage frames the sides of a story.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("corpus", help="inspect a corpus")
    csub = p.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    pi = csub.add_parser("info", help="articles per outlet, dates, words, excluded spans, failed files")
    pi.add_argument("path")
    _common(pi)

    p = sub.add_parser("quotes", help="extract attributions from files or corpus folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--actors", help="actors.yaml (default: the one in the corpus folder)")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    _common(p)

    p = sub.add_parser("analyze", help="quotes, speakers, parties, sentiment and balance tables")
    p.add_argument("corpus")
    p.add_argument("--actors")
    p.add_argument("--out", default="results", help="output folder (default: results/)")
    p.add_argument("--by", action="append", help="grouping column for parties_by_<col> (repeatable; default outlet)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--cache", default=None, help="cache folder for incremental reruns (default: OUT/.cache)")
    p.add_argument("--no-cache", action="store_true")
    p.add_argument("--verbs", help="extra reporting verbs CSV (same columns as the shipped lexicon)")
    p.add_argument("--sentiment-lexicon", help="word<TAB>valence file added to VADER's lexicon")
    _common(p)

    p = sub.add_parser("evaluate", help="precision/recall/F1 against gold annotations")
    p.add_argument("corpus")
    p.add_argument("--gold", help="gold folder (default: CORPUS/gold)")
    p.add_argument("--actors")
    p.add_argument("--errors", action="store_true", help="print the errors behind the scores")
    p.add_argument("--limit", type=int, default=60)
    _common(p)

    p = sub.add_parser("actors", help="help writing actors.yaml")
    asub = p.add_subparsers(dest="actors_command", metavar="SUBCOMMAND")
    ps = asub.add_parser("suggest", help="frequent speakers without a party, as a YAML skeleton")
    ps.add_argument("corpus")
    ps.add_argument("--actors")
    ps.add_argument("--min-quotes", type=int, default=2)
    _common(ps)

    p = sub.add_parser("report", help="comparative HTML reports (papermill + nbconvert)")
    p.add_argument("corpus")
    p.add_argument("--params", help="YAML file with one or several parameter sets")
    p.add_argument("--by", default="outlet")
    p.add_argument("--actors")
    p.add_argument("--out", default="reports")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell")
    _common(p)
    return parser


def _warn_line(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    warnings.showwarning = _warn_line
    debug = getattr(args, "debug", False)
    try:
        return _dispatch(args, parser)
    except FramingError as exc:
        _traceback(debug)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: finished outputs are complete; rerun to finish the rest", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # --out is a file, a full disk, a read-only folder: one line, not a traceback
        _traceback(debug)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


def _traceback(debug: bool) -> None:
    """With ``--debug``: the traceback of the exception being handled, on stderr."""
    if debug:
        import traceback

        traceback.print_exc(file=sys.stderr)


def _print_errors(records, debug: bool) -> None:
    """One ``error: FILE: ...`` line per record; with ``--debug`` its traceback after it, when recorded."""
    from .exceptions import ErrorRecord

    for e in records:
        if isinstance(e, dict):
            e = {**e, "record": ErrorRecord(e.get("file"), e.get("stage", "analyze"), e.get("message", ""),
                                            e.get("line"))}
        print(f"error: {e['record'] if isinstance(e, dict) else e}", file=sys.stderr)
        tb = e.get("traceback") if isinstance(e, dict) else getattr(e, "traceback", None)
        if debug and tb:
            print(str(tb).rstrip("\n"), file=sys.stderr)


def _dispatch(args, parser) -> int:
    if args.command == "corpus":
        if args.corpus_command != "info":
            parser.parse_args(["corpus", "--help"])
        from .read.corpus import corpus_info

        info = corpus_info(args.path)
        print(info.to_text())
        if args.debug:
            _print_errors([e for e in info.errors if getattr(e, "traceback", None)], True)
        return 1 if info.errors else 0
    if args.command == "quotes":
        return _quotes(args)
    if args.command == "analyze":
        return _analyze(args)
    if args.command == "evaluate":
        from .teach.evaluate import evaluate

        ev = evaluate(args.corpus, args.gold, actors=args.actors)
        print(ev.to_text(errors=args.errors, limit=args.limit))
        return 0
    if args.command == "actors":
        if args.actors_command != "suggest":
            parser.parse_args(["actors", "--help"])
        from .report.suggest import suggest_actors

        print(suggest_actors(args.corpus, actors=args.actors, min_quotes=args.min_quotes), end="")
        return 0
    if args.command == "report":
        from .report.render import run_reports

        run = run_reports(args.corpus, params_file=args.params, by=args.by, out=args.out, jobs=args.jobs,
                          timeout=args.timeout, actors=args.actors)
        print(run.summary())
        print(f"index: {run.index}")
        return 1 if run.failed else 0
    parser.print_help()
    return 2


def _quotes(args) -> int:
    from .measure.tables import QUOTE_COLUMNS
    from .run.analysis import analyze

    failed = False
    frames = []
    for path in args.paths:
        p = Path(path)
        a = analyze(p, actors=args.actors, strict=args.strict)
        q = a.quotes.copy()
        if p.is_file():
            # ids relative to the folder given: for a single file, its name without extension
            pass
        frames.append(q)
        for e in a.errors.to_dict("records"):
            line = e.get("line")
            where = f"line {int(line)}: " if line is not None and line == line else ""
            print(f"error: {e['file']}: {where}{e['message']}", file=sys.stderr)
            failed = True
    import pandas as pd

    quotes = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=QUOTE_COLUMNS)
    out = sys.stdout
    if args.format == "jsonl":
        for rec in quotes.to_dict("records"):
            out.write(json.dumps(_jsonable(rec), ensure_ascii=False) + "\n")
    elif args.format == "csv":
        from .run.io import csv_safe

        csv_safe(quotes).to_csv(out, index=False)
    else:
        cols = ["article_id", "kind", "speaker", "party", "cue", "cue_category", "sentiment", "content"]
        view = quotes[cols].copy()
        view["content"] = view["content"].str.slice(0, 60)
        print(view.to_string(index=False) if len(view) else "no quotes found")
    return 1 if failed else 0


def _jsonable(rec: dict) -> dict:
    out = {}
    for k, v in rec.items():
        if v is None or (isinstance(v, float) and v != v):
            out[k] = None
        elif hasattr(v, "item"):
            out[k] = v.item()
        else:
            out[k] = v
        if k in ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end") and out[k] is not None:
            out[k] = int(out[k])
    return out


def _analyze(args) -> int:
    from .run.analysis import analyze_to_dir

    by = args.by or ["outlet"]
    cache = None if args.no_cache else (args.cache or str(Path(args.out) / ".cache"))
    summary = analyze_to_dir(args.corpus, args.out, actors=args.actors, by=by, jobs=args.jobs, cache_dir=cache,
                             strict=args.strict, engine=args.engine, scheduler=args.scheduler,
                             verbs=args.verbs, sentiment_lexicon=args.sentiment_lexicon)
    print(summary.to_text())
    _print_errors(summary.records or summary.errors, args.debug)
    return 1 if summary.failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
