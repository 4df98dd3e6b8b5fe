"""Unit and property tests of the mechanics: small pure functions, checked on their own."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from hybridsim.mechanics import (
    Requirement,
    count_clusters,
    deffuant_sweep,
    gas_balance_step,
    giant_component,
    maki_thompson_complete,
    maki_thompson_final,
    mutual_giant_component,
    n_minus_1,
    propagate_failures,
    rumour_step,
    seasonal_factor,
    sir_final_size,
    sir_step,
    sis_step,
)
from hybridsim.mechanics.energy import storage_goal
from hybridsim.verify.cascade import (
    JUMP_K,
    P_C_K,
    critical_constants,
    mutual_giant_fraction,
    single_giant_fraction,
)
from hybridsim.verify.graphs import (
    barabasi_albert,
    complete_graph,
    erdos_renyi,
    from_edges,
    largest_eigenvalue,
    square_lattice,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(0, 2**32 - 1)


# --------------------------------------------------------------------------- graphs
def test_graph_generators_are_symmetric_simple_and_seeded():
    for make in (
        lambda r: erdos_renyi(500, 4.0, r),
        lambda r: barabasi_albert(300, 2, r),
        lambda r: square_lattice(10),
        lambda r: complete_graph(20),
    ):
        a = make(np.random.default_rng(1))
        b = make(np.random.default_rng(1))
        assert (a != a.T).nnz == 0
        assert a.diagonal().sum() == 0
        assert set(np.unique(a.data)) <= {1}
        assert (a != b).nnz == 0


def test_graph_families_have_their_known_degrees_and_eigenvalues():
    rng = np.random.default_rng(2)
    er = erdos_renyi(20_000, 5.0, rng)
    assert er.nnz / 20_000 == pytest.approx(5.0, abs=0.1)
    ba = barabasi_albert(2000, 3, rng)
    assert np.diff(ba.indptr).min() == 3
    assert ba.nnz == 2 * (3 + (2000 - 4) * 3 + 3)  # seed triangle-plus-one, then m per node
    assert largest_eigenvalue(square_lattice(12)) == pytest.approx(4.0)
    assert largest_eigenvalue(complete_graph(30)) == pytest.approx(29.0)


# --------------------------------------------------------------------------- cascades
def _requirement_groups(n: int, rng: np.random.Generator, groups: int = 2) -> list[sp.csr_matrix]:
    out = []
    for _ in range(groups):
        rows = rng.integers(0, n, 2 * n)
        cols = rng.integers(0, n, 2 * n)
        keep = rng.random(2 * n) < 0.6
        out.append(sp.csr_matrix((np.ones(keep.sum()), (rows[keep], cols[keep])), shape=(n, n)))
    return out


@SETTINGS
@given(seed=seeds, n=st.integers(1, 60))
def test_propagate_failures_is_monotone_and_idempotent(seed, n):
    rng = np.random.default_rng(seed)
    groups = _requirement_groups(n, rng)
    up = rng.random(n) < 0.7
    more = up | (rng.random(n) < 0.3)
    working, rounds = propagate_failures(up, groups)
    working_more, _ = propagate_failures(more, groups)
    assert rounds >= 1
    assert not (working & ~up).any()  # only intact assets work
    assert not (working & ~working_more).any()  # more up -> superset working
    again, again_rounds = propagate_failures(working, groups)
    assert np.array_equal(again, working)
    assert again_rounds == 1
    # Every working asset has a working provider in each group that applies to it.
    for g in groups:
        need = np.diff(g.indptr) > 0
        has = (g @ working.astype(np.int32)) > 0
        assert not (working & need & ~has).any()


def test_propagate_failures_follows_a_chain():
    # 0 <- 1 <- 2 <- 3: asset i needs asset i-1; knocking out 0 takes down the chain.
    chain = sp.csr_matrix((np.ones(3), ([1, 2, 3], [0, 1, 2])), shape=(4, 4))
    working, rounds = propagate_failures(np.array([False, True, True, True]), [chain])
    assert not working.any()
    assert rounds == 4
    working, rounds = propagate_failures(np.ones(4, dtype=bool), [chain])
    assert working.all()
    assert rounds == 1


@SETTINGS
@given(seed=seeds, n=st.integers(1, 40), pools=st.integers(1, 6))
def test_factorised_requirement_acts_like_its_product(seed, n, pools):
    rng = np.random.default_rng(seed)
    needs = sp.csr_matrix((rng.random((n, pools)) < 0.3).astype(np.int32))
    members = sp.csr_matrix((rng.random((pools, n)) < 0.3).astype(np.int32))
    factorised = Requirement(needs, members)
    product = sp.csr_matrix(needs @ members)
    up = rng.random(n) < 0.6
    assert np.array_equal(propagate_failures(up, [factorised])[0],
                          propagate_failures(up, [product])[0])  # fmt: skip
    x = up.astype(np.int32)
    assert np.array_equal((factorised @ x) > 0, (product @ x) > 0)


def test_type_rule_requirements_pair_assets_within_their_country():
    from hybridsim.model.world import TYPE_CODE, build_world
    from hybridsim.scenario import load_scenario
    from hybridsim.scenario.schema import CONTROL_DEPENDENCIES, DEFAULT_DEPENDENCIES

    scenario = load_scenario("baseline")
    world = build_world(scenario, np.random.default_rng(0))
    t, o = world.asset_type, world.asset_owner
    explicit = np.array([a.depends_on is not None for a in scenario.infrastructure.assets])
    for table, group in zip((DEFAULT_DEPENDENCIES, CONTROL_DEPENDENCIES), world.requirements[-2:],
                            strict=True):  # fmt: skip
        brute = np.zeros((t.size, t.size), dtype=np.int8)
        for needy, providers in table.items():
            codes = [TYPE_CODE[p] for p in providers]
            for i in np.flatnonzero((t == TYPE_CODE[needy]) & ~explicit):
                brute[i] = (o == o[i]) & np.isin(t, codes)
        assert np.array_equal(group.toarray(), brute)


def test_giant_component_on_two_components():
    adj = from_edges(np.array([0, 1, 3]), np.array([1, 2, 4]), 6)
    alive = np.ones(6, dtype=bool)
    assert giant_component(adj, alive).tolist() == [True, True, True, False, False, False]
    alive[1] = False  # splits {0,1,2}; {3,4} is now the largest
    assert giant_component(adj, alive).tolist() == [False, False, False, True, True, False]
    assert not giant_component(adj, np.zeros(6, dtype=bool)).any()


@settings(max_examples=25, deadline=None)
@given(seed=seeds, p=st.floats(0.0, 1.0))
def test_mutual_giant_component_is_connected_in_both_and_stable(seed, p):
    rng = np.random.default_rng(seed)
    a, b = erdos_renyi(300, 3.0, rng), erdos_renyi(300, 3.0, rng)
    alive = rng.random(300) < p
    mutual = mutual_giant_component(a, b, alive)
    assert not (mutual & ~alive).any()
    if mutual.any():
        assert np.array_equal(giant_component(a, mutual), mutual)
        assert np.array_equal(giant_component(b, mutual), mutual)
    assert np.array_equal(mutual_giant_component(a, b, mutual), mutual)


def test_published_cascade_constants_follow_from_the_formula():
    pc_k, jump_k = critical_constants()
    assert pc_k == pytest.approx(P_C_K, abs=1e-4)
    assert jump_k == pytest.approx(JUMP_K, abs=1e-4)
    k = 4.0
    assert mutual_giant_fraction(0.999 * P_C_K / k, k) == 0.0
    assert mutual_giant_fraction(1.0001 * P_C_K / k, k) == pytest.approx(JUMP_K / k, rel=0.02)
    assert single_giant_fraction(0.99 / k, k) == 0.0
    s = single_giant_fraction(0.8, 2.0)
    assert s == pytest.approx(0.8 * (1 - math.exp(-2.0 * s)))


# --------------------------------------------------------------------------- contagion
def _sis_loop(adjacency, infected, beta, delta, infect_draw, cure_draw):
    """The same SIS step written node by node (the reference the benchmark also uses)."""
    out = infected.copy()
    for i in range(adjacency.shape[0]):
        row = adjacency.indices[adjacency.indptr[i] : adjacency.indptr[i + 1]]
        if infected[i]:
            out[i] = cure_draw[i] >= delta
        else:
            k = int(infected[row].sum())
            out[i] = infect_draw[i] < 1.0 - (1.0 - beta) ** k
    return out


@settings(max_examples=30, deadline=None)
@given(seed=seeds, beta=st.floats(0.0, 1.0), delta=st.floats(0.0, 1.0))
def test_sis_step_matches_a_per_node_loop_with_the_same_draws(seed, beta, delta):
    rng = np.random.default_rng(seed)
    adj = erdos_renyi(200, 4.0, rng)
    infected = rng.random(200) < 0.3
    state = rng.bit_generator.state
    fast = sis_step(adj, infected, beta, delta, rng)
    rng.bit_generator.state = state
    infect_draw, cure_draw = rng.random(200), rng.random(200)
    assert np.array_equal(fast, _sis_loop(adj, infected, beta, delta, infect_draw, cure_draw))


def test_sis_step_runs_many_runs_at_once_with_per_node_rates():
    rng = np.random.default_rng(3)
    adj = erdos_renyi(100, 4.0, rng)
    infected = rng.random((100, 5)) < 0.5
    delta = np.linspace(0.0, 1.0, 100)
    out = sis_step(adj, infected, 0.2, delta, rng)
    assert out.shape == (100, 5)
    assert not (infected[-1] & out[-1]).any()  # delta = 1 cures for sure
    assert np.array_equal(out[0] | ~infected[0], np.ones(5, dtype=bool))  # delta = 0 never


@SETTINGS
@given(seed=seeds)
def test_sir_step_only_moves_forward(seed):
    rng = np.random.default_rng(seed)
    adj = erdos_renyi(150, 5.0, rng)
    status = rng.integers(0, 3, 150).astype(np.int8)
    out = sir_step(adj, status, 0.3, 0.4, rng)
    assert np.all(out >= status)  # S -> I -> R only
    assert np.all(out[status == 2] == 2)


def test_sir_final_size_solves_its_equation():
    for r0 in (1.2, 1.5, 2.0, 3.0, 5.0):
        z = sir_final_size(r0)
        assert z == pytest.approx(1.0 - math.exp(-r0 * z), abs=1e-12)
    assert sir_final_size(0.9) == 0.0
    assert sir_final_size(1.0) == 0.0
    assert sir_final_size(1.0 + 1e-6) < 1e-5
    z = sir_final_size(2.0, seeded=0.01)
    assert z == pytest.approx(1.0 - 0.99 * math.exp(-2.0 * z), abs=1e-12)
    assert z > sir_final_size(2.0)


# --------------------------------------------------------------------------- rumours
@SETTINGS
@given(
    seed=seeds,
    sizes=st.lists(st.integers(0, 5000), min_size=3, max_size=3),
    contacts=st.floats(0.1, 50.0),
    substeps=st.integers(1, 16),
)
def test_rumour_step_conserves_population(seed, sizes, contacts, substeps):
    rng = np.random.default_rng(seed)
    ign = np.array([sizes[0], 10, 0])
    spr = np.array([sizes[1], 0, 3])
    sti = np.array([sizes[2], 5, 0])
    out = rumour_step(ign, spr, sti, contacts, rng, substeps=substeps)
    assert all((x >= 0).all() for x in out)
    assert np.array_equal(sum(out), ign + spr + sti)
    assert (out[0] <= ign).all()  # nobody un-hears a rumour
    assert np.array_equal(out[1][1], 0)  # no spreaders, nothing happens


def test_rumour_step_is_reproducible_from_the_seed():
    def play(seed):
        rng = np.random.default_rng(seed)
        state = (np.array([9800, 500]), np.array([200, 9500]), np.array([0, 0]))
        for _ in range(10):
            state = rumour_step(*state, np.array([3.0, 10.0]), rng)
        return np.concatenate(state)

    assert np.array_equal(play(5), play(5))
    assert not np.array_equal(play(5), play(6))


def test_maki_thompson_limit():
    theta = maki_thompson_final()
    assert theta == pytest.approx(math.exp(-2.0 * (1.0 - theta)), abs=1e-12)
    assert theta == pytest.approx(0.2032, abs=1e-4)
    shares = maki_thompson_complete(2000, 200, np.random.default_rng(0))
    assert shares.mean() == pytest.approx(theta, abs=4 * shares.std() / math.sqrt(200) + 1e-3)


# --------------------------------------------------------------------------- opinions
@SETTINGS
@given(
    seed=seeds,
    rows=st.integers(1, 4),
    people=st.integers(1, 60),
    eps=st.floats(0.0, 1.0),
    mu=st.floats(0.0, 1.0),
)
def test_deffuant_sweep_keeps_range_and_row_means(seed, rows, people, eps, mu):
    rng = np.random.default_rng(seed)
    opinions = rng.random((rows, people))
    out = deffuant_sweep(opinions, eps, mu, rng)
    assert out.shape == opinions.shape
    assert np.all((out >= 0.0) & (out <= 1.0))
    np.testing.assert_allclose(out.mean(axis=1), opinions.mean(axis=1), atol=1e-12)
    # Nobody leaves the range spanned by their row.
    assert np.all(out.min(axis=1) >= opinions.min(axis=1) - 1e-12)
    assert np.all(out.max(axis=1) <= opinions.max(axis=1) + 1e-12)


def test_deffuant_does_nothing_below_confidence():
    opinions = np.array([[0.0, 0.5, 1.0]])
    out = deffuant_sweep(opinions, 0.4, 0.5, np.random.default_rng(0))
    assert np.array_equal(out, opinions)


def test_count_clusters():
    assert count_clusters(np.r_[np.full(50, 0.2), np.full(50, 0.8)]) == 2
    assert count_clusters(np.r_[np.full(98, 0.5), [0.0, 1.0]]) == 1  # extremists are minor
    assert count_clusters(np.array([])) == 0


# --------------------------------------------------------------------------- gas
positive = st.floats(0.0, 50.0, allow_nan=False)


@SETTINGS
@given(
    data=st.data(),
    n=st.integers(1, 8),
    solidarity=st.booleans(),
    limited=st.booleans(),
)
def test_gas_balance_conserves_mass_and_keeps_storage_in_range(data, n, solidarity, limited):
    vec = arrays(np.float64, n, elements=positive)
    capacity = data.draw(vec)
    fill = data.draw(arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    storage = capacity * fill
    supply, demand = data.draw(vec), data.draw(vec)
    goal = data.draw(arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    cap_w = data.draw(vec) if limited else None
    flows = gas_balance_step(storage, capacity, supply, demand, goal, cap_w, solidarity)
    scale = 1.0 + capacity.sum() + supply.sum() + demand.sum()
    assert flows.imbalance() <= 1e-12 * scale
    change = flows.storage - storage
    per_state = flows.imports - flows.consumption - change - (flows.given - flows.received)
    assert np.abs(per_state).max() <= 1e-12 * scale
    assert np.all(flows.storage >= 0.0)
    assert np.all(flows.storage <= capacity)
    assert np.all(flows.shortfall >= -1e-12)
    assert np.all(flows.consumption <= demand + 1e-12)
    assert np.all(flows.imports <= supply + 1e-9 * scale)
    if cap_w is not None:
        assert np.all(flows.withdrawal <= cap_w + 1e-12)
    if not solidarity:
        assert not flows.given.any()
        assert not flows.received.any()


def test_gas_balance_solidarity_moves_spare_supply_to_the_short():
    flows = gas_balance_step(
        storage=np.array([0.0, 0.0]),
        capacity=np.array([0.0, 0.0]),
        supply=np.array([10.0, 2.0]),
        demand=np.array([5.0, 6.0]),
        goal_fill=np.zeros(2),
    )
    assert flows.shortfall.tolist() == [0.0, 0.0]
    assert flows.given.tolist() == [4.0, 0.0]
    assert flows.received.tolist() == [0.0, 4.0]
    alone = gas_balance_step(
        np.zeros(2), np.zeros(2), np.array([10.0, 2.0]), np.array([5.0, 6.0]), np.zeros(2),
        solidarity=False,
    )  # fmt: skip
    assert alone.shortfall.tolist() == [0.0, 4.0]


def test_gas_balance_injects_toward_goal_and_withdraws_when_short():
    flows = gas_balance_step(
        np.array([5.0]), np.array([10.0]), np.array([8.0]), np.array([2.0]), np.array([0.9])
    )
    assert flows.injection[0] == pytest.approx(4.0)  # toward 9 of 10
    flows = gas_balance_step(
        np.array([5.0]), np.array([10.0]), np.array([1.0]), np.array([4.0]), np.zeros(1),
        max_withdrawal=np.array([2.0]),
    )  # fmt: skip
    assert flows.withdrawal[0] == pytest.approx(2.0)
    assert flows.shortfall[0] == pytest.approx(1.0)


def test_seasonal_profile_holds_the_winter_share():
    days = np.arange(365)
    for share in (0.55, 0.62, 0.7):
        factor = seasonal_factor(days, share)
        assert factor.mean() == pytest.approx(1.0, abs=2e-3)
        winter = (days >= 289) | (days < 105)  # mid-October to mid-April
        assert factor[winter].sum() / factor.sum() == pytest.approx(share, abs=5e-3)


def test_storage_goal_rises_to_target_by_november():
    target = np.array([0.9])
    assert storage_goal(91, target)[0] == pytest.approx(0.27)
    assert storage_goal(305, target)[0] == pytest.approx(0.9)
    assert storage_goal(10, target)[0] == 0.0


def test_n_minus_1_matches_annex_ii():
    assert n_minus_1(300, 40, 120, 60, 150, 320) == pytest.approx(115.625)
    assert n_minus_1(180, 10, 40, 0, 120, 150, d_eff=30) == pytest.approx(110 / 120 * 100)
    with pytest.raises(ValueError, match="positive"):
        n_minus_1(1, 1, 1, 1, 1, 10, d_eff=10)
    with pytest.raises(ValueError, match="negative"):
        n_minus_1(-1, 1, 1, 1, 1, 10)
