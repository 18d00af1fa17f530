"""Deterministic, invented sample strategies (planverk/1) for the demo and benchmarks.

Pure Python: no Django import, so benchmarks and importer tests can use it too.
"""

from planverk.sample.generator import generate

__all__ = ["generate"]
