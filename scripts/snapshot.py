"""Record the outputs of the sample corpus, or compare them with a recorded set.

A refactor that only moves code must leave every output byte-identical. This script runs, in fresh
processes, every table of ``framing analyze``, ``framing quotes --format jsonl`` and ``framing evaluate``
on a corpus (the bundled sample by default), and writes them to a folder; ``compare`` runs them again and
lists every file that differs.

    python scripts/snapshot.py record /tmp/before            # before the change
    python scripts/snapshot.py compare /tmp/before           # after it: exit 1 when anything differs
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"


def _framing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CI="1", PYTHONHASHSEED="0")
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def run_outputs(corpus: Path, out: Path) -> dict[str, bytes]:
    """Every output file of the three commands, by a stable name, as bytes.

    >>> # run_outputs(SAMPLE, Path("/tmp/x"))["quotes.jsonl"][:1]  # doctest: +SKIP
    """
    out.mkdir(parents=True, exist_ok=True)
    results = out / "analyze"
    files: dict[str, bytes] = {}
    done = _framing("analyze", str(corpus), "--out", "analyze", "--jobs", "1", "--no-cache", cwd=out)
    files["analyze.stdout"] = done.stdout.encode()
    files["analyze.exit"] = str(done.returncode).encode()
    for path in sorted(results.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".parquet"):
            files["analyze/" + path.relative_to(results).as_posix()] = path.read_bytes()
    done = _framing("quotes", str(corpus), "--format", "jsonl", cwd=out)
    files["quotes.jsonl"] = done.stdout.encode()
    files["quotes.exit"] = str(done.returncode).encode()
    done = _framing("evaluate", str(corpus), "--errors", cwd=out)
    files["evaluate.stdout"] = done.stdout.encode()
    files["evaluate.exit"] = str(done.returncode).encode()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", help="where the outputs are recorded")
    parser.add_argument("--corpus", default=str(SAMPLE))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        files = run_outputs(Path(args.corpus).resolve(), Path(tmp))
    folder = Path(args.folder)
    if args.action == "record":
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        print(f"recorded {len(files)} outputs in {folder}")
        return 0
    expected = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    found = files
    differ = sorted(n for n in expected.keys() | found.keys() if expected.get(n) != found.get(n))
    for name in differ:
        print("differs:", name)
    print(f"{len(found)} outputs, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
