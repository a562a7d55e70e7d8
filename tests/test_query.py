"""The query syntax lawyers type, table-driven, on a real keyword index of corpus documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BACKENDS, CORPUS, backend_settings, make_settings

from legalassist.retrieve.query import QuerySyntaxError, parse, tokenize
from legalassist.retrieve.search import vector_text
from legalassist.service import Library

DOCS = [
    CORPUS / "us_code" / "9_USC_2.pdf",
    CORPUS / "us_code" / "9_USC_4.pdf",
    CORPUS / "us_code" / "45_USC_51.pdf",
    CORPUS / "us_code" / "45_USC_56.pdf",
    CORPUS / "scotus_ot2016" / "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf",
    CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf",
    CORPUS / "constitution" / "us_constitution.pdf",
]


@pytest.fixture(scope="module", params=BACKENDS)
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The same documents on each index backend: every query below must mean the same on both."""
    lib = Library(make_settings(tmp_path_factory.mktemp("query-lib"), **backend_settings(request.param, request)))
    results = lib.import_paths(DOCS, embed=False)
    assert all(r.status == "imported" for r in results)
    yield lib
    lib.close()


def docs(library: Library, query: str) -> set[str]:
    return {Path(h.document.path).name for h in library.search(query, 200, mode="keyword")}


SYNTAX_CASES = [
    ('"valid, irrevocable, and enforceable"', {"9_USC_2.pdf"}, {"45_USC_51.pdf", "us_constitution.pdf"}),
    ('"irrevocable, and valid"', set(), {"9_USC_2.pdf"}),  # a phrase keeps its order
    ("arbitration AND railroad", set(), {"9_USC_2.pdf", "45_USC_51.pdf"}),
    ("arbitration OR railroad", {"9_USC_2.pdf", "45_USC_51.pdf"}, {"us_constitution.pdf"}),
    ("arbitration AND NOT Kindred", {"9_USC_2.pdf"}, {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}),
    ("arbitration -Kindred", {"9_USC_2.pdf"}, {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}),
    ("(railroad OR carrier) AND injury", {"45_USC_51.pdf"}, {"9_USC_2.pdf"}),
    ("negligen!", {"45_USC_51.pdf"}, {"9_USC_2.pdf"}),
    ("common w/3 carrier", {"45_USC_51.pdf"}, set()),
    ("(employee OR carrier) w/2 railroad", {"45_USC_51.pdf"}, {"9_USC_2.pdf"}),
    ("irrevocable w/2 railroad", set(), {"9_USC_2.pdf", "45_USC_51.pdf"}),
    ("enforceable pre/3 irrevocable", set(), {"9_USC_2.pdf"}),  # pre/ keeps the order
    ("irrevocable pre/3 enforceable", {"9_USC_2.pdf"}, set()),
    ("writing /s arbitration", {"9_USC_2.pdf"}, {"45_USC_51.pdf"}),
    ("maritime /p revocation", {"9_USC_2.pdf"}, {"45_USC_51.pdf"}),
    ("type:statute arbitration", {"9_USC_2.pdf", "9_USC_4.pdf"}, {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}),
    ("type:opinion arbitration", {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}, {"9_USC_2.pdf"}),
    ('court:"supreme court" jurisdiction', {"16-405_BNSF_R_Co_v_Tyrrell.pdf"}, {"45_USC_56.pdf"}),
    ("date:2017 arbitration", {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}, {"9_USC_2.pdf"}),
    ("date:2018..2020 arbitration", set(), {"16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"}),
    ("date:>=2017-05-01 railroad", {"16-405_BNSF_R_Co_v_Tyrrell.pdf"}, set()),
    ("What does the Federal Arbitration Act say about validity?", {"9_USC_2.pdf"}, set()),
]


@pytest.mark.parametrize(("query", "must", "must_not"), SYNTAX_CASES)
def test_query_syntax(library: Library, query: str, must: set[str], must_not: set[str]) -> None:
    found = docs(library, query)
    assert must <= found, f"missing {must - found}"
    assert not (must_not & found), f"should not match {must_not & found}"


def test_the_parser_builds_only_the_apps_own_nodes_and_both_backends_translate_them() -> None:
    from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

    from legalassist.index.keyword import to_whoosh
    from legalassist.index.postgres_query import Where
    from legalassist.retrieve import querytree

    analyzers = {"body": StemmingAnalyzer(), "exact": StandardAnalyzer(stoplist=None, minsize=1)}

    def nodes(q: querytree.Node) -> Iterator[querytree.Node]:
        yield q
        for child in q.children():
            yield from nodes(child)

    queries = [case[0] for case in SYNTAX_CASES] + ['"common carrier" w/5 (injury OR death) AND NOT title:arbitration']
    seen: set[str] = set()
    for text in queries:
        parsed = parse(text, analyzers)
        for q in ([parsed.query] if parsed.query is not None else []) + list(parsed.filters):
            for node in nodes(q):
                assert type(node).__module__ == querytree.__name__, (text, node)  # no engine's objects
                seen.add(type(node).__name__)
            assert to_whoosh(q) is not None and Where().sql(q), text
    assert {"Term", "Phrase", "Prefix", "And", "Or", "AndNot", "Near", "SpanOr", "TermRange"} <= seen


def test_doc_field_searches_within_one_document(library: Library) -> None:
    kindred = next(d for d in library.documents() if "Kindred" in d.path)
    assert docs(library, f"arbitration doc:{kindred.id}") == {Path(kindred.path).name}


def test_filters_restrict_vector_candidates_too(library: Library) -> None:
    parsed = parse("type:statute validity of arbitration agreements", library.keyword.analyzers())
    assert parsed.natural and parsed.text == "validity of arbitration agreements" and parsed.filters


@pytest.mark.parametrize(
    ("text", "natural"),
    [
        ("what is the statute of limitations", True),
        ("Section:2 of the act", True),  # not a known field: just words
        ('"exact words"', False),
        ("a AND b", False),
        ("negligen!", False),
        ("a w/5 b", False),
        ("type:statute arbitration", True),  # plain words with a filter stay a question
        ('Consider "Fiverr"\'s privacy policy; do you sell my information?', True),
        ('Consider the Agreement (the "Agreement") between Acme and Beta; what law governs?', True),
        ("validity and enforcement of arbitration agreements or contracts", True),  # lowercase and/or are words
        ("what is (see id. at 5", True),  # an unclosed bracket in a question is no syntax error
        ("Licensing & Merchandising and Sorrent", True),
        ('the "Agreement; what term', True),  # an unmatched quote mark
        ("-employment arbitration", False),
    ],
)
def test_natural_language_is_recognised(library: Library, text: str, natural: bool) -> None:
    assert parse(text, library.keyword.analyzers()).natural is natural


@pytest.mark.parametrize(
    "bad",
    [
        "(arbitration AND",
        "arbitration) AND railroad",
        "w/5 railroad",
        "date:someday x",
        "doc:abc x",
        "negligen! w/3 railroad",
    ],
)
def test_malformed_queries_say_what_is_wrong(library: Library, bad: str) -> None:
    with pytest.raises(QuerySyntaxError):
        parse(bad, library.keyword.analyzers())


def test_tokenizer_and_vector_text() -> None:
    assert tokenize('court:"first circuit" a w/5 b') == [
        ("field", "court:first circuit"),
        ("word", "a"),
        ("prox", "w/5"),
        ("word", "b"),
    ]
    parsed = parse(
        '"strict confidence" AND (employee OR agent) w/3 disclose type:contract',
        {
            "body": __import__("whoosh.analysis", fromlist=["x"]).StemmingAnalyzer(),
            "exact": __import__("whoosh.analysis", fromlist=["x"]).StandardAnalyzer(stoplist=None, minsize=1),
        },
    )
    assert vector_text(parsed) == "strict confidence employee agent disclose"


def test_an_excluded_word_excludes_the_first_match_of_a_segment_too() -> None:
    """Whoosh's AndNot let through a segment's first wanted passage when an excluded-only passage came before
    it in that segment: "arbitration AND NOT Kindred" returned a Kindred passage on some builds of the test
    library (two processes), depending on where its commits fell."""
    from whoosh.fields import NUMERIC, TEXT, Schema
    from whoosh.filedb.filestore import RamStorage

    from legalassist.index.keyword import to_whoosh
    from legalassist.retrieve import querytree as T

    ix = RamStorage().create_index(Schema(pid=NUMERIC(stored=True), body=TEXT()))
    for batch in ([(1, "railroad")], [(2, "kindred clark"), (3, "arbitration kindred"), (4, "arbitration agreement")]):
        writer = ix.writer()
        for pid, body in batch:
            writer.add_document(pid=pid, body=body)
        writer.commit(merge=False)  # a segment per commit
    assert len(ix._segments()) == 2
    query = to_whoosh(T.AndNot(T.Term("body", "arbitration"), T.Term("body", "kindred")))
    with ix.searcher() as searcher:
        assert [hit["pid"] for hit in searcher.search(query, limit=None)] == [4]
