"""`make bench`: corpus generator, Whoosh vs SQLite FTS5, indexing and reader timings.

Entry point: `python -m benchmarks.run --size N [--smoke] [--runs K] [--out FILE]`.
"""
