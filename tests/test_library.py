"""Import into a library: per-file results, incremental re-import, removal, recovery, one writer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, MODELS, make_settings, run_cli

from legalassist.errors import LibraryLocked
from legalassist.service import Library

STATUTES = [CORPUS / "us_code" / f"9_USC_{n}.pdf" for n in (1, 2, 3)]


def keyword_docs(lib: Library, query: str) -> set[str]:
    return {Path(h.document.path).name for h in lib.search(query, 20, mode="keyword")}


def test_import_reports_each_file_and_keeps_going_past_bad_ones(tmp_path: Path, tmp_library: Library) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for p in STATUTES:
        shutil.copy(p, folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (folder / "memo.pdf").write_text("not really a pdf")
    results = tmp_library.import_paths([folder, tmp_path / "nowhere.pdf"], embed=False)
    by_name = {Path(r.path).name: r for r in results}
    assert {n for n, r in by_name.items() if r.status == "imported"} == {p.name for p in STATUTES}
    for bad in ("broken.pdf", "memo.pdf", "nowhere.pdf"):
        assert by_name[bad].status == "failed" and bad in by_name[bad].message
    assert keyword_docs(tmp_library, "irrevocable enforceable arbitrate") >= {"9_USC_2.pdf"}
    failed = [d for d in tmp_library.documents() if d.status == "failed"]
    assert {Path(d.path).name for d in failed} == {"broken.pdf", "memo.pdf"} and all(d.error for d in failed)


def test_every_passage_is_the_exact_text_of_its_page(tmp_library: Library) -> None:
    tmp_library.import_paths(
        STATUTES[:2] + [CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf"], embed=False
    )
    checked = 0
    for doc in tmp_library.documents():
        for p in tmp_library.catalog.passages_of(doc.id):
            page = tmp_library.page(doc.id, p.page)
            assert page is not None and page.text[p.start : p.end] == p.text
            checked += 1
    assert checked > 20


def test_reimport_is_incremental_and_recognises_moves_and_duplicates(tmp_path: Path, tmp_library: Library) -> None:
    original = tmp_path / "faa.pdf"
    shutil.copy(STATUTES[1], original)
    assert [r.status for r in tmp_library.import_paths([original], embed=False)] == ["imported"]
    assert [r.status for r in tmp_library.import_paths([original], embed=False)] == ["unchanged"]

    copy = tmp_path / "faa copy.pdf"
    shutil.copy(original, copy)
    assert [r.status for r in tmp_library.import_paths([copy], embed=False)] == ["duplicate"]

    moved = tmp_path / "renamed.pdf"
    original.rename(moved)
    result = tmp_library.import_paths([moved], embed=False)[0]
    assert result.status == "moved" and "faa.pdf" in result.message
    assert len([d for d in tmp_library.documents() if d.status != "failed"]) == 1

    shutil.copy(STATUTES[0], moved)  # same name, new content
    assert tmp_library.import_paths([moved], embed=False)[0].status == "imported"
    assert keyword_docs(tmp_library, "maritime transactions defined") == {"renamed.pdf"}
    assert "renamed.pdf" not in keyword_docs(tmp_library, "irrevocable enforceable")


def test_removing_a_document_removes_it_from_every_index_but_not_from_disk(
    tmp_path: Path, tmp_library: Library
) -> None:
    target = tmp_path / "faa.pdf"
    shutil.copy(STATUTES[1], target)
    before = target.read_bytes()
    tmp_library.import_paths([target, STATUTES[0]])
    doc = tmp_library.catalog.document_by_path(str(target.resolve()))
    assert doc is not None
    pids = tmp_library.catalog.passage_ids_of(doc.id)
    assert set(pids) <= tmp_library.vectors.live_ids()
    tmp_library.remove(doc.id)
    assert tmp_library.document(doc.id) is None
    assert not set(pids) & tmp_library.vectors.live_ids()
    assert not set(pids) & tmp_library.keyword.all_pids()
    assert all(
        Path(h.document.path) != target.resolve() for h in tmp_library.search("irrevocable enforceable arbitrate", 20)
    )
    assert target.read_bytes() == before


def test_interrupted_import_is_completed_on_next_open(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "lib")
    with Library(settings) as lib:
        lib.import_paths([STATUTES[1]], embed=False)
        doc = lib.documents()[0]
        # The state a crash leaves between the catalog commit and the keyword commit:
        lib.keyword.delete_documents([doc.id])
        lib.catalog.set_status(doc.id, "extracted")
        # ... and a vector appended whose catalog update never happened:
        import numpy as np

        lib.vectors.append([999_999], np.ones((1, lib.vectors.dim), dtype=np.float32) / lib.vectors.dim**0.5)
    with Library(settings) as lib:
        lib.import_paths([], embed=False)  # any write first recovers
        assert lib.document(doc.id).status == "indexed"
        assert keyword_docs(lib, "irrevocable enforceable") == {"9_USC_2.pdf"}
        assert 999_999 not in lib.vectors.live_ids()


def test_a_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "lib")
    with Library(settings) as first, Library(settings) as second:
        first.writer.lock.acquire()
        with pytest.raises(LibraryLocked, match="another legalassist"):
            second.import_paths([STATUTES[0]], embed=False)
        first.writer.lock.release()
        assert second.import_paths([STATUTES[0]], embed=False)[0].status == "imported"


def test_cli_import_names_bad_files_and_exits_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(STATUTES[0].read_bytes()[:500])
    proc = run_cli(
        "import", "--no-embed", STATUTES[0], bad, tmp_path / "missing.pdf", library=tmp_path / "lib", timeout=120
    )
    assert proc.returncode == 1
    assert "truncated.pdf" in proc.stderr and "truncated or damaged" in proc.stderr
    assert "missing.pdf" in proc.stderr and "no such file" in proc.stderr
    assert "1 of 3 files in the library; 2 failed." in proc.stderr
    listing = run_cli(
        "documents",
        "--json",
        library=tmp_path / "lib",
        timeout=60,
    )
    titles = [d["title"] for d in json.loads(listing.stdout)["documents"] if d["status"] == "indexed"]
    assert titles == ["9 U.S.C. § 1. “Maritime transactions” and “commerce” defined; exceptions to operation of title"]


def test_a_folder_kept_in_sync_adds_changed_moved_and_deleted_files(tmp_library, tmp_path: Path) -> None:
    folder = tmp_path / "watched"
    (folder / "sub").mkdir(parents=True)
    for n in (2, 3, 4):
        shutil.copy(CORPUS / "us_code" / f"9_USC_{n}.pdf", folder / f"9_USC_{n}.pdf")
    first = tmp_library.sync_folder(folder, embed=False)
    assert sorted(r.status for r in first) == ["imported"] * 3

    (folder / "9_USC_3.pdf").rename(folder / "sub" / "stay.pdf")  # moved: keeps its index
    (folder / "9_USC_4.pdf").unlink()  # deleted from the folder
    shutil.copy(CORPUS / "us_code" / "9_USC_10.pdf", folder / "sub" / "vacate.pdf")  # new
    second = {Path(r.path).name: r.status for r in tmp_library.sync_folder(folder, embed=False)}
    assert second == {
        "9_USC_2.pdf": "unchanged",
        "stay.pdf": "moved",
        "vacate.pdf": "imported",
        "9_USC_4.pdf": "removed",
    }
    names = sorted(Path(d.path).name for d in tmp_library.documents())
    assert names == ["9_USC_2.pdf", "stay.pdf", "vacate.pdf"]
    hits = tmp_library.search("petition for an order directing that such arbitration proceed", 20, "keyword")
    assert hits and all(Path(h.document.path).name != "9_USC_4.pdf" for h in hits)
    assert (CORPUS / "us_code" / "9_USC_4.pdf").exists(), "the corpus file itself is never touched"
    assert all(r.status == "unchanged" for r in tmp_library.sync_folder(folder, embed=False))


def test_saved_settings_are_read_and_a_bad_value_is_ignored(tmp_path: Path) -> None:
    from legalassist.config import Settings, read_settings_file, save_settings, settings_file

    save_settings({"top_k": 4, "chat_model": tmp_path / "m.gguf"})
    assert Settings().top_k == 4 and Settings().chat_model == tmp_path / "m.gguf"
    assert Settings(top_k=9).top_k == 9, "values passed in win over the file"
    save_settings({"chat_model": None})  # back to the default: the key leaves the file
    assert "chat_model" not in read_settings_file() and Settings().chat_model is None
    settings_file().write_text(json.dumps({"top_k": "many", "threads": 3}), encoding="utf-8")
    assert Settings().top_k == 6 and Settings().threads == 3, "a bad value is dropped, the rest kept"
    settings_file().write_text("{not json", encoding="utf-8")
    assert Settings().top_k == 6


def test_the_legal_embedder_is_the_default_and_brings_its_own_fusion_weight(tmp_path: Path) -> None:
    from legalassist.config import EMBED_MODEL_FILE, LEGAL_EMBED_FILE, Settings

    models = tmp_path / "models"
    base, legal = models / EMBED_MODEL_FILE, models / LEGAL_EMBED_FILE
    legal.parent.mkdir(parents=True)
    base.write_bytes(b"base")
    settings = Settings(models_dir=models)
    assert settings.embed_model_path == base and settings.fusion_vector_weight == 1.0, "no legal embedder: the base"

    legal.write_bytes(b"legal")
    assert Settings(models_dir=models).embed_model_path == legal
    assert Settings(models_dir=models).fusion_vector_weight == 1.0, "a model without a manifest is fused at 1"
    legal.with_suffix(".json").write_text(json.dumps({"fusion_vector_weight": 5}), encoding="utf-8")
    assert Settings(models_dir=models).fusion_vector_weight == 5.0
    assert Settings(models_dir=models, vector_weight=2).fusion_vector_weight == 2.0, "a weight set wins"
    assert Settings(models_dir=models, vector_weight=0).fusion_vector_weight == 0.0
    assert Settings(models_dir=models, embed_model=base).fusion_vector_weight == 1.0, "the weight follows the model"
    legal.with_suffix(".json").write_text("{damaged", encoding="utf-8")
    assert Settings(models_dir=models).fusion_vector_weight == 1.0


@pytest.mark.models
def test_a_search_from_the_command_line_embeds_a_library_another_model_made_first(tmp_path: Path) -> None:
    """A library embedded by all-MiniLM-L6-v2 (an older version's default), searched with the legal embedder: the
    command says so, embeds it again, and its vector search then finds the passage, as a fresh library does."""
    from legalassist.config import EMBED_MODEL_FILE

    library = tmp_path / "lib"
    with Library(make_settings(library, embed_model=MODELS / EMBED_MODEL_FILE)) as lib:
        lib.import_paths([CORPUS / "us_code" / "45_USC_56.pdf", CORPUS / "us_code" / "9_USC_2.pdf"])
    query = "time limit for an action for injury to a railroad employee"
    first = run_cli("search", query, "--mode", "vector", "--k", "1", "--json", library=library)
    assert first.returncode == 0, first.stderr
    assert "embedded by another model; embedding its 2 passages again with legal-minilm.f16.gguf" in first.stderr
    hits = json.loads(first.stdout)["hits"]
    assert hits and hits[0]["document"].endswith("45_USC_56.pdf")
    again = run_cli("search", query, "--mode", "keyword", "--k", "1", library=library)
    assert again.returncode == 0 and "embedded by another model" not in again.stderr
    with Library(make_settings(library)) as lib:
        assert not lib.vectors_stale() and len(lib.vectors) == lib.catalog.counts()["passages"] == 2


def test_edited_metadata_is_stored_searchable_and_re_embedded(tmp_library) -> None:
    from legalassist.errors import LibraryError
    from legalassist.integrity import problems

    tmp_library.import_paths([CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "9_USC_3.pdf"])
    doc = next(d for d in tmp_library.documents() if Path(d.path).name == "9_USC_2.pdf")
    passages = len(tmp_library.catalog.passage_ids_of(doc.id))

    edited = tmp_library.edit_metadata(doc.id, title="Zebrafish Arbitration Statute", court="Congress", date="1947")
    assert (edited.title, edited.court, edited.date, edited.status) == (
        "Zebrafish Arbitration Statute",
        "Congress",
        "1947",
        "indexed",  # searchable by keyword at once; embedded again below
    )
    hits = tmp_library.search("zebrafish", 5, "keyword")
    assert hits and hits[0].document.id == doc.id, "the new title is in the index"
    assert [h.document.id for h in tmp_library.search('arbitration court:"congress"', 5, "keyword")] == [doc.id]
    assert tmp_library.embed_pending() == passages
    assert tmp_library.document(doc.id).status == "embedded" and problems(tmp_library) == []
    assert tmp_library.search("zebrafish", 5, "vector")[0].document.id == doc.id

    for bad in ({"doc_type": "novel"}, {"date": "last Tuesday"}, {"title": "  "}):
        with pytest.raises(LibraryError):
            tmp_library.edit_metadata(doc.id, **bad)
    assert tmp_library.document(doc.id).title == "Zebrafish Arbitration Statute"


def test_scanned_documents_are_searchable_through_ocr_and_say_so(tmp_path: Path, tmp_library: Library) -> None:
    from legalassist.ingest.pdf import OCR_NOTE, tessdata_dir

    assert tessdata_dir("eng"), "Tesseract's English data is not installed: run `make ocr` (the README's set-up does)"
    scans = sorted((CORPUS / "scanned").glob("*.pdf"))
    results = {Path(r.path).name: r for r in tmp_library.import_paths(scans, embed=False)}
    tarrant = results["scanned_Tarrant_v_Herrmann_first_2_pages.pdf"]
    assert tarrant.status == "imported" and tarrant.message == "pages 1-2 read by OCR (Tesseract)"
    assert (
        "page 1 read by OCR"
        in results["scanned_TN_Workers_Comp_Appeals_Board_Goodwin_v_Morristown_Drivers_Services.pdf"].message
    )
    assert keyword_docs(tmp_library, "Red River Compact congressionally sanctioned") == {Path(tarrant.path).name}
    hit = tmp_library.search("election of remedies doctrine Georgia claim", 1, mode="keyword")[0]
    assert "Goodwin" in hit.document.path and hit.passage.page == 1
    assert tmp_library.catalog.page_notes(tarrant.doc_id) == [(1, OCR_NOTE), (2, OCR_NOTE)]


def test_with_ocr_off_a_scan_is_imported_and_its_pages_reported(tmp_path: Path) -> None:
    with Library(make_settings(tmp_path / "lib", ocr_language="")) as lib:
        [result] = lib.import_paths([CORPUS / "scanned" / "scanned_Tarrant_v_Herrmann_first_2_pages.pdf"], embed=False)
        assert result.status == "imported" and result.passages == 0
        assert "no page has a text layer (scanned document); OCR unavailable" in result.message
        assert "page 2: no text layer, OCR unavailable" in result.message


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_searching_an_empty_library_finds_nothing_and_raises_nothing(tmp_library, mode: str) -> None:
    assert tmp_library.search("arbitration agreement", 5, mode=mode) == []
    assert tmp_library.search('"arbitration agreement" AND type:statute', 5, mode=mode) == []
