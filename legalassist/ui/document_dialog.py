"""Correct a document's details (title, type, court, date, citation) as read from the document."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from legalassist.domain import DOC_TYPES, Document


class DocumentDialog(QDialog):
    """``changes()`` gives the edited fields that differ from the document's."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document details")
        self.doc = doc
        self.title = QLineEdit(doc.title)
        self.doc_type = QComboBox()
        self.doc_type.addItems(list(DOC_TYPES))
        self.doc_type.setCurrentText(doc.doc_type)
        self.court = QLineEdit(doc.court)
        self.date = QLineEdit(doc.date)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.citation = QLineEdit(doc.citation)
        self.citation.setPlaceholderText("e.g. 596 U.S. 528")
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Type", self.doc_type)
        form.addRow("Court", self.court)
        form.addRow("Date", self.date)
        form.addRow("Citation", self.citation)
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
        }
        return {k: v for k, v in values.items() if getattr(self.doc, k) != v}
