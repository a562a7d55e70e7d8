"""The search benchmark's ten queries (latency in `make bench`, the index back ends side by side)."""

QUERIES = [
    "validity of arbitration agreements",
    "What does the Federal Arbitration Act say about the validity of arbitration agreements?",
    "personal jurisdiction over a railroad doing business in the state",
    '"valid, irrevocable, and enforceable"',
    "45 U.S.C. § 56",
    "Congress shall make no law respecting an establishment of religion",
    "qualified immunity for police officers who arrive late to an ongoing police action",
    "copyright protection for designs incorporated into useful articles",
    "ineffective assistance of counsel expert testimony race",
    "Is a state court bound by a clear-statement rule for powers of attorney and arbitration?",
]
