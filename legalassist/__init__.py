"""legalassist: an offline legal research assistant over the user's own PDFs."""

__version__ = "0.1.0"
