"""Kill ``framing analyze`` and ``framing report`` with SIGKILL at random moments and check the outputs.

Works on a copy of the sample corpus in a temporary folder. The output folder starts as a clean run on an
older version of the corpus (one outlet fewer) left it; each trial runs the command on the full corpus
and kills its whole process group (``kill -9``, as a killed job or the OOM killer) after a random delay
between 0 and 1.2 times a clean run's duration. The visible outputs are then classified:

- complete: identical to a clean run on the full corpus;
- untouched: identical to the state before the trial;
- mixed: every file is a complete old or new version, but not all from the same run;
- corrupt: some file is neither (half written, unreadable), or a ``_data`` analysis is half saved.

After every trial the command is run again without a kill; it must exit 0 and give the complete outputs
with none of the kit's temporaries left ("rerun ok"). Report pages are compared without their random
cell ids and the minute in index.html; notebooks by their cells' sources and outputs.

    python scripts/fault_injection.py --runs 20 --report-runs 20      # prints the figures
    python scripts/fault_injection.py --runs 0 --report-runs 10 --window 0.8 1.6   # kills near the end
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
KIT_LEFTOVER = re.compile(r"(^\.framing-stage-|\.framing-[a-z0-9_]{8}\.(tmp|ipynb)$|\.partial$)")


@dataclass
class Tally:
    """The figures of one command's trials."""

    command: str
    runs: int = 0
    kills: int = 0  # runs still going when the signal came
    outcomes: dict = field(default_factory=lambda: {"complete": 0, "untouched": 0, "mixed": 0, "corrupt": 0})
    rerun_ok: int = 0
    problems: list = field(default_factory=list)

    def line(self) -> str:
        o = self.outcomes
        return (f"{self.command}: runs {self.runs}, kills {self.kills}, complete {o['complete']}, untouched "
                f"{o['untouched']}, mixed {o['mixed']}, corrupt {o['corrupt']}, rerun ok {self.rerun_ok}")


def _normalise(rel: str, data: bytes) -> bytes:
    """Bytes of an output with what legitimately changes between identical runs taken out."""
    if rel.endswith(".html"):
        data = re.sub(rb'id="cell-id=[0-9a-f-]+"', b'id="cell-id"', data)
        return re.sub(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2}\.</p>", b"DATE.</p>", data)
    if rel.endswith(".ipynb"):
        nb = json.loads(data)
        return json.dumps([[c.get("source"), c.get("outputs")] for c in nb["cells"]], sort_keys=True).encode()
    return data


def outputs(out: Path) -> dict[str, bytes]:
    """The visible outputs (hidden files and folders and ``_data`` left out), normalised."""
    found = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts) and rel.parts[0] != "_data":
            try:
                found[rel.as_posix()] = _normalise(rel.as_posix(), p.read_bytes())
            except ValueError:  # a notebook that is not JSON: half written
                found[rel.as_posix()] = b"\0unreadable"
    return found


def half_saved_data(out: Path) -> list[str]:
    """``_data`` analyses without their manifest or with an unreadable table (never allowed)."""
    import pyarrow.parquet as pq

    bad = []
    for folder in sorted((out / "_data").glob("[!.]*")) if (out / "_data").is_dir() else ():
        if not (folder / "manifest.json").is_file():
            bad.append(folder.name)
            continue
        for table in folder.glob("*.parquet"):
            try:
                pq.read_metadata(table)
            except Exception:  # noqa: BLE001 - any failure to read is a half-written table
                bad.append(f"{folder.name}/{table.name}")
    return bad


def classify(now: dict, old: dict, new: dict) -> str:
    if now == new:
        return "complete"
    if now == old:
        return "untouched"
    if all(now[k] in (old.get(k), new.get(k)) for k in now):
        return "mixed"
    return "corrupt"


def _cmd(command: str, corpus: str, out: str) -> list[str]:
    extra = ["--jobs", "2"] if command == "analyze" else []
    return [sys.executable, "-m", "framing", command, corpus, "--out", out, *extra]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, FRAMING_NO_PROGRESS="1")
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def trials(command: str, n: int, work: Path, rng: random.Random, window=(0.0, 1.2)) -> Tally:
    """``n`` killed runs of ``command`` (analyze or report) on the corpus copies in ``work``."""
    tally = Tally(command)
    out = work / "out"  # one name for every run: outputs may show their folder (the report's data path)
    before, clean = work / f"{command}-before", work / f"{command}-clean"
    for path in (out, before, clean):
        shutil.rmtree(path, ignore_errors=True)
    assert _run(_cmd(command, "corpus-old", out.name), work).returncode == 0
    shutil.copytree(out, before)
    start = time.monotonic()
    done = _run(_cmd(command, "corpus", out.name), work)
    seconds = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    shutil.copytree(out, clean)
    old, new = outputs(before), outputs(clean)
    assert old != new
    env = dict(os.environ, FRAMING_NO_PROGRESS="1")
    for i in range(n):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(before, out)
        proc = subprocess.Popen(_cmd(command, "corpus", out.name), cwd=work, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(window[0] * seconds, window[1] * seconds))
        tally.runs += 1
        if proc.poll() is None:
            tally.kills += 1
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.2)  # let the group's last processes go
        kind = classify(outputs(out), old, new)
        if half_saved_data(out):
            kind = "corrupt"
        tally.outcomes[kind] += 1
        if kind in ("mixed", "corrupt"):
            now = outputs(out)
            tally.problems.append(f"trial {i}: {kind}: differ from both: "
                                  f"{sorted(k for k in now if now[k] not in (old.get(k), new.get(k)))}, "
                                  f"half-saved data: {half_saved_data(out)}")
        rerun = _run(_cmd(command, "corpus", out.name), work)
        left = [p.name for p in out.rglob("*") if KIT_LEFTOVER.search(p.name)]
        if rerun.returncode == 0 and outputs(out) == new and not left and not half_saved_data(out):
            tally.rerun_ok += 1
        else:
            tally.problems.append(f"trial {i}: rerun exit {rerun.returncode}, leftovers {left}: {rerun.stderr[-300:]}")
        print(f"  {command} trial {i + 1}/{n}: {kind}", file=sys.stderr, flush=True)
    return tally


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="killed runs of framing analyze")
    parser.add_argument("--report-runs", type=int, default=10, help="killed runs of framing report")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--window", type=float, nargs=2, default=(0.0, 1.2), metavar=("LOW", "HIGH"),
                        help="kill after LOW to HIGH times a clean run's duration (default 0 1.2)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="framing-faults-") as tmp:
        work = Path(tmp)
        shutil.copytree(SAMPLE, work / "corpus")
        shutil.copytree(SAMPLE, work / "corpus-old")
        dropped = sorted(p for p in (work / "corpus-old").iterdir() if p.is_dir() and p.name != "gold")[0]
        shutil.rmtree(dropped)
        tallies = [trials("analyze", args.runs, work, rng, args.window)] if args.runs else []
        if args.report_runs:
            tallies.append(trials("report", args.report_runs, work, rng, args.window))
    for t in tallies:
        print(t.line())
        for p in t.problems:
            print(f"  {p}")
    bad = any(t.outcomes["mixed"] or t.outcomes["corrupt"] or t.rerun_ok < t.runs for t in tallies)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
