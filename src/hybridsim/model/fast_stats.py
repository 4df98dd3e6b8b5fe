"""Mean, standard deviation and clipping for the small arrays of a turn, without numpy's
Python wrappers.

On a few hundred numbers ``ndarray.std`` spends most of its time in Python around two
reductions; these run the same reductions in the same order (``np.add.reduce``, then divide,
as numpy's ``_mean`` and ``_var`` do), so they return the same bits, a few times faster.
"""

from __future__ import annotations

import numpy as np

_sum = np.add.reduce


def mean(values: np.ndarray) -> np.floating:
    """``values.mean()`` of a non-empty 1-D float array."""
    return _sum(values) / values.shape[0]


def std(values: np.ndarray) -> np.floating:
    """``values.std()`` of a non-empty 1-D float array."""
    n = values.shape[0]
    centred = values - _sum(values) / n
    return np.sqrt(_sum(centred * centred) / n)


def row_means(values: np.ndarray) -> np.ndarray:
    """``values.mean(axis=1)`` of a 2-D float array with at least one column."""
    return _sum(values, axis=1) / values.shape[1]


def row_stds(values: np.ndarray) -> np.ndarray:
    """``values.std(axis=1)`` of a 2-D float array with at least one column."""
    n = values.shape[1]
    centred = values - _sum(values, axis=1, keepdims=True) / n
    return np.sqrt(_sum(centred * centred, axis=1) / n)


def clip(values: np.ndarray | float, low: float, high: float) -> np.ndarray:
    """``np.clip(values, low, high)`` for bounds low <= high (NaN-free values)."""
    return np.minimum(np.maximum(values, low), high)
