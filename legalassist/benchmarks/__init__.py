"""Benchmarks run by `make bench`; results go to docs/BENCHMARKS.md. Not imported by the app."""
