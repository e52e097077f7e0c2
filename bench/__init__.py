"""Benchmarks for the figures the issues name. `make bench` runs them all; see README."""
