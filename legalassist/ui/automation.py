"""A test hook for driving the real window from outside (the real-window test): off unless the
environment variable ``LEGALASSIST_AUTOMATION`` names a file.

When on, the window writes what a tester would look at to that file (JSON, replaced atomically, every
quarter second): where the Ask tab, the question box and each [n] link of the answer are on the screen,
the answer's text and the document the viewer shows. The test then acts through real input events
(xdotool moves the pointer, clicks and types), so the platform plugin, fonts and event delivery are the
real ones; nothing here clicks or types for it. The one command it takes, a file ``<name>.shot`` holding a
path, saves a screenshot of the screen there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from legalassist.ui.main_window import MainWindow

ENV = "LEGALASSIST_AUTOMATION"


def _centre(widget: QWidget, rect: QRect | None = None) -> list[int]:
    rect = rect if rect is not None else widget.rect()
    point = widget.mapToGlobal(rect.center())
    return [point.x(), point.y()]


class Automation(QObject):
    def __init__(self, window: MainWindow, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(250)

    def tick(self) -> None:
        shot = self.path.with_suffix(".shot")
        if shot.exists():
            target = Path(shot.read_text(encoding="utf-8").strip())
            shot.unlink()
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                screen.grabWindow(0).save(str(target))
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state()), encoding="utf-8")
        tmp.replace(self.path)

    def state(self) -> dict[str, Any]:
        w = self.window
        tabs = w.tabs.tabBar()
        ask = w.ask_panel
        answer = ask.last_answer
        return {
            "visible": w.isVisible(),
            "active": w.isActiveWindow(),
            "platform": QGuiApplication.platformName(),
            "library_open": w.library is not None,
            "ask_tab": _centre(tabs, tabs.tabRect(w.tabs.indexOf(ask))),
            "question": _centre(ask.question),
            "question_focused": ask.question.hasFocus(),
            "question_text": ask.question.text(),
            "answer_text": ask.answer_view.toPlainText(),
            "links": self._links(),
            "cited": {str(c.n): c.document.title for c in answer.citations} if answer is not None else {},
            "viewer_title": w.viewer.title.text(),
            "viewer_citation": getattr(w.viewer, "citation_label", ""),
        }

    def _links(self) -> list[dict[str, Any]]:
        """Each link of the answer that is on screen: its text, target and centre in screen pixels."""
        view = self.window.ask_panel.answer_view
        out: list[dict[str, Any]] = []
        block = view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fragment.isValid() and fmt.isAnchor():
                    cursor = QTextCursor(view.document())
                    cursor.setPosition(fragment.position() + fragment.length() // 2)
                    rect = view.cursorRect(cursor)
                    point = view.viewport().mapToGlobal(QPoint(rect.center().x(), rect.center().y()))
                    visible = view.viewport().rect().contains(rect.center())
                    out.append(
                        {
                            "text": fragment.text(),
                            "href": fmt.anchorHref(),
                            "at": [point.x(), point.y()],
                            "visible": visible,
                        }
                    )
                it += 1
            block = block.next()
        return out


def install(window: MainWindow) -> Automation | None:
    path = os.environ.get(ENV)
    return Automation(window, Path(path)) if path else None
