"""Throughput, memory and rerun benchmark of framing on a synthetic corpus built from corpus/sample.

    python benchmarks/throughput.py                      # 10,000 articles, every figure, ~15 min on 2 cores
    python benchmarks/throughput.py --articles 2000 --skip-dask
    python benchmarks/throughput.py --articles 0 --memory-articles 100000   # the memory check alone

The corpus (benchmarks/_corpus/, git-ignored) repeats the 18 sample articles with new ids, outlets and
dates, and with words that no lexicon knows (neither framing's nor VADER's) respelled per article, so
sentences differ from article to article: per-text caches cannot make a copied corpus look fast, while
attributions, parties and sentiment keep the structure of real articles. The one-core passes (stock
VADER, framing's VADER, extraction, the analysis) are interleaved 25 articles at a time so that load on
a shared machine falls on all of them alike. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "corpus" / "sample"
OUTLETS = 8
_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = "aeiou"


# ---------------------------------------------------------------------------------------------------
# the corpus
# ---------------------------------------------------------------------------------------------------

def _protected_words() -> frozenset:
    """Every word of framing's lexicons and word lists, the actors and VADER: never respelled."""
    from vaderSentiment import vaderSentiment as vs

    import framing

    pkg = Path(framing.__file__).parent
    words = set()
    for p in [*pkg.glob("lexicons/*"), pkg / "extract" / "resources.py", SAMPLE / "actors.yaml"]:
        words |= {w.lower() for w in _WORD.findall(p.read_text(encoding="utf-8", errors="replace"))}
    words |= {w.lower() for w in vs.SentimentIntensityAnalyzer().lexicon}
    words |= {w.lower() for w in (*vs.BOOSTER_DICT, *vs.NEGATE, *vs.SENTIMENT_LADEN_IDIOMS, *vs.SPECIAL_CASES)}
    return frozenset(words)


def _respell(text: str, rng: random.Random, protected: frozenset) -> str:
    """Change one inner vowel of 9 in 10 lowercase words (4+ letters) that no lexicon knows."""
    def sub(m):
        w = m.group()
        if len(w) < 4 or not w.islower() or w in protected or rng.random() < 0.1:
            return w
        spots = [i for i in range(1, len(w) - 1) if w[i] in _VOWELS]
        if not spots:
            return w
        i = rng.choice(spots)
        return w[:i] + rng.choice([v for v in _VOWELS if v != w[i]]) + w[i + 1:]
    return _WORD.sub(sub, text)


def build_corpus(n: int, folder: Path | None = None) -> Path:
    """``n`` articles as JSONL files ``outlet-K/YYYY-MM.jsonl`` plus the sample's actors.yaml (reused if built)."""
    from framing.read.corpus import iter_articles

    folder = folder or HERE / "_corpus" / f"n{n}"
    stamp = folder / ".built"
    if stamp.exists() and stamp.read_text() == str(n):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE / "actors.yaml", folder / "actors.yaml")
    templates = list(iter_articles(SAMPLE, boilerplate=False))
    protected = _protected_words()
    files: dict[Path, object] = {}
    try:
        for i in range(n):
            t = templates[i % len(templates)]
            rng = random.Random(i)
            outlet = i % OUTLETS
            date = dt.date(2025, 1, 1) + dt.timedelta(days=(i // OUTLETS) % 730)
            path = folder / f"outlet-{outlet}" / f"{date:%Y-%m}.jsonl"
            if path not in files:
                path.parent.mkdir(exist_ok=True)
                files[path] = open(path, "w", encoding="utf-8")
            row = {"id": f"a{i:06d}", "title": _respell(t.title or "", rng, protected),
                   "outlet": f"Outlet {outlet}", "date": date.isoformat(),
                   "text": _respell(t.text, rng, protected)}
            files[path].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for fh in files.values():
            fh.close()
    stamp.write_text(str(n))
    return folder


# ---------------------------------------------------------------------------------------------------
# measurements
# ---------------------------------------------------------------------------------------------------

def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s" if seconds else "n/a"


def read_articles(corpus: Path):
    from framing.read.corpus import iter_articles

    t = time.process_time()
    arts = list(iter_articles(corpus))
    return arts, time.process_time() - t


def _attribution_check(articles) -> str:
    """Respelling must keep the articles' structure: attributions per article, synthetic vs sample."""
    from statistics import mean

    from framing.extract.attribute import extract_quotes
    from framing.read.corpus import iter_articles

    sample = list(iter_articles(SAMPLE))
    ours = articles[:len(sample) * 5]
    a = mean(len(extract_quotes(x.text, x.excluded)) for x in sample)
    b = mean(len(extract_quotes(x.text, x.excluded)) for x in ours)
    return f"attributions per article: sample {a:.2f}, synthetic corpus {b:.2f} (first {len(ours)} articles)"


def sentences_of(articles) -> list[str]:
    from framing.extract.segment import paragraphs, sentences

    return [a.text[s:e] for a in articles for ps, pe in paragraphs(a.text, a.excluded)
            for s, e in sentences(a.text, ps, pe)]


def time_one_core(articles, corpus: Path, chunk: int = 25) -> dict[str, float]:
    """CPU seconds, summed, of five passes over ``articles``, interleaved ``chunk`` articles at a time so
    that load on a shared machine (which moves one-core rates by 20-30% from minute to minute) falls on
    all of them alike and the ratios hold:

    - ``vader``: the floor, stock VADER over every sentence and nothing else (sentences split beforehand);
    - ``framing_vader``: framing's VADER (``framing.label.vader``: stock scores, faster) over the same sentences;
    - ``extraction``: ``extract_quotes``;
    - ``analysis``: ``analyze_article`` with the sentiment memo emptied before each article: this corpus
      repeats short sentences across its copies far more than real news does, so reusing scores across
      articles would flatter it (the emptying is not timed);
    - ``analysis_memo``: ``analyze_article`` keeping the memo, as ``framing analyze`` runs.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.extract.attribute import extract_quotes
    from framing.label.sentiment import stock_analyzer
    from framing.label.vader import compound
    from framing.run.pipeline import analyze_article, settings_for

    sia = SentimentIntensityAnalyzer()
    lexicon = stock_analyzer().lexicon
    s, s_memo = settings_for(corpus), settings_for(corpus)
    verbs = s.verbs
    for x in (s, s_memo):  # warm the lexicons and caches that every run builds once
        analyze_article(articles[0], x)
    clock = time.process_time
    t = dict.fromkeys(("vader", "framing_vader", "extraction", "analysis", "analysis_memo"), 0.0)
    for k in range(0, len(articles), chunk):
        part = articles[k:k + chunk]
        sents = sentences_of(part)
        t0 = clock()
        for x in sents:
            sia.polarity_scores(x)
        t1 = clock()
        for x in sents:
            compound(x, lexicon)
        t2 = clock()
        for a in part:
            extract_quotes(a.text, a.excluded, verbs)
        t3 = clock()
        t["vader"] += t1 - t0
        t["framing_vader"] += t2 - t1
        t["extraction"] += t3 - t2
        for a in part:
            s.sentiment.clear_memo()
            t4 = clock()
            analyze_article(a, s)
            t["analysis"] += clock() - t4
        t5 = clock()
        for a in part:
            analyze_article(a, s_memo)
        t["analysis_memo"] += clock() - t5
    return t


class _TreeRSS(threading.Thread):
    """Samples the summed RSS of a process and its descendants (shared pages count once per process)."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.stop = pid, every, 0, threading.Event()

    def run(self):
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            self.stop.wait(self.every)


def run_cli(args: list[str]) -> dict:
    """Run ``framing ARGS`` in a child process: wall time, largest single-process peak RSS (wait4's
    ru_maxrss: the child or any descendant it waited for) and the sampled peak of the whole tree."""
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1", "PYTHONWARNINGS": "ignore"}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "framing.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    sampler = _TreeRSS(proc.pid)
    sampler.start()
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"framing {' '.join(args)} failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss * 1024,
            "tree": sampler.peak,
            "stdout": out.decode(), "returncode": proc.returncode}


def same_tables(a: Path, b: Path) -> bool:
    return all((a / f"{n}.csv").read_bytes() == (b / f"{n}.csv").read_bytes()
               for n in ("articles", "quotes", "mentions", "parties", "speakers"))


def time_dask_corpus(corpus: Path, out: Path) -> tuple[float, int]:
    from framing.run.distributed import dask_corpus, write_partitioned

    t = time.perf_counter()
    errors: list = []
    counts = write_partitioned(dask_corpus(str(corpus), errors=errors, files_per_task=1), out, overwrite=True,
                               errors=errors)
    return time.perf_counter() - t, counts["articles"]


def profile(articles, corpus: Path, n: int = 400) -> str:
    """Where analyze_article spends its time: share of a few stages, and the top functions."""
    from framing.run.pipeline import analyze_article, settings_for

    s = settings_for(corpus)
    analyze_article(articles[0], s)
    pr = cProfile.Profile()
    pr.enable()
    for a in articles[:n]:
        analyze_article(a, s)
    pr.disable()
    st = pstats.Stats(pr)
    total = max(v[3] for k, v in st.stats.items() if k[2] == "analyze_article")
    # (label, file, function, calling function or None): cumulative time of the function (from that caller)
    stages = [("extract_quotes (all extraction)", "attribute.py", "extract_quotes", None),
              ("  cue words: one WordScan of the article", "wordscan.py", "spans", "find_attributions"),
              ("  cue rules on each match (_find_cues)", "cues.py", "_find_cues", None),
              ("  subjects (_left_subject)", "subjects.py", "_left_subject", None),
              ("  segmentation: quote_spans", "segment.py", "quote_spans", None),
              ("  speaker resolution", "speakers.py", "resolve", None),
              ("party_of", "parties.py", "party_of", None),
              ("_quote_scores (quote sentiment)", "sentiment.py", "_quote_scores", None),
              ("  verb words to mask: one WordScan of the quotes", "wordscan.py", "spans", "_quote_scores"),
              ("party_tone (mention sentiment)", "sentiment.py", "party_tone", None),
              ("sentence splitting", "segment.py", "sentences", None),
              ("VADER (framing.label.vader.compound, inside the above)", "vader.py", "compound", None),
              ("article_row (word count)", "pipeline.py", "article_row", None)]
    lines = [f"cProfile of analyze_article over {n} articles: {total:.2f} s ({n / total:,.0f} articles/s "
             "under the profiler)", "", "| stage (cumulative) | s | share |", "|---|---:|---:|"]
    for label, file, func, caller in stages:
        cum = 0.0
        for k, v in st.stats.items():
            if k[0].endswith(file) and k[2] == func:
                cum += v[3] if caller is None else sum(c[3] for ck, c in v[4].items() if ck[2] == caller)
        if cum:
            lines.append(f"| {label} | {cum:.2f} | {100 * cum / total:.0f}% |")
    buf = io.StringIO()
    pstats.Stats(pr, stream=buf).sort_stats("tottime").print_stats(12)
    top = [ln for ln in buf.getvalue().splitlines() if re.match(r"\s+\d", ln)]
    lines += ["", "top functions by own time (ncalls tottime percall cumtime percall where):", "```",
              *[re.sub(r"/\S*/(site-packages|framing|python3\.\d+)/", r"\1/", ln) for ln in top], "```"]
    return "\n".join(lines)


def time_many_parties(n: int, folder: Path) -> dict[str, float]:
    """CPU seconds to load an actors.yaml of ``n`` invented parties (two aliases, two members each) and
    build its party matcher and mention patterns: what a run pays before its first article."""
    from framing.label.parties import PartyMatcher, load_actors

    lines = ["parties:"]
    for i in range(n):
        lines += [f"  Partyland{i}:", f"    aliases: [Party Council {i}, Party Army {i}]",
                  f"    members: [Member Alpha{i}, Member Beta{i}]"]
    path = folder / "actors-many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t0 = time.process_time()
    actors = load_actors(path)
    t1 = time.process_time()
    PartyMatcher(actors).mention_patterns()
    return {"load": t1 - t0, "matcher": time.process_time() - t1}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPUs ({cpu}), {ram:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def _wall(n: int, r: dict) -> str:
    return f"{n / r['seconds']:,.0f}/s wall ({r['seconds']:.0f} s)"


class _one_article_edited:
    """Edit the last article of the first JSONL file for the duration of a ``with`` (then restore it)."""

    def __init__(self, corpus: Path):
        self.path = min(corpus.glob("*/*.jsonl"))

    def __enter__(self):
        self.original = self.path.read_bytes()
        lines = self.original.decode("utf-8").splitlines(keepends=True)
        row = json.loads(lines[-1])
        row["text"] = row["text"].replace(" said", " told reporters", 1)
        lines[-1] = json.dumps(row, ensure_ascii=False) + "\n"
        self.path.write_text("".join(lines), encoding="utf-8")

    def __exit__(self, *exc):
        self.path.write_bytes(self.original)


def _mib(b: int) -> str:
    return f"{b / 2**20:,.0f} MiB"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10_000, help="corpus size for the speed figures (0: none)")
    p.add_argument("--memory-articles", type=int, default=0,
                   help="also run the streaming memory check on a corpus this size (e.g. 100000)")
    p.add_argument("--skip-dask", action="store_true", help="no Dask figures")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' (default: os.cpu_count())")
    p.add_argument("--profile-articles", type=int, default=400, help="articles in the cProfile run (0: none)")
    p.add_argument("--pyinstrument", action="store_true", help="also print a pyinstrument tree of the hot path")
    p.add_argument("--work", default=str(HERE / "_corpus" / "runs"), help="scratch folder for outputs")
    p.add_argument("--parties", type=int, default=10_000, help="parties in the actors.yaml build figure (0: none)")
    args = p.parse_args(argv)
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows: list[tuple[str, str, str]] = []  # (figure, value, target / note)
    notes: list[str] = []
    print(f"machine: {machine()}; load average at start {os.getloadavg()[0]:.1f}", flush=True)
    n = args.articles
    if n:
        corpus = build_corpus(n)
        arts, t_read = read_articles(corpus)
        sents = sentences_of(arts)
        print(f"corpus: {corpus} ({len(arts)} articles, {len(sents)} sentences, "
              f"{len(set(sents)) / len(sents):.0%} of sentences unique)", flush=True)
        notes.append(_attribution_check(arts))
        rows.append(("read + boilerplate (iter_articles), 1 core", _rate(len(arts), t_read), ""))
        t = time_one_core(arts, corpus)
        t_vader = t["vader"]
        rate = len(arts) / t["extraction"]
        rows.append(("extraction alone (extract_quotes), 1 core", f"{rate:,.0f}/s",
                     f"{t['extraction'] / t_vader:.2f}x bare VADER; target >= 400/s: {'met' if rate >= 400 else 'MISSED'}"))
        rows.append(("bare VADER over every sentence, 1 core (the floor)", _rate(len(arts), t_vader),
                     f"{len(sents) / t_vader:,.0f} sentences/s"))
        rows.append(("framing's VADER (`framing.label.vader`, same scores) over every sentence, 1 core",
                     _rate(len(arts), t["framing_vader"]), f"{t_vader / t['framing_vader']:.1f}x faster than stock VADER"))
        ratio_an = t["analysis"] / t_vader
        rows.append(("whole analysis in process: `analyze_article` (extraction, speakers, parties, sentiment), "
                     "1 core, no sentiment memo across articles", _rate(len(arts), t["analysis"]),
                     f"{ratio_an:.2f}x bare VADER (target <= 2x: {'met' if ratio_an <= 2 else 'MISSED'})"))
        rows.append(("the same with the sentiment memo kept across articles (as `framing analyze` runs)",
                     _rate(len(arts), t["analysis_memo"]), f"{t['analysis_memo'] / t_vader:.2f}x bare VADER"))
        del arts, sents
        r1 = run_cli(["analyze", str(corpus), "--out", str(work / "jobs1"), "--jobs", "1", "--no-cache"])
        ratio = r1["cpu"] / t_vader
        rows.append(("end to end `framing analyze --jobs 1 --no-cache` (read, analyse, write tables)",
                     _rate(n, r1["cpu"]), f"{ratio:.2f}x bare VADER, reading JSON and writing Parquet/CSV "
                                          f"included; {_wall(n, r1)}; peak RSS {_mib(r1['maxrss'])}"))
        rn = run_cli(["analyze", str(corpus), "--out", str(work / "jobsN"), "--jobs", str(args.jobs),
                      "--cache", str(work / "cache")])
        rows.append((f"whole analysis `--jobs {args.jobs}`, cold cache (first run)", _rate(n, rn["cpu"]),
                     f"{_wall(n, rn)}: {r1['seconds'] / rn['seconds']:.2f}x the --jobs 1 wall time; "
                     f"largest process {_mib(rn['maxrss'])}, all processes {_mib(rn['tree'])}"))
        rr = run_cli(["analyze", str(corpus), "--out", str(work / "jobsN"), "--jobs", str(args.jobs),
                      "--cache", str(work / "cache")])
        frac, frac_cpu = rr["seconds"] / rn["seconds"], rr["cpu"] / rn["cpu"]
        rows.append(("incremental rerun, unchanged corpus", f"{rr['seconds']:.1f} s",
                     f"{frac:.3f} of the first run's {rn['seconds']:.1f} s wall, {frac_cpu:.3f} of its CPU time "
                     f"(target < 0.10: {'met' if max(frac, frac_cpu) < 0.1 else 'MISSED'})"))
        same = same_tables(work / "jobs1", work / "jobsN")
        with _one_article_edited(corpus):
            re1 = run_cli(["analyze", str(corpus), "--out", str(work / "edited"), "--jobs", str(args.jobs),
                           "--cache", str(work / "cache")])
        rows.append(("rerun after editing one article", f"{re1['seconds']:.1f} s",
                     f"{re1['seconds'] / rn['seconds']:.3f} of the first run (wall), "
                     f"{re1['cpu'] / rn['cpu']:.3f} (CPU)"))
        if not args.skip_dask:
            rd = run_cli(["analyze", str(corpus), "--out", str(work / "dask"), "--engine", "dask", "--no-cache"])
            rows.append(("Dask engine `--engine dask` (LocalCluster, 2 workers x 1 thread)",
                         f"{n / rd['seconds']:,.0f}/s wall", f"incl. cluster start; largest process "
                                                             f"{_mib(rd['maxrss'])}, all processes {_mib(rd['tree'])}"))
            same = same and same_tables(work / "jobs1", work / "dask")
            t_dc, n_dc = time_dask_corpus(corpus, work / "partitioned")
            rows.append(("Dask `dask_corpus` (workers read the files) + `write_partitioned`",
                         f"{n_dc / t_dc:,.0f}/s wall", "incl. cluster start"))
        rows.append(("identical tables for jobs 1 / all" + ("" if args.skip_dask else " / Dask"),
                     "yes" if same else "NO", "byte-identical CSVs (articles, quotes, mentions, parties, speakers)"))
    if args.parties:
        tp = time_many_parties(args.parties, work)
        total = tp["load"] + tp["matcher"]
        rows.append((f"load actors.yaml of {args.parties:,} parties + build the party matcher, 1 core",
                     f"{total:.1f} s", f"load {tp['load']:.1f} s, matcher {tp['matcher']:.1f} s (CPU); "
                                       f"target < 10 s: {'met' if total < 10 else 'MISSED'}"))
    if args.memory_articles:
        mc = build_corpus(args.memory_articles)
        rm = run_cli(["analyze", str(mc), "--out", str(work / "memory"), "--jobs", str(args.jobs), "--no-cache"])
        ok = rm["tree"] < 2**30
        rows.append((f"peak RSS, {args.memory_articles:,} articles, `framing analyze --jobs {args.jobs} --no-cache`",
                     _mib(rm["tree"]), f"all processes summed (target < 1 GiB: {'met' if ok else 'MISSED'}); "
                                       f"largest process {_mib(rm['maxrss'])}; {_wall(args.memory_articles, rm)}"))
    print(f"load average at end {os.getloadavg()[0]:.1f} (1-core rates are per CPU-second, so other "
          "processes on the machine slow the wall times, not those)")
    print("\n| figure | value | target / note |\n|---|---:|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    if n and args.profile_articles:
        arts, _ = read_articles(build_corpus(n))
        print("\n" + profile(arts, build_corpus(n), min(args.profile_articles, len(arts))))
        if args.pyinstrument:
            from pyinstrument import Profiler

            from framing.run.pipeline import analyze_article, settings_for

            s = settings_for(build_corpus(n))
            with Profiler() as prof:
                for a in arts[:args.profile_articles]:
                    analyze_article(a, s)
            print(prof.output_text(unicode=False, color=False, show_all=False))
    for x in notes:
        print(x)
    return 0


if __name__ == "__main__":  # the guard matters: the Dask LocalCluster starts processes
    sys.exit(main())
