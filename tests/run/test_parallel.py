"""map_articles: identical results for any number of processes, and the incremental cache."""

from __future__ import annotations

import dataclasses
import os

import pytest

from framing.label.parties import Actors, Party
from framing.read.corpus import iter_articles
from framing.run import parallel
from framing.run.parallel import ResultCache, article_key, map_articles
from framing.run.pipeline import ArticleResult, settings_for


@pytest.fixture(scope="module")
def articles(sample_dir):
    return list(iter_articles(sample_dir))


@pytest.fixture(scope="module")
def settings(sample_dir):
    return settings_for(sample_dir)


@pytest.fixture(scope="module")
def reference(articles, settings):
    return list(map_articles(articles, settings, jobs=1))


@pytest.fixture
def calls(monkeypatch):
    """Count the articles actually analysed (in this process: the jobs=1 path)."""
    seen: list[str] = []
    real = parallel.analyze_article

    def counting(article, settings):
        seen.append(article.id)
        return real(article, settings)

    monkeypatch.setattr(parallel, "analyze_article", counting)
    return seen


def _ids(results):
    return [r.article["article_id"] for r in results]


def test_sample_has_what_the_tests_assume(reference):
    assert len(reference) == 18
    assert _ids(reference)[:2] == ["continental-wire/01-talks-open", "continental-wire/02-kellerford-shelling"]
    assert all(not r.errors for r in reference)
    assert sum(len(r.quotes) for r in reference) > 300


@pytest.mark.parametrize("batch", [4, 256])
def test_jobs_two_gives_identical_results_in_order(articles, settings, reference, batch):
    two = list(map_articles(articles, settings, jobs=2, batch=batch))
    assert _ids(two) == [a.id for a in articles]
    assert two == reference


def test_generator_input_and_lazy_order(articles, settings, reference):
    # a generator (as iter_articles gives), more processes than articles per batch
    got = list(map_articles((a for a in articles), settings, jobs=3, batch=5))
    assert got == reference


def test_second_run_is_all_cache_hits_and_identical(tmp_path, articles, settings, reference, calls):
    first = list(map_articles(articles, settings, cache=tmp_path, batch=5))
    assert len(calls) == 18 and first == reference
    store = ResultCache(tmp_path)
    assert len(store) == 18
    store.close()
    calls.clear()
    second = list(map_articles(articles, settings, cache=tmp_path, batch=5))
    assert calls == []
    assert second == reference


def test_cache_hits_with_a_pool_are_identical(tmp_path, articles, settings, reference):
    list(map_articles(articles, settings, jobs=2, cache=tmp_path))
    assert list(map_articles(articles, settings, jobs=2, cache=tmp_path, batch=7)) == reference


def test_changed_article_is_recomputed_others_reused(tmp_path, articles, settings, reference, calls):
    list(map_articles(articles, settings, cache=tmp_path))
    calls.clear()
    changed = list(articles)
    a = changed[3]
    changed[3] = dataclasses.replace(a, text=a.text.replace("said", "claimed", 1))
    got = list(map_articles(changed, settings, cache=tmp_path))
    assert calls == [a.id]
    assert got[:3] == reference[:3] and got[4:] == reference[4:]
    assert got[3] == next(map_articles([changed[3]], settings))
    assert any(q["cue"] == "claimed" for q in got[3].quotes)
    assert not any(q["cue"] == "claimed" for q in reference[3].quotes)


def test_metadata_change_is_recomputed(tmp_path, articles, settings, calls):
    list(map_articles(articles[:3], settings, cache=tmp_path))
    calls.clear()
    moved = [dataclasses.replace(articles[0], outlet="another")] + articles[1:3]
    got = list(map_articles(moved, settings, cache=tmp_path))
    assert calls == [articles[0].id]
    assert {q["outlet"] for q in got[0].quotes} == {"another"}


def test_settings_change_invalidates(tmp_path, articles, settings, calls):
    list(map_articles(articles, settings, cache=tmp_path))
    calls.clear()
    other = dataclasses.replace(settings, actors=Actors({"Valdoria": Party("Valdoria", ["Valdoria"], [])}))
    assert other.fingerprint() != settings.fingerprint()
    got = list(map_articles(articles, other, cache=tmp_path))
    assert len(calls) == 18
    parties = {q["party"] for r in got for q in r.quotes}
    assert "Estland" not in parties and "Valdoria" in parties


def test_results_with_errors_are_not_cached(tmp_path, articles, settings, monkeypatch):
    real = parallel.analyze_article

    def flaky(article, s):
        r = real(article, s)
        if article.id == articles[1].id:
            r.errors.append({"file": article.id, "stage": "analyze", "message": "boom", "line": None})
        return r

    monkeypatch.setattr(parallel, "analyze_article", flaky)
    list(map_articles(articles[:3], settings, cache=tmp_path))
    store = ResultCache(tmp_path)
    fp = settings.fingerprint()
    assert set(store.get_many([article_key(a, fp) for a in articles[:3]])) == {
        article_key(articles[0], fp), article_key(articles[2], fp)}
    store.close()


class Stop(Exception):
    pass


def _check_cache_consistent(folder, articles, settings, reference):
    """Every stored result equals a fresh one; returns how many are stored."""
    fp = settings.fingerprint()
    store = ResultCache(folder)
    keys = {article_key(a, fp): i for i, a in enumerate(articles)}
    stored = store.get_many(list(keys))
    n = len(store)
    store.close()
    for k, r in stored.items():
        assert r == reference[keys[k]]
    return n


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_consumer_leaves_a_consistent_cache(tmp_path, articles, settings, reference, jobs):
    got = []
    with pytest.raises(Stop):
        for r in map_articles(articles, settings, jobs=jobs, cache=tmp_path, batch=4):
            got.append(r)
            if len(got) == 6:
                raise Stop
    n = _check_cache_consistent(tmp_path, articles, settings, reference)
    assert n % 4 == 0 and 4 <= n < 18  # whole batches only, and not the whole corpus
    assert list(map_articles(articles, settings, jobs=jobs, cache=tmp_path, batch=4)) == reference
    assert _check_cache_consistent(tmp_path, articles, settings, reference) == 18


def test_failing_reader_mid_corpus_leaves_a_consistent_cache(tmp_path, articles, settings, reference, calls):
    def reader():
        for i, a in enumerate(articles):
            if i == 10:
                raise Stop("disk gone")
            yield a

    out = []
    with pytest.raises(Stop):
        out.extend(map_articles(reader(), settings, cache=tmp_path, batch=4))
    assert out == reference[:8]  # the two complete batches before the failing one
    assert _check_cache_consistent(tmp_path, articles, settings, reference) == 8
    calls.clear()
    assert list(map_articles(articles, settings, cache=tmp_path, batch=4)) == reference
    assert calls == [a.id for a in articles[8:]]


def test_cache_roundtrip_keeps_types(tmp_path, reference):
    store = ResultCache(tmp_path)
    store.put_many([("k", reference[0])])
    back = store.get_many(["k"])["k"]
    store.close()
    assert isinstance(back, ArticleResult) and back == reference[0]
    assert isinstance(back.quotes[0]["start"], int) and isinstance(back.quotes[0]["sentiment"], float)


def test_corpus_stamp_sees_every_change(tmp_path, settings):
    from framing.run.parallel import corpus_stamp
    from framing.run.pipeline import Settings

    root = tmp_path / "c"
    (root / "wire").mkdir(parents=True)
    (root / "wire" / "a.md").write_text("“We stay,” said Ana Berg.\n")
    (root / ".cache").mkdir()
    first = corpus_stamp(root, settings)
    assert corpus_stamp(root, settings) == first
    (root / ".cache" / "results.sqlite").write_text("x")  # hidden folders (the cache) do not count
    assert corpus_stamp(root, settings) == first
    assert corpus_stamp(root, Settings()) != first  # other actors
    assert corpus_stamp(root, settings, by=["date"]) != first
    st = (root / "wire" / "a.md").stat()
    os.utime(root / "wire" / "a.md", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    touched = corpus_stamp(root, settings)
    assert touched != first
    (root / "metadata.csv").write_text("id,author\nwire/a,Jo\n")
    assert corpus_stamp(root, settings) not in (first, touched)
    assert corpus_stamp(root / "wire" / "a.md", settings) != first  # a single file
