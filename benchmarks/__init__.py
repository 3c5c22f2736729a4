"""Harvest's benchmark: synthetic exports of 10k-5M notes, the real loaders and analysis timed against DuckDB and pandas.

``python -m benchmarks`` (or ``make bench``) runs it and writes docs/performance.md; see benchmarks/__main__.py.
Nothing here is imported by the app or the tests of the app; duckdb and psutil are benchmark-only dependencies.
"""
