"""The fast tier's in-memory stores (tests/fakes.py) behave as the library folder's stores do: each check
runs on both, so a fake that drifts from the real store fails here rather than hiding a bug elsewhere."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from fakes import MemoryVectors, memory_stores

from legalassist.domain import DocType
from legalassist.index.keyword import TEXT_VERSION, KeywordDoc, KeywordIndex
from legalassist.index.vectors import VectorIndex

DIM = 8


def _unit(*values: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


@pytest.fixture(params=["folder", "memory"])
def vectors(request, tmp_path):
    store = VectorIndex(tmp_path / "vectors", DIM) if request.param == "folder" else MemoryVectors(DIM)
    yield store
    store.close()


def test_vector_rows_removal_and_search_agree_with_the_real_store(vectors) -> None:
    assert vectors.is_new and len(vectors) == 0 and vectors.search(_unit(1), 5) == []
    assert vectors.append([10, 11], np.stack([_unit(1), _unit(1, 1)])) == [0, 1]
    assert vectors.append([12], np.stack([_unit(0, 1)])) == [2]
    assert [pid for pid, _ in vectors.search(_unit(1), 5)] == [10, 11, 12]
    assert [pid for pid, _ in vectors.search(_unit(1), 2)] == [10, 11]
    assert [pid for pid, _ in vectors.search(_unit(1), 5, allowed={11, 12})] == [11, 12]
    top, score = vectors.search(_unit(0, 1), 1)[0]
    assert top == 12 and score == pytest.approx(1.0)
    assert vectors.rows_not_matching({10: 0, 11: 1, 12: 2}) == 0
    assert vectors.rows_not_matching({10: 1, 12: 7}) == 2  # a row holding another passage; a row that is not there
    vectors.remove([11])
    assert len(vectors) == 3, "a removed row stays, tombstoned, so later rows keep their numbers"
    assert vectors.live_ids() == {10, 12}
    assert [pid for pid, _ in vectors.search(_unit(1), 5)] == [10, 12]
    assert vectors.rows_not_matching({11: 1}) == 1
    assert set(vectors.vectors_of([10, 11, 99])) == {10}
    np.testing.assert_allclose(vectors.vectors_of([12])[12], _unit(0, 1))
    with pytest.raises(ValueError):
        vectors.append([13], np.stack([_unit(1), _unit(0, 1)]))
    vectors.reset()
    assert len(vectors) == 0 and vectors.live_ids() == set()


@pytest.fixture(params=["folder", "memory"])
def keyword(request, tmp_path):
    store = KeywordIndex(tmp_path / "keyword" if request.param == "folder" else None)
    yield store
    store.close()


def _doc(pid: int, doc_id: int, text: str) -> KeywordDoc:
    return KeywordDoc(pid, doc_id, text, f"Document {doc_id}", "§ 1", "", DocType.STATUTE, "")


def test_keyword_index_in_memory_is_the_same_engine(keyword) -> None:
    assert keyword.outdated, "a new index is not current until the library has filled it (index.migrations)"
    assert keyword.docs_index_is_new
    keyword.rebuild()
    keyword.add([_doc(1, 1, "an action shall be commenced within three years"), _doc(2, 2, "arbitration award")])
    assert keyword.search_terms("three years", None) == []  # searchable after the flush
    keyword.flush()
    keyword.mark_current()
    assert keyword._text_version() == TEXT_VERSION
    assert [pid for pid, _ in keyword.search_terms("three years", None)] == [1]
    assert keyword.all_pids() == {1, 2}
    keyword.delete_documents([1])
    assert keyword.search_terms("three years", None) == [] and keyword.all_pids() == {2}
    keyword.rebuild()
    assert keyword.all_pids() == set() and keyword._text_version() < TEXT_VERSION


def test_a_folder_index_keeps_its_passages_and_version_when_opened_again(tmp_path) -> None:
    """What the memory index cannot show: the folder's index outlives its object (contrast for the above)."""
    first = KeywordIndex(tmp_path / "keyword")
    first.rebuild()
    first.add([_doc(1, 1, "within three years")])
    first.flush()
    first.mark_current()
    first.close()
    again = KeywordIndex(tmp_path / "keyword")
    assert not again.outdated and again.all_pids() == {1}
    again.close()


def test_memory_stores_open_empty_and_new() -> None:
    catalog, keyword, vectors = memory_stores()
    assert catalog.is_new and catalog.documents() == []
    assert keyword.outdated and len(vectors) == 0
    catalog.close()
    keyword.close()


def test_the_keyword_writer_pauses_while_it_indexes_so_the_window_keeps_running(monkeypatch) -> None:
    """Whoosh's writer lets go of the GIL only for instants and takes it straight back, which starved the window's
    event loop for up to 430 ms while a large document was re-indexed (docs/BENCHMARKS.md, "The window while it
    works"). The writer pauses every ``YIELD_EVERY`` passages to hand it over."""
    from legalassist.index import keyword as module

    pauses: list[float] = []
    # The module's own reference to ``time``: patching time.sleep itself would reach every thread of the run.
    monkeypatch.setattr(module, "time", SimpleNamespace(sleep=pauses.append))
    index = KeywordIndex(None)
    index.add([_doc(pid, 1, f"passage {pid} on arbitration") for pid in range(1, 2 * module.YIELD_EVERY + 2)])
    index.flush()
    assert pauses == [module.YIELD_SECONDS] * 2
    assert len(index.all_pids()) == 2 * module.YIELD_EVERY + 1
    index.close()
