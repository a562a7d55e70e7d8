"""Array BM25F over Whoosh's postings gives Whoosh's own scores and ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalassist.index.keyword import NATURAL_FIELDS, KeywordDoc, KeywordIndex

QUESTIONS = [
    "Does the agreement allow the receiving party to disclose confidential information to its employees?",
    "personal jurisdiction over railroads under the Fourteenth Amendment due process",
    "What is the statute of limitations for copyright infringement civil actions?",
    "arbitration agreement enforceable irrevocable",
    "Commerce Clause",
    "Title 9 section 2",
]


def whoosh_ranking(kw: KeywordIndex, text: str, limit: int | None, doc_ids=None, filters=()) -> list[tuple[int, float]]:
    from legalassist.retrieve import querytree as T

    terms = kw.informative_terms(kw.terms(text))
    q = T.Or(tuple(T.Term(f, t) for t in terms for f in NATURAL_FIELDS))  # run by Whoosh's own scorer
    return kw.search_query(q, limit, doc_ids, filters)


def assert_same_ranking(ours: list[tuple[int, float]], theirs: list[tuple[int, float]]) -> None:
    """Every score equal, rank by rank; the same passages above the last score (equal scores at the
    cut-off may be other passages, and equal scores may come in another order)."""
    assert len(ours) == len(theirs) and ours
    assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-5)
    cut = theirs[-1][1] * (1 + 1e-5)
    assert {p for p, s in ours if s > cut} == {p for p, s in theirs if s > cut}
    a, b = dict(ours), dict(theirs)
    assert {p: a[p] for p in a.keys() & b.keys()} == pytest.approx({p: b[p] for p in a.keys() & b.keys()}, rel=1e-5)


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("limit", [10, 64, None])
def test_scores_and_ranking_equal_whooshs(sample_library, question: str, limit: int | None) -> None:
    kw = sample_library.keyword
    assert_same_ranking(kw.search_terms(question, limit), whoosh_ranking(kw, question, limit))


def test_document_scope_and_filters_restrict_without_changing_scores(sample_library) -> None:
    from legalassist.retrieve import querytree as T

    kw = sample_library.keyword
    docs = [d.id for d in sample_library.documents() if "9_USC" in d.path][:3]
    question = "arbitration agreement enforceable irrevocable written provision"
    scoped = kw.search_terms(question, 20, docs)
    assert scoped and {sample_library.catalog.passages([p])[p].doc_id for p, _ in scoped} <= set(docs)
    assert_same_ranking(scoped, whoosh_ranking(kw, question, 20, docs))
    statutes = [T.Term("doc_type", "statute")]
    filtered = kw.search_terms("personal jurisdiction railroad", 15, None, statutes)
    assert_same_ranking(filtered, whoosh_ranking(kw, "personal jurisdiction railroad", 15, None, statutes))
    everywhere = dict(kw.search_terms("personal jurisdiction railroad", None))
    assert all(everywhere[p] == pytest.approx(s) for p, s in filtered)


def test_removed_passages_never_come_back_and_new_ones_are_scored(tmp_path: Path) -> None:
    import random

    from legalassist.index.keyword import KeywordDoc

    rng = random.Random(7)
    vocabulary = [
        "arbitration",
        "written",
        "agreement",
        "court",
        "stay",
        "trial",
        "umpire",
        "award",
        "vacate",
        "contract",
        "party",
        "notice",
    ]

    def passages(doc_id: int, first_pid: int, n: int) -> list[KeywordDoc]:
        return [
            KeywordDoc(
                pid=first_pid + i,
                doc_id=doc_id,
                text=" ".join(rng.choices(vocabulary, k=rng.randint(5, 60))),
                title=f"Document {doc_id}",
                breadcrumb=rng.choice(["§ 1", "§ 2", "§ 3"]),
                court="",
                doc_type="statute",
                date="",
            )
            for i in range(n)
        ]

    kw = KeywordIndex(tmp_path / "keyword")
    only_in_two = [
        KeywordDoc(p.pid, 2, p.text + " zebra", p.title, p.breadcrumb, "", "statute", "") for p in passages(2, 600, 100)
    ]
    kw.add(passages(1, 0, 600) + only_in_two + passages(3, 700, 600))
    assert kw.search_terms("zebra", None) == []  # not searchable until flushed
    kw.flush()  # one segment
    assert len(kw.search_terms("zebra", None)) == 100
    question = "arbitration umpire vacate award"
    assert_same_ranking(kw.search_terms(question, None), whoosh_ranking(kw, question, None))
    kw.delete_documents([2])
    assert kw.deleted_share() > 0, "the removed passages are still in their segment, marked deleted"
    after = kw.search_terms(question, None)
    assert not {p for p, _ in after} & set(range(600, 700))
    assert kw.search_terms("zebra", None) == []  # a term whose every posting is deleted
    assert_same_ranking(after, whoosh_ranking(kw, question, None))
    kw.add(passages(4, 2000, 50))
    kw.flush()  # a second segment
    added = kw.search_terms(question, 30)
    assert {p for p, _ in kw.search_terms(question, None)} & set(range(2000, 2050))
    assert_same_ranking(added, whoosh_ranking(kw, question, 30))
    kw.close()


def test_a_small_postings_cache_changes_nothing(sample_library, monkeypatch) -> None:
    from legalassist.index import bm25

    kw = sample_library.keyword
    expected = {q: kw.search_terms(q, 20) for q in QUESTIONS}
    monkeypatch.setattr(bm25, "CACHED_POSTINGS", 50)  # evicts nearly everything
    kw._arrays = None
    kw._last_scores = None
    for q in QUESTIONS * 2:
        assert kw.search_terms(q, 20) == expected[q]
    assert kw._arrays._cached <= max(50, max(len(ids) for ids, _ in kw._arrays._postings.values()))


def test_a_passage_added_twice_before_a_commit_is_indexed_once(tmp_path: Path) -> None:
    kw = KeywordIndex(tmp_path / "keyword")
    first = KeywordDoc(1, 1, "zebra arbitration", "t", "", "", "statute", "")
    again = KeywordDoc(1, 1, "zebra umpire", "t", "", "", "statute", "")
    kw.add([first])
    kw.add([again])  # re-indexed before the commit (a document edited, or indexed again by recover)
    kw.flush()
    assert kw.all_pids() == {1}
    assert [p for p, _ in kw.search_terms("zebra", None)] == [1]
    assert kw.search_terms("arbitration", None) == []  # the last version is the one kept
    kw.close()
