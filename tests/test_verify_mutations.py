"""Checks that can fail: a 10% error in any mechanic's key parameter fails a verify row.

Each key parameter (p, beta, delta, the rumour's call and stifling rates, eps, mu) is
multiplied by 1.1 and by 0.9 while its model's quick rows run against the unchanged published
answers; every perturbation must fail at least one row. The table is printed (run with -s).
"""

from __future__ import annotations

import pytest

from hybridsim.verify.perturb import KEY_PARAMETERS, mutation_table, perturbed, scaled


@pytest.mark.parametrize("by", [1.1, 0.9])
def test_every_ten_percent_error_fails_a_row(by):
    table = mutation_table(by)
    print("\nparameter  perturbation  rows failed")
    for name, label, failed, total in table:
        print(f"{name:10} {label:13} {failed} of {total}")
    assert [name for name, *_ in table] == [k.name for k in KEY_PARAMETERS]
    unnoticed = [name for name, _, failed, _ in table if failed == 0]
    assert not unnoticed, f"a {by:g}x error in {unnoticed} passes every row"


def test_perturbation_is_confined_to_its_block():
    with perturbed("beta", 1.1):
        assert scaled("beta", 2.0) == pytest.approx(2.2)
        assert scaled("delta", 2.0) == 2.0
    assert scaled("beta", 2.0) == 2.0
    with pytest.raises(ValueError, match="unknown key parameter"), perturbed("gamma", 1.1):
        pass


def test_a_one_sided_deffuant_update_fails_the_opinion_rows(monkeypatch):
    """Only the first of each pair moves: not Deffuant's rule, and the table must say so."""
    import numpy as np

    from hybridsim.verify import opinion
    from hybridsim.verify.table import all_checks, run_checks

    def one_sided(opinions, eps, mu, rng):
        opinions = np.atleast_2d(np.asarray(opinions, dtype=np.float64))
        rows, n = opinions.shape
        order = rng.permuted(np.tile(np.arange(n), (rows, 1)), axis=1)
        half = n // 2
        left, right = order[:, :half], order[:, half : 2 * half]
        x = np.take_along_axis(opinions, left, axis=1)
        y = np.take_along_axis(opinions, right, axis=1)
        moved = np.where(np.abs(y - x) < eps, x + mu * (y - x), x)
        out = opinions.copy()
        np.put_along_axis(out, left, moved, axis=1)
        return out

    monkeypatch.setattr(opinion, "deffuant_sweep", one_sided)
    rows = run_checks(all_checks(quick=True, only=["opinion"]))
    failed = {r.check.quantity for r in rows if not r.passed}
    assert "Deffuant symmetric update: largest shift of a row's mean" in failed
    assert "Deffuant first sweep: variance left from uniform opinions" in failed
