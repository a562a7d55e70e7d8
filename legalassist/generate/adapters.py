"""llama-index classes backed by the app's llama.cpp models. Imported only when llama-index is needed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms.custom import CustomLLM
from pydantic import PrivateAttr

from legalassist.generate.embedder import Embedder
from legalassist.generate.llm import LocalLLM


class LlamaCppEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 (or any BERT GGUF) through llama.cpp, as a llama-index embedding model."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=32, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return list(map(float, self._embedder.embed_one(query)))

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return list(map(float, self._embedder.embed_one(text)))

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self._embedder.embed(texts)]


class LlamaCppLLM(CustomLLM):
    """The local GGUF chat model as a llama-index LLM; the model loads on first generation."""

    max_tokens: int = 256
    _llm: LocalLLM = PrivateAttr()

    def __init__(self, llm: LocalLLM, max_tokens: int = 256, **kwargs: Any) -> None:
        super().__init__(max_tokens=max_tokens, **kwargs)
        self._llm = llm

    @property
    def metadata(self) -> LLMMetadata:
        loaded = self._llm._llm is not None
        return LLMMetadata(
            context_window=self._llm.context_size if loaded else self._llm.requested_context,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=self._llm.name,
        )

    def _messages(self, messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
        return [{"role": str(m.role.value), "content": m.content or ""} for m in messages]

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        def gen() -> ChatResponseGen:
            text = ""
            for piece in self._llm.stream_chat(
                self._messages(messages), self.max_tokens, kwargs.get("cancelled", lambda: False)
            ):
                text += piece
                yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=piece)

        return gen()

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        final = ChatResponse(message=ChatMessage(role="assistant", content=""))
        for response in self.stream_chat(messages, **kwargs):
            final = response  # each response carries the whole text so far
        return final

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = self.chat([ChatMessage(role="user", content=prompt)], **kwargs)
        return CompletionResponse(text=response.message.content or "")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> CompletionResponseGen:
            for r in self.stream_chat([ChatMessage(role="user", content=prompt)], **kwargs):
                yield CompletionResponse(text=r.message.content or "", delta=r.delta)

        return gen()
