"""Query handling and hybrid ranking (keyword + vector) on llama-index retrievers. No LLM here."""
