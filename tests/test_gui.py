"""The desktop app under QT_QPA_PLATFORM=offscreen, with the real library, models and PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, make_settings

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from legalassist.ui.main_window import MainWindow


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


def test_drag_and_drop_import_lists_documents_and_shows_the_bad_files_reason(
    qtbot, tmp_path: Path, warnings_shown
) -> None:
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
    qtbot.waitUntil(lambda: window.import_worker is None, timeout=10_000)
    assert window.docs.rowCount() == 3
    assert warnings_shown and "broken.pdf" in warnings_shown[0]


def test_cancelling_an_import_stops_it(qtbot, tmp_path: Path, warnings_shown) -> None:
    window = open_window(qtbot, tmp_path / "lib")
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as blocker:
        window.import_paths([CORPUS / "us_code"])
        qtbot.waitUntil(lambda: window.progress.value() >= 1, timeout=30_000)
        window.cancel_import_btn.click()
    statuses = [r.status for r in blocker.args[0]]
    assert "skipped" in statuses and statuses.count("imported") < 53


def test_search_hit_opens_the_viewer_at_its_page_with_highlights(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    window.query.setText("valid, irrevocable, and enforceable")
    with qtbot.waitSignal(window.searchFinished, timeout=60_000) as blocker:
        window.search()
    hit = blocker.args[0][0]
    window._anchor_clicked(QUrl("hit:0"))
    assert window.viewer.path == Path(hit.document.path) and window.viewer.page == hit.passage.page
    assert window.viewer.highlights
    page = window.library.page(hit.passage.doc_id, hit.passage.page)
    assert all(hit.passage.start < b.end and b.start < hit.passage.end for b in window.viewer.highlights)
    assert "".join(page.text[b.start : b.end] for b in window.viewer.highlights) == "".join(hit.passage.text.split())
    assert not window.viewer.canvas.pixmap().isNull()


def test_answer_streams_and_its_citation_opens_the_quoted_text(qtbot, sample_library_dir: Path) -> None:
    window = open_window(qtbot, sample_library_dir)
    window.question.setText("What does the Federal Arbitration Act say about the validity of arbitration agreements?")
    tokens: list[str] = []
    with qtbot.waitSignal(window.answerFinished, timeout=180_000) as blocker:
        window.ask()
        window.ask_worker.signals.token.connect(tokens.append)
    answer = blocker.args[0]
    assert tokens and not answer.abstained and answer.citations
    assert "cite:" in window.answer_view.toHtml() or 'href="cite:' in window.answer_view.toHtml()
    citation = answer.citations[0]
    window._anchor_clicked(QUrl(f"cite:{citation.n}"))
    assert window.viewer.path == Path(citation.document.path) and window.viewer.page == citation.passage.page
    page = window.library.page(citation.passage.doc_id, citation.passage.page)
    highlighted = "".join(page.text[b.start : b.end] for b in window.viewer.highlights)
    assert highlighted == "".join(citation.quote.split()), "the highlight covers exactly the quoted words"
