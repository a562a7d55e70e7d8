"""One exception tree. Every message says what failed, where, and what to do next."""

from __future__ import annotations


class LegalAssistError(Exception):
    """Base of every error the app reports to a person."""


class ModelError(LegalAssistError):
    """A model file is missing, damaged or cannot be loaded."""


class ImportFailed(LegalAssistError):
    """One file could not be imported; the message names the file and the reason."""


class LibraryError(LegalAssistError):
    """The library on disk is unusable, locked or inconsistent."""


class LibraryLocked(LibraryError):
    """Another process is writing to the library."""
