"""The Ask tab: a question, the answer streaming in, then the grounded answer with its sources; the
memo export; and the History list of earlier questions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legalassist.domain import Answer
from legalassist.ui.context import AppContext, answer_links
from legalassist.ui.render import render_answer
from legalassist.ui.workers import Worker


class AskPanel(QWidget):
    """Signals: answerFinished(Answer) when an answer is complete; anchorClicked(QUrl) for a [n] marker
    or a document link in the answer; historyShown() when an earlier answer is shown."""

    answerFinished = Signal(object)
    anchorClicked = Signal(QUrl)
    historyShown = Signal()

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.worker: Worker | None = None
        self.last_answer: Answer | None = None
        self._streamed = ""
        self._links: tuple[dict[int, str], dict[int, list[tuple[int, int, int, int]]]] = ({}, {})

        self.question = QLineEdit()
        self.question.setPlaceholderText("Ask a question about your documents…")
        self.question.returnPressed.connect(self.ask)
        self.ask_btn = QPushButton("Ask")
        self.ask_btn.clicked.connect(self.ask)
        self.cancel_btn = QPushButton("Stop")
        self.cancel_btn.setEnabled(False)
        self.cancel_btn.clicked.connect(self.cancel)
        self.show_unsupported = QCheckBox("Show unsupported sentences")
        self.show_unsupported.setToolTip("Sentences of an answer that no passage supports, flagged in red.")
        self.show_unsupported.setChecked(app.settings().show_unsupported)
        self.show_unsupported.toggled.connect(self.render_answer)
        self.show_model_text = QCheckBox("Show what the model wrote")
        self.show_model_text.setToolTip(
            "The model's raw output under the answer, to compare with what the app checked and shows."
        )
        self.show_model_text.toggled.connect(self.render_answer)
        self.export_btn = QPushButton("Export memo…")
        self.export_btn.setToolTip("Save the answer with every citation (document, page, quote) as Markdown or PDF.")
        self.export_btn.setEnabled(False)
        self.export_btn.clicked.connect(self._choose_memo_file)
        self.answer_view = QTextBrowser()
        self.answer_view.setOpenLinks(False)
        self.answer_view.anchorClicked.connect(self.anchorClicked)

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_btn)
        row.addWidget(self.cancel_btn)
        layout.addLayout(row)
        options = QHBoxLayout()
        options.addWidget(self.show_unsupported)
        options.addWidget(self.show_model_text)
        options.addStretch(1)
        options.addWidget(self.export_btn)
        layout.addLayout(options)
        layout.addWidget(self.answer_view, 1)

        # Shown as its own tab by the window.
        self.history_list = QListWidget()
        self.history_list.setToolTip("Questions asked of this library; click one to read its answer again.")
        self.history_list.itemActivated.connect(self.show_history_entry)
        self.history_list.itemClicked.connect(self.show_history_entry)

    def _status(self, message: str, ms: int = 0) -> None:
        self.app.status(message, ms)

    # -- asking -------------------------------------------------------------------------------
    def ask(self) -> None:
        library = self.app.library()
        text = self.question.text().strip()
        if not text or library is None or self.worker is not None:
            return
        self._streamed = ""
        self.answer_view.setHtml("<p><i>Finding passages…</i></p>")

        def work(worker: Worker) -> tuple[Answer, Any]:
            answer = library.ask(
                text,
                on_token=worker.signals.token.emit,
                cancelled=lambda: worker.cancelled,
                on_sources=worker.signals.sources.emit,
            )
            return answer, answer_links(library, answer)  # citation extraction: here, not on the GUI thread

        self.ask_btn.setEnabled(False)
        self.cancel_btn.setEnabled(True)
        self.worker = self.app.run(work, self._answer_done)
        self.worker.signals.token.connect(self._token)
        self.worker.signals.sources.connect(lambda hits: self._status(f"{len(hits)} passages found; writing…"))
        self.worker.signals.finished.connect(self._finished)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _token(self, piece: str) -> None:
        self._streamed += piece
        self.answer_view.setPlainText(self._streamed)

    def _finished(self) -> None:
        self.worker = None
        self.ask_btn.setEnabled(True)
        self.cancel_btn.setEnabled(False)

    def _answer_done(self, done: tuple[Answer, Any]) -> None:
        answer, self._links = done
        self.last_answer = answer
        self.export_btn.setEnabled(True)
        self.refresh_history()
        self.render_answer()
        self._status("Answer ready: click a [n] to check its source.", 8000)
        self.answerFinished.emit(answer)

    def render_answer(self) -> None:
        answer = self.last_answer
        if answer is None:
            return
        links, claim_links = self._links  # worked out with the answer, on its worker
        self.answer_view.setHtml(
            render_answer(
                answer, links, claim_links, self.show_unsupported.isChecked(), self.show_model_text.isChecked()
            )
        )

    # -- memo ---------------------------------------------------------------------------------
    def _choose_memo_file(self) -> None:
        if self.last_answer is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export memo", str(Path.home() / "memo.md"), "Markdown (*.md);;PDF (*.pdf)"
        )
        if path:
            self.export_memo(Path(path))

    def export_memo(self, path: Path) -> None:
        """Write the last answer as a memo: PDF when ``path`` ends in .pdf, else Markdown."""
        from legalassist.memo import answer_memo

        if self.last_answer is None:
            return
        text = answer_memo(self.last_answer)
        try:
            if path.suffix.lower() == ".pdf":
                doc = QTextDocument()
                doc.setMarkdown(text)
                writer = QPdfWriter(str(path))
                writer.setTitle(f"Research memo: {self.last_answer.question}")
                doc.print_(writer)
            else:
                path.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, "Export memo", f"Could not write {path}: {exc}. Choose another folder.")
            return
        self._status(f"Memo saved to {path}", 8000)

    # -- history ------------------------------------------------------------------------------
    def refresh_history(self) -> None:
        library = self.app.library()
        if library is None:
            return
        self.history_list.clear()
        for entry in library.history.entries():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.asked_at))
            item = QListWidgetItem(f"{when}  {entry.question}" + ("  (no support found)" if entry.abstained else ""))
            item.setData(Qt.ItemDataRole.UserRole, entry.memo)
            self.history_list.addItem(item)

    def show_history_entry(self, item: QListWidgetItem) -> None:
        """A past answer, as its memo (its sources are listed with document, page and quote)."""
        self.answer_view.setMarkdown(item.data(Qt.ItemDataRole.UserRole))
        self.historyShown.emit()
