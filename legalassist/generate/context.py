"""What the answer code uses of a library, and nothing more: the models, the keyword index's analyzer,
page text and stored vectors, each as a function. The answer code never sees the library itself, so it
can be driven by any stores that give these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from legalassist.config import Settings
from legalassist.generate.grounding import Grounding

if TYPE_CHECKING:
    from legalassist.generate.embedder import Embedder
    from legalassist.generate.llm import LocalLLM
    from legalassist.generate.models import Models
    from legalassist.generate.reader import EntailmentReader


class AnswerContext:
    def __init__(
        self,
        models: Models,
        terms: Callable[[str], Sequence[str]],
        page_text: Callable[[int, int], str | None],
        vectors_of: Callable[[Sequence[int]], dict[int, np.ndarray]],
        share: Callable[[str], float] | None = None,
    ) -> None:
        """``terms`` analyses text as the keyword index does; ``page_text(doc_id, page)``; ``vectors_of``
        gives the stored vectors of passage ids (the embedder's); ``share`` the share of the library's
        passages holding an analysed term (None: unknown, and the checks that weigh words by it are skipped)."""
        self.models = models
        self.terms = terms
        self.page_text = page_text
        self.vectors_of = vectors_of
        self.share = share
        self.grounding = Grounding(terms)  # one per library: it caches analysed words

    @property
    def settings(self) -> Settings:
        return self.models.settings

    @property
    def embedder(self) -> Embedder:
        return self.models.embedder

    @property
    def judge_embedder(self) -> Embedder:
        return self.models.judge_embedder

    @property
    def reader(self) -> EntailmentReader | None:
        return self.models.reader

    @property
    def llm(self) -> LocalLLM:
        return self.models.llm
