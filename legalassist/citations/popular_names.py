"""Popular names of statutes: read from a statute's own short-title clause, else a small table.

Lawyers say "the Federal Arbitration Act" or "FELA", while the Code's text says "9 U.S.C. § 2".
Adding the popular name to a section's indexed header lets a question in either form find it. An
imported statute that says what it may be cited as ("This Act may be cited as the “Lanham Act”") is
known by that name (``legalassist.ingest.metadata.short_title``); a U.S. Code section without one is looked up in the table below,
taken from the Code's Popular Names Table for the titles most cited.
"""

from __future__ import annotations

import re

# (title, first section, last section, name). Sections are compared as integers.
_TABLE: tuple[tuple[int, int, int, str], ...] = (
    (1, 1, 8, "Dictionary Act (rules of construction)"),
    (3, 15, 15, "Electoral Count Act"),
    (9, 1, 16, "Federal Arbitration Act (FAA)"),
    (9, 201, 208, "Federal Arbitration Act (FAA), New York Convention"),
    (9, 301, 307, "Federal Arbitration Act (FAA), Panama Convention"),
    (15, 1, 7, "Sherman Antitrust Act"),
    (15, 12, 27, "Clayton Act"),
    (15, 1051, 1141, "Lanham Act (trademarks)"),
    (17, 101, 1401, "Copyright Act of 1976"),
    (18, 1961, 1968, "Racketeer Influenced and Corrupt Organizations Act (RICO)"),
    (28, 2201, 2202, "Declaratory Judgment Act"),
    (28, 2671, 2680, "Federal Tort Claims Act (FTCA)"),
    (29, 201, 219, "Fair Labor Standards Act (FLSA)"),
    (29, 1001, 1461, "Employee Retirement Income Security Act (ERISA)"),
    (35, 1, 390, "Patent Act"),
    (42, 1983, 1983, "Civil Rights Act of 1871, Section 1983"),
    (42, 2000, 2000, "Civil Rights Act of 1964"),
    (42, 12101, 12213, "Americans with Disabilities Act (ADA)"),
    (44, 2201, 2209, "Presidential Records Act"),
    (45, 51, 60, "Federal Employers' Liability Act (FELA)"),
)

_USC = re.compile(r"(\d+)\s*U\.\s?S\.\s?C\.?\s*§*\s*(\d+)")


def popular_name(citation: str) -> str:
    """The popular name of the act a U.S.C. citation belongs to, or ''."""
    m = _USC.search(citation or "")
    if not m:
        return ""
    title, section = int(m.group(1)), int(m.group(2))
    for t, first, last, name in _TABLE:
        if t == title and first <= section <= last:
            return name
    return ""
