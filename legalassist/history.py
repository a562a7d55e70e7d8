"""The questions asked of one library and their answers, newest first (``history.sqlite`` in the library
folder). Each entry keeps the answer as JSON (the ``ask --json`` object) and as its research memo, so a
past answer can be read, exported or compared after the documents change."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legalassist.domain import Answer
from legalassist.memo import answer_memo

_SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY,
    asked_at REAL NOT NULL,
    question TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    answer TEXT NOT NULL,
    memo TEXT NOT NULL
);
"""


@dataclass
class HistoryEntry:
    id: int
    asked_at: float
    question: str
    abstained: bool
    answer: dict[str, Any]
    memo: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "asked_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.asked_at)),
            "question": self.question,
            "abstained": self.abstained,
            "answer": self.answer,
        }


class History:
    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def record(self, answer: Answer) -> int:
        now = time.time()
        cur = self._db.execute(
            "INSERT INTO history (asked_at, question, abstained, answer, memo) VALUES (?, ?, ?, ?, ?)",
            (now, answer.question, int(answer.abstained), json.dumps(answer.to_json()), answer_memo(answer, now)),
        )
        return int(cur.lastrowid or 0)

    def entries(self, limit: int = 200) -> list[HistoryEntry]:
        rows = self._db.execute(
            "SELECT id, asked_at, question, abstained, answer, memo FROM history ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [HistoryEntry(r[0], r[1], r[2], bool(r[3]), json.loads(r[4]), r[5]) for r in rows]
