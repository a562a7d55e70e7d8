"""Catalog, keyword index and vector index: the only code that writes a library."""
