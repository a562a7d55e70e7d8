"""The plain types every layer shares: their enums are the strings the catalog, the indexes and the JSON
output have always held, so a library or a script written before them reads the same."""

from __future__ import annotations

import json
from dataclasses import asdict

from legalassist.domain import DocType, ImportResult, ImportStatus, Status, edit_problem


def test_members_are_the_stored_strings() -> None:
    assert [t.value for t in DocType] == [
        "opinion", "order", "statute", "regulation", "constitution", "contract", "brief", "transcript", "article",
        "other",
    ]  # fmt: skip
    assert DocType("statute") is DocType.STATUTE and DocType.STATUTE == "statute"
    assert f"{DocType.OPINION:<8}|" == "opinion |", "a table column shows the value, not the member's name"
    assert Status.EMBEDDED == "embedded" and ImportStatus.FAILED == "failed"


def test_an_import_result_serialises_as_before() -> None:
    result = ImportResult("/x.pdf", ImportStatus.DUPLICATE, "same content as /y.pdf")
    assert json.loads(json.dumps(asdict(result)))["status"] == "duplicate"
    assert result.ok and not ImportResult("/x.pdf", ImportStatus.FAILED).ok
    assert ImportResult("/x.pdf", "failed").ok is False, "a status read back from storage is a plain string"


def test_an_edit_names_the_types_it_accepts() -> None:
    assert edit_problem({"doc_type": "statute"}) == ""
    problem = edit_problem({"doc_type": "memo"})
    assert "Unknown document type 'memo'" in problem and "opinion, order, statute" in problem
    assert "DocType" not in problem
