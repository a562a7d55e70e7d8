"""Quotes held to the passages (legalassist.generate.held): the grammar a chat model's answer is decoded under,
and the sentences it offers. The fast tier reads the grammar; tests/test_ask.py decodes under it with the
real model."""

from __future__ import annotations

import re

from fakes import fake_context, hit
from test_answer_fakes import FELA_56, QUESTION

from legalassist.generate.answer import answer_question, question_cosines, should_abstain
from legalassist.generate.extractive import extract
from legalassist.generate.held import QUOTE_SEPARATOR, SHORTLIST, answer_grammar, quote_line, rank_sentences, shortlist
from legalassist.generate.prompt import NO_ANSWER, Seen

THREE_YEARS = "No action shall be maintained under this chapter unless commenced within three years from the day the"


def _alternatives(grammar: str) -> list[str]:
    """The quotes a grammar allows, as the model would write them (GBNF literals read back)."""
    rule = next(line for line in grammar.splitlines() if line.startswith("quote ::= "))
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', rule[len("quote ::= ") :])
    return [re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), x) for x in literals]


def test_the_model_may_quote_only_whole_sentences_it_was_shown_each_with_its_number() -> None:
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, llm = fake_context("", hits)
    answer_question(ctx, QUESTION, hits)
    grammar = llm.grammars[0]
    assert grammar is not None and grammar.startswith(f'root ::= "{NO_ANSWER}" | answer')
    quotes = _alternatives(grammar)
    # The section's heading line ("Actions; limitation; …", no full stop) is not read into its first sentence.
    reply = next(q for q in quotes if THREE_YEARS + " cause of action accrued." in q)
    assert reply.startswith('"No action shall'), reply
    # The section's heading and caption are no answer to quote.
    assert not any("United States Code, Title 45" in q for q in quotes)
    assert all(re.fullmatch(r'"[^"\n]+" \[1\]', q) for q in quotes), quotes
    # The reply the grammar allows is shown, its quote verified, its [n] kept.
    ctx, llm = fake_context(reply, hits)
    answer = answer_question(ctx, QUESTION, hits)
    assert not answer.abstained and [c.support for c in answer.claims] == ["supported"]
    assert answer.claims[0].written == [1] and answer.claims[0].quotes[0].verified


def test_the_offered_sentences_are_the_apps_best_and_none_below_the_floor() -> None:
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, _ = fake_context("", hits)
    seen = [Seen(FELA_56, 0, len(FELA_56))]
    offered = shortlist(ctx, QUESTION, hits, seen)
    assert len(offered) == SHORTLIST and THREE_YEARS in offered[0][1]
    assert shortlist(ctx, "Who may be President of the United States?", hits, seen) == []
    # The section's heading carries the words of a question that names it, and is still no answer to quote.
    named = "What is in United States Code, Title 45, Section 56 at 45 U.S.C. § 56?"
    assert rank_sentences(ctx, named, hits, seen)[0][2].startswith("United States Code, Title 45")
    assert all("Title 45" not in sentence for _, sentence in shortlist(ctx, named, hits, seen))


def test_with_nothing_to_quote_the_model_is_not_asked() -> None:
    """A question the passages touch (the retrieval gate lets it through) but that no sentence answers well
    enough to quote is declined by the app; one that a sentence answers is put to the model under the grammar."""
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, llm = fake_context(NO_ANSWER, hits)
    answer_question(ctx, "In which district court may an action under this chapter be brought?", hits)
    assert llm.prompts and "district of the residence of the defendant" in (llm.grammars[0] or "")
    question = "Who may be President of the United States under this chapter?"
    ctx, llm = fake_context(NO_ANSWER, hits)
    assert not should_abstain(ctx, question, hits, question_cosines(ctx, question, hits))
    answer = answer_question(ctx, question, hits)
    assert answer.abstained and llm.prompts == []


def test_a_sentence_with_quotation_marks_and_backslashes_is_one_literal() -> None:
    sentence = 'The term "person" includes a corporation \\ and a partnership.'
    grammar = answer_grammar([(2, sentence), (3, "Another sentence that is long enough.")])
    assert grammar is not None
    assert _alternatives(grammar) == [quote_line(2, sentence), quote_line(3, "Another sentence that is long enough.")]
    separator = '"' + QUOTE_SEPARATOR.encode("unicode_escape").decode() + '"'
    assert f"quote ({separator} quote)?" in grammar


def test_nothing_to_quote_means_no_grammar() -> None:
    assert answer_grammar([]) is None
    one = answer_grammar([(1, "An action must be commenced within three years.")]) or ""
    assert "answer ::= quote\n" in one  # one sentence offered: it is quoted once at most


FAA_14 = (
    "United States Code, Title 9, Section 14\n9 U.S.C. § 14\n§ 14. Contracts not affected\n"
    "This title shall not apply to contracts made prior to January 1, 1926.\n(July 30, 1947, ch. 392, 61 Stat. 674.)"
)
FELA_51 = (
    "Liability of common carriers by railroad, in interstate or foreign commerce, for injuries to\n"
    "employees from negligence; employee defined\n"
    "Every common carrier by railroad while engaging in commerce between any of the several States or\n"
    "Territories shall be liable in damages to any person suffering injury while he is employed by such carrier."
)


def test_a_quote_starts_at_its_sentence_not_at_the_heading_above_it() -> None:
    """A section's heading has no full stop; quoted, it ran into the first sentence ("Contracts not affected This
    title shall not apply …"), and its "not" made the answer check read the quote as denying its own passage.
    A heading wrapped over two lines, which the passage starts with, is no sentence to quote either."""
    question = "Does the Federal Arbitration Act apply to contracts made before 1926?"
    hits = [hit(1, "9 U.S.C. § 14. Contracts not affected", FAA_14, known_as="Federal Arbitration Act")]
    ctx, _ = fake_context("", hits)
    seen = [Seen(FAA_14, 0, len(FAA_14))]
    assert shortlist(ctx, question, hits, seen) == [
        (1, "This title shall not apply to contracts made prior to January 1, 1926.")
    ]
    answer = extract(ctx, question, hits)
    assert not answer.abstained and [c.support for c in answer.claims] == ["supported"], answer.claims
    title = (
        "45 U.S.C. § 51. Liability of common carriers by railroad, in interstate or foreign commerce, for injuries "
        "to employees from negligence; employee defined"
    )
    hits = [hit(1, title, FELA_51)]
    ctx, _ = fake_context("", hits)
    sentences = [
        s
        for _, _, s in rank_sentences(
            ctx, "Is a railroad liable to its employees?", hits, [Seen(FELA_51, 0, len(FELA_51))]
        )
    ]
    assert sentences == [" ".join(FELA_51.split("\n", 2)[2].split())]


def test_a_sentence_is_scored_with_the_heading_it_is_quoted_without() -> None:
    """The heading says what its first sentence is about ("Actions; limitation; …" over "No action shall …"):
    left out of the quote, it still counts toward the sentence's score, as it did when it was quoted."""
    hits = [hit(1, "45 U.S.C. § 56", FELA_56)]
    ctx, _ = fake_context("", hits)
    embedded: list[str] = []
    embed = ctx.judge_embedder.embed
    ctx.judge_embedder.embed = lambda texts, **kw: embedded.extend(texts) or embed(texts, **kw)  # type: ignore[method-assign]
    ranked = rank_sentences(ctx, "What is the limitation on actions?", hits, [Seen(FELA_56, 0, len(FELA_56))])
    assert ranked[0][2].startswith("No action shall be maintained")
    assert any(t.startswith("Actions; limitation; concurrent jurisdiction of courts No action shall") for t in embedded)
