"""A contract's title names its parties (legalassist.ingest.contract): no models needed.

The texts are invented, shaped like the first pages of the SEC exhibits, merger agreements and NDA forms
in the LegalBench-RAG slice: a heading block with one party a line, a preamble sentence, a form with
blanks, a heading inside a paragraph of capitals, a text export with wide runs of spaces for line ends.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalassist.domain import Page
from legalassist.ingest.contract import contract_title, heading, parties
from legalassist.ingest.metadata import guess_metadata

MERGER_BLOCK = (
    "Exhibit 2.1\n\nEXECUTION VERSION\n\nAGREEMENT AND PLAN OF MERGER\n\nby and among\n\nHALDANE HOLDINGS, INC.,\n\n"
    "KESTREL MERGER SUB, INC.,\n\nBRACKEN BIOSCIENCES CORP.\n\nand\n\nBRACKEN RESEARCH LLC\n\n"
    "Dated as of March 3, 2021\n\nTABLE OF CONTENTS\nARTICLE I THE MERGER 1\n"
)
PREAMBLE = (
    'SOFTWARE HOSTING AGREEMENT\n\nThis Software Hosting Agreement (this "Agreement") is entered into as of '
    "June 1, 2020 by and between Tarnwell Systems, Inc., a Delaware corporation with offices at 12 Elm Street, "
    'Dover, DE 19901 ("Tarnwell"), and Quillfield Data Ltd., a company registered in England and Wales '
    '("Quillfield").\n\nWHEREAS, Tarnwell provides hosting services;\n'
)
FORM = (
    "NON-DISCLOSURE AGREEMENT\nThis Agreement is made on __________ by and between "
    '_________________________________, ("Discloser") and Morrow Security Group ("Recipient").\n'
    "1. Purpose. The Discloser has agreed to make available certain information.\n"
)
BLANK_FORM = (
    'MUTUAL NON-DISCLOSURE AGREEMENT\nThis Agreement is made by and between [entity] ("COMPANY X") having '
    'offices located at [address], and [entity] ("COMPANY Y").\n1. Confidential Information.\n'
)
CAPS_PARAGRAPH = (
    "EXHIBIT 4.1 CONSULTING AGREEMENT THIS AGREEMENT is dated for reference the 1st day of February, 2020. "
    "BETWEEN: ORRIN GOLD RESOURCES LTD., a company duly incorporated under the laws of British Columbia "
    '(the "Company") AND: WESTMARK CAPITAL CORP., a company duly incorporated under the laws of British '
    'Columbia (the "Consultant"). WHEREAS the Company wishes to engage the Consultant;'
)
TEXT_EXPORT = (
    "Exhibit 2.1   AGREEMENT AND PLAN OF MERGER   among   PELLING FOODS CORP.   ROOK MERGER SUB, INC.   "
    "and   ASHBY ORCHARDS INC.   Dated as of September 29, 2021   TABLE OF CONTENTS   ARTICLE I THE OFFER 2"
)
OPENING = (
    "Exhibit 10.7\n\nCONSULTING AGREEMENT\n\nCalloway Therapeutics, Inc., with a place of business at 740 Main "
    'Avenue, Berkeley, CA 94710 ("Calloway") and Vennor B.V. having an address at Kade 16, Leiden, the '
    'Netherlands ("Consultant") agree to all terms and conditions of this Consulting Agreement.\n'
)
LISTED = (
    "AGREEMENT AND PLAN OF MERGER DATED AS OF FEBRUARY 24, 2021 AMONG FENWICK PHARMA CORP., PIKE MERGER SUB, "
    "INC. AND LARCH THERAPEUTICS, INC.\n\nTABLE OF CONTENTS\n"
)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            MERGER_BLOCK,  # more than three parties: the merger vehicle is left out
            "Agreement and Plan of Merger among Haldane Holdings, Inc., Bracken Biosciences Corp. and "
            "Bracken Research LLC",
        ),
        (
            PREAMBLE,  # "England and Wales" is where a party is registered, not a party
            "Software Hosting Agreement between Tarnwell Systems, Inc. and Quillfield Data Ltd.",
        ),
        (FORM, "Non-Disclosure Agreement (Morrow Security Group)"),  # the blank party is not a name
        (CAPS_PARAGRAPH, "Consulting Agreement between Orrin Gold Resources Ltd. and Westmark Capital Corp."),
        (
            TEXT_EXPORT,
            "Agreement and Plan of Merger among Pelling Foods Corp., Rook Merger Sub, Inc. and Ashby Orchards Inc.",
        ),
        (OPENING, "Consulting Agreement between Calloway Therapeutics, Inc. and Vennor B.V."),
        (
            LISTED,
            "Agreement and Plan of Merger among Fenwick Pharma Corp., Pike Merger Sub, Inc. and Larch Therapeutics, Inc.",
        ),
    ],
)
def test_a_contract_is_titled_by_its_heading_and_its_parties(text: str, title: str) -> None:
    found = contract_title(text)
    assert found is not None
    assert found.value == title


def test_a_form_whose_parties_are_all_blanks_names_none() -> None:
    assert parties(BLANK_FORM) == []
    found = contract_title(BLANK_FORM)
    assert found is not None and found.value == "Mutual Non-Disclosure Agreement"


@pytest.mark.parametrize(
    "line",
    [
        "WHEREAS, the Parties wish to amend the Non-Competition Agreement as set out below.",
        "1. The following definitions shall be added to Section 1 of the Existing Agreement:",
        "This Agreement sets out the terms and conditions that govern the Joint Venture.",
        "TELKOM CONTRACT No. 076C/01",
        "II. Agreements",  # a section of a financial disclosure report
    ],
)
def test_a_sentence_or_a_file_number_is_not_a_heading(line: str) -> None:
    assert heading(line + "\n") == ""


def test_two_ndas_on_one_form_get_two_titles() -> None:
    """Ten NDAs titled "Non-Disclosure Agreement" cannot be told apart in the list or by a question that
    names a party; the parties (or, for a blank form, the file's name) tell them apart."""
    one = guess_metadata(Path("acme-nda.txt"), [Page(1, FORM)], {})
    other = guess_metadata(Path("quarry-nda.txt"), [Page(1, FORM.replace("Morrow", "Harlow"))], {})
    blank = guess_metadata(Path("Supplier NDA 2019.txt"), [Page(1, BLANK_FORM)], {})
    assert one["doc_type"] == other["doc_type"] == blank["doc_type"] == "contract"
    assert len({one["title"], other["title"], blank["title"]}) == 3
    assert blank["title"] == "Mutual Non-Disclosure Agreement (Supplier NDA 2019)"
    assert json.loads(blank["sources"])["title"]["from"].endswith("(it names no party), and the file's name")
    assert json.loads(one["sources"])["title"]["from"] == "page 1: the agreement's heading and its named party"


def test_a_text_export_merger_agreement_is_a_contract() -> None:
    """Its heading block runs on one line, broken by wide runs of spaces; it is still read as a contract."""
    meta = guess_metadata(Path("Pelling_Ashby.txt"), [Page(1, TEXT_EXPORT)], {})
    assert meta["doc_type"] == "contract"
    assert "Ashby Orchards Inc." in meta["title"]


AGENCY_FORM = (
    "DEPARTMENT OF HOMELAND SECURITY\nNON-DISCLOSURE AGREEMENT\nI, ____________________, an individual official "
    "or employee of ____________ (the Authorized Entity), hereby consent to the terms in this Agreement.\n"
    "I will comply with the PCII program, the implementing regulations thereto (6 CFR Part 29), as amended.\n"
)
SIGNED_BY_A_PROFESSOR = (
    "SPONSORED RESEARCH AND LICENSE AGREEMENT This Sponsored Research and License Agreement is entered into by and "
    'between Corvane, Inc. ("Corvane"), and The University of Westmark ("University").\n'
    "READ & ACKNOWLEDGED BY PRINCIPAL INVESTIGATOR\nBy: Dana Holt, M.D. Title: Professor of Otolaryngology\n"
)
RULE = (
    "DEPARTMENT OF AGRICULTURE\nAGENCY: Animal and Plant Health Inspection Service.\nACTION: Final rule.\n"
    "SUMMARY: We are amending 7 CFR Part 319 to allow imports under the cooperative AGREEMENT with Peru.\n"
)


@pytest.mark.parametrize(
    ("text", "kind"), [(AGENCY_FORM, "contract"), (SIGNED_BY_A_PROFESSOR, "contract"), (RULE, "regulation")]
)
def test_an_agreement_citing_a_rule_or_signed_by_a_professor_is_a_contract(text: str, kind: str) -> None:
    """An NDA that cites 6 CFR Part 29 was typed "regulation", and a licence signed by a "Professor of …" was
    typed "article". A rule's own marks (AGENCY:, ACTION:) still make a rule."""
    assert guess_metadata(Path("form.txt"), [Page(1, text)], {})["doc_type"] == kind
