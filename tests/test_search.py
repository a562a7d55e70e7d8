"""Hybrid search on the sample library, its JSON contract, and weighted fusion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from legalassist.retrieve.hybrid import WeightedFusionRetriever
from legalassist.retrieve.search import fusion_weights


def names(hits: list) -> list[str]:
    return [Path(h.document.path).name for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("validity of arbitration agreements", "9_USC_2.pdf"),
        ("What does the Federal Arbitration Act say about the validity of arbitration agreements?", "9_USC_2.pdf"),
        ("FELA liability of common carriers by railroad for injuries to employees", "45_USC_51.pdf"),
        (
            "state courts may not single out arbitration agreements for disfavored treatment",
            "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf",
        ),
        ("personal jurisdiction over a railroad doing business in Montana", "16-405_BNSF_R_Co_v_Tyrrell.pdf"),
    ],
)
def test_hybrid_search_finds_the_authority(any_sample_library, query: str, expected: str) -> None:
    assert expected in names(any_sample_library.search(query, 3))


def test_each_mode_answers_and_hybrid_draws_on_both(any_sample_library) -> None:
    query = "agreement in writing to submit to arbitration an existing controversy"
    keyword = any_sample_library.search(query, 10, mode="keyword")
    vector = any_sample_library.search(query, 10, mode="vector")
    hybrid = any_sample_library.search(query, 10, mode="hybrid")
    assert keyword and vector and hybrid
    assert all(h.keyword_rank and not h.vector_rank for h in keyword)
    assert all(h.vector_rank and not h.keyword_rank for h in vector)
    assert any(h.keyword_rank and h.vector_rank for h in hybrid)
    assert [h.score for h in hybrid] == sorted((h.score for h in hybrid), reverse=True)


def test_hits_point_at_exact_page_spans(any_sample_library) -> None:
    for hit in any_sample_library.search("Congress shall make no law respecting an establishment of religion", 5):
        page = any_sample_library.page(hit.passage.doc_id, hit.passage.page)
        assert page.text[hit.passage.start : hit.passage.end] == hit.passage.text
    assert names(
        any_sample_library.search("Congress shall make no law respecting an establishment of religion", 1)
    ) == ["us_constitution.pdf"]


def test_search_json_contract(sample_library_dir: Path) -> None:
    proc = run_cli(
        "search", "irrevocable and enforceable", "--k", "4", "--json", library=sample_library_dir, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["query"] == "irrevocable and enforceable" and len(data["hits"]) == 4
    for hit in data["hits"]:
        assert {"document", "title", "page", "start", "end", "text", "score"} <= hit.keys()
        assert Path(hit["document"]).is_file() and hit["page"] >= 1 and hit["end"] > hit["start"]


class FakeRetriever(BaseRetriever):
    """A scripted ranked list, for testing fusion alone."""

    def __init__(self, ids: list[str], texts: dict[str, str] | None = None) -> None:
        super().__init__()
        self.ids = ids
        self.texts = texts or {}

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [
            NodeWithScore(node=TextNode(id_=i, text=self.texts.get(i, "same text")), score=1.0 / (r + 1))
            for r, i in enumerate(self.ids)
        ]


@pytest.mark.parametrize(
    ("weights", "order"),
    [([1.0, 1.0], ["b", "a", "c"]), ([3.0, 1.0], ["b", "a", "c"]), ([1.0, 3.0], ["b", "c", "a"])],
)
def test_weighted_rrf_follows_the_weights(weights: list[float], order: list[str]) -> None:
    """b is in both lists and leads; the weights decide between a (keyword only) and c (vector only)."""
    keyword = FakeRetriever(["a", "b"])
    vector = FakeRetriever(["c", "b"])
    fused = WeightedFusionRetriever([keyword, vector], weights, top_k=3).retrieve("q")
    assert [n.node.node_id for n in fused] == order
    expected_b = sum(w / sum(weights) / (60 + 2) for w in weights)
    assert fused[0].score == pytest.approx(expected_b)


def test_weighted_rrf_scales_the_weights_and_keeps_first_met_order_on_ties() -> None:
    from legalassist.retrieve.hybrid import weighted_rrf

    fused = weighted_rrf([["a", "b"], ["b", "c"]], [3.0, 1.0], k=1.0)
    assert fused == [("a", pytest.approx(0.375)), ("b", pytest.approx(0.25 + 0.125)), ("c", pytest.approx(1 / 12))]
    assert [i for i, _ in weighted_rrf([["x"], ["y"]], [1.0, 1.0])] == ["x", "y"]  # equal: first met first
    assert weighted_rrf([["x"]], [0.0]) == [("x", 0.0)]


def test_fusion_keeps_each_main_lists_best_passage_in_the_results() -> None:
    """ "How old must a person be to serve as a Senator?": the Constitution's clause was first by meaning, but
    twenty passages of a vacancies case, in both lists, outscored it, and it was not among the 6 an answer
    gets. Each main list's best passage now takes the last place left."""
    keyword = FakeRetriever([f"k{i}" for i in range(1, 21)])
    vector = FakeRetriever(["clause", *(f"k{i}" for i in range(1, 21))])
    fused = [
        n.node.node_id for n in WeightedFusionRetriever([keyword, vector], [1, 1], 6, keep_first=[0, 1]).retrieve("q")
    ]
    assert fused == ["k1", "k2", "k3", "k4", "k5", "clause"]
    plain = [n.node.node_id for n in WeightedFusionRetriever([keyword, vector], [1, 1], 6).retrieve("q")]
    assert "clause" not in plain  # reciprocal-rank fusion alone
    # Fewer results than KEEP_FIRST_MIN_K (a "best match" search): fusion's order stands.
    few = WeightedFusionRetriever([keyword, vector], [1, 1], 1, keep_first=[0, 1]).retrieve("q")
    assert [n.node.node_id for n in few] == ["k1"]


def test_fusion_keeps_identical_text_from_two_passages_apart() -> None:
    fused = WeightedFusionRetriever([FakeRetriever(["x", "y"]), FakeRetriever(["y"])], [1, 1], 5).retrieve("q")
    assert {n.node.node_id for n in fused} == {"x", "y"}


@pytest.mark.parametrize(
    ("query", "keyword_weight"),
    [
        ('"valid, irrevocable, and enforceable"', 2.0),
        ("9 U.S.C. § 2", 2.0),
        ("347 U.S. 483", 2.0),
        ("Brown v. Board of Education", 2.0),
        ("can a court refuse to enforce an arbitration clause", 1.0),
        # quoted names in a long question are no exact search
        ('Consider the Acquisition Agreement between Parent "Acme Corp" and Target "Beta Inc"; what is Knowledge', 0.5),
    ],
)
def test_fusion_weights_follow_the_kind_of_query(query: str, keyword_weight: float) -> None:
    from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

    from legalassist.retrieve.query import parse

    parsed = parse(query, {"body": StemmingAnalyzer(), "exact": StandardAnalyzer(stoplist=None, minsize=1)})
    assert fusion_weights(query, 1.0, 1.0, parsed) == [keyword_weight, 1.0]
    # An embedder fused at a high weight (the legal embedder's 5) does not outvote an exact phrase or a citation:
    # its keyword list still weighs twice the vector list.
    exact = keyword_weight == 2.0
    assert fusion_weights(query, 1.0, 5.0, parsed) == [10.0 if exact else keyword_weight, 5.0]


def test_a_long_sentence_pasted_from_a_document_keeps_the_keyword_weight() -> None:
    sentence = "No action shall be maintained under this chapter unless commenced within three years from the day"
    assert fusion_weights(sentence, 1.0, 1.0) == [0.5, 1.0]  # a long text in words, not found verbatim
    assert fusion_weights(sentence, 1.0, 1.0, pasted=True) == [1.0, 1.0]
    assert fusion_weights(sentence, 1.0, 5.0) == [0.5, 5.0]


STATUTE_SENTENCE = (
    "No action shall be maintained under this chapter unless commenced within three years from the day the cause "
    "of action accrued."
)


@pytest.mark.parametrize("mode", ["hybrid", "keyword"])
def test_a_pasted_sentence_puts_its_own_passage_first(any_sample_library, mode: str) -> None:
    hits = any_sample_library.search(STATUTE_SENTENCE, 5, mode)
    assert names(hits)[0] == "45_USC_56.pdf"
    assert "commenced within three years" in " ".join(hits[0].passage.whole_text.split())


def test_a_distinctive_phrase_puts_its_passage_first(any_sample_library) -> None:
    phrase = "save upon such grounds as exist at law or in equity for the revocation"
    hits = any_sample_library.search(phrase, 5)
    assert phrase in " ".join(hits[0].passage.whole_text.split())


def test_text_found_verbatim_is_not_routed_by_a_word_in_it(
    sample_library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence of a document is that document's words: a rare capitalised word in it ("Water") must not
    send the search to another document whose name holds the word."""
    from conftest import make_settings

    from legalassist.retrieve.search import HybridSearch
    from legalassist.service import Library

    def no_routing(self: HybridSearch, query: str) -> None:
        raise AssertionError("routing was consulted for text found verbatim")

    monkeypatch.setattr(HybridSearch, "route", no_routing)
    with Library(make_settings(sample_library_dir)) as lib:
        assert names(lib.search(STATUTE_SENTENCE, 5))[0] == "45_USC_56.pdf"


def test_a_question_that_names_its_document_is_routed_to_it(any_sample_library) -> None:
    from legalassist.retrieve.search import HybridSearch

    lib = any_sample_library
    search = HybridSearch(lib.catalog, lib.keyword, lib.vectors, lib.embedder.embed_one, lib.settings)
    routed = search.route("In Kindred Nursing Centers v. Clark, what did the Court say about powers of attorney?")
    assert routed is not None and "Kindred" in any_sample_library.document(routed).path
    hits = any_sample_library.search(
        "In Kindred Nursing Centers v. Clark, what did the Court say about powers of attorney?", 5
    )
    assert all("Kindred" in h.document.path for h in hits[:3])
    assert search.route("what is a contract") is None


def test_routing_can_be_switched_off(sample_library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import make_settings

    from legalassist.retrieve.search import HybridSearch
    from legalassist.service import Library

    def no_routing(self: HybridSearch, query: str) -> None:
        raise AssertionError("routing was consulted although switched off")

    monkeypatch.setattr(HybridSearch, "route", no_routing)
    with Library(make_settings(sample_library_dir, route_documents=False)) as lib:
        assert lib.search("In Kindred Nursing Centers v. Clark, what did the Court say about powers of attorney?", 5)
