"""Whether a library's catalog, keyword index and vector index agree: the check behind
`legalassist verify` and the crash tests. Read-only; the writer's recover() is what repairs."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from legalassist.domain import SEARCHABLE, Status

if TYPE_CHECKING:
    from legalassist.service import Library


def problems(lib: Library) -> list[str]:
    """Every disagreement found, as a sentence; an empty list means the library is consistent."""
    out: list[str] = []
    docs = lib.catalog.documents()
    statuses = Counter(d.status for d in docs)
    for status in sorted(set(statuses) - {*SEARCHABLE, Status.FAILED}):
        out.append(f"{statuses[status]} document(s) left '{status}' (an interrupted import or removal)")
    live = [d for d in docs if d.status in SEARCHABLE]
    shas = Counter(d.sha256 for d in live)
    for sha, n in shas.items():
        if n > 1:
            out.append(f"{n} documents share the content {sha[:12]}… (a duplicate indexed twice)")

    expected_pids = {pid for d in live for pid in lib.catalog.passage_ids_of(d.id)}
    keyword_pids = lib.keyword.all_pids()
    if missing := expected_pids - keyword_pids:
        out.append(f"{len(missing)} passage(s) in the catalog are missing from the keyword index")
    if extra := keyword_pids - expected_pids:
        out.append(f"{len(extra)} passage(s) in the keyword index belong to no live document")
    keyword_docs = lib.keyword.all_document_ids()
    if keyword_docs != {d.id for d in live}:
        out.append(
            f"document index differs from the catalog ({len(keyword_docs - {d.id for d in live})} extra, "
            f"{len({d.id for d in live} - keyword_docs)} missing)"
        )

    rows = dict(lib.catalog.vector_rows())
    live_vectors = lib.vectors.live_ids()
    if orphans := live_vectors - set(rows):
        out.append(f"{len(orphans)} vector(s) belong to no catalog passage")
    if unstored := set(rows) - live_vectors:
        out.append(f"{len(unstored)} catalog passage(s) point at vectors that are not in the index")
    for d in live:
        if d.status == Status.EMBEDDED and any(pid not in rows for pid in lib.catalog.passage_ids_of(d.id)):
            out.append(f"document {d.id} is marked embedded but has passages without vectors")
    mismatched = lib.vectors.rows_not_matching(rows)
    if mismatched:
        out.append(f"{mismatched} catalog vector row(s) hold another passage's vector")
    return out
