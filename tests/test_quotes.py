"""Quote verification: exact, normalised and near-exact matches against a page's text, and the
misquotes that must never pass."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS

from legalassist.generate.quotes import normalise, quoted_spans, verify_quote

PAGE = (
    "The Court held that an employer\u2019s contract of employ-\nment is not void if it is \ufb01led late.\n"
    "A written provision in any maritime transaction  or a contract evidencing a transaction involving\n"
    "commerce to settle by arbitration a controversy thereafter arising out of such contract or transaction\n"
    "shall be valid, irrevocable, and enforceable\u2014save upon such grounds as exist at law.\n"
)


@pytest.mark.parametrize(
    ("quote", "how"),
    [
        ("shall be valid, irrevocable, and enforceable", "exact"),
        ("contract of employ-\nment", "exact"),
        # A word hyphenated over a line end, however the quote spells it once the line break is gone.
        ("contract of employ- ment is not void", "normalised"),
        ("contract of employ-ment is not void", "normalised"),
        ("contract of employment is not void", "normalised"),
        ("an employer's contract of employment is not void", "normalised"),  # curly apostrophe, hyphenation
        ("it is filed late", "normalised"),  # the page has the "fi" ligature
        ("[T]he Court held", "normalised"),  # a bracketed alteration
        ("any maritime transaction or a contract", "normalised"),  # two spaces on the page
        ("enforceable - save upon such grounds", "normalised"),  # an em dash typed as a hyphen
        ("A written provision ... shall be valid", "normalised"),  # an ellipsis stands for what is left out
        ("A written provision \u2026 shall be valid", "normalised"),
        ("a contract evidencing a transaction involving commerce to settle by arbitation a controversy", "fuzzy"),
        ("the contract evidencing a transaction involving commerce to settle by arbitration a controversy", "fuzzy"),
        # Misquotes: a changed word, a dropped negation, a changed number, and/or, parts out of order.
        ("shall be valid, revocable, and enforceable", ""),
        ("an employer's contract of employment is void if it is filed late", ""),
        ("a contract evidencing a transaction involving commerce to settle by arbitration 2 controversies", ""),
        ("shall be valid, irrevocable, or enforceable save upon such grounds as exist at law", ""),
        ("shall be valid ... A written provision", ""),
        ("shall be void", ""),  # short: no fuzzy match for a few words
        ("a contract evidencing a transaction involving commercy to settle by arbitration", ""),  # a letter changed
        ("nothing of the kind appears on this page at all, anywhere", ""),
    ],
)
def test_quotes_are_found_at_the_right_level_or_not_at_all(quote: str, how: str) -> None:
    check = verify_quote(quote, PAGE)
    assert check.how == how and check.verified is bool(how)
    if how:
        assert 0 <= check.start < check.end <= len(PAGE)
        found = normalise(PAGE[check.start : check.end])[0]
        if how != "fuzzy":
            # The reported span holds the quote (its first and last words, for an ellipsis).
            words = normalise(quote)[0].replace("[", "").split()
            assert found.startswith(words[0].lower().strip("[]")) or words[0].startswith("[")
            assert found.endswith(words[-1].lower())
    else:
        assert (check.start, check.end) == (-1, -1)


def test_a_soft_hyphen_at_a_line_end_joins_its_word() -> None:
    page = "the Compact does not pre-empt Okla\u00ad\nhoma\u2019s water statutes"
    for quote in ("does not pre-empt Okla\u00ad homa's water statutes", "does not pre-empt Oklahoma's water statutes"):
        check = verify_quote(quote, page)
        assert check.verified and page[check.start : check.end].endswith("statutes"), quote
    assert not verify_quote("does not pre-empt Okla homa's water statutes", page).verified  # a split word is not it


def test_fuzzy_score_is_reported() -> None:
    check = verify_quote("a contract evidencing a transaction involving commerce to settle by arbitation", PAGE)
    assert check.how == "fuzzy" and 90 <= check.score < 100


def test_normalise_keeps_a_map_back_to_the_page() -> None:
    text, offsets = normalise(PAGE)
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        if ch.isalnum() and ch.isascii():
            source = PAGE[offsets[i]]
            assert source.lower() == ch or source == "\ufb01"


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        (
            "The Act makes such provisions \u201cvalid, irrevocable, and enforceable\u201d [1].",
            ["valid, irrevocable, and enforceable"],
        ),
        ('It says "valid" and "a b" and "enforceable".', ["valid", "enforceable"]),  # "a b" too short
        ('Two: "first quote here" then "second quote".', ["first quote here", "second quote"]),
        ("No quotation in this sentence.", []),
        ('An unclosed "quotation runs on', []),
    ],
)
def test_quotations_in_an_answer_are_found(text: str, quotes: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_spans(text)] == quotes


def test_quotes_verify_against_a_real_pdf_page() -> None:
    """A sentence of 9 U.S.C. § 2 as a reader would type it (plain quotes, one line) is found on the
    page PyMuPDF extracts, and the span reported is that page's own text."""
    with pymupdf.open(CORPUS / "us_code" / "9_USC_2.pdf") as doc:
        page = doc[0].get_text()
    quote = "shall be valid, irrevocable, and enforceable, save upon such grounds as exist at law or in equity"
    check = verify_quote(quote, page)
    assert check.verified and check.how in {"exact", "normalised"}
    assert " ".join(page[check.start : check.end].split()) == quote
    assert not verify_quote(quote.replace("irrevocable", "revocable"), page).verified


def test_claims_with_a_misquote_are_unsupported(sample_library) -> None:
    from legalassist.generate.answer import attribute

    hits = sample_library.search("validity irrevocability enforcement of agreements to arbitrate", 4)
    n_faa = next(i + 1 for i, h in enumerate(hits) if Path(h.document.path).name == "9_USC_2.pdf")
    text = (
        'Such an agreement "shall be valid, irrevocable, and enforceable" under the Act. '
        'Such an agreement "shall be valid, revocable, and enforceable" under the Act.'
    )
    _, claims, _ = attribute(sample_library.answers, text, hits)
    good, bad = claims
    assert good.quotes[0].verified and good.quotes[0].n == n_faa and n_faa in good.citations
    assert good.support != "unsupported"
    assert not bad.quotes[0].verified and bad.support == "unsupported" and bad.citations == []
