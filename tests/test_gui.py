"""The desktop app under QT_QPA_PLATFORM=offscreen, with the real library, models and PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS, MODELS, make_settings

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from legalassist.domain import Claim
from legalassist.ingest import prepare
from legalassist.ui.main_window import MainWindow

pytestmark = pytest.mark.models  # the window opens a library with the real models


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are modal; record what they would have said instead."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def open_window(qtbot, library_dir: Path) -> MainWindow:
    window = MainWindow(make_settings(library_dir))
    qtbot.addWidget(window)
    window.show()
    window.open_library()
    qtbot.waitUntil(lambda: window.library is not None, timeout=20_000)
    return window


def drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


@pytest.mark.parametrize("workers", [False, True], ids=["read-in-app", "read-by-workers"])
def test_drag_and_drop_import_lists_documents_and_shows_the_bad_files_reason(
    qtbot, tmp_path: Path, warnings_shown, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    if workers:  # these few files are read by worker processes, started from the window's import thread
        monkeypatch.setattr(prepare, "PARALLEL_BYTES", 0)
    folder = tmp_path / "dropped"
    folder.mkdir()
    for name in ("9_USC_2.pdf", "9_USC_3.pdf"):
        shutil.copy(CORPUS / "us_code" / name, folder)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)
    window = open_window(qtbot, tmp_path / "lib")
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        drop(window, [folder, bad])
    statuses = {Path(r.path).name: r.status for r in blocker.args[0]}
    assert statuses == {"9_USC_2.pdf": "imported", "9_USC_3.pdf": "imported", "broken.pdf": "failed"}
    qtbot.waitUntil(lambda: window.imports.worker is None, timeout=10_000)
    assert window.documents.model.rowCount() == 3
    assert warnings_shown and "broken.pdf" in warnings_shown[0]

    # The library list narrows to one folder (subfolders included).
    def visible() -> int:
        return len(window.documents.visible_ids())

    folders = window.documents.folder_filter
    folders.setCurrentIndex(folders.findData(str(folder)))
    assert folders.currentText() == f"{tmp_path.name}/dropped" and visible() == 2
    folders.setCurrentIndex(folders.findData(str(tmp_path)))
    assert visible() == 3


@pytest.mark.parametrize("workers", [False, True], ids=["read-in-app", "read-by-workers"])
def test_cancelling_an_import_stops_it(
    qtbot, tmp_path: Path, warnings_shown, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    if workers:
        monkeypatch.setattr(prepare, "PARALLEL_BYTES", 0)
    window = open_window(qtbot, tmp_path / "lib")
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        window.imports.import_paths([CORPUS / "us_code"])
        qtbot.waitUntil(lambda: window.imports.progress.value() >= 1, timeout=30_000)
        window.imports.cancel_btn.click()
    statuses = [r.status for r in blocker.args[0]]
    assert "skipped" in statuses and statuses.count("imported") < 53


def test_search_hit_opens_the_viewer_at_its_page_with_highlights(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    window.search_panel.query.setText("valid, irrevocable, and enforceable")
    with qtbot.waitSignal(window.searchFinished, timeout=60_000) as blocker:
        window.search_panel.search()
    hit = blocker.args[0][0]
    window.links.route(QUrl("hit:0"))
    assert window.viewer.path == Path(hit.document.path) and window.viewer.page == hit.passage.page
    assert window.viewer.highlights
    page = window.library.page(hit.passage.doc_id, hit.passage.page)
    assert all(hit.passage.start < b.end and b.start < hit.passage.end for b in window.viewer.highlights)
    assert "".join(page.text[b.start : b.end] for b in window.viewer.highlights) == "".join(hit.passage.text.split())
    assert not window.viewer.canvas.pixmap().isNull()


def test_a_hit_running_over_a_page_break_is_highlighted_on_both_pages(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    kemp = next(d for d in window.library.documents() if "Kemp" in d.path)
    p = next(q for q in window.library.catalog.passages_of(kemp.id) if q.continued and len(q.continued.text) > 20)
    window.search_panel.query.setText(" ".join(p.text.split()[-4:] + p.continued.text.split()[:3]))
    with qtbot.waitSignal(window.searchFinished, timeout=60_000) as blocker:
        window.search_panel.search()
    index = next(i for i, h in enumerate(blocker.args[0]) if h.passage.id == p.id)
    assert f"pages {p.page}–{p.page + 1}" in window.search_panel.results_view.toHtml()
    window.links.route(QUrl(f"hit:{index}"))
    viewer = window.viewer
    assert viewer.page == p.page and viewer.highlights
    assert f"pages {p.page}–{p.page + 1}" in viewer.title.text()
    boxes = viewer.also_highlights[p.page + 1]
    page = window.library.page(kemp.id, p.page + 1)
    assert "".join(page.text[b.start : b.end] for b in boxes) == "".join(p.continued.text.split())
    viewer.show_page(p.page + 1)  # drawn there too
    assert not viewer.canvas.pixmap().isNull()


def test_answer_streams_and_its_citation_opens_the_quoted_text(qtbot, sample_library_dir: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    # One the default model answers held to the passages (tests/test_ask.py, MODEL_ANSWERED).
    window.ask_panel.question.setText(
        "What does the Federal Arbitration Act say about the validity of arbitration agreements?"
    )
    tokens: list[str] = []
    with qtbot.waitSignal(window.answerFinished, timeout=180_000) as blocker:
        window.ask_panel.ask()
        window.ask_panel.worker.signals.token.connect(tokens.append)
    answer = blocker.args[0]
    assert tokens and not answer.abstained and answer.citations
    assert "cite:" in window.ask_panel.answer_view.toHtml() or 'href="cite:' in window.ask_panel.answer_view.toHtml()
    citation = answer.citations[0]
    window.links.route(QUrl(f"cite:{citation.n}"))
    assert window.viewer.path == Path(citation.document.path) and window.viewer.page == citation.passage.page
    page = window.library.page(citation.passage.doc_id, citation.passage.page)
    highlighted = "".join(page.text[b.start : b.end] for b in window.viewer.highlights)
    assert highlighted == "".join(citation.quote.split()), "the highlight covers exactly the quoted words"

    # The question is in the library's history; clicking it shows the answer again, as its memo.
    item = window.ask_panel.history_list.item(0)
    assert answer.question in item.text()
    window.ask_panel.answer_view.clear()
    window.ask_panel.show_history_entry(item)
    assert "Research memo" in window.ask_panel.answer_view.toPlainText()
    assert answer.citations[0].document.title in window.ask_panel.answer_view.toPlainText()

    # Unsupported sentences are flagged, and hidden when the user unticks them.
    answer.claims.append(Claim("The moon is made of green cheese.", [], "unsupported", reason="no passage states it"))
    window.ask_panel.render_answer()
    assert "green cheese" in window.ask_panel.answer_view.toPlainText()
    assert "not supported: no passage states it" in window.ask_panel.answer_view.toPlainText()
    window.ask_panel.show_unsupported.setChecked(False)
    assert "green cheese" not in window.ask_panel.answer_view.toPlainText()
    assert "no passage supports hidden" in window.ask_panel.answer_view.toPlainText()
    window.ask_panel.show_unsupported.setChecked(True)
    assert "green cheese" in window.ask_panel.answer_view.toPlainText()

    # "What the model wrote": the raw output, verbatim, beside what the app shows.
    assert answer.model_text and "What the model wrote" not in window.ask_panel.answer_view.toPlainText()
    window.ask_panel.show_model_text.setChecked(True)
    shown = window.ask_panel.answer_view.toPlainText()
    assert "What the model wrote" in shown and " ".join(answer.model_text.split())[:60] in " ".join(shown.split())
    window.ask_panel.show_model_text.setChecked(False)

    # The memo keeps every citation with its document, page and quote, and the flagged sentence flagged.
    assert window.ask_panel.export_btn.isEnabled()
    window.ask_panel.export_memo(tmp_path / "memo.md")
    memo = (tmp_path / "memo.md").read_text(encoding="utf-8")
    for c in answer.citations:
        assert f"{c.n}. **{c.document.title}**" in memo and f"page {c.passage.page}" in memo
        assert " ".join(c.quote.split())[:40].replace("*", r"\*") in memo
    assert "green cheese. **(not supported by the sources)**" in memo
    window.ask_panel.export_memo(tmp_path / "memo.pdf")
    with pymupdf.open(tmp_path / "memo.pdf") as pdf:
        text = " ".join(page.get_text() for page in pdf)
    assert "Research memo" in text and answer.citations[0].document.title.split()[0] in text


def _doc_id(window: MainWindow, name: str) -> int:
    for doc_id in window.documents.visible_ids():
        if Path(window.library.document(doc_id).path).name == name:
            return doc_id
    raise AssertionError(f"{name} is not in the table")


def test_citations_tab_lists_cites_and_cited_by_and_opens_them(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    with qtbot.waitSignal(window.citationsShown, timeout=20_000):
        window.documents.select(_doc_id(window, "16-405_BNSF_R_Co_v_Tyrrell.pdf"))
    shown = window.citations.view.toHtml()
    assert "45 U.S.C. § 56" in shown and "Cites (" in shown
    statute = next(d for d in window.library.documents() if Path(d.path).name == "45_USC_56.pdf")
    assert f"doc:{statute.id}:1" in shown
    window.citations._clicked(QUrl(f"doc:{statute.id}:1"))
    assert window.viewer.path == Path(statute.path) and window.viewer.page == 1

    with qtbot.waitSignal(window.citationsShown, timeout=20_000):
        window.documents.select(_doc_id(window, "45_USC_56.pdf"))
    place = window.library.cited_by(statute.id)[0]
    c = place.citation
    assert "BNSF R. Co. v. Tyrrell" in window.citations.view.toHtml()
    window.citations._clicked(QUrl(f"span:{c.doc_id}:{c.page}:{c.start}:{c.end}"))
    assert window.viewer.path == Path(place.document.path) and window.viewer.page == c.page
    page = window.library.page(c.doc_id, c.page)
    assert "".join(page.text[b.start : b.end] for b in window.viewer.highlights) == "".join(c.text.split())


def test_a_citation_on_a_viewer_page_is_a_link_to_the_cited_document(qtbot, sample_library_dir: Path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    window = open_window(qtbot, sample_library_dir)
    bnsf = next(d for d in window.library.documents() if Path(d.path).name == "16-405_BNSF_R_Co_v_Tyrrell.pdf")
    section = next(a for a in window.library.cites(bnsf.id) if a.key == "45 U.S.C. § 56")
    window.links.open_document(bnsf.id, section.places[0].page)
    assert window.viewer.links, "citations naming library documents are links"
    boxes, target, _page, tip = next(link for link in window.viewer.links if "45 U.S.C. § 56" in link[3])
    assert target == section.documents[0].id
    box = boxes[0]
    pixmap = window.viewer.canvas.pixmap()
    offset = max(0.0, (window.viewer.canvas.width() - pixmap.width() / pixmap.devicePixelRatio()) / 2)
    point = QPoint(
        int(offset + (box.x0 + box.x1) / 2 * window.viewer.zoom), int((box.y0 + box.y1) / 2 * window.viewer.zoom)
    )
    with qtbot.waitSignal(window.viewer.linkActivated, timeout=5_000):
        QTest.mouseClick(window.viewer.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.viewer.path == Path(section.documents[0].path)


def test_work_left_by_an_interrupted_session_resumes_when_the_window_opens(qtbot, tmp_path: Path) -> None:
    from legalassist.service import Library

    with Library(make_settings(tmp_path / "lib")) as lib:
        lib.import_paths([CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "9_USC_3.pdf"], embed=False)
        assert {d.status for d in lib.documents()} == {"indexed"}  # as a crash before embedding leaves it
    window = MainWindow(make_settings(tmp_path / "lib"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.importFinished, timeout=120_000):
        window.open_library()
    assert {d.status for d in window.library.documents()} == {"embedded"}


def test_an_older_library_is_updated_with_progress_and_files_dropped_meanwhile_are_imported_after(
    qtbot, tmp_path: Path
) -> None:
    """Opening a library an older version wrote shows the update's progress in the status bar; files dropped
    before the library is open are queued and imported once it is, not turned away."""
    from legalassist.service import Library

    with Library(make_settings(tmp_path / "lib")) as lib:
        lib.import_paths([CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "45_USC_56.pdf"])
        db = lib.catalog._db  # read by an older metadata reader
        db.execute("UPDATE documents SET doc_type='other', reader=0")
        db.commit()
    window = MainWindow(make_settings(tmp_path / "lib"))
    qtbot.addWidget(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.show()
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        window.open_library()
        assert window.library is None  # still opening on its worker
        drop(window, [CORPUS / "us_code" / "9_USC_3.pdf"])
        assert window.imports.queued == [CORPUS / "us_code" / "9_USC_3.pdf"]
    assert [Path(r.path).name for r in blocker.args[0]] == ["9_USC_3.pdf"]
    assert any(m.startswith("1 dropped item(s) will be imported when the library has opened") for m in messages)
    assert "Updating the library for this version: reading document details again (2 of 2)" in messages
    assert {d.doc_type for d in window.library.documents()} == {"statute"}
    assert [name for name, _, _ in window.library.catalog.migrations()] == ["metadata read again"]
    qtbot.waitUntil(lambda: window.imports.worker is None, timeout=10_000)
    assert window.documents.model.rowCount() == 3 and not window.imports.progress.isVisible()


def test_closing_the_window_during_an_import_loses_nothing_and_raises_nothing(qtbot, tmp_path: Path) -> None:
    from legalassist.service import Library

    window = open_window(qtbot, tmp_path / "lib")
    window.imports.import_paths([CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "us_code" / "9_USC_3.pdf"])
    qtbot.waitUntil(lambda: window.imports.progress.value() > 0 or window.imports.worker is None, timeout=60_000)
    window.close()  # the worker is cancelled; what it reported is delivered before the library closes
    assert window.library is None
    window.imports.import_paths([CORPUS / "us_code" / "9_USC_4.pdf"])  # nothing starts on a closing window
    qtbot.wait(300)  # any signal still queued would reach a closed library here (pytest-qt fails on it)
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert lib.verify() == []
        assert all(not d.path.endswith("9_USC_4.pdf") for d in lib.documents())


def test_find_in_document_and_copy_with_citation(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    doc = window.library.document(_doc_id(window, "16-405_BNSF_R_Co_v_Tyrrell.pdf"))
    window.links.open_document(doc.id, 1)
    viewer = window.viewer
    viewer.find_box.setText("personal  JURISDICTION")  # spacing and case do not matter
    viewer.find_next()
    first = (viewer.highlight_page, viewer.highlight_span)
    count = int(viewer.find_label.text().split(" of ")[1])
    assert count > 3 and viewer.find_label.text().startswith("1 of")
    page = window.library.page(doc.id, viewer.highlight_page)
    start, end = viewer.highlight_span
    assert page.text[start:end].lower() == "personal jurisdiction"
    assert viewer.highlights and viewer.page == viewer.highlight_page
    viewer.find_next()
    assert (viewer.highlight_page, viewer.highlight_span) != first and viewer.find_label.text().startswith("2 of")
    viewer.copy_with_citation()
    copied = QApplication.clipboard().text()
    assert copied.startswith(
        "“personal jurisdiction”".replace("personal jurisdiction", page_text_at(window, doc.id, viewer))
    )
    assert f"page {viewer.highlight_page}." in copied and "BNSF" in copied
    viewer.find_box.setText("no such words anywhere in it")
    viewer.find_next()
    assert viewer.find_label.text() == "not found"


def page_text_at(window: MainWindow, doc_id: int, viewer) -> str:
    page = window.library.page(doc_id, viewer.highlight_page)
    return " ".join(page.text[viewer.highlight_span[0] : viewer.highlight_span[1]].split())


def test_settings_are_saved_and_a_dropped_gguf_becomes_the_model(qtbot, sample_library_dir: Path, monkeypatch) -> None:
    from legalassist.config import Settings, read_settings_file
    from legalassist.ui.settings_dialog import SettingsDialog

    window = open_window(qtbot, sample_library_dir)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.vector_weight.value() == 5.0, "the legal embedder's own weight is shown; left alone, not saved"
    dialog.top_k.setValue(4)
    dialog.show_unsupported.setChecked(False)
    assert dialog.entailment_reader.isChecked(), "the entailment reader is on by default"
    dialog.entailment_reader.setChecked(False)
    dialog.ocr_language.setText(" eng+spa ")
    saved = {"top_k": 4, "show_unsupported": False, "entailment_reader": False, "ocr_language": "eng+spa"}
    assert dialog.changes() == saved
    window.change_settings(dialog.changes())
    assert read_settings_file() == saved
    assert Settings().top_k == 4, "a new session starts with the saved settings"
    assert window.library.settings.top_k == 4 and not window.ask_panel.show_unsupported.isChecked()
    assert window.library.settings.reader_path is None, "the reader is turned off"
    assert window.library.settings.ocr_language == "eng+spa"

    model = sample_library_dir.parent / "my-model.gguf"
    shutil.copy(MODELS / "SmolLM2-135M-Instruct.Q4_1.gguf", model)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(model))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    before = window.library.llm
    window.dropEvent(drop)
    assert read_settings_file()["chat_model"] == str(model)
    assert window.library.llm is not before and window.library.llm.model_path == model
    assert window.library.documents() and not any(Path(d.path) == model for d in window.library.documents())


def test_another_embedding_model_chosen_in_settings_embeds_the_library_again(qtbot, tmp_path: Path) -> None:
    from legalassist.config import EMBED_MODEL_FILE, LEGAL_EMBED_FILE
    from legalassist.ui.settings_dialog import SettingsDialog

    window = open_window(qtbot, tmp_path / "lib")
    with qtbot.waitSignal(window.importFinished, timeout=120_000):
        window.imports.import_paths([CORPUS / "us_code" / "45_USC_56.pdf", CORPUS / "us_code" / "9_USC_2.pdf"])
    qtbot.waitUntil(lambda: window.imports.worker is None, timeout=10_000)
    assert window.library.settings.embed_model_path == MODELS / LEGAL_EMBED_FILE
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.embed_model.edit.placeholderText() == "default: legal-minilm.f16.gguf"
    base = MODELS / EMBED_MODEL_FILE
    dialog.embed_model.edit.setText(str(base))
    assert dialog.changes() == {"embed_model": base}, "the vector weight shown stays unset"
    with qtbot.waitSignal(window.importFinished, timeout=120_000):  # opened again, then embedded again
        window.change_settings(dialog.changes())
        assert "Search uses all-MiniLM-L6-v2.f16.gguf" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.imports.worker is None, timeout=10_000)
    library = window.library
    assert library.settings.embed_model_path == base and library.settings.fusion_vector_weight == 1.0
    assert not library.vectors_stale() and len(library.catalog.documents("embedded")) == 2
    hits = library.search("time limit for an action for injury to a railroad employee", 3, "vector")
    assert hits and hits[0].document.path.endswith("45_USC_56.pdf")


def test_settings_offer_three_answer_writers(qtbot, sample_library_dir: Path) -> None:
    from legalassist.ui.settings_dialog import SettingsDialog

    window = open_window(qtbot, sample_library_dir)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    modes = [dialog.answer_mode.itemData(i) for i in range(dialog.answer_mode.count())]
    assert modes == ["adapter", "model", "extractive"]
    assert dialog.answer_mode.currentData() == window.settings.answer_mode == "model"  # as the tests set it
    dialog.answer_mode.setCurrentIndex(modes.index("extractive"))
    assert dialog.changes() == {"answer_mode": "extractive"}
    window.change_settings(dialog.changes())
    assert window.library.settings.answer_mode == "extractive"
    assert "no chat model" in window.statusBar().currentMessage()


def test_search_marks_the_matching_words_and_filters_by_type(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    window.search_panel.query.setText("personal jurisdiction over railroads")
    with qtbot.waitSignal(window.searchFinished, timeout=60_000) as blocker:
        window.search_panel.search()
    hits = blocker.args[0]
    html = window.search_panel.results_view.toHtml()
    assert hits and "#ffe27a" in html and "jurisdiction" in window.search_panel.results_view.toPlainText().lower()
    assert {h.document.doc_type for h in hits} != {"statute"}  # opinions come up unfiltered
    window.search_panel.type_filter.setCurrentText("statute")
    with qtbot.waitSignal(window.searchFinished, timeout=60_000) as blocker:
        window.search_panel.search()
    assert blocker.args[0] and {h.document.doc_type for h in blocker.args[0]} == {"statute"}


def test_search_snippets_centre_on_the_matching_words() -> None:
    from legalassist.ui.render import snippet

    text = (
        "Filler words here. " * 40
        + "The venue for a FELA action is where the railroad does business. "
        + "More filler. " * 40
    )
    shown, spans = snippet(text, lambda w: w.lower() in {"venue", "railroad"}, width=200)
    assert len(shown) <= 200 and "venue for a FELA action" in shown
    assert [shown[a:b] for a, b in spans] == ["venue", "railroad"]


def test_a_watched_folder_stays_in_sync_while_the_app_runs(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(CORPUS / "us_code" / "9_USC_2.pdf", folder / "9_USC_2.pdf")
    window = open_window(qtbot, tmp_path / "library")
    with qtbot.waitSignal(window.importFinished, timeout=120_000):
        window.change_settings({"watched_folder": folder})
    names = lambda: sorted(Path(d.path).name for d in window.library.documents())  # noqa: E731
    assert names() == ["9_USC_2.pdf"]

    with qtbot.waitSignal(window.importFinished, timeout=120_000):  # no click: the folder changed
        shutil.copy(CORPUS / "us_code" / "9_USC_3.pdf", folder / "9_USC_3.pdf")
    assert names() == ["9_USC_2.pdf", "9_USC_3.pdf"]

    with qtbot.waitSignal(window.importFinished, timeout=120_000):
        (folder / "9_USC_2.pdf").unlink()
    qtbot.waitUntil(lambda: names() == ["9_USC_3.pdf"], timeout=10_000)
    # The table is redrawn when the import's worker has finished, just after it reported its results.
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 1, timeout=10_000)


def test_cycles_are_collected_in_the_gui_thread_only(qtbot) -> None:
    """A window freed by the cycle collector on a worker thread would crash Qt: while a window is open,
    collection runs on the GUI thread's timer, and Python's own collection is back once it closes."""
    import gc
    import threading

    from legalassist.ui.workers import MainThreadCollector

    threads: list[str] = []
    callback = lambda phase, info: threads.append(threading.current_thread().name) if phase == "start" else None  # noqa: E731
    host = QWidget()
    qtbot.addWidget(host)
    collector = MainThreadCollector(host, interval_ms=10)
    collector.start()
    gc.callbacks.append(callback)
    try:
        assert not gc.isenabled()

        def churn() -> None:  # a worker allocating cycles, as an import does
            for _ in range(200_000):
                a: list = []
                a.append(a)

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    finally:
        gc.callbacks.remove(callback)
        collector.stop()
    assert set(threads) == {threading.main_thread().name}
    assert gc.isenabled()


def test_library_table_shows_courts_as_lawyers_abbreviate_them(qtbot, sample_library_dir: Path) -> None:
    from legalassist.ui.documents_panel import COURT_COLUMN

    window = open_window(qtbot, sample_library_dir)
    panel = window.documents
    doc_id = _doc_id(window, "16-405_BNSF_R_Co_v_Tyrrell.pdf")
    court = panel.proxy.index(panel.visible_ids().index(doc_id), COURT_COLUMN)
    assert court.data() == "S. Ct." and court.data(Qt.ItemDataRole.ToolTipRole) == "Supreme Court of the United States"
    qtbot.waitUntil(lambda: panel.table.columnWidth(COURT_COLUMN) > 0)
    assert panel.table.columnWidth(0) >= 200  # the title keeps a readable width
    assert panel.table.columnWidth(COURT_COLUMN) < 120
    panel.filter_box.setText("supreme court of the united")  # the filter still matches the full name
    assert doc_id in panel.visible_ids()
    panel.filter_box.setText("no such court anywhere")
    assert doc_id not in panel.visible_ids()


def test_short_court_names() -> None:
    from legalassist.citations.courts import short_court

    assert short_court("Court of Appeals for the Ninth Circuit") == "9th Cir."
    assert short_court("Supreme Court of North Carolina") == "N.C."
    assert short_court("United States District Court for the Central District of California") == "C.D. Cal."
    assert short_court("U.S. District Court") == "U.S. Dist. Ct."
    assert short_court("") == ""
    # As the metadata reader names them (courts-db's names with "U.S."; a state court's division).
    assert short_court("U.S. Court of Appeals for the Sixth Circuit") == "6th Cir."
    assert short_court("U.S. Court of Appeals for the District of Columbia Circuit") == "D.C. Cir."
    assert short_court("U.S. District Court for the Central District of California") == "C.D. Cal."
    assert short_court("Missouri Court of Appeals, Eastern District") == "Mo. Ct. App."
    # A state's high court as the reader styles it, and one district of a state's appellate courts.
    assert short_court("Supreme Court of California") == "Cal."
    assert short_court("California Court of Appeal, Third Appellate District") == "Cal. Ct. App."


def test_document_details_say_where_each_field_was_read(qtbot) -> None:
    from legalassist.domain import Document
    from legalassist.ui.document_dialog import DocumentDialog

    doc = Document(
        1,
        "/x.pdf",
        "0" * 64,
        "Robinson v. Tyson Foods, Inc.",
        court="U.S. Court of Appeals for the Eleventh Circuit",
        sources={
            "title": {"from": "page 1: caption", "confidence": 0.8},
            "court": {"from": "you", "confidence": 1.0},
        },
    )
    dialog = DocumentDialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.sources["title"].text() == "read from page 1: caption (80% sure)"
    assert dialog.sources["court"].text() == "set by you"
    assert "date" not in dialog.sources  # nothing recorded, nothing claimed
    dialog.known_as.setText("Robinson")
    assert dialog.changes() == {"known_as": "Robinson"}  # a popular name is edited like the rest


def test_a_question_during_an_import_is_answered_first_and_the_import_then_finishes(qtbot, tmp_path: Path) -> None:
    """The import's embedding makes way for the question (legalassist.scheduler) and resumes after it; every
    passage ends with exactly one vector."""
    from legalassist.progress import PAUSED

    window = MainWindow(make_settings(tmp_path / "lib"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.modelsLoaded, timeout=60_000) as loaded:  # loaded after the window opens
        window.open_library()
    assert loaded.args == [""] and window.library.models.loaded == (True, True)
    labels: list[str] = []
    with qtbot.waitSignal(window.importFinished, timeout=600_000) as imported:
        window.imports.import_paths(
            [CORPUS / "us_code" / "9_USC_2.pdf", CORPUS / "scotus" / "23-939_Trump_v_United_States_slip_2024.pdf"]
        )
        assert window.imports.worker is not None
        window.imports.worker.signals.progress.connect(lambda _d, _t, label: labels.append(label))
        qtbot.waitUntil(lambda: "embedding" in labels, timeout=300_000)
        window.ask_panel.question.setText(
            "What does the Federal Arbitration Act say about the validity of arbitration agreements?"
        )
        with qtbot.waitSignal(window.answerFinished, timeout=300_000) as answered:
            window.ask_panel.ask()
        assert window.imports.worker is not None, "the answer came while the import was still embedding"
    assert answered.args[0].text
    assert PAUSED in labels, "the import made way for the question"
    assert [r.status for r in imported.args[0]] == ["imported", "imported"]
    library = window.library
    assert {d.status for d in library.documents()} == {"embedded"}
    passages = sum(len(library.catalog.passage_ids_of(d.id)) for d in library.documents())
    rows = library.catalog.vector_rows()
    assert len(rows) == passages == len({p for p, _ in rows}) == len(library.vectors), "each passage embedded once"
    assert library.verify() == []


def test_the_first_window_fits_the_screen() -> None:
    from PySide6.QtCore import QSize

    from legalassist.ui.main_window import default_size

    assert default_size(QSize(1920, 1080)) == (1500, 900)
    assert default_size(QSize(1366, 728)) == (1297, 691), "a laptop: 95% of its free area"
    assert default_size(QSize(1400, 900)) == (1330, 855), "the real-window test's Xvfb screen"
    assert default_size(QSize(800, 600)) == (800, 600), "a tiny screen: all of it"


def test_edits_and_the_answers_citation_links_run_off_the_gui_thread(
    qtbot, tmp_path: Path, sample_library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-indexing an edited document (under the writer lock) and finding the citations in an answer's sentences
    (eyecite, per sentence) are the slow steps: neither runs on the GUI thread, so the window keeps drawing."""
    import threading

    from legalassist.service import Library

    on_gui: dict[str, list[bool]] = {"edit_metadata": [], "citations_linked": []}
    for name in on_gui:
        real = getattr(Library, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):
            on_gui[_name].append(threading.current_thread() is threading.main_thread())
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Library, name, spy)
    library = tmp_path / "lib"
    shutil.copytree(sample_library_dir, library, ignore=shutil.ignore_patterns("writer.lock"))
    window = open_window(qtbot, library)
    doc_id = _doc_id(window, "45_USC_56.pdf")
    with qtbot.waitSignal(window.importFinished, timeout=120_000):  # saved, then re-embedded
        window.imports.edit(doc_id, {"title": "FELA: actions and limitation"})
    assert window.library.document(doc_id).title == "FELA: actions and limitation"
    window.ask_panel.question.setText("Within what time must an action under FELA be commenced?")
    with qtbot.waitSignal(window.answerFinished, timeout=300_000) as answered:
        window.ask_panel.ask()
    assert answered.args[0].claims, "an answer with sentences, so their citations were looked for"
    assert on_gui == {"edit_metadata": [False], "citations_linked": [False] * len(answered.args[0].claims)}
