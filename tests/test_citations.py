"""Legal citations: extraction (table-driven, eyecite's style), links within a library, citation-aware
search, the cites/cited-by commands, and the upgrade of a library made before citations existed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS, make_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from legalassist.citations.extract import extract_citations, query_citations

# (text, the authorities found in it in order, as keys). Shapes from the sample corpus's own opinions.
EXTRACTION_CASES = [
    ("The Act, 45 U. S. C. §56, provides", ["45 U.S.C. § 56"]),
    ("FELA, 45 U.S. C. §51 et seq., makes", ["45 U.S.C. § 51"]),
    ("see 9 U.S.C. 2, which", ["9 U.S.C. § 2"]),
    ("under 42 USC 1983 and", ["42 U.S.C. § 1983"]),
    ("42 U.S.C.A. § 1983", ["42 U.S.C. § 1983"]),
    ("17 U. S. C. §§101, 102(a), 113.", ["17 U.S.C. § 101", "17 U.S.C. § 102", "17 U.S.C. § 113"]),
    ("45 U.S.C. §§ 51–54", ["45 U.S.C. § 51", "45 U.S.C. § 52", "45 U.S.C. § 53", "45 U.S.C. § 54"]),
    ("35 U. S. C. § 271(a) makes", ["35 U.S.C. § 271"]),
    ("U. S. Const., Art. II, § 1, cl. 2", ["U.S. Const. art. II, § 1"]),
    ("U. S. Const., Amdt. 14", ["U.S. Const. amend. XIV"]),
    ("rights under the Fourth Amendment are", ["U.S. Const. amend. IV"]),
    ("the Twenty-Fifth Amendment", ["U.S. Const. amend. XXV"]),
    ("violated the Commerce Clause by", ["U.S. Const. art. I, § 8"]),
    ("Article III of the Constitution requires", ["U.S. Const. art. III"]),
    ("Brown v. Board of Education, 347 U.S. 483, 495 (1954). Id., at 496.", ["347 U.S. 483", "347 U.S. 483"]),
    ("Roe v. Wade, 410 U. S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).", ["410 U.S. 113"]),
    ("Kepner, 314 U.S. 44 (1941). Later: Kepner, 314 U. S., at 50.", ["314 U.S. 44", "314 U.S. 44"]),
    ("Buck v. Davis, 580 U. S. ___ (2017).", ["580 U.S. ___"]),
    ("Buck v. Davis, ante, at 22.", ["Buck v. Davis"]),
    ("respondents in No. 16–405 argue", ["No. 16-405"]),
    # Shapes of real PDFs beyond the federal reporters (seen in Ellingburg, Gift Surplus, a Tax Court memo):
    ("The restitution statute, 18 U.S.C. § 3663A, applies", ["18 U.S.C. § 3663A"]),
    ("under 18 U. S. C. §3663A(a)(1), the court", ["18 U.S.C. § 3663A"]),
    ("gross income under I.R.C. § 61 includes", ["26 U.S.C. § 61"]),
    ("section 162(a) of the Internal Revenue Code; section 61 of the Code", ["26 U.S.C. § 162", "26 U.S.C. § 61"]),
    ("section 61 of the Code", []),  # which code: no Internal Revenue Code named in the document
    ("N.C.G.S. § 14-306.4 bans", ["N.C. Gen. Stat. § 14-306.4"]),
    ("N.C. Gen. Stat. § 14-306.4 bans", ["N.C. Gen. Stat. § 14-306.4"]),
    ("barred by N.J.S.A. 2A:14-1 unless", ["N.J. Stat. Ann. § 2A:14-1"]),
    ("Gift Surplus, 2022-NCSC-1, ¶ 12", ["2022-NCSC-1"]),
    ("as held in 2019 ND 12, the", ["2019 ND 12"]),
    ("Cal\xadder v. Bull, 3 U.S. 386 (1798)", ["3 U.S. 386"]),
    # Shapes of real circuit and Tax Court opinions (tests/data/citations_real.json, its tune part):
    ("Miller v. Commissioner, T.C. Memo. 2006-125, 91 T.C.M. (CCH) 1267", ["T.C. Memo. 2006-125", "91 T.C.M. 1267"]),
    ("Okla. Stat. Ann. tit. 22, § 991a(A). The", ["Okla. Stat. Ann. tit. 22, § 991a"]),
    ("Okla. Stat. Ann. tit.10, § 7306-2.9(B); see", ["Okla. Stat. Ann. tit. 10, § 7306-2.9"]),
    (
        "See Okla. Stat. Ann. tit. 10, §§ 7301-1.3(4), 7303-4.3(A) (2000).",
        ["Okla. Stat. Ann. tit. 10, § 7301-1.3", "Okla. Stat. Ann. tit. 10, § 7303-4.3"],
    ),
    ("15 U.S.C. § 1602(w). Id. § 1635(bb).", ["15 U.S.C. § 1602", "15 U.S.C. § 1635"]),
    ("Colo. Rev. Stat. §§ 13-65-101 (2016)", ["Colo. Rev. Stat. § 13-65-101"]),
    ("dismissed under Fed. R. Civ. P. 12(b)(6) and Fed.R.Evid. 702", ["Fed. R. Civ. P. 12", "Fed. R. Evid. 702"]),
    ("Fed. R. App. P. 4(a)(1)(A) and Fed.R.App.P 4(a)(4)", ["Fed. R. App. P. 4", "Fed. R. App. P. 4"]),
    # Shapes of Supreme Court slip opinions (tests/data/citations_real.json, its fresh part): an en dash in a state
    # code's section, a title with a letter, a state's constitution, a federal rule named in words
    (
        "Conn. Gen. Stat. §9–611(a)(5) (2017); Kan. Stat. Ann. §25–4153(a)(2)",
        ["Conn. Gen. Stat. § 9-611", "Kan. Stat. Ann. § 25-4153"],
    ),
    ("Mont. Code Ann. §§13–37–\n216(1)(a)(i).", ["Mont. Code Ann. § 13-37-216"]),
    ("Me. Rev. \nStat. Ann., Tit. 21–A, §1015(1);", ["Me. Rev. Stat. Ann. tit. 21-A, § 1015"]),
    (
        "Colo. \nConst., Art. XXVIII, §3(1)(b); Tex. Const. art. 5, § 5",
        ["Colo. Const. art. XXVIII, § 3", "Tex. Const. art. 5, § 5"],
    ),
    (
        "under Federal Rule of Bank\xad\nruptcy Procedure 8002(a) and Federal Rule of Civil Procedure 60(b)",
        ["Fed. R. Bankr. P. 8002", "Fed. R. Civ. P. 60"],
    ),
    (
        "42 U. S. C. §§12131–12132 and Pub. L. 94–553",
        ["42 U.S.C. § 12131", "42 U.S.C. § 12132"],
    ),  # a range keeps its dash
    # What is not a citation of an authority in the library's sense:
    ("Cite as: 581 U. S. ____ (2017)", []),  # a slip opinion's running head
    ("see 2 W. Patry, Copyright §3:151, p. 3–485", []),  # a treatise's section, not the Code's
    ("H. R. Rep. No. 94–1476, p. 55 (1976)", []),  # a congressional report number, not a docket
    ("the Kentucky Constitution declares", []),  # a State's constitution
    ("the Second Amendment To Services Agreement between", []),  # an amendment to a contract
    # a contract's sentence ending in a party's name, then a numbered clause: eyecite reads "Chase. 10" as a
    # reporter and a page with no volume (an affiliate agreement in the LegalBench-RAG slice)
    ("without the prior approval of Chase.   10. Chase Customers   Customers who apply", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "keys"), EXTRACTION_CASES, ids=[c[0][:40] or "empty" for c in EXTRACTION_CASES])
def test_extraction_finds_each_authority_in_its_canonical_form(text: str, keys: list[str]) -> None:
    found = [c for c in extract_citations([(1, text)]) if c.kind != "journal"]
    assert [c.key for c in found] == keys
    for c in found:
        assert text[c.start : c.end] == c.text  # every span is the page's own text


def test_parallel_citations_are_one_authority_known_by_each_reporter() -> None:
    (roe,) = extract_citations([(1, "Roe v. Wade, 410 U. S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).")])
    assert {"410 U.S. 113", "93 S. Ct. 705", "35 L. Ed. 2d 147", "name:roe v wade"} <= set(roe.targets)


def test_id_and_short_forms_take_their_antecedents_authority_and_pin() -> None:
    text = "Brown v. Board of Education, 347 U.S. 483, 495 (1954). Id., at 496. See Brown, 347 U.S., at 494."
    kinds = [(c.kind, c.key, c.pin) for c in extract_citations([(1, text)])]
    assert kinds == [
        ("case", "347 U.S. 483", "495"),
        ("id", "347 U.S. 483", "at 496"),
        ("short", "347 U.S. 483", "494"),
    ]


def test_a_bare_section_takes_the_title_it_was_cited_with_elsewhere_in_the_document() -> None:
    pages = [
        (1, "Venue is in 28 U.S.C. §1391(b). The Act, 45 U. S. C. §56, governs."),
        (2, "Nothing in §56 or in §1391 says otherwise; §1 of the Act of 1888, 25 Stat. 434, differed."),
    ]
    found = extract_citations(pages)
    on_page_2 = [(c.key, c.text) for c in found if c.page == 2 and "U.S.C." in c.key]
    assert on_page_2 == [("45 U.S.C. § 56", "§56"), ("28 U.S.C. § 1391", "§1391")]
    for c in found:
        assert dict(pages)[c.page][c.start : c.end] == c.text


def test_section_n_in_words_is_a_citation_when_the_section_is_cited_with_its_title() -> None:
    text = "Under 15 U.S.C. § 1635(a) the right is limited. Section 1635(a) creates it; Section 2 of the Act does not."
    assert [(c.key, c.text) for c in extract_citations([(1, text)])] == [
        ("15 U.S.C. § 1635", "15 U.S.C. § 1635"),
        ("15 U.S.C. § 1635", "Section 1635"),
    ]


def test_a_document_that_names_its_code_has_its_bare_sections_read_in_that_code() -> None:
    """A Tax Court opinion's bare "section 465(b)(2)(A)" and "sec. 7482(b)" are the Internal Revenue Code's,
    because the opinion says so; the same words in a document that does not say so name nothing."""
    pages = [
        (1, "personally liable within the meaning of section\n465(b)(2)(A). See sec. 7482(b)(1)(A), (2)."),
        (2, "1 Unless otherwise indicated, all section references are to the Internal Revenue Code."),
    ]
    assert [c.key for c in extract_citations(pages)] == ["26 U.S.C. § 465", "26 U.S.C. § 7482"]
    assert extract_citations(pages[:1]) == []
    bankruptcy = [(1, "All section references are to title 11 of the United States Code. See section 1328(a).")]
    assert [c.key for c in extract_citations(bankruptcy)] == ["11 U.S.C. § 1328"]


def test_id_with_another_section_names_that_section_of_the_code_cited_before() -> None:
    text = (
        "See Okla. Stat. Ann. tit. 10, § 7301-1.3 (2000). Id. § 7303-4.6(A). "
        "An adjudicated delinquent is not a criminal. Id. § 7307-1.7(A). See id. § 7306-2.6(A), (B)."
    )
    found = [c for c in extract_citations([(1, text)]) if c.kind == "id"]
    assert [(c.key, c.text) for c in found] == [
        ("Okla. Stat. Ann. tit. 10, § 7303-4.6", "Id. § 7303-4.6"),
        ("Okla. Stat. Ann. tit. 10, § 7307-1.7", "Id. § 7307-1.7"),
        ("Okla. Stat. Ann. tit. 10, § 7306-2.6", "id. § 7306-2.6"),
    ]


def test_a_short_citation_beside_a_tax_court_memo_keeps_its_antecedent_whatever_the_hash_seed() -> None:
    """Beside a "T.C. Memo." citation, eyecite reads "81 T.C. at 828" as a full citation of a reporter
    "T.C. at" in some processes and not others (its extractors sit in a set ordered by string hashes)."""
    import subprocess
    import sys

    script = (
        "from legalassist.citations.extract import extract_citations\n"
        "t = 'Brand v. Commissioner, 81 T.C. 821, 828 (1983). Later, Brand v. Commissioner, 81 T.C. at 828, "
        "and Miller v. Commissioner, T.C. Memo. 2006-125.'\n"
        "print([(c.kind, c.key) for c in extract_citations([(1, t)]) if c.text.endswith('at 828')])\n"
    )
    want = str([("short", "81 T.C. 821")])
    for seed in range(4):
        run = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)},
            check=True,
        )
        assert run.stdout.strip() == want, f"PYTHONHASHSEED={seed}: {run.stdout}"


@pytest.mark.parametrize(
    ("title", "cited_as"),
    [
        ("Ray White v. Daniel T. Pauly", "White v. Pauly, 580 U. S. ___ (2017)"),  # people: by surname
        ("National Labor Relations Board v. SW General, Inc.", "NLRB v. SW General, Inc., 580 U. S. ___ (2017)"),
        ("BNSF R. Co. v. Tyrrell", "BNSF R. Co. v. Tyrrell, 581 U. S. ___ (2017)"),
    ],
)
def test_a_case_is_linked_by_the_name_it_is_cited_by_not_only_its_captions(title: str, cited_as: str) -> None:
    from legalassist.citations.extract import document_targets

    (c,) = extract_citations([(1, cited_as)])
    assert set(c.targets) & document_targets("opinion", title, "", "")


def test_a_company_is_not_taken_for_a_person_by_its_last_word() -> None:
    from legalassist.citations.names import case_name_targets

    assert case_name_targets("Tarrant Regional Water Dist. v. Herrmann") == {
        "name:tarrant v herrmann",
        "name:trwd v herrmann",
    }


def test_a_new_citation_shape_is_one_row_of_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shape is a pattern, a kind and a key function; extraction places and links it like the rest."""
    import re

    from legalassist.citations import extract
    from legalassist.citations.shapes import SHAPE_TABLE, Shape

    restatement = Shape(
        "restatement",
        re.compile(r"\bRestatement \((?P<ed>\w+)\) of (?P<subject>[A-Z]\w+) § (?P<sec>\d+[A-Z]?)"),
        "statute",
        lambda m: f"Restatement ({m['ed']}) of {m['subject']} § {m['sec']}",
    )
    text = "See Restatement (Second) of Torts § 402A (1965) and the Fourth Amendment."
    assert [c.key for c in extract_citations([(1, text)])] == ["U.S. Const. amend. IV"]
    monkeypatch.setattr(extract, "SHAPE_TABLE", (*SHAPE_TABLE, restatement))
    assert [(c.key, c.text) for c in extract_citations([(1, text)])] == [
        ("Restatement (Second) of Torts § 402A", "Restatement (Second) of Torts § 402A"),
        ("U.S. Const. amend. IV", "Fourth Amendment"),
    ]


def test_a_case_name_with_a_soft_hyphen_is_known_by_its_name() -> None:
    """PDF text keeps the soft hyphen of a word broken at a line's end ("Cal\xad\nder"); the name is Calder."""
    for text in ("Cal\xadder v. Bull, 3 U.S. 386 (1798)", "Cal\xad\nder v. Bull, 3 U.S. 386 (1798)"):
        (c,) = extract_citations([(1, text)])
        assert c.targets == ("3 U.S. 386", "name:calder v bull") and text[c.start : c.end] == c.text


def test_a_citation_broken_across_lines_is_found_with_its_exact_span() -> None:
    page = "See Manrique v. United States, 581 \nU. S. 116, 118.  And the Court"
    (c,) = extract_citations([(3, page)])
    assert c.key == "581 U.S. 116" and c.page == 3
    assert page[c.start : c.end] == c.text and c.text.endswith("116, 118")


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("45 U.S.C. 56", "45 U.S.C. § 56"),
        ("§ 56 of title 45", "45 U.S.C. § 56"),
        ("45 U. S. C. §56", "45 U.S.C. § 56"),
        ("347 U.S. 483", "347 U.S. 483"),
        ("Buck v. Davis", "Buck v. Davis"),
        ("what does the Fourth Amendment protect", "U.S. Const. amend. IV"),
        ("18 U.S.C. § 3663A", "18 U.S.C. § 3663A"),
        ("I.R.C. § 61", "26 U.S.C. § 61"),
        ("2021-NCSC-57", "2021-NCSC-57"),
    ],
)
def test_queries_name_authorities_in_any_form(query: str, key: str) -> None:
    assert key in [k for k, _ in query_citations(query)]


def test_plain_questions_name_no_authority() -> None:
    assert query_citations("may state courts single out arbitration agreements") == []


# -- real passages of the corpus ---------------------------------------------------------------------


def _keys_in(pdf: Path) -> set[str]:
    from legalassist.ingest.pdf import extract_pdf

    return {c.key for c in extract_citations([(p.number, p.text) for p in extract_pdf(pdf).pages])}


@pytest.mark.parametrize(
    ("pdf", "keys"),
    [
        ("scotus_ot2016/16-405_BNSF_R_Co_v_Tyrrell.pdf", {"45 U.S.C. § 51", "45 U.S.C. § 56", "326 U.S. 310"}),
        (
            "scotus_ot2016/15-866_Star_Athletica_L_L_C_v_Varsity_Brands_Inc.pdf",
            {"17 U.S.C. § 101", "17 U.S.C. § 102", "17 U.S.C. § 113"},
        ),
        ("scotus_ot2016/16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf", {"9 U.S.C. § 2", "563 U.S. 333"}),
    ],
)
def test_real_opinions_cite_what_they_say(pdf: str, keys: set[str]) -> None:
    assert keys <= _keys_in(CORPUS / pdf)


# -- links in a library ------------------------------------------------------------------------------


def _doc(lib, name: str):
    return next(d for d in lib.documents() if Path(d.path).name == name)


def test_cites_links_authorities_to_library_documents(sample_library) -> None:
    bnsf = _doc(sample_library, "16-405_BNSF_R_Co_v_Tyrrell.pdf")
    cites = {a.key: a for a in sample_library.cites(bnsf.id)}
    assert [Path(d.path).name for d in cites["45 U.S.C. § 56"].documents] == ["45_USC_56.pdf"]
    assert [Path(d.path).name for d in cites["45 U.S.C. § 51"].documents] == ["45_USC_51.pdf"]
    assert cites["326 U.S. 310"].documents == []  # International Shoe: cited, not in this library
    assert len(cites["45 U.S.C. § 56"].places) >= 10  # "§56" throughout the opinion counts
    amendment = cites["U.S. Const. amend. XIV"]
    assert amendment.documents[0].doc_type == "constitution"
    page_text = sample_library.page(amendment.documents[0].id, amendment.page).text
    assert "AMENDMENT 14" in page_text  # a provision opens at its own page
    assert all(bnsf.id not in [d.id for d in a.documents] for a in cites.values())  # never itself

    kindred = _doc(sample_library, "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf")
    nine_two = next(a for a in sample_library.cites(kindred.id) if a.key == "9 U.S.C. § 2")
    assert [Path(d.path).name for d in nine_two.documents] == ["9_USC_2.pdf"]


def test_cited_by_lists_the_citing_passages_with_page_and_span(sample_library) -> None:
    statute = _doc(sample_library, "45_USC_56.pdf")
    places = sample_library.cited_by(statute.id)
    assert places and {Path(p.document.path).name for p in places} == {"16-405_BNSF_R_Co_v_Tyrrell.pdf"}
    for p in places:
        page = sample_library.page(p.document.id, p.citation.page)
        assert page.text[p.citation.start : p.citation.end] == p.citation.text
        passage = sample_library.passages([p.passage_id])[p.passage_id]
        assert passage.doc_id == p.document.id and passage.page == p.citation.page
        assert passage.start <= p.citation.start < passage.end
        assert "56" in p.snippet
    assert sample_library.cited_by(_doc(sample_library, "45_USC_59.pdf").id) == []


def test_searching_a_citation_finds_the_authority_first_then_its_citers(any_sample_library) -> None:
    for query in ("45 U.S.C. 56", "§ 56 of title 45", "45 U. S. C. §56"):
        hits = any_sample_library.search(query, 8, mode="keyword")
        assert Path(hits[0].document.path).name == "45_USC_56.pdf", query
        assert any(Path(h.document.path).name == "16-405_BNSF_R_Co_v_Tyrrell.pdf" for h in hits[1:]), query


def test_cites_field_keeps_only_passages_citing_the_authority(any_sample_library) -> None:
    hits = any_sample_library.search('jurisdiction cites:"45 U.S.C. § 56"', 20, mode="keyword")
    assert hits
    for h in hits:
        p = h.passage
        spans = [(p.page, p.start, p.end)] + (
            [(p.continued.page, p.continued.start, p.continued.end)] if p.continued else []
        )
        keys = {
            r.key
            for r, _ in any_sample_library.catalog.citations_of(h.document.id)
            for page, start, end in spans
            if start <= r.start < end and r.page == page
        }
        assert "45 U.S.C. § 56" in keys  # in the passage, or in the sentence it runs on with onto the next page


def test_cites_field_that_is_not_a_citation_is_a_clear_error(any_sample_library) -> None:
    from legalassist.retrieve.query import QuerySyntaxError

    with pytest.raises(QuerySyntaxError, match="cites:"):
        any_sample_library.search("cites:banana", 5, mode="keyword")


def test_cli_cites_and_cited_by(sample_library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from legalassist.cli import main

    bnsf = CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf"
    assert main(["--library", str(sample_library_dir), "cites", str(bnsf), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    linked = {a["authority"]: a["in_library"] for a in out["cites"]}
    assert Path(linked["45 U.S.C. § 56"][0]["path"]).name == "45_USC_56.pdf"

    statute = CORPUS / "us_code" / "45_USC_56.pdf"
    assert main(["--library", str(sample_library_dir), "cited-by", str(statute), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cited_by"] and all(p["title"].startswith("BNSF") for p in out["cited_by"])
    assert {"page", "span", "snippet", "treatment_hint", "passage_id"} <= set(out["cited_by"][0])

    assert main(["--library", str(sample_library_dir), "cited-by", str(statute)]) == 0
    assert "BNSF R. Co. v. Tyrrell" in capsys.readouterr().out
    assert main(["--library", str(sample_library_dir), "cites", "99999"]) == 1


def test_a_library_made_before_citations_is_scanned_when_migrated(tmp_path: Path) -> None:
    from legalassist.service import Library

    docs = [
        CORPUS / "us_code" / "9_USC_2.pdf",
        CORPUS / "scotus_ot2016" / "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf",
    ]
    with Library(make_settings(tmp_path)) as lib:
        lib.import_paths(docs, embed=False)
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    db.executescript("DROP TABLE citation_targets; DROP TABLE citations; DROP TABLE authorities;")
    db.close()
    with Library(make_settings(tmp_path)) as lib:
        assert lib.migrate() == ["citations found again"]
        kindred = _doc(lib, "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf")
        assert any(a.key == "9 U.S.C. § 2" and a.documents for a in lib.cites(kindred.id))
        assert lib.search('cites:"9 U.S.C. § 2"', 5, mode="keyword")


def test_a_library_read_with_older_citation_shapes_finds_the_new_ones_when_migrated(tmp_path: Path) -> None:
    from legalassist.citations.extract import SHAPES
    from legalassist.service import Library

    ellingburg = CORPUS / "scotus" / "24-482_Ellingburg_v_United_States_slip_2026.pdf"
    with Library(make_settings(tmp_path)) as lib:
        assert lib.catalog.citation_shapes == SHAPES
        lib.import_paths([ellingburg], embed=False)
        doc = _doc(lib, ellingburg.name)
        assert any(a.key == "18 U.S.C. § 3663A" for a in lib.cites(doc.id))
        # What an extractor without letter suffixes left: no such citation, none in the cites: field.
        with lib.catalog.transaction():
            lib.catalog.set_citations(doc.id, [], set())
        lib.writer.keyword_passages(doc)
        lib.keyword.flush()
        lib.catalog.citation_shapes = SHAPES - 1
        assert not lib.search('cites:"18 U.S.C. § 3663A"', 5, mode="keyword")
    with Library(make_settings(tmp_path)) as lib:
        assert lib.catalog.citation_shapes == SHAPES - 1  # opening alone rebuilds nothing
        assert lib.migrate() == ["citations found again"]
        assert lib.catalog.migrations()[-1][:2] == (
            "citations found again",
            f"citation shapes {SHAPES - 1} to {SHAPES}",
        )
        assert lib.migrate() == []  # done, and recorded
        assert lib.catalog.citation_shapes == SHAPES
        assert any(a.key == "18 U.S.C. § 3663A" for a in lib.cites(doc.id))
        hits = lib.search('cites:"18 U.S.C. § 3663A"', 5, mode="keyword")
        assert hits and all(h.document.id == doc.id for h in hits)


def test_a_document_imported_later_links_to_what_already_cites_it(tmp_path: Path) -> None:
    from legalassist.service import Library

    with Library(make_settings(tmp_path)) as lib:
        lib.import_paths([CORPUS / "scotus_ot2016" / "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf"], embed=False)
        kindred = _doc(lib, "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf")
        assert not next(a for a in lib.cites(kindred.id) if a.key == "9 U.S.C. § 2").documents
        lib.import_paths([CORPUS / "us_code" / "9_USC_2.pdf"], embed=False)
        assert next(a for a in lib.cites(kindred.id) if a.key == "9 U.S.C. § 2").documents
        statute = _doc(lib, "9_USC_2.pdf")
        assert {p.document.id for p in lib.cited_by(statute.id)} == {kindred.id}
        lib.remove(statute.id)
        assert not next(a for a in lib.cites(kindred.id) if a.key == "9 U.S.C. § 2").documents


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Roe v. Wade, 410 U.S. 113 (1973), was overruled in 2022.", "overruled"),
        ("We distinguished Kepner, 314 U.S. 44 (1941), on its facts.", "distinguished"),
        ("As held in Kepner, 314 U.S. 44 (1941), venue lies there.", ""),
    ],
)
def test_treatment_words_near_a_case_citation_are_kept_as_a_hint(text: str, hint: str) -> None:
    (c,) = [c for c in extract_citations([(1, text)]) if c.kind == "case"]
    assert c.treatment == hint


def test_citations_written_in_an_answer_link_to_library_documents(sample_library) -> None:
    from legalassist.ui.render import linked_text

    text = "Under 9 U.S.C. § 2 such agreements are valid; venue is in 45 U. S. C. §56, not 42 U.S.C. § 1983."
    links = sample_library.citations_linked(text)
    named = {text[s:e]: Path(d.path).name for s, e, d, _ in links}
    assert named == {"9 U.S.C. § 2": "9_USC_2.pdf", "45 U. S. C. §56": "45_USC_56.pdf"}  # § 1983: not in it
    html = linked_text(text, [(s, e, d.id, page) for s, e, d, page in links])
    statute = _doc(sample_library, "9_USC_2.pdf")
    assert f'<a href="doc:{statute.id}:1">9 U.S.C. § 2</a>' in html and "42 U.S.C. § 1983" in html


def test_the_faster_court_lookup_answers_as_eyecite_does() -> None:
    """The court of a parenthetical, found over court names normalised once, equals eyecite's own answer for
    every court's citation string, its prefixes, and strings that name no court."""
    from courts_db import courts

    from legalassist.citations import eyecite_tuning
    from legalassist.citations.eyecite_tuning import court_by_paren

    extract_citations([(1, "See 1 F.3d 1 (CA7 2013).")])  # installs the faster lookup
    original = eyecite_tuning.eyecite_court_by_paren
    assert original is not None and original is not court_by_paren
    names = [c["citation_string"] for c in courts]
    parens = (
        names[::7]
        + [n[: max(1, len(n) // 2)] for n in names[::13]]
        + ["CA7", "9th Cir.", "D. Mass.", "S.D.N.Y.", "Pa. Super.", "Cal. App.", "Tex. Crim. App.", "ND Ill."]
        + ["", "  ", "(", "zzz no court", "2013", "é", "N.Y."]
    )
    assert len(parens) > 500
    assert [court_by_paren(p) for p in parens] == [original(p) for p in parens]


def _clean_by_character(text: str) -> tuple[str, list[int]]:
    """The clean text eyecite reads and, for each of its characters, the offset it came from: built one
    character at a time, the plain way, to check the faster mapping against."""
    import re

    pieces: list[str] = []
    origin: list[int] = []
    for m in re.finditer(r"\xad\s*|\s+|[^\s\xad]+", text):
        if m.group().startswith("\xad"):
            continue  # a soft hyphen, and a line break after it, are dropped: "Cal\xad\nder" is "Calder"
        if m.group().isspace():
            pieces.append(" ")
            origin.append(m.start())
        else:
            pieces.append(m.group())
            origin.extend(range(m.start(), m.end()))
    origin.append(len(text))
    return "".join(pieces), origin


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab1.§ \n\t\r\xad\u2003", max_size=40), min_size=1, max_size=4))
def test_clean_text_spans_map_back_to_the_page_text(page_texts: list[str]) -> None:
    """eyecite reads the pages with whitespace runs made one space and soft hyphens dropped; every span of that clean text maps
    back to the same span of the joined pages as a character-by-character map gives."""
    from legalassist.citations.extract import _Text

    doc = _Text([(i + 1, t) for i, t in enumerate(page_texts)])
    clean, origin = _clean_by_character(doc.text)
    assert doc.clean == clean
    for s in range(len(clean) + 1):
        for e in range(s, min(len(clean), s + 6) + 1):
            want = (origin[s], origin[e - 1] + 1 if e > s else origin[s])
            assert doc.span((s, e)) == want


def test_eyecite_is_tuned_without_changing_what_it_finds() -> None:
    """The two eyecite shortcuts are in place after a first extraction: extractor hashes are still their
    regular expressions' (so the sets eyecite builds hold the same extractors), and name-and-pin references,
    which nothing here uses, are not searched for; short forms, Id. and supra still take their antecedents."""
    from eyecite import find
    from eyecite.tokenizers import EXTRACTORS

    found = extract_citations(
        [(1, "Brown v. Board of Education, 347 U.S. 483, 495 (1954). Brown, at 496. Id., at 497. Brown, supra.")]
    )
    assert find.extract_reference_citations.__name__ == "_no_references"
    assert all(hash(e) == hash(repr(e)) for e in EXTRACTORS[::50])
    assert [(c.kind, c.key, c.pin) for c in found] == [
        ("case", "347 U.S. 483", "495"),
        ("id", "347 U.S. 483", "at 497"),
        ("supra", "347 U.S. 483", ""),
    ]


def test_citation_recall_on_the_real_pdfs_meets_its_target() -> None:
    """266 citations read by hand off 30 pages of 14 real opinions (tests/data/citations_real.json): each part
    finds at least 90% of its citations, naming the authority printed."""
    from legalassist.benchmarks.citation_recall import main

    data = Path(__file__).parent / "data"
    args = ["--truth", str(data / "citations_real.json"), "--sources", str(data / "real_pdfs.json")]
    assert main([*args, "--pdfs", str(data / "real_pdfs"), "--check"]) == 0
