"""Metadata read from the page (legalassist.ingest.metadata, caption, dates): no models needed.

The short texts below are shaped like the first pages of the real court papers the metadata benchmark
reads (tests/data/real_pdfs.json); each failure the app once showed on them is a case here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalassist.domain import Page
from legalassist.ingest.caption import find_case_name, find_court
from legalassist.ingest.dates import find_date
from legalassist.ingest.metadata import guess_metadata, looks_like_title

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real_pdfs"


def _meta(text: str, pdf_meta: dict[str, str] | None = None, pages: int = 1, name: str = "paper.pdf") -> dict:
    texts = [text] + [""] * (pages - 1)
    return guess_metadata(Path(name), [Page(i + 1, t) for i, t in enumerate(texts)], pdf_meta or {})


def _date(text: str) -> str:
    found = find_date([(1, text)])
    return found.iso if found else ""


# -- titles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        r"\\ca6cin5\opinions\OPINS.TXT\10a0023p-06.txt",
        "A9Rmahfa4_1laaz8q_bg.tmp",
        "10811.exe",
        "Microsoft Word - Jagels Opinion Draft copy",
        "N:\\Docs\\E-DOS\\2010-02-05\\07-1306 Wilson (final op) 2-2-10.wpd",
        "untitled",
        "ocr_pdf_test",
    ],
)
def test_junk_pdf_titles_are_never_titles(junk: str) -> None:
    assert not looks_like_title(junk)
    assert _meta("nothing useful here", {"title": junk})["title"] == "paper"


def test_a_real_pdf_title_is_kept_when_the_page_gives_none() -> None:
    title = "11-889 Tarrant Regional Water Dist. v. Herrmann (06/13/2013)"
    assert looks_like_title(title)
    meta = _meta("some text without a caption", {"title": title})
    assert meta["title"] == title
    assert json.loads(meta["sources"])["title"]["from"] == "PDF metadata (title)"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "RECOMMENDED FOR FULL-TEXT PUBLICATION\nFile Name: 10a0023p.06\nUNITED STATES COURT OF APPEALS\n"
            "FOR THE SIXTH CIRCUIT\n_________________\nMARIBEA BALMERT,\nPlaintiff-Appellant,\nv.\n"
            "RELIANCE STANDARD LIFE INSURANCE COMPANY,\nDefendant-Appellee.\nNo. 08-4433\n",
            "Maribea Balmert v. Reliance Standard Life Insurance Company",
        ),
        (  # a caption in columns, split by ")"
            "TENNESSEE BUREAU OF WORKERS' COMPENSATION\nWORKERS' COMPENSATION APPEALS BOARD\nRuben Diaz\n)\n"
            "Docket No.\n2019-06-0263\n)\nv.\n)\nState File No. 9687-2019\n)\nCreate and Construct, LLC\n)\n",
            "Ruben Diaz v. Create and Construct, LLC",
        ),
        (  # a running head above the court, and the argued date between court and caption
            "08-6301-cv\nGildernew v. Gantner\nUNITED STATES COURT OF APPEALS\nFOR THE SECOND CIRCUIT\n"
            "August Term, 2009\n(Argued: January 25, 2010 Decided: February 4, 2010)\nDocket No. 08-6301-cv\n"
            "FRANCIS B. GILDERNEW,\nPlaintiff-Appellant,\n–v.–\nANDREA QUARANTILLO, District Director,\n",
            "Francis B. Gildernew v. Andrea Quarantillo",
        ),
        (  # a clerk's stamp names the clerk before the caption
            "FILED\nU.S. COURT OF APPEALS\nELEVENTH CIRCUIT\nFEBRUARY 5, 2010\nJOHN LEY\nACTING CLERK\n[PUBLISH]\n"
            "IN THE UNITED STATES COURT OF APPEALS\nFOR THE ELEVENTH CIRCUIT\nNo. 08-14991\nBRENDA ROBINSON,\n"
            "Plaintiff-Appellant,\nversus\nTYSON FOODS, INC.,\nDefendant-Appellee.\n",
            "Brenda Robinson v. Tyson Foods, Inc.",
        ),
        (
            "UNITED STATES COURT OF APPEALS\nFOR THE TENTH CIRCUIT\n____\nIn re:  RICHARD P. LIEBOWITZ\n"
            "No. 21-800\n____\nORDER\n____\nThis court has been advised by order of the United States\n"
            "an interim basis from the practice of law.\n",
            "In re Richard P. Liebowitz",
        ),
        (  # a syllabus cites a case before the caption; the caption is the document's
            "See United States v. Detroit Timber & Lumber Co., 200 U. S. 321, 337.\n"
            "SUPREME COURT OF THE UNITED STATES\nSyllabus\nTARRANT REGIONAL WATER DISTRICT v. HERRMANN ET AL.\n"
            "CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE TENTH CIRCUIT\n",
            "Tarrant Regional Water District v. Herrmann",
        ),
        (  # a clerk's letter names the case after "RE:"
            "OFFICE OF THE CLERK\nUNITED STATES COURT OF APPEALS\nPittsburgh, PA 15222\n"
            "RE: Christopher Mielo, et al v. Steak N Shake Operations Inc\nCase Number: 17-2678\n",
            "Christopher Mielo v. Steak N Shake Operations Inc",
        ),
        (
            "ROCK BORDELON AND TORIE BORDELON,1\nPetitioners\nv.\nCOMMISSIONER OF INTERNAL REVENUE,\nRespondent\n",
            "Rock Bordelon v. Commissioner of Internal Revenue",
        ),
        (  # the second party's name runs onto the next line
            "SUPREME COURT OF THE UNITED STATES\nSyllabus\nNATIONAL LABOR RELATIONS BOARD v. SW\n"
            "GENERAL, INC., DBA SOUTHWEST AMBULANCE\nCERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR\n",
            "National Labor Relations Board v. SW General, Inc.",
        ),
    ],
)
def test_the_case_name_comes_from_the_caption(text: str, title: str) -> None:
    found = find_case_name(text)
    assert found is not None
    assert found.value == title


def test_a_caption_in_capitals_keeps_initials_and_writes_abbreviated_words_in_title_case() -> None:
    from legalassist.ingest.caption import title_case

    assert title_case("DAMION ST. PATRICK BASTON v. UNITED STATES") == "Damion St. Patrick Baston v. United States"
    assert title_case("WELLS FARGO BANK, N.A. v. U.S. BANK") == "Wells Fargo Bank, N.A. v. U.S. Bank"


def test_a_cited_case_in_the_text_is_not_a_caption() -> None:
    text = "also, e. g., Howlett v. Rose, 496 U. S. 356, 383; Haywood v. Drown, 556 U. S. 729, 740.\n"
    assert find_case_name(text) is None


# -- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Argued: October 29, 2009 Decided: February 5, 2010", "2010-02-05"),
        ("ARGUED MARCH 31, 2009—DECIDED FEBRUARY 5, 2010", "2010-02-05"),
        ("Argued: December 1, 2009\nDecided and Filed: February 5, 2010", "2010-02-05"),
        ("Submitted: January 8, 2010\nFiled: February 5, 2010", "2010-02-05"),
        ("Argued and Submitted August 7, 2009—Pasadena, California\nFiled February 5, 2010", "2010-02-05"),
        ("IN THE SUPREME COURT OF NORTH CAROLINA\n2022-NCSC-1\nNo. 363A14-4\nFiled 11 February 2022", "2022-02-11"),
        ("FILED\nUnited States Court of Appeals\nTenth Circuit\nFebruary 5, 2010\n", "2010-02-05"),
        ("F I L E D\nFebruary 5, 2010", "2010-02-05"),
        ("FILED\nSep 13, 2019\n01:20 PM(CT)\nTENNESSEE\n", "2019-09-13"),
        ("Case 8:16-cv-01261-DOC-KES Document 40 Filed 08/05/16 Page 1 of 4 Page ID #:365", "2016-08-05"),
        ("Argued December 2, 2009\n(Filed:February 5, 2010)", "2010-02-05"),
        (  # another paper's filing date in parentheses yields to the document's own
            "Date October 13, 2017\nProceedings: (IN CHAMBERS) - MEDIATION REPORT (Filed 10/11/17)[43]",
            "2017-10-13",
        ),
    ],
)
def test_the_decision_date_wins(text: str, iso: str) -> None:
    assert _date(text) == iso


def test_argued_dates_and_dates_in_the_story_are_not_the_documents() -> None:
    assert _date("Argued January 25, 2010") == ""
    story = "x" * 800 + "\nCorrected versions of these documents were filed January 26, 2010."
    assert _date(story) == ""


# -- courts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "court"),
    [
        ("UNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\n", "U.S. Court of Appeals for the Sixth Circuit"),
        (
            "United States Court of Appeals\nFOR THE DISTRICT OF COLUMBIA CIRCUIT\n",
            "U.S. Court of Appeals for the District of Columbia Circuit",
        ),
        ("T.C. Memo. 2020-26\nUNITED STATES TAX COURT\nROCK BORDELON", "United States Tax Court"),
        ("IN THE SUPREME COURT OF NORTH CAROLINA\n2022-NCSC-1", "Supreme Court of North Carolina"),
        (
            "UNITED STATES\nFOREIGN INTELLIGENCE SURVEILLANCE COURT\nWASHINGTON, D.C.\n",
            "United States Foreign Intelligence Surveillance Court",
        ),
        (
            "ORDER\n8:16-cv-1261-DOC (KESx)\nUNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA\n",
            "U.S. District Court for the Central District of California",
        ),
        (
            "In the Missouri Court of Appeals\nEastern District\nDIVISION THREE\n",
            "Missouri Court of Appeals, Eastern District",
        ),
        (  # a footnote naming a visiting judge's court and the court below are passed over
            "1The Honorable Linda R. Reade, Chief Judge, United States District Court for the Northern District of "
            "Iowa.\nUnited States Court of Appeals\nFOR THE EIGHTH CIRCUIT\nAppeal from the United States District "
            "Court for the Northern District of Iowa.\n",
            "U.S. Court of Appeals for the Eighth Circuit",
        ),
        (
            "TENNESSEE BUREAU OF WORKERS' COMPENSATION\nWORKERS' COMPENSATION APPEALS BOARD\nRuben Diaz\n",
            "Tennessee Workers' Compensation Appeals Board",
        ),
    ],
)
def test_courts_come_from_courts_db_with_circuit_or_district(text: str, court: str) -> None:
    found = find_court(text)
    assert found is not None
    assert found.value == court


def test_a_letter_with_no_circuit_in_its_heading_is_placed_by_its_web_address() -> None:
    text = "OFFICE OF THE CLERK\nUNITED STATES COURT OF APPEALS\nWebsite: www.ca3.uscourts.gov\n"
    found = find_court(text)
    assert found is not None and found.value == "U.S. Court of Appeals for the Third Circuit"


# -- kinds of document ------------------------------------------------------------------------------------

OPINION = (
    "IN THE SUPREME COURT OF NORTH CAROLINA\nNo. 363A14-4\nFiled 11 February 2022\nGIFT SURPLUS, LLC,\n"
    "Plaintiffs,\nv.\nSTATE OF NORTH CAROLINA,\nDefendant.\nNEWBY, Chief Justice.\n"
    "The trial court's order is affirmed. IT IS ORDERED that costs be taxed.\n"
)


@pytest.mark.parametrize(
    ("text", "pages", "kind"),
    [
        (OPINION, 20, "opinion"),  # a state opinion that says "ORDERED" is still an opinion
        (
            "UNITED STATES COURT OF APPEALS\nFOR THE TENTH CIRCUIT\nIn re: RICHARD P. LIEBOWITZ\nNo. 21-800\nORDER\n"
            "This court has been advised that attorney Liebowitz has been suspended.\n",
            1,
            "order",
        ),
        (
            "UNITED STATES DISTRICT COURT\nDISTRICT OF ALASKA\nCOLIN THOMAS,\nPlaintiff,\n- against -\n"
            "SCOOPER TROOPER, LLC\nDefendant.\nJURY TRIAL DEMANDED\nCOMPLAINT\nPlaintiff by and through his counsel "
            "alleges as follows:\n",
            5,
            "brief",
        ),
        (
            "UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF MARYLAND\nTRANSCRIPT OF PROCEEDINGS\n"
            "THE COURT: Good morning.\n",
            40,
            "transcript",
        ),
        (
            "Opinion Mining in Legal Blogs\nJack G. Conrad and Frank Schilder\nAbstract\nWe perform a survey "
            "of opinions expressed in legal blogs.\n",
            10,
            "article",
        ),
        (
            "HARVARD LAW REVIEW\nARTICLE\nTHE NEW PRIVATE LAW\nIntroduction\nPrivate law is back.\n",
            60,
            "article",
        ),
        (
            "United States Code, Title 45, Section 56\n45 U.S.C. § 56\n§ 56. Actions; limitation; concurrent "
            "jurisdiction of courts\nNo action shall be maintained under this chapter unless commenced within three "
            "years. An action may be brought in a district court of the United States.\n",
            1,
            "statute",
        ),
        (
            "Federal Register / Vol. 85, No. 23\nRULES AND REGULATIONS\nDEPARTMENT OF LABOR\nAGENCY: Wage and Hour "
            "Division\nACTION: Final rule.\n29 CFR Part 791\n",
            30,
            "regulation",
        ),
        (
            'SOFTWARE LICENSE AGREEMENT\nThis Agreement is made between Acme Corp. (the "Licensor") and Beta LLC.\n'
            "WHEREAS the Licensor owns the software; NOW, THEREFORE, the parties agree as follows:\n",
            8,
            "contract",
        ),
        (
            "T.C. Memo. 2020-26\nUNITED STATES TAX COURT\nROCK BORDELON,\nPetitioner\nv.\nCOMMISSIONER OF INTERNAL "
            "REVENUE,\nRespondent\nFiled February 20, 2020.\nMEMORANDUM FINDINGS OF FACT AND OPINION\n",
            32,
            "opinion",
        ),
        (
            "OFFICE OF THE CLERK\nUNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\nFiled: September 20, 2017\n"
            "Re: Case No. 17-3994, Island Creek Coal Company v. Linda Hill, et al\nDear Counsel:\n",
            3,
            "other",
        ),
    ],
)
def test_kinds_of_document_are_told_by_features_any_court_shares(text: str, pages: int, kind: str) -> None:
    assert _meta(text, pages=pages)["doc_type"] == kind


def test_every_field_says_where_it_was_read() -> None:
    meta = _meta(OPINION, pages=20)
    sources = json.loads(meta["sources"])
    assert meta["court"] == "Supreme Court of North Carolina"
    assert meta["date"] == "2022-02-11"
    assert meta["title"] == "Gift Surplus, LLC v. State of North Carolina"
    assert set(sources) >= {"title", "court", "date", "doc_type"}
    assert sources["date"]["from"] == "page 1: filed date"
    assert all(0 < s["confidence"] <= 1 for s in sources.values())


def test_pdf_keywords_are_not_read() -> None:
    """The corpus builder writes its truth into PDF keywords; the app reads the page like any user's file."""
    meta = _meta("nothing here", {"keywords": "doc_type: statute; date: 1999-01-01; court: Made Up"})
    assert (meta["doc_type"], meta["date"], meta["court"]) == ("other", "", "")


# -- what the fresh real PDFs showed (2026-12-06) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("District Court, S.D. New York", "U.S. District Court for the Southern District of New York"),
        ("District Court, D. New Jersey", "U.S. District Court for the District of New Jersey"),
        ("District Court, District of Columbia", "U.S. District Court for the District of Columbia"),
        ("United States Bankruptcy Court, D. Alaska", "U.S. Bankruptcy Court for the District of Alaska"),
    ],
)
def test_courts_db_district_names_are_shown_in_full(name: str, shown: str) -> None:
    from legalassist.ingest.caption import display_court

    assert display_court(name) == shown


def test_a_district_court_in_a_sentence_is_not_the_papers_court() -> None:
    """A page of the U.S. Reports names no court in a heading; its syllabus tells what the District Court did."""
    page = (
        "460\nOCTOBER TERM, 2008\nSyllabus\nPLEASANT GROVE CITY, UTAH, et al. v. SUMMUM\ncertiorari to the united"
        " states court of appeals for\nthe tenth circuit\nNo. 07–665. Argued November 12, 2008—Decided February 25,"
        " 2009\nThe City rejected the monument. The District Court denied respondent’s request, but the Tenth"
        " Circuit reversed.\n"
    )
    meta = _meta(page, pages=5)
    assert meta["court"] == "Supreme Court of the United States"
    assert meta["title"] == "Pleasant Grove City v. Summum"
    assert meta["date"] == "2009-02-25"
    found = find_court("Background\nThe District Court denied the motion and the plaintiff appealed.\n")
    assert found is None or found.value != "U.S. District Court"


def test_the_judges_signature_dates_a_long_order_over_the_dockets_filed_date() -> None:
    first = (
        "Case 5:17-cv-00072-BLF Document 551-1 Filed 04/20/20 Page 1 of 27\nUNITED STATES DISTRICT COURT\n"
        "NORTHERN DISTRICT OF CALIFORNIA\nFINJAN, INC.,\nPlaintiff,\nv.\nCISCO SYSTEMS INC.,\nDefendant.\n"
        "Case No. 17-cv-00072-BLF\nORDER ON DAUBERT MOTIONS\nPlaintiff brings this patent lawsuit.\n"
    )
    last = (
        "IT IS SO ORDERED.\nDated: April 17, 2020\n______________\nBETH LABSON FREEMAN\nUnited States District Judge\n"
    )
    pages = [Page(1, first), Page(2, "The motions are decided as follows."), Page(3, "More."), Page(4, last)]
    meta = guess_metadata(Path("order.pdf"), pages, {})
    assert meta["date"] == "2020-04-17"
    assert json.loads(meta["sources"])["date"]["from"] == "page 4: signature date"
    # A place between the label and the date; and an opinion that prints no date until it is signed.
    sdny = [
        Page(1, "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK\nOPINION\n"),
        Page(2, "x"),
        Page(3, "y"),
        Page(4, "SO ORDERED.\nDATED: New York, New York\nApril 19, 2021\n"),
    ]
    assert guess_metadata(Path("o.pdf"), sdny, {})["date"] == "2021-04-19"


def test_a_court_minutes_date_field_outranks_the_motions_filed_date() -> None:
    page = (
        "UNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA\nCIVIL MINUTES - GENERAL\nCase No.\n"
        "CV15-5642-CAS(JCx)\nDate\nJuly 1, 2019\nTitle\nMARCUS GRAY, ETC.; ET AL. v. KATHERYN ELIZABETH HUDSON\n"
        "Proceedings:\nHEARING ON MOTIONS IN LIMINE[328][329]\n(Filed 06/12/2019)\nHearing held.\n"
    )
    assert _date(page) == "2019-07-01"
    assert _date("(Argued: January 25, 2010         Decided: February 4, 2010)\n") == "2010-02-04"


@pytest.mark.parametrize(
    ("field", "title"),
    [
        (
            ["Title:", "JUAN FRIAS V CITY OF LOS ANGELES ET AL", "Present: The Honorable"],
            "Juan Frias v. City of Los Angeles",
        ),
        (
            [
                "Title",
                "MANUFACTURING AUTOMATION AND SOFTWARE SYSTEMS,",
                "INC. V. KRISTOPHER HUGHES, ET AL.",
                "CV-8962 (04/18)",
            ],
            "Manufacturing Automation and Software Systems, Inc. v. Kristopher Hughes",
        ),
    ],
)
def test_a_minutes_forms_title_field_names_the_case(field: list[str], title: str) -> None:
    head = "UNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA\nCIVIL MINUTES - TRIAL\nCase No.\nCV 16-4626\n"
    found = find_case_name(head + "\n".join(field) + "\n")
    assert found is not None and found.value == title


def test_criminal_minutes_name_the_defendant_from_the_forms_table() -> None:
    cells = [
        "UNITED STATES DISTRICT COURT",
        "CENTRAL DISTRICT OF CALIFORNIA",
        "CRIMINAL MINUTES – GENERAL ‘O’",
        "Case No.",
        "2:14-cr-00684-CAS – 13",
        "Date",
        "May 1, 2019",
        "Present: The Honorable",
        "CHRISTINA A. SNYDER",
        "Interpreter",
        "N/A",
        "Catherine Jeang",
        "Not Present",
        "Deputy Clerk",
        "Assistant U.S. Attorneys",
        "U.S.A. v. Defendant(s): Present Cust.",
        "Bond Attorneys for",
        "Defendants:",
        "Present App. Ret.",
        "Oscar Flores",
        "Not",
        "X",
        "Charles Diamond",
    ]
    found = find_case_name("\n".join(cells) + "\n")
    assert found is not None and found.value == "United States v. Oscar Flores"


@pytest.mark.parametrize(
    "heading",
    [
        "ORDER RE: ATTORNEY-CLIENT PRIVILEGE DISPUTE\nRe: Dkt. Nos. 626, 627",
        "REDACTED ORDER (1) GRANTING TESSERA’S MOTION FOR PARTIAL SUMMARY JUDGMENT,\n(2) DENYING TOSHIBA’S MOTION",
        "CRIMINAL MINUTES – GENERAL ‘O’\nTHE GOVERNMENT’S MOTION IN LIMINE NO. 1 TO EXCLUDE",
    ],
)
def test_a_courts_order_heading_with_numbers_or_a_re_line_is_an_order(heading: str) -> None:
    page = f"UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\nTESSERA, INC.,\nPlaintiff,\nv.\nTOSHIBA\n{heading}\nThe parties dispute.\n"
    assert _meta(page, pages=8)["doc_type"] == "order"


# -- what the second fresh set showed (2026-12-06) -------------------------------------------------------------


def test_a_caption_whose_v_the_ocr_lost_still_names_both_parties() -> None:
    """OCR read the S.D.N.Y. caption's lone "-v-" as "~"; each party's role line still tells the sides."""
    page = (
        "UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK\nOTIS A. DANIEL,\nPlaintiff,\n"
        "13 Civ. 4384 (PAE)\n~\nORDER\nT&M PROTECTION RESOURCES LLC, et al.,\nDefendants.\n"
        "PAUL A. ENGELMAYER, District Judge:\nThe Court has received pro se plaintiff Otis Daniel’s motion.\n"
    )
    meta = _meta(page, pages=2)
    assert meta["title"] == "Otis A. Daniel v. T&M Protection Resources LLC"
    # A two-page paper headed ORDER is an order, although its judge's line is one an opinion also prints.
    assert meta["doc_type"] == "order"
    # A printed "v." is read the usual way, not jumped over to a docket number before it.
    ninth = (
        "UNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\nROGER D. MORTIMER, individually\nNo. 07-55393\n"
        "Plaintiffs-Appellants,\nCV-00-13002-DDP\nv.\nOPINION\nLEROY D. BACA,\nDefendant-Appellee.\n"
    )
    found = find_case_name(ninth)
    assert found is not None and found.value == "Roger D. Mortimer v. Leroy D. Baca"


def test_a_search_warrant_is_an_order_and_named_for_what_is_searched() -> None:
    """A magistrate judge's warrant (form AO 93), as OCR reads it: "ofthe" run together, a docket number
    beside the caption."""
    page = (
        "AO 93 Search and Seizure Warrant\nUNITED STATES DISTRICT COURT\nfor the\nDistrict of Arizona\n"
        "In the Matter ofthe Search of\nCase No.\n20-4298MB\n295 CANYON DRIVE, KAYENTA, ARIZONA, 86033,\nAnd\n"
        "THE PERSON OF JAMES THOMAS ANDREW\nMCCARTY\nELECTRONIC SEARCH AND SEIZURE WARRANT\nTo:\n"
        "Any authorized law enforcement officer\n"
    )
    meta = _meta(page, pages=10)
    assert meta["doc_type"] == "order"
    assert meta["title"] == "In re the Search of 295 Canyon Drive, Kayenta, Arizona, 86033"


def test_a_courts_list_of_decisions_is_not_the_first_case_it_lists() -> None:
    page = (
        "LIST OF DECISIONS ANNOUNCED BY\nON FRIDAY, DECEMBER 10, 2021\nTHE SUPREME COURT OF ALABAMA\nBryan, J.\n"
        "1200467\nPetition Denied. No Opinion.\nEx parte Joy Vick Graham. PETITION FOR WRIT OF MANDAMUS: CIVIL (In re:\n"
        "Joy Vick Graham v. Barry Austin Graham; Barry Graham Oil Service, LLC; and\nServisFirst Bank)\n"
        "Sellers, J.\n1200483\nAffirmed.\nBrett A. Deslonde v. Nationstar Mortgage, LLC\nLinks : OPINION\n"
    )
    meta = _meta(page)
    assert (meta["doc_type"], meta["title"]) == ("other", "List of Decisions Announced")
    assert meta["court"] == "Supreme Court of Alabama" and meta["date"] == "2021-12-10"


def test_a_clerks_letter_is_named_for_the_case_on_its_re_line_pages_in() -> None:
    """A Third Circuit entry-of-judgment letter: five pages of counsel's addresses, then "RE: <case>"."""
    first = (
        "OFFICE OF THE CLERK\nUNITED STATES COURT OF APPEALS\nFOR THE THIRD CIRCUIT\nAugust 17, 2022\n"
        "Jonathan S. Abady\n600 Fifth Avenue\nNew York, NY 10020\n"
    )
    pages = [Page(1, first)] + [Page(n, "Counsel Name\n1 Street\nCity, ST 00000\n") for n in range(2, 6)]
    pages.append(Page(6, "RE: City of Hoboken v. Chevron Corp, et al\nCase Number: 21-2728\nENTRY OF JUDGMENT\n"))
    meta = guess_metadata(Path("nda_document.pdf"), pages, {})
    assert meta["doc_type"] == "other"
    assert meta["title"] == "City of Hoboken v. Chevron Corp"
    assert json.loads(meta["sources"])["title"]["from"] == "page 6: the letter's RE: line"


def test_criminal_minutes_name_a_defendant_printed_in_capitals() -> None:
    """As OCR reads a scanned minutes form: each column head on its own line, the defendant in capitals."""
    cells = [
        "UNITED STATES DISTRICT COURT",
        "CENTRAL DISTRICT OF CALIFORNIA",
        "REDACTED CRIMINAL MINUTES —- GENERAL",
        "U.S.A. v. Defendant(s):",
        "Present",
        "Cust.",
        "Bond",
        "Attorneys for",
        "Present",
        "App.",
        "Ret.",
        "Defendants:",
        "CHRISTOPHER",
        "EDWARD BUCK",
        "NOT",
        "X",
        "DARDEN",
    ]
    found = find_case_name("\n".join(cells) + "\n")
    assert found is not None and found.value == "United States v. Edward Buck"


def test_a_docket_header_that_ocr_splits_into_lines_is_still_the_dockets_date() -> None:
    """Redacted minutes filed a year after their own date: the header's "Filed 09/18/19", on a line of its own
    after OCR, must not outrank the minutes' "Date" field."""
    page = (
        "Case 2:17-cv-00308-JAK-AFM\nDocument 129\nFiled 09/18/19\nPage1of25\nUNITED STATES DISTRICT COURT\n"
        "CENTRAL DISTRICT OF CALIFORNIA\nREDACTED CIVIL MINUTES — GENERAL\nCase No.\nLA CV17-00308 JAK (AFMx)\n"
        "Date\nSeptember 18, 2018\nTitle\nJason Lust v. Animal Logic Entertainment US, et al.\n"
    )
    assert _date(page) == "2018-09-18"
    assert _date("Filed 09/18/19\nUNITED STATES DISTRICT COURT\n") == "2019-09-18"  # a court's own "Filed" stays


# As the text layer and OCR read page 1 of two judges' financial disclosure reports (AO 10): the 2018 form
# of a bankruptcy judge, and a 2003 scan whose OCR printed the fields out of order, "1." as "l.".
_AO10_TYPED = (
    "AO 10\nRev. 1/2019\nFINANCIAL DISCLOSURE REPORT\nFOR CALENDAR YEAR 2018\nReport Required by the Ethics\n"
    "in Government Act of 1978\n1. Person Reporting (last name, first, middle initial)\nALQUIST, NANCY V.\n"
    "2. Court or Organization\nBANKRUPTCY COURT, DISTRICT OF MARYLAND\n3. Date of Report\n08/15/2019\n"
    "4. Title (Article III judges indicate active or senior status;\nBANKRUPTCY JUDGE\n"
)
_AO10_SCANNED = (
    "Report Required by the Ethics\nA0-10\nFINANCIAL DISCLOSURE REPORT\nIn Govenunent Act of 1978\n"
    "Calendar Year 2003\nl.  Person Reporting (Last name, First name, Middle initial) \nLITTLE.JR., F.A \n"
    "4. Title (Article III Judges indicate active or senior status;\nSENIOR JUDGE\n"
    "2.  Court or Organization \nWESTERN DI STRICT OF LOUISIANA \nS.  ReportType (check appropriate type) \n"
    "0 Nomination. \nDate \n10/17/1984 \n0 Initial \n@ Annual \n3.  Date of Report \n5/4/2004 \n"
)


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        (_AO10_TYPED, "Financial Disclosure Report, 2018: Nancy V. Alquist", "2019-08-15"),
        (_AO10_SCANNED, "Financial Disclosure Report, 2003: F.A Little Jr.", "2004-05-04"),
    ],
)
def test_a_report_form_is_named_for_the_person_filing_it_and_dated_by_its_date_of_report(
    text: str, title: str, date: str
) -> None:
    """The form's "Court or Organization" is where the judge works, not a court's decision; a 9-page form with
    a court's name in it was read as that court's opinion. Its nomination "Date" is decades older than the report."""
    meta = _meta(text, pages=9)
    assert (meta["title"], meta["doc_type"], meta["court"], meta["date"]) == (title, "other", "", date)


def test_a_date_of_report_outranks_a_bare_date_field() -> None:
    assert _date("Nomination\nDate\n10/17/1984\nAnnual\n3. Date of Report\n5/4/2004\n") == "2004-05-04"


def test_a_date_filter_finds_the_opinion_decided_that_year(tmp_library) -> None:
    """The Third Circuit's economic loss doctrine opinion, argued in 2009 and decided in February 2010, was
    dated 2009 by the first date on its page and so missed by "date:2010"."""
    lib = tmp_library
    results = lib.import_paths(
        [REAL / "cl-3rdCircuit-091225p.pdf", REAL / "cl-6thCircuit-10a0023p-06.pdf"], embed=False
    )
    assert all(r.ok for r in results)
    third = next(d for d in lib.documents() if d.path.endswith("091225p.pdf"))
    assert third.date == "2010-02-05"
    assert third.court == "U.S. Court of Appeals for the Third Circuit"
    assert third.sources["date"]["from"].endswith("filed date")
    sixth = next(d for d in lib.documents() if d.path.endswith("10a0023p-06.pdf"))
    assert sixth.title == "Maribea Balmert v. Reliance Standard Life Insurance Company"  # not its PDF's file path
    hits = lib.search("date:2010 economic loss doctrine", mode="keyword")
    assert hits and hits[0].document.id == third.id


def test_a_catalog_from_before_sources_opens_and_edits_say_you(tmp_path: Path) -> None:
    import sqlite3

    from legalassist.index.catalog import Catalog

    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    doc_id = catalog.add_document("/a.pdf", "0" * 64, 1, {"title": "A v. B", "doc_type": "opinion"}, 1)
    catalog.close()
    with sqlite3.connect(path) as db:  # as a catalog written before metadata kept its sources
        db.execute("ALTER TABLE documents DROP COLUMN sources")
    catalog = Catalog(path)
    doc = catalog.document(doc_id)
    assert doc is not None and doc.title == "A v. B" and doc.sources == {} and doc.source_of("title") == ""
    catalog.set_metadata(doc_id, {"court": "Supreme Court of Ohio"})
    edited = catalog.document(doc_id)
    assert edited is not None and edited.sources["court"] == {"from": "you", "confidence": 1.0}
    catalog.close()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "SEC. 1. SHORT TITLE.\nThis Act may be cited as the “Federal Vacancies Reform Act of 1998”.",
            "Federal Vacancies Reform Act of 1998",
        ),
        ('This title, as amended, may be cited as the "Copyright Act of 1976"; see', "Copyright Act of 1976"),
        (
            "This chapter is popularly known as the ‘Federal Employers’ Liability Act’.",
            "Federal Employers’ Liability Act",
        ),
        (  # an amendment's short title is passed over for the statute's own
            "Short Title of 2010 Amendment: This Act may be cited as the 'Patent Amendments Act of 2010'.\n"
            "Short Title: This chapter may be cited as the 'Lanham Act'.",
            "Lanham Act",
        ),
        ('The parties may be cited as "Buyer" and "Seller".', None),  # not a statute's clause
        ("the Act may be cited as authority for", None),
    ],
)
def test_a_statute_is_known_by_its_own_short_title_clause(text: str, name: str | None) -> None:
    from legalassist.ingest.metadata import short_title

    found = short_title(text)
    assert (found[0] if found else None) == name


def test_an_imported_statute_records_its_short_title_and_where_it_was_read() -> None:
    statute = (
        "United States Code, Title 15, Section 1051\n15 U.S.C. § 1051\n§ 1051. Application for registration\n"
        "The owner of a trademark used in commerce may request registration.\n"
    )
    note = "Short Title\nThis chapter may be cited as the “Lanham Act”.\n"
    meta = guess_metadata(Path("15_USC_1051.pdf"), [Page(1, statute), Page(2, note)], {})
    assert meta["doc_type"] == "statute" and meta["known_as"] == "Lanham Act"
    assert json.loads(meta["sources"])["known_as"]["from"] == "page 2: short-title clause"
    fela = _meta("United States Code, Title 45, Section 56\n45 U.S.C. § 56\n§ 56. Actions; limitation\n")
    assert fela["known_as"] == "Federal Employers' Liability Act (FELA)"  # no clause of its own: the table's name
    assert json.loads(fela["sources"])["known_as"]["from"].startswith("the Popular Names Table")
    opinion = guess_metadata(
        Path("op.pdf"), [Page(1, OPINION), Page(2, "This Act may be cited as the “Some Act”.")], {}
    )
    assert opinion["doc_type"] == "opinion" and "known_as" not in opinion  # only a statute names itself so


def test_a_statute_is_searched_and_headed_by_its_popular_name(tmp_path: Path, tmp_library) -> None:
    import pymupdf

    path = tmp_path / "15_USC_1051.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        for i, line in enumerate(
            [
                "United States Code, Title 15, Section 1051",
                "15 U.S.C. § 1051",
                "§ 1051. Application for registration; verification",
                "The owner of a trademark used in commerce may request registration of its trademark.",
                "Short Title",
                'This chapter may be cited as the "Trademark Registration Act".',  # the PDF's font has no curly quotes
            ]
        ):
            page.insert_text((72, 72 + 16 * i), line, fontsize=10)
        doc.save(path)
    assert tmp_library.import_paths([path], embed=False)[0].ok
    (doc,) = tmp_library.documents()
    assert doc.known_as == "Trademark Registration Act"
    assert "Trademark Registration Act" in doc.header()
    hits = tmp_library.search("Trademark Registration Act owner request", 5, mode="keyword")
    assert hits and hits[0].passage.doc_id == doc.id
    edited = tmp_library.edit_metadata(doc.id, known_as="Lanham Act")
    assert edited.known_as == "Lanham Act" and edited.sources["known_as"]["from"] == "you"
    assert tmp_library.search("Lanham Act owner of a trademark", 5, mode="keyword")[0].passage.doc_id == doc.id


def test_a_catalog_from_before_short_titles_opens(tmp_path: Path) -> None:
    import sqlite3

    from legalassist.index.catalog import Catalog

    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    meta = {"title": "45 U.S.C. § 56", "doc_type": "statute", "citation": "45 U.S.C. § 56"}
    doc_id = catalog.add_document("/a.pdf", "0" * 64, 1, meta, 1)
    other = catalog.add_document("/b.pdf", "1" * 64, 1, {"title": "A v. B", "doc_type": "opinion"}, 1)
    catalog.close()
    with sqlite3.connect(path) as db:  # as a catalog written before short titles were read
        db.execute("ALTER TABLE documents DROP COLUMN known_as")
    catalog = Catalog(path)  # opening it runs the catalog's schema migrations, and records them
    assert [name for name, _, _ in catalog.migrations()] == ["popular names"]
    doc = catalog.document(doc_id)
    # Its statute keeps the popular name it was indexed under (the table's, by its section).
    assert doc is not None and doc.known_as == "Federal Employers' Liability Act (FELA)"
    assert "Federal Employers' Liability Act" in doc.header()
    assert catalog.document(other).known_as == ""  # type: ignore[union-attr]
    catalog.set_metadata(doc_id, {"known_as": "FELA"})
    assert catalog.document(doc_id).known_as == "FELA"  # type: ignore[union-attr]
    catalog.close()


# -- state appellate courts and a Federal Register rule (the fresh-4 part's first run) ----------------------

_CAL_APPEAL = (
    "Filed 7/14/25  Conservatorship of the Person of C.S. CA3\nNOT TO BE PUBLISHED\n"
    "California Rules of Court, rule 8.1115(a), prohibits courts and parties from citing or relying on opinions\n"
    "IN THE COURT OF APPEAL OF THE STATE OF CALIFORNIA\nTHIRD APPELLATE DISTRICT\n(Tehama)\n----\n"
    "Conservatorship of the Person of C.S.\nC102321\nTEHAMA COUNTY PUBLIC GUARDIAN, as\nConservator, etc.,\n"
    "Petitioner and Respondent,\nv.\nC.S.,\nObjector and Appellant.\n"
)


def test_a_state_appellate_court_is_named_with_its_district_and_a_word_inside_another_is_no_court() -> None:
    """courts-db's "California Courts of Appeal" is the group; the heading's next line names the district.
    "NOT TO BE PUBLISHED California" once read as "ED California", a federal bankruptcy court."""
    meta = _meta(_CAL_APPEAL, pages=7)
    assert meta["court"] == "California Court of Appeal, Third Appellate District"
    assert meta["title"] == "Conservatorship of the Person of C.S."
    assert meta["date"] == "2025-07-14"
    assert find_court("NOT TO BE PUBLISHED California Rules of Court, rule 8.1115(a)") is None


@pytest.mark.parametrize(
    ("heading", "court"),
    [
        ("IN THE SUPREME COURT OF\nCALIFORNIA\n", "Supreme Court of California"),
        (
            "IN THE COURT OF APPEAL OF THE STATE OF CALIFORNIA\nSECOND APPELLATE DISTRICT\nDIVISION EIGHT\n",
            "California Court of Appeal, Second Appellate District",
        ),
        (
            "COURT OF APPEAL, FOURTH APPELLATE DISTRICT\nDIVISION ONE\nSTATE OF CALIFORNIA\n",
            "California Court of Appeal, Fourth Appellate District",
        ),
    ],
)
def test_california_courts_as_they_style_themselves(heading: str, court: str) -> None:
    found = find_court(heading + "In re DREXEL BRADSHAW on Discipline.\n")
    assert found is not None and found.value == court


@pytest.mark.parametrize(
    ("caption", "title"),
    [
        (
            "Conservatorship of the Person and\nEstate of ANNE S.\nB333052\nMARC B. HANKIN,\n"
            "Petitioner and Appellant,\nv.\nANNE S.,\nObjector and Respondent.\n",
            "Conservatorship of the Person and Estate of Anne S.",
        ),
        (
            "STATE OF CALIFORNIA\nEstate of EDEN AHBEZ, Deceased.\nDEBRA GUESS,\nPetitioner and Respondent,\nv.\n"
            "JOSEPH ROMERSA,\nObjector and Appellant.\n",
            "Estate of Eden Ahbez",
        ),
        (
            "In re DOMINIC H., a Minor.\nISMAEL H. et al.,\nPetitioners and Respondents,\nv.\nBERNARDINO G.,\n"
            "Objector and Appellant.\n",
            "In re Dominic H.",
        ),
        (
            "In re DREXEL BRADSHAW on Discipline.\nS282314\nJuly 3, 2025\nJustice Liu authored the opinion\n",
            "In re Drexel Bradshaw on Discipline",
        ),
        # An estate that sues is a party: the caption is still "X v. Y".
        ("ESTATE OF JOHN DOE,\nPlaintiff,\nv.\nACME CORP.,\nDefendant.\n", "Estate of John Doe v. Acme Corp."),
        # "The State of California" as a party keeps its place in the caption.
        ("STATE OF CALIFORNIA\nPlaintiff,\nv.\nJOHN DOE,\nDefendant.\n", "State of California v. John Doe"),
    ],
)
def test_state_captions_named_for_an_estate_a_conservatorship_or_a_minor(caption: str, title: str) -> None:
    found = find_case_name("IN THE COURT OF APPEAL OF THE STATE OF CALIFORNIA\nSECOND APPELLATE DISTRICT\n" + caption)
    assert found is not None and found.value == title


def test_a_federal_register_rule_is_titled_by_its_subject_and_dated_by_its_issue() -> None:
    page = (
        "Proposed Rules\nFederal Register\n47698\nVol. 85, No. 152\nThursday, August 6, 2020\n"
        "DEPARTMENT OF TRANSPORTATION\nFederal Aviation Administration\n14 CFR Part 39\n"
        "[Docket No. FAA–2020–0686; Product\nIdentifier 2019–NM–035–AD]\nRIN 2120–AA64\n"
        "Airworthiness Directives; The Boeing\nCompany Airplanes\nAGENCY: Federal Aviation\nAdministration (FAA), DOT.\n"
        "ACTION: Notice of proposed rulemaking\n(NPRM).\nDATES: The FAA must receive comments\non this proposed AD by "
        "September 21,\n2020.\n"
    )
    meta = _meta(page, pages=15)
    assert meta["doc_type"] == "regulation"
    assert meta["title"] == "Airworthiness Directives; The Boeing Company Airplanes"
    assert meta["date"] == "2020-08-06"  # the issue's, not the comment deadline's
    assert json.loads(meta["sources"])["date"]["from"] == "page 1: Federal Register issue date"
