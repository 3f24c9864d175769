"""The Dask engine on a real LocalCluster (2 worker processes): same tables as the local engine."""

from __future__ import annotations

import json
import logging

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")

from framing.exceptions import CorpusError
from framing.read.corpus import iter_articles
from framing.run.analysis import analyze, analyze_to_dir
from framing.run.distributed import dask_corpus, dask_map, dask_results, write_partitioned
from framing.run.parallel import ResultCache, map_articles
from framing.run.pipeline import settings_for


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def address(cluster):
    return cluster.scheduler_address


@pytest.fixture(scope="module")
def local(sample_dir):
    return list(map_articles(iter_articles(sample_dir), settings_for(sample_dir)))


def test_cluster_has_two_process_workers(cluster):
    with distributed.Client(cluster) as c:
        assert sorted(c.nthreads().values()) == [1, 1]
        pids = c.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2 and __import__("os").getpid() not in pids.values()


def test_dask_results_identical_and_in_order(sample_dir, address, local):
    got = list(dask_results(iter_articles(sample_dir), settings_for(sample_dir), scheduler=address, batch=3))
    assert [r.article["article_id"] for r in got] == [r.article["article_id"] for r in local]
    assert got == local


def test_analyze_engine_dask_same_tables(sample_dir, address):
    a = analyze(sample_dir)
    d = analyze(sample_dir, engine="dask", scheduler=address)
    assert len(a.quotes) > 300
    pd.testing.assert_frame_equal(d.quotes, a.quotes)
    pd.testing.assert_frame_equal(d.articles, a.articles)
    pd.testing.assert_frame_equal(d.mentions, a.mentions)
    pd.testing.assert_frame_equal(d.parties, a.parties)


def test_analyze_to_dir_engine_dask_same_files(sample_dir, address, tmp_path):
    analyze_to_dir(sample_dir, tmp_path / "local", jobs=1)
    analyze_to_dir(sample_dir, tmp_path / "dask", engine="dask", scheduler=address)
    for name in ("quotes", "articles", "mentions", "parties", "parties_by_outlet"):
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()


def test_own_local_cluster_when_no_scheduler(sample_dir, local):
    arts = list(iter_articles(sample_dir))[:5]
    assert list(dask_results(arts, settings_for(sample_dir))) == local[:5]


def test_dask_results_uses_the_cache(sample_dir, address, local, tmp_path):
    s = settings_for(sample_dir)
    first = list(dask_results(iter_articles(sample_dir), s, scheduler=address, cache=tmp_path))
    store = ResultCache(tmp_path)
    assert len(store) == 18
    store.close()
    # the local engine reads what the Dask engine stored, and the other way round
    assert list(map_articles(iter_articles(sample_dir), s, cache=tmp_path)) == first == local
    assert list(dask_results(iter_articles(sample_dir), s, scheduler=address, cache=tmp_path)) == local


def test_dask_corpus_reads_on_workers_identically(sample_dir, address, local):
    errors = []
    got = dask_corpus(str(sample_dir), scheduler=address, errors=errors, files_per_task=4)
    assert got.settings.actors is not None and set(got.settings.actors.parties) >= {"Valdoria", "Estland"}
    assert list(got) == local
    assert errors == [] and got.skipped == []


def test_dask_corpus_file_url(sample_dir, address, local):
    url = sample_dir.as_uri()  # file:///.../corpus/sample
    got = list(dask_corpus(url, scheduler=address))
    assert [r.article["article_id"] for r in got] == [r.article["article_id"] for r in local]
    assert [r.quotes for r in got] == [r.quotes for r in local]
    assert got[0].article["source"] == url + "/continental-wire/01-talks-open.md"


def _messy_corpus(root):
    (root / "wire").mkdir(parents=True)
    (root / "wire" / "a.md").write_text("---\ntitle: A\ndate: 2026-03-02\n---\n“We stay,” said Ana Berg.\n")
    (root / "wire" / "empty.txt").write_text("")
    (root / "wire" / "notes.pdf").write_bytes(b"%PDF")
    rows = [{"id": "r1", "text": "“Go,” said Bo Lind."}, {"id": "r2"}, {"id": "r3", "text": "Calm day."}]
    (root / "wire" / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    (root / "wire" / "b.md").write_text("“First,” said Cy Moe.\n")
    (root / "wire" / "b.txt").write_text("“Dup,” said Cy Moe.\n")  # the same id, wire/b: refused
    (root / "metadata.csv").write_text("id,author,section\nwire/a,Jo Reporter,world\n")
    (root / "actors.yaml").write_text("parties:\n  Blue:\n    members: [Ana Berg]\n")
    return root


def test_dask_corpus_matches_the_local_reader_on_a_messy_corpus(tmp_path, address):
    root = _messy_corpus(tmp_path / "corpus")
    local_errors, dask_errors = [], []
    expected = list(map_articles(iter_articles(root, local_errors), settings_for(root)))
    got = list(dask_corpus(str(root), scheduler=address, errors=dask_errors))
    assert [r.article["article_id"] for r in got] == ["wire/a", "wire/b", "wire/feed/r1", "wire/feed/r3"]
    assert got == expected
    assert got[0].article["author"] == "Jo Reporter" and got[0].article["section"] == "world"
    assert got[0].quotes[0]["party"] == "Blue"
    assert sorted((e.file, e.message) for e in dask_errors) == sorted((e.file, e.message) for e in local_errors)
    assert len(dask_errors) == 4  # duplicate b.txt, empty.txt, row 2 without text, row 4 not JSON
    assert any("duplicate article id 'wire/b'" in e.message for e in dask_errors)


def test_dask_corpus_single_file_and_missing_path(tmp_path, address):
    root = _messy_corpus(tmp_path / "corpus")
    one = root / "wire" / "a.md"
    got = list(dask_corpus(str(one), scheduler=address))
    assert [(r.article["article_id"], r.article["outlet"]) for r in got] == [("a", "wire")]
    assert got == list(map_articles(iter_articles(one), settings_for(one)))
    with pytest.raises(CorpusError, match="does not exist"):
        dask_corpus(str(tmp_path / "nope"), scheduler=address)


def test_write_partitioned(sample_dir, tmp_path, local):
    counts = write_partitioned(iter(local), tmp_path / "out", batch=5)
    n_quotes = sum(len(r.quotes) for r in local)
    assert counts == {"articles": 18, "quotes": n_quotes, "mentions": sum(len(r.mentions) for r in local),
                      "errors": 0}
    assert sorted(p.name for p in (tmp_path / "out" / "quotes").iterdir()) == [
        "outlet=Continental%20Wire%20Service", "outlet=The%20Eastport%20Monitor", "outlet=The%20Northgate%20Herald"]
    back = pd.read_parquet(tmp_path / "out" / "quotes")
    expected = analyze(sample_dir).quotes
    key = ["article_id", "attribution_id", "fragment"]
    back = back.assign(outlet=back["outlet"].astype(str)).sort_values(key).reset_index(drop=True)
    expected = expected.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(back[expected.columns], expected, check_dtype=False)
    arts = pd.read_parquet(tmp_path / "out" / "articles")
    assert len(arts) == 18 and json.loads(arts["meta"].iloc[0])["format"] == "md"
    with pytest.raises(FileExistsError):
        write_partitioned(iter(local), tmp_path / "out")
    assert write_partitioned(iter(local[:2]), tmp_path / "out", overwrite=True)["articles"] == 2
    with pytest.raises(ValueError, match="partition_on"):
        write_partitioned(iter(local), tmp_path / "x", partition_on="speaker")


def _square(x, offset=0):
    return x * x + offset


def _fail(x):
    raise RuntimeError(f"bad {x}")


def test_dask_map_in_order_and_errors(address):
    assert dask_map(_square, range(10), scheduler=address) == [x * x for x in range(10)]
    assert dask_map(_square, [3, 1], scheduler=address, offset=1) == [10, 2]
    with pytest.raises(RuntimeError, match="bad 1"):
        dask_map(_fail, [1], scheduler=address)
