"""Opening a library an older version wrote (legalassist.index.migrations): nothing is rebuilt by opening it;
the front ends migrate it, each step is recorded, and a library that needs nothing takes no lock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, make_settings, run_cli

from legalassist.index.migrations import INDEX_STEPS, SCHEMA_STEPS
from legalassist.progress import NullProgress
from legalassist.service import Library

DOCS = [CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "45_USC_56.pdf"]


def _library(root: Path) -> None:
    with Library(make_settings(root)) as lib:
        assert all(r.ok for r in lib.import_paths(DOCS, embed=False))
        assert lib.migrate() == [] and lib.catalog.migrations() == []  # a new library: nothing to record


def test_the_steps_are_named_once_each() -> None:
    names = [s.name for s in SCHEMA_STEPS + INDEX_STEPS]
    assert len(names) == len(set(names))


def test_a_lost_keyword_folder_is_rebuilt_from_the_catalog_when_migrated(tmp_path: Path) -> None:
    _library(tmp_path)
    shutil.rmtree(tmp_path / "keyword")
    with Library(make_settings(tmp_path)) as lib:
        assert lib.search("commenced within three years", 5, mode="keyword") == []  # opening rebuilt nothing
        assert lib.migrate() == ["keyword index rebuilt"]
        hits = lib.search("commenced within three years", 5, mode="keyword")
        assert hits and hits[0].document.path.endswith("45_USC_56.pdf")
        assert [name for name, _, _ in lib.catalog.migrations()] == ["keyword index rebuilt"]
        assert lib.verify() == []


def test_a_command_migrates_the_library_it_opens(tmp_path: Path) -> None:
    _library(tmp_path)
    shutil.rmtree(tmp_path / "keyword")
    out = run_cli("search", "commenced within three years", "--mode", "keyword", library=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "45_USC_56" in out.stdout or "45 U.S.C. § 56" in out.stdout


def test_migrating_a_current_library_takes_no_writer_lock(tmp_path: Path) -> None:
    _library(tmp_path)
    with Library(make_settings(tmp_path)) as writer, Library(make_settings(tmp_path)) as reader:
        writer.writer.lock.acquire()  # another window importing
        assert reader.migrate() == []  # nothing due: it does not even try the lock
        shutil.rmtree(tmp_path / "keyword", ignore_errors=True)
    with Library(make_settings(tmp_path)) as writer, Library(make_settings(tmp_path)) as reader:
        writer.writer.lock.acquire()
        assert reader.migrate() == []  # due, but another process is writing: that one migrates it
        writer.writer.lock.release()
        assert reader.migrate() == ["keyword index rebuilt"]


def test_contract_titles_read_before_parties_are_read_again(tmp_path: Path) -> None:
    """A library from before contract titles named their parties: each contract titled by its bare heading
    is read again from its stored pages and re-indexed; a title the user gave is kept."""
    papers = tmp_path / "papers"
    papers.mkdir()
    form = (
        "NON-DISCLOSURE AGREEMENT\nThis Agreement is made on __________ by and between ______________, "
        '("Discloser") and {name} ("Recipient").\n1. Purpose. The Discloser will share its plans.\n'
    )
    for stem, name in (("a", "Morrow Security Group"), ("b", "Harlow Analytics Inc.")):
        (papers / f"{stem}.txt").write_text(form.format(name=name), encoding="utf-8")
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert all(r.ok for r in lib.import_paths([papers], embed=False))
        docs = sorted(lib.documents(), key=lambda d: d.path)
        assert [d.title for d in docs] == [
            "Non-Disclosure Agreement (Morrow Security Group)",
            "Non-Disclosure Agreement (Harlow Analytics Inc.)",
        ]
        lib.edit_metadata(docs[1].id, title="Harlow NDA")
        db = lib.catalog._db  # what the older version wrote
        db.execute(
            "UPDATE documents SET title='Non-Disclosure Agreement', sources=? WHERE id=?",
            ('{"title": {"from": "page 1: the agreement\'s heading", "confidence": 0.7}}', docs[0].id),
        )
        db.commit()
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert lib.migrate() == ["contract titles read again"]
        assert lib.migrate() == []  # done once
        by_path = {Path(d.path).name: d for d in lib.documents()}
        assert by_path["a.txt"].title == "Non-Disclosure Agreement (Morrow Security Group)"
        assert by_path["b.txt"].title == "Harlow NDA"  # the user's own title stays
        hits = lib.search("Morrow Security non-disclosure", 5, mode="keyword")
        assert hits and hits[0].document.title == by_path["a.txt"].title
        assert lib.verify() == []


def test_documents_an_older_reader_read_are_read_again_keeping_what_the_user_set(tmp_path: Path) -> None:
    """A library whose fields an older metadata reader read (wrong type, no citation): opening it reads them
    again from the stored pages, as a fresh import does, re-indexes the documents that changed, and keeps every
    field the user set."""
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert all(r.ok for r in lib.import_paths(DOCS, embed=False))
        fresh = {Path(d.path).name: d for d in lib.documents()}
        assert {d.doc_type for d in fresh.values()} == {"statute"} and fresh["45_USC_56.pdf"].citation
        lib.edit_metadata(fresh["9_USC_2.pdf"].id, court="Congress")
        db = lib.catalog._db  # what the older reader wrote: both "other", one without its citation
        db.execute("UPDATE documents SET doc_type='other', reader=0")
        db.execute("UPDATE documents SET citation='' WHERE id=?", (fresh["45_USC_56.pdf"].id,))
        db.commit()
        for doc in fresh.values():  # and indexed so
            lib.writer.keyword_index(doc.id)
        lib.writer.flush_keyword()
    query = "type:statute commenced within three years"
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert lib.search(query, 5, mode="keyword") == []
        assert lib.migrate() == ["metadata read again"]
        assert lib.migrate() == []  # done once
        again = {Path(d.path).name: d for d in lib.documents()}
        for name, doc in again.items():
            assert (doc.doc_type, doc.citation, doc.title) == (
                fresh[name].doc_type,
                fresh[name].citation,
                fresh[name].title,
            )
        assert again["9_USC_2.pdf"].court == "Congress" and again["9_USC_2.pdf"].sources["court"]["from"] == "you"
        hits = lib.search(query, 5, mode="keyword")
        assert hits and hits[0].document.path.endswith("45_USC_56.pdf"), "re-indexed with its type"
        assert lib.verify() == []


def test_routing_counts_each_document_once_after_its_entry_is_replaced(tmp_path: Path) -> None:
    """A question is routed to the document its names identify: a name must be in at most two documents.
    Re-indexing a document (an edit, an index rebuilt on open) replaces its entry; the replaced copy must
    not be counted, or routing would depend on the index's history."""
    from legalassist.index.keyword import VERSION_FILE

    papers = tmp_path / "papers"
    papers.mkdir()
    for name in ("Quillfield", "Tarnwell"):
        (papers / f"{name}.txt").write_text(f"{name} supply agreement\nThe supplier ships goods.\n", encoding="utf-8")
    settings = make_settings(tmp_path / "lib")
    with Library(settings) as lib:
        assert all(r.ok for r in lib.import_paths([papers], embed=False))
        term = lib.keyword.terms("Quillfield")[0]
        assert lib.keyword.documents_with(term) == 1
        doc = next(d for d in lib.documents() if "Quillfield" in d.path)
        scores = dict(lib.keyword.search_documents("Quillfield supply"))
        lib.edit_metadata(doc.id, title=doc.title)  # written again as it was: the same scores
        assert lib.keyword.documents_with(term) == 1
        # The replaced entry is merged away: the document index's statistics are a fresh index's.
        assert lib.keyword._current_searcher(docs=True).doc_count_all() == 2
        assert dict(lib.keyword.search_documents("Quillfield supply")) == pytest.approx(scores)
    (tmp_path / "lib" / "keyword" / VERSION_FILE).unlink()
    with Library(settings) as lib:
        assert lib.migrate() == ["keyword index rebuilt"]
        assert lib.keyword.documents_with(term) == 1
        # The document index is written afresh, so its scoring statistics hold no replaced entries either.
        assert lib.keyword._current_searcher(docs=True).doc_count_all() == 2


class Recorder(NullProgress):
    """What a front end's progress bar is told; cancelled (the window closing) after ``stop_after`` documents."""

    def __init__(self, stop_after: int | None = None) -> None:
        super().__init__()
        self.stop_after = stop_after
        self.started: list[tuple[int, str]] = []
        self.done = 0

    def start(self, total: int, label: str = "") -> None:
        self.started.append((total, label))

    def advance(self, n: int = 1, label: str = "") -> None:
        self.done += n
        if self.stop_after is not None and self.done >= self.stop_after:
            self.cancel()


def test_reading_again_reports_each_document_and_when_stopped_runs_again_in_full(tmp_path: Path) -> None:
    """A library's update on open goes through every document with a progress bar; the window closing stops it
    after the document under way, unrecorded, and the next open does the step again to the end."""
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert all(r.ok for r in lib.import_paths(DOCS, embed=False))
        db = lib.catalog._db  # what an older reader wrote
        db.execute("UPDATE documents SET doc_type='other', reader=0")
        db.commit()
        for doc in lib.documents():
            lib.writer.keyword_index(doc.id)
        lib.writer.flush_keyword()
    query = "type:statute commenced within three years"
    with Library(make_settings(tmp_path / "lib")) as lib:
        stopped = Recorder(stop_after=1)
        assert lib.migrate(stopped) == []
        assert stopped.started == [(2, "reading document details again")] and stopped.done == 1
        assert lib.catalog.migrations() == []  # not recorded: still due
        assert sorted(d.doc_type for d in lib.documents()) == ["other", "statute"]  # the first one was read
        assert lib.verify() == []
        progress = Recorder()
        assert lib.migrate(progress) == ["metadata read again"]
        assert progress.started == [(2, "reading document details again")] and progress.done == 2
        assert {d.doc_type for d in lib.documents()} == {"statute"}
        hits = lib.search(query, 5, mode="keyword")
        assert hits and hits[0].document.path.endswith("45_USC_56.pdf")
        assert lib.migrate() == []


def test_citations_found_again_are_searchable_for_the_documents_done_before_a_stop(tmp_path: Path) -> None:
    """Stopped part way, each document whose citations were found again is already indexed with them: the
    next open sees its citations unchanged and would not index it again."""
    from legalassist.citations.extract import SHAPES

    ellingburg = CORPUS / "scotus" / "24-482_Ellingburg_v_United_States_slip_2026.pdf"
    with Library(make_settings(tmp_path)) as lib:
        lib.import_paths([ellingburg, *DOCS], embed=False)
        doc = next(d for d in lib.documents() if d.path.endswith(ellingburg.name))
        with lib.catalog.transaction():  # what an extractor without letter suffixes left
            lib.catalog.set_citations(doc.id, [], set())
        lib.writer.keyword_passages(doc)
        lib.keyword.flush()
        lib.catalog.citation_shapes = SHAPES - 1
    with Library(make_settings(tmp_path)) as lib:
        assert lib.writer.searchable()[0].id == doc.id  # the first one the step reads
        assert lib.migrate(Recorder(stop_after=1)) == []
        assert lib.catalog.citation_shapes == SHAPES - 1  # still due
        hits = lib.search('cites:"18 U.S.C. § 3663A"', 5, mode="keyword")
        assert hits and all(h.document.id == doc.id for h in hits)
    with Library(make_settings(tmp_path)) as lib:
        assert lib.migrate(Recorder()) == ["citations found again"]
        assert lib.catalog.citation_shapes == SHAPES
        assert lib.search('cites:"18 U.S.C. § 3663A"', 5, mode="keyword")
        assert lib.verify() == []
