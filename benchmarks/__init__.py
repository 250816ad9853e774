"""Benchmarks and the synthetic corpus they build: run from a checkout (`make bench`), not
installed with the package."""
