"""Correct a document's details (title, type, court, date, citation, popular name) as read from the document."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from legalassist.domain import DocType, Document


class DocumentDialog(QDialog):
    """``changes()`` gives the edited fields that differ from the document's."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document details")
        self.doc = doc
        self.title = QLineEdit(doc.title)
        self.doc_type = QComboBox()
        self.doc_type.addItems(list(DocType))
        self.doc_type.setCurrentText(doc.doc_type)
        self.court = QLineEdit(doc.court)
        self.date = QLineEdit(doc.date)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.citation = QLineEdit(doc.citation)
        self.citation.setPlaceholderText("e.g. 596 U.S. 528")
        self.known_as = QLineEdit(doc.known_as)
        self.known_as.setPlaceholderText("a statute's popular name, e.g. Lanham Act")
        form = QFormLayout(self)
        self.sources: dict[str, QLabel] = {}
        for label, name, widget in (
            ("Title", "title", self.title),
            ("Type", "doc_type", self.doc_type),
            ("Court", "court", self.court),
            ("Date", "date", self.date),
            ("Citation", "citation", self.citation),
            ("Known as", "known_as", self.known_as),
        ):
            form.addRow(label, widget)
            source = doc.source_of(name)
            if source:
                # Where the value was read and how sure the reader was, so a guess can be told from a fact.
                note = QLabel(f"read from {source}" if not source.startswith("you") else "set by you")
                note.setStyleSheet("color: palette(mid); font-size: small;")
                note.setWordWrap(True)
                self.sources[name] = note
                form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, str]:
        values = {
            "title": self.title.text().strip(),
            "doc_type": self.doc_type.currentText(),
            "court": self.court.text().strip(),
            "date": self.date.text().strip(),
            "citation": self.citation.text().strip(),
            "known_as": self.known_as.text().strip(),
        }
        return {k: v for k, v in values.items() if getattr(self.doc, k) != v}
