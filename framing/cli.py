"""The ``framing`` command line: a thin layer over the Python API.

    framing corpus info PATH
    framing quotes PATH... [--actors FILE] [--format table|jsonl|csv]
    framing analyze CORPUS [--actors FILE] [--out DIR] [--by outlet] [--jobs N] [--engine local|dask]
    framing evaluate CORPUS [--gold DIR] [--errors]
    framing actors suggest CORPUS
    framing report CORPUS [--params FILE.yaml] [--by outlet] [--out reports/] [--jobs N]
    framing lessons export DIR [--corpus PATH]
    framing lessons answer-key [--out FILE.md|FILE.html] [--lesson N]

Every option has a help text and every command an epilog with examples (``framing COMMAND --help``).

Exit status: 0 when everything worked, 1 when some files or reports failed (the rest were processed),
2 for a usage or set-up error (the output folder is left as it was). Tracebacks only with ``--debug``: then
a set-up error shows its traceback before its ``error:`` line (status still 2), and each failed file's
traceback follows its ``error:`` line when one was recorded.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from pathlib import Path

from ._version import __version__
from .exceptions import FramingError


_EXAMPLES = {
    "corpus info": """examples:
  framing corpus info corpus/sample        articles per outlet, dates, words, boilerplate, failed files
  framing corpus info my-corpus/ --strict  stop at the first file that cannot be read""",
    "quotes": """examples:
  framing quotes corpus/sample                       a table on the terminal (missing values show as —)
  framing quotes corpus/sample --format jsonl > q.jsonl
  framing quotes article.txt --actors actors.yaml    one file, parties from your actors.yaml""",
    "analyze": """examples:
  framing analyze corpus/sample                      tables in results/ (Parquet + CSV), summary printed
  framing analyze corpus/sample --out results --by outlet
  framing analyze big-corpus/ --jobs 4 --no-cache    four processes, ignore results of earlier runs""",
    "evaluate": """examples:
  framing evaluate corpus/sample                     precision/recall/F1 against corpus/sample/gold
  framing evaluate corpus/sample --errors --limit 20 the scores and the first 20 errors behind them""",
    "actors suggest": """examples:
  framing actors suggest corpus/sample               YAML skeleton of frequent speakers without a party
  framing actors suggest my-corpus/ --min-quotes 5 > more-actors.yaml""",
    "report": """examples:
  framing report corpus/sample                       one report by outlet in reports/ (+ reports/index.html)
  framing report corpus/sample --params corpus/sample/params.yaml --jobs 2
  framing report my-corpus/ --by month --out my-reports""",
    "lessons export": """examples:
  framing lessons export handout/                    run the three lessons, write handout/*.html
  framing lessons export handout/ --corpus my-corpus formulas are drawn into the page: no internet needed""",
    "lessons answer-key": """examples:
  framing lessons answer-key                         the answers, computed from corpus/sample, as Markdown
  framing lessons answer-key --out key.html          the same as an HTML page (key.md for Markdown)""",
}
_ACTORS_HELP = "actors.yaml with the parties and their members (default: actors.yaml in the corpus folder)"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show full tracebacks")
    p.add_argument("--strict", action="store_true", help="stop at the first bad file")


def _add(sub, name: str, help: str, key: str | None = None) -> argparse.ArgumentParser:
    """A subcommand parser with its help, the same text as description, and its examples as epilog."""
    return sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".",
                          epilog=_EXAMPLES.get(key or name), formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing",
                                     description="Measure how news coverage frames the sides of a story.",
                                     epilog="Run 'framing COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("corpus", help="inspect a corpus", description="Inspect a corpus.")
    csub = p.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    pi = _add(csub, "info", "articles per outlet, dates, words, excluded spans, failed files", "corpus info")
    pi.add_argument("path", help="corpus folder or one article file")
    _common(pi)

    p = _add(sub, "quotes", "extract attributions from files or corpus folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or corpus folders (one or more)")
    p.add_argument("--actors", help=_ACTORS_HELP)
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table",
                   help="table: a readable table; jsonl: one JSON object per quote fragment; csv: every column "
                        "(default: table)")
    _common(p)

    p = _add(sub, "analyze", "quotes, speakers, parties, sentiment and balance tables")
    p.add_argument("corpus", help="corpus folder (or one article file)")
    p.add_argument("--actors", help=_ACTORS_HELP)
    p.add_argument("--out", default="results", help="output folder (default: results/)")
    p.add_argument("--by", action="append", help="grouping column for parties_by_<col> (repeatable; default outlet)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: a process pool on this machine; dask: a Dask cluster (default: local)")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--cache", default=None, help="cache folder for incremental reruns (default: OUT/.cache)")
    p.add_argument("--no-cache", action="store_true", help="analyse every article again; read and write no cache")
    p.add_argument("--verbs", help="extra reporting verbs CSV (same columns as the shipped lexicon)")
    p.add_argument("--sentiment-lexicon", help="word<TAB>valence file added to VADER's lexicon")
    _common(p)

    p = _add(sub, "evaluate", "precision/recall/F1 against gold annotations")
    p.add_argument("corpus", help="corpus folder whose articles the gold annotations describe")
    p.add_argument("--gold", help="gold folder (default: CORPUS/gold)")
    p.add_argument("--actors", help=_ACTORS_HELP)
    p.add_argument("--errors", action="store_true", help="print the errors behind the scores")
    p.add_argument("--limit", type=int, default=60, help="most errors printed with --errors (default: 60)")
    _common(p)

    p = sub.add_parser("actors", help="help writing actors.yaml", description="Help writing actors.yaml.")
    asub = p.add_subparsers(dest="actors_command", metavar="SUBCOMMAND")
    ps = _add(asub, "suggest", "frequent speakers without a party, as a YAML skeleton", "actors suggest")
    ps.add_argument("corpus", help="corpus folder")
    ps.add_argument("--actors", help=_ACTORS_HELP + "; its speakers are not suggested again")
    ps.add_argument("--min-quotes", type=int, default=2,
                    help="suggest speakers with at least this many attributions (default: 2)")
    _common(ps)

    p = _add(sub, "report", "comparative HTML reports (papermill + nbconvert)")
    p.add_argument("corpus", help="corpus folder")
    p.add_argument("--params", help="YAML file with one or several parameter sets (docs/reports.md; "
                                    "example: corpus/sample/params.yaml)")
    p.add_argument("--by", default="outlet",
                   help="article column the groups are compared by, or week / month (default: outlet)")
    p.add_argument("--actors", help=_ACTORS_HELP)
    p.add_argument("--out", default="reports", help="output folder for the HTML reports (default: reports/)")
    p.add_argument("--jobs", type=int, default=1, help="reports rendered at the same time (default: 1)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell (default: 600)")
    _common(p)

    p = sub.add_parser("lessons", help="the teaching notebooks: HTML hand-outs and the answer key",
                       description="The teaching notebooks: HTML hand-outs and the answer key (docs/teaching.md).")
    p.set_defaults(lessons_help=p.format_help)
    lsub = p.add_subparsers(dest="lessons_command", metavar="SUBCOMMAND")
    pe = _add(lsub, "export", "run the lessons and write HTML pages that read offline, formulas included",
              "lessons export")
    pe.add_argument("out", metavar="DIR", help="folder for the HTML pages (created if needed)")
    pk = _add(lsub, "answer-key", "the answer to every exercise, computed from the corpus", "lessons answer-key")
    pk.add_argument("--out", metavar="FILE", help="write to FILE: .html gives a web page, anything else Markdown "
                                                  "(default: Markdown on the screen)")
    pk.add_argument("--lesson", type=int, choices=[1, 2, 3], help="only this lesson (default: all three)")
    for q in (pe, pk):
        q.add_argument("--corpus", default=None, help="corpus the lessons read (default: corpus/sample)")
        q.add_argument("--debug", action="store_true", help="show full tracebacks")
    pe.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell (default: 600)")
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
    if args.command == "lessons":
        return _lessons(args, parser)
    parser.print_help()
    return 2


def _lessons(args, parser) -> int:
    from .teach import handout

    if args.lessons_command == "export":
        done = handout.export_lessons(args.out, corpus=args.corpus, timeout=args.timeout)
        for page in done.pages:
            print(f"ok  {page}")
        for name, message in done.failed.items():
            print(f"error: {name}: {message}", file=sys.stderr)
        return 1 if done.failed else 0
    if args.lessons_command == "answer-key":
        text = handout.answer_key_text(args.corpus, lesson=args.lesson, html=str(args.out or "").lower()
                                       .endswith((".html", ".htm")))
        if args.out:
            handout.write_new(args.out, text)
            print(f"answer key: {args.out}")
        else:
            print(text, end="")
        return 0
    print(args.lessons_help(), end="", file=sys.stderr)  # no subcommand: a usage error
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
        view = quotes[cols].astype(object)
        view["content"] = view["content"].str.slice(0, 60)
        view["sentiment"] = [f"{v:+.3f}" if isinstance(v, float) and not math.isnan(v) else v
                             for v in view["sentiment"]]
        view = view.where(view.notna(), MISSING)  # no "NaN" or "None" for a speaker without a party
        print(view.to_string(index=False) if len(view) else "no quotes found")
    return 1 if failed else 0


MISSING = "—"


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
