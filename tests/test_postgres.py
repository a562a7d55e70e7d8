"""The PostgreSQL index (pgvector + full-text search) against the embedded default, on a real server.

The shared retrieval tests (test_query, test_search, test_citations, test_ask) run on both backends;
these check what is particular to a server: ranking parity with the embedded index, moving a library
onto the server, removal, and a server that cannot be reached."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import CORPUS, backend_settings, make_settings

from legalassist.errors import LibraryError
from legalassist.service import Library

QUESTIONS = [
    "validity of arbitration agreements",
    "liability of common carriers by railroad for injuries to employees",
    "personal jurisdiction over a corporation doing business in the state",
    "power of attorney to enter into an arbitration agreement",
    "freedom of speech and of the press",
    "time limit for bringing an action under the act",
]


def where(hits: list) -> list[tuple[str, int, int]]:
    """Hits by place (file, page, start): passage ids differ between two libraries."""
    return [(Path(h.document.path).name, h.passage.page, h.passage.start) for h in hits]


@pytest.mark.parametrize("question", QUESTIONS)
def test_keyword_ranking_matches_the_embedded_index(sample_library, postgres_sample_library, question: str) -> None:
    embedded = where(sample_library.search(question, 10, mode="keyword"))
    server = where(postgres_sample_library.search(question, 10, mode="keyword"))
    assert server[0] == embedded[0] and len(server) == len(embedded)
    # Same BM25F formula and statistics; Whoosh keeps field lengths in one byte, the server exactly,
    # so near-ties may swap places but the lists agree.
    assert len(set(server) & set(embedded)) >= min(8, len(embedded)), (server, embedded)


def test_a_words_share_of_passages_is_the_same_on_the_server(sample_library, postgres_sample_library) -> None:
    """How rare a word is (the answer checks' ``passage_share``): the same count of passages on both backends."""
    for word in ("arbitration", "railroad", "circumvention", "reissue", "the"):
        for term in sample_library.keyword.terms(word):
            embedded = sample_library.keyword.passage_share(term)
            assert postgres_sample_library.keyword.passage_share(term) == pytest.approx(embedded), word
    assert 0 < sample_library.keyword.passage_share(sample_library.keyword.terms("arbitration")[0]) < 0.5


@pytest.mark.parametrize("question", QUESTIONS)
def test_vector_search_on_the_server_equals_exact_search(
    sample_library, postgres_sample_library, question: str
) -> None:
    embedded = where(sample_library.search(question, 10, mode="vector"))
    server = where(postgres_sample_library.search(question, 10, mode="vector"))
    assert server == embedded  # HNSW with ef_search 200 over a few hundred passages: no loss


def test_hybrid_results_agree_with_the_embedded_library(sample_library, postgres_sample_library) -> None:
    for question in QUESTIONS:
        embedded = where(sample_library.search(question, 5))
        server = where(postgres_sample_library.search(question, 5))
        assert server[0] == embedded[0], question
        assert len(set(server) & set(embedded)) >= 4, question


MOVED_DOCS = [CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "45_USC_51.pdf"]


def _embedded_library(root: Path, docs: list[Path]) -> None:
    """A library in ``root`` with ``docs`` imported and embedded in its own folder (the default backend)."""
    with Library(make_settings(root)) as lib:
        assert all(r.ok for r in lib.import_paths(docs))


@pytest.mark.models
def test_a_library_moved_onto_the_server_is_indexed_again_from_its_catalog(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "library"
    _embedded_library(root, MOVED_DOCS)
    with Library(make_settings(root)) as lib:
        before = where(lib.search("validity of arbitration agreements", 5, mode="keyword"))
        kept = lib.vectors.vectors_of(sorted(lib.vectors.live_ids()))
    server = backend_settings("postgres", request)
    with Library(make_settings(root, **server)):
        pass  # the server's tables made, and the app closed before migrating: the next opening fills them
    with Library(make_settings(root, **server)) as lib:
        # Opened by a front end, it is migrated: keyword search answers at once (rebuilt from the catalog),
        # and the vectors its folder holds are copied onto the server, not computed again.
        assert lib.migrate() == ["keyword index rebuilt", "vectors moved onto the server"]
        assert where(lib.search("validity of arbitration agreements", 5, mode="keyword")) == before
        assert {d.status for d in lib.documents()} == {"embedded"}
        assert lib.embed_pending() == 0
        moved = lib.vectors.vectors_of(sorted(kept))
        assert moved.keys() == kept.keys() and all(np.allclose(moved[p], kept[p], atol=1e-6) for p in kept)
        assert where(lib.search("validity of arbitration agreements", 1, mode="vector"))[0][0] == "9_USC_2.pdf"
        assert lib.verify() == []


@pytest.mark.models
def test_a_move_cut_short_copies_the_rest_and_other_models_vectors_are_made_again(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from legalassist.progress import NullProgress

    root = tmp_path / "library"
    _embedded_library(root, MOVED_DOCS)
    with Library(make_settings(root)) as lib:
        passages = len(lib.vectors.live_ids())
    server = backend_settings("postgres", request)

    class ClosedDuringTheMove(NullProgress):
        """The window closed while the first document's vectors were being copied."""

        def start(self, total: int, label: str = "") -> None:
            self.label = label

        def advance(self, n: int = 1, label: str = "") -> None:
            if self.label.startswith("moving"):
                self.cancel()

    with Library(make_settings(root, **server)) as lib:
        assert lib.migrate(ClosedDuringTheMove()) == ["keyword index rebuilt"]  # the move stays due
        assert 0 < len(lib.vectors) < passages  # one document's vectors are on the server
    with Library(make_settings(root, **server)) as lib:
        assert lib.migrate() == ["vectors moved onto the server"]
        assert len(lib.vectors) == passages and lib.embed_pending() == 0
        assert where(lib.search("validity of arbitration agreements", 1, mode="vector"))[0][0] == "9_USC_2.pdf"
        assert lib.verify() == []
    # Vectors of another embedding model are not moved: the library is embedded again on the server.
    other = tmp_path / "other"
    _embedded_library(other, MOVED_DOCS[:1])
    meta = other / "library.json"
    meta.write_text(meta.read_text().replace('"embedder": "', '"embedder": "another model '))
    with Library(make_settings(other, **backend_settings("postgres", request))) as lib:
        assert lib.migrate() == ["keyword index rebuilt", "vectors lost"]
        assert lib.embed_pending() > 0


@pytest.mark.models
def test_removing_a_document_removes_it_from_the_server(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    docs = [CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "9_USC_4.pdf"]
    with Library(make_settings(tmp_path / "library", **backend_settings("postgres", request))) as lib:
        assert all(r.ok for r in lib.import_paths(docs))
        gone = next(d for d in lib.documents() if d.path.endswith("9_USC_2.pdf"))
        pids = set(lib.catalog.passage_ids_of(gone.id))
        lib.remove(gone.id)
        assert not pids & lib.keyword.all_pids()
        assert not pids & lib.vectors.live_ids()
        assert gone.id not in lib.keyword.all_document_ids()
        assert all(h.document.id != gone.id for h in lib.search("arbitration", 50))
        assert lib.verify() == []
        # Imported again, it is found again.
        assert all(r.ok for r in lib.import_paths(docs))
        assert "9_USC_2.pdf" in {n for n, _, _ in where(lib.search('"valid, irrevocable, and enforceable"', 5))}


def test_vectors_round_trip_through_the_server(postgres_sample_library) -> None:
    pids = sorted(postgres_sample_library.vectors.live_ids())[:5]
    stored = postgres_sample_library.vectors.vectors_of(pids)
    assert set(stored) == set(pids)
    for vec in stored.values():
        assert vec.shape == (384,) and abs(float(np.linalg.norm(vec)) - 1.0) < 1e-3


def test_a_server_that_cannot_be_reached_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "library",
        index_backend="postgres",
        postgres_url=f"postgresql://nobody:s3cret@/db?host={tmp_path}/no-server",
        postgres_schema="lib",
    )
    with pytest.raises(LibraryError, match="Cannot reach the PostgreSQL library index.*postgres_url") as raised:
        Library(settings)
    assert "s3cret" not in str(raised.value)  # the password is never shown


def test_a_bad_schema_name_is_refused(tmp_path: Path, postgres_url: str) -> None:
    settings = make_settings(
        tmp_path / "library", index_backend="postgres", postgres_url=postgres_url, postgres_schema='x"; DROP'
    )
    with pytest.raises(LibraryError, match="postgres_schema"):
        Library(settings)
