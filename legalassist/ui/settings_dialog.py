"""The Settings dialog: model files, library folder, threads and the answer and retrieval knobs.
What the user changes is saved to the settings file (see ``legalassist.config``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from legalassist.config import Settings


class _PathField(QWidget):
    def __init__(self, value: Path | None, placeholder: str, pick_folder: bool = False, pattern: str = "") -> None:
        super().__init__()
        self.edit = QLineEdit(str(value) if value else "")
        self.edit.setPlaceholderText(placeholder)
        browse = QPushButton("Browse…")
        browse.clicked.connect(lambda: self._browse(pick_folder, pattern))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def _browse(self, pick_folder: bool, pattern: str) -> None:
        start = self.edit.text() or str(Path.home())
        if pick_folder:
            chosen = QFileDialog.getExistingDirectory(self, "Choose a folder", start)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, "Choose a file", start, pattern)
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


ANSWER_MODES = {
    "adapter": "Chat model with the legal answer adapter",
    "model": "Chat model alone",
    "extractive": "Quotes from the sources (no chat model)",
}


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``changes()`` says what differs from those it was opened with."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        gguf = "GGUF models (*.gguf)"
        self.chat_model = _PathField(settings.chat_model, f"default: {settings.chat_model_path.name}", pattern=gguf)
        self.chat_lora = _PathField(settings.chat_lora, "none", pattern=gguf)
        default_embedder = settings.model_copy(update={"embed_model": None}).embed_model_path
        self.embed_model = _PathField(settings.embed_model, f"default: {default_embedder.name}", pattern=gguf)
        self.embed_model.setToolTip(
            "The model that turns passages into vectors for search. Another one embeds the library again "
            "(a few minutes for a thousand pages); its fusion weight comes with it unless you set one below."
        )
        self.answer_mode = QComboBox()
        for mode, label in ANSWER_MODES.items():
            self.answer_mode.addItem(label, mode)
        self.answer_mode.setCurrentIndex(list(ANSWER_MODES).index(settings.answer_mode))
        self.answer_mode.setToolTip(
            "Extractive answers quote the sources' best sentences and need no chat model; the adapter is the "
            "project's own LoRA, trained to answer quote-first (see README)."
        )
        self.held_quotes = QCheckBox("Chat model quotes only whole sentences of the sources")
        self.held_quotes.setChecked(settings.held_quotes)
        self.held_quotes.setToolTip(
            "The chat model may then write only the no-answer sentence or the sources' best sentence for the "
            "question, verbatim, with its number: it cannot paraphrase, misquote or misnumber it."
        )
        self.library_dir = _PathField(settings.library_dir, "", pick_folder=True)
        self.threads = QSpinBox()
        self.threads.setRange(1, 64)
        self.threads.setValue(settings.threads)
        self.adaptive_threads = QCheckBox("Use fewer while other programs keep the processor busy")
        self.adaptive_threads.setChecked(settings.adaptive_threads)
        self.adaptive_threads.setToolTip(
            "On a busy laptop the models' threads wait for each other; one thread on a free core is faster."
        )
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 20)
        self.top_k.setValue(settings.top_k)
        self.max_answer_tokens = QSpinBox()
        self.max_answer_tokens.setRange(32, 2048)
        self.max_answer_tokens.setValue(settings.max_answer_tokens)
        self.keyword_weight = QDoubleSpinBox()
        self.vector_weight = QDoubleSpinBox()
        for box, value in (
            (self.keyword_weight, settings.keyword_weight),
            (self.vector_weight, settings.fusion_vector_weight),
        ):
            box.setRange(0.0, 10.0)
            box.setSingleStep(0.1)
            box.setValue(value)
        self.ocr_language = QLineEdit(settings.ocr_language)
        self.ocr_language.setPlaceholderText("empty: scanned pages are imported without OCR")
        self.ocr_language.setToolTip("Tesseract language(s) for scanned pages, e.g. eng or eng+spa")
        self.show_unsupported = QCheckBox("Show answer sentences no passage supports (flagged)")
        self.show_unsupported.setChecked(settings.show_unsupported)
        self.entailment_reader = QCheckBox("Check supported sentences with the entailment reader too")
        self.entailment_reader.setChecked(settings.entailment_reader)
        self.entailment_reader.setToolTip(
            "A small model trained to tell when a passage says otherwise; a sentence it reads as contradicted is "
            "shown unsupported (models/adapters/legal-reader.gguf; see README)."
        )

        form = QFormLayout(self)
        form.addRow("Answers written by", self.answer_mode)
        form.addRow("", self.held_quotes)
        form.addRow("Chat model (GGUF)", self.chat_model)
        form.addRow("LoRA adapter (GGUF)", self.chat_lora)
        form.addRow("Embedding model (GGUF)", self.embed_model)
        form.addRow("Library folder", self.library_dir)
        form.addRow("CPU threads", self.threads)
        form.addRow("", self.adaptive_threads)
        form.addRow("Passages per answer", self.top_k)
        form.addRow("Longest answer (tokens)", self.max_answer_tokens)
        form.addRow("Keyword weight in search", self.keyword_weight)
        form.addRow("Vector weight in search", self.vector_weight)
        form.addRow("OCR language (scans)", self.ocr_language)
        form.addRow("", self.show_unsupported)
        form.addRow("", self.entailment_reader)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "chat_model": self.chat_model.value(),
            "chat_lora": self.chat_lora.value(),
            "embed_model": self.embed_model.value(),
            "answer_mode": self.answer_mode.currentData(),
            "held_quotes": self.held_quotes.isChecked(),
            "library_dir": self.library_dir.value() or self.settings.library_dir,
            "threads": self.threads.value(),
            "adaptive_threads": self.adaptive_threads.isChecked(),
            "top_k": self.top_k.value(),
            "max_answer_tokens": self.max_answer_tokens.value(),
            "keyword_weight": round(self.keyword_weight.value(), 2),
            "vector_weight": round(self.vector_weight.value(), 2),
            "show_unsupported": self.show_unsupported.isChecked(),
            "entailment_reader": self.entailment_reader.isChecked(),
            "ocr_language": self.ocr_language.text().strip(),
        }

    def changes(self) -> dict[str, Any]:
        # The vector weight shown is the one in use (the embedder's own unless set), so leaving it alone keeps
        # it following the embedder.
        shown = {"vector_weight": round(self.settings.fusion_vector_weight, 2)}
        return {k: v for k, v in self.values().items() if shown.get(k, getattr(self.settings, k)) != v}
