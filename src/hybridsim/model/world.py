"""The model's bulk state: numpy arrays, built once from a scenario.

Mesa agents are the actors; what they act on lives here, in arrays, so that the mechanics run
vectorised and a whole turn can be snapshotted (for undo and overrides) by copying one object.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..mechanics.cascade import Requirement
from ..mechanics.energy import GasFlows
from ..rules import Rules
from ..rules.public import Public
from ..scenario.schema import (
    CONTROL_DEPENDENCIES,
    DEFAULT_DEPENDENCIES,
    AssetType,
    Scenario,
)
from . import fast_stats
from .campaigns import campaign_mask

# World fields a scenario fixes and no turn changes: built once per scenario object and shared
# by every game on it (and by snapshots).
FIXED_FIELDS = (
    "links",
    "it_network",
    "requirements",
    "carries",
    "asset_type",
    "asset_owner",
    "carriers",
    "lookup",
    "move_index",
)
FIXED_CACHE_SIZE = 8

ASSET_TYPES = list(AssetType)
TYPE_CODE = {t: i for i, t in enumerate(ASSET_TYPES)}
# The adversary whose exposure the state field china_trade_exposure holds (where a state's
# trade_exposure does not list it): the one name of an adversary the model knows, kept so
# that scenarios written with that field read as they always did.
CHINA = "CN"
IT_TYPES = (AssetType.TELECOM, AssetType.DATA_CENTRE, AssetType.GRID, AssetType.UNDERSEA_CABLE)


@dataclass(kw_only=True)
class Narrative:
    """One disinformation narrative spreading in one state's public (Maki–Thompson counts)."""

    state: int
    move: str
    actor: str
    ignorant: int
    spreaders: int
    stiflers: int
    trust_impact: float
    support_impact: float
    cohesion_impact: float
    polarisation_push: float
    contacts: float

    @property
    def reach(self) -> float:
        total = self.ignorant + self.spreaders + self.stiflers
        return (self.spreaders + self.stiflers) / total if total else 0.0


@dataclass
class TemporaryEffect:
    """A change that is undone when it expires: the delta actually applied is kept, and for a
    multiplicative change the factor actually applied (undone by division, so that changes made
    meanwhile survive it)."""

    expires: int
    kind: str
    index: int
    field: str
    delta: float
    source: str
    factor: float | None = None


@dataclass
class World:
    """Everything that changes during a game, except the random generator."""

    # Member states (P)
    state_ids: list[str]
    population: np.ndarray
    public_trust: np.ndarray
    threat_perception: np.ndarray
    ukraine_support: np.ndarray
    ukraine_first: np.ndarray
    china_trade_exposure: np.ndarray
    cyber_posture: np.ndarray
    infrastructure_protection: np.ndarray
    investment_screening: np.ndarray
    budget: np.ndarray
    demand_cut: np.ndarray
    demand_shock: np.ndarray
    storage_target: np.ndarray
    storage_bcm: np.ndarray
    storage_capacity: np.ndarray
    annual_demand: np.ndarray
    winter_share: np.ndarray
    opinions: np.ndarray  # (P, sample): support for the alliance line
    shortfall_bcm: np.ndarray
    consumption_bcm: np.ndarray
    imports_bcm: np.ndarray
    # Gas sources (S)
    source_ids: list[str]
    source_controller: list[str | None]
    supply: np.ndarray  # (P, S) bcm/yr
    availability: np.ndarray  # (S,)
    # Assets (M)
    asset_ids: list[str]
    asset_type: np.ndarray  # type codes
    asset_owner: np.ndarray  # state index, or P for the partner
    asset_capacity: np.ndarray
    health: np.ndarray
    hardening: np.ndarray
    infected: np.ndarray
    working: np.ndarray
    carries: np.ndarray  # (M, S) bcm/yr
    links: sp.csr_matrix  # symmetric physical/IT links
    it_network: sp.csr_matrix  # links among IT-exposed assets (malware spreads here)
    requirements: list[sp.csr_matrix | Requirement]
    # Adversaries (A)
    adversary_ids: list[str]
    move_ids: list[str]
    proficiency: np.ndarray  # (A, moves)
    plays: np.ndarray  # (A, moves): the moves each adversary's campaign includes
    capacity: np.ndarray  # (A, domains), columns in the order of domain_ids
    domain_ids: list[str]  # built-in domains, then those the scenario declares
    adversary_budget: np.ndarray
    risk_appetite: np.ndarray
    # Partner, alliance, escalation
    partner_generation: float
    partner_peak_demand: float
    partner_air_defence: float
    partner_repair: float
    cohesion: float
    escalation: float
    measures: list[str] = field(default_factory=list)
    proposals_open: list[str] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    temporary: list[TemporaryEffect] = field(default_factory=list)
    fired_injects: list[str] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    # Attributed incidents not yet made public: (adversary index, turn), oldest first.
    evidence: list[tuple[int, int]] = field(default_factory=list)
    # Each ally government's position on the alliance line (0 to 1): it follows its public's
    # alignment and is pushed by coercion, wedge diplomacy and rallies (model/politics.py).
    position: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # Per open proposal, the for/against split last reported (model/stances.py).
    splits_shown: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    # Each ally's political capital for naming or sanctioning an attacker (1 = full).
    political_capital: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # The EU's instruments in force ("sanctions:RU", "storage", ...) and the turn adopted.
    eu_in_force: dict[str, int] = field(default_factory=dict)
    malware_beta: float = 0.0
    malware_damage: float = 0.0
    partner_max_generation: float = 0.0
    gas_flows: GasFlows | None = None  # the last turn's gas balance (for audits and checks)
    # Assets of member states that carry gas (the only ones whose damage costs supply).
    carriers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Target id -> (kind, index) for states, assets, sources and adversaries: an O(1) lookup
    # where list.index would scan every asset (ids never change during a game).
    lookup: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Move id -> column of ``proficiency`` (fixed for a game).
    move_index: dict[str, int] = field(default_factory=dict)
    # (P, A): each ally's economic exposure to each adversary (fixed for a game).
    exposure: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    # The adversary whose column reads china_trade_exposure as it changes (-1: none).
    china_column: int = -1
    # Per domain (as domain_ids), the state indicator that is vigilance against its moves.
    domain_watch: list[str] = field(default_factory=list)
    # The rules' coefficients (frozen: shared by snapshots).
    rules: Rules = field(default_factory=Rules)
    # The defence table compiled for evaluation (model/defence.py fills it on first use).
    defence_rows: dict[tuple[str, str], Any] | None = None

    def snapshot(self) -> World:
        """A deep copy that shares the structure no turn ever changes."""
        fixed = [getattr(self, name) for name in FIXED_FIELDS] + [
            self.rules, self.defence_rows, self.domain_ids, self.domain_watch]
        memo = {id(obj): obj for obj in (*fixed, *self.requirements)}
        return copy.deepcopy(self, memo)

    def exposure_to(self, actor: int, states: np.ndarray | int | None = None) -> np.ndarray:
        """Each ally's (or those at ``states``) trade exposure to one adversary."""
        china = actor == self.china_column
        values = self.china_trade_exposure if china else self.exposure[:, actor]
        return values if states is None else values[states]

    def offset_exposure(self, actor: int, states: np.ndarray, keep: float) -> None:
        """Scale the exposure of ``states`` to one adversary by ``keep``: what
        ``exposure_to`` reads for it (its column, or china_trade_exposure where that holds it)."""
        exposure = self.exposure.copy()
        exposure[states, actor] *= keep
        self.exposure = exposure
        if actor == self.china_column:
            held = self.china_trade_exposure.copy()
            held[states] *= keep
            self.china_trade_exposure = held

    def domain_column(self, domain: str) -> int:
        """The column of ``capacity`` that holds a domain."""
        return self.domain_ids.index(domain)

    def watch_of(self, domain: str) -> str:
        """The state indicator that is vigilance against moves of a domain."""
        return self.domain_watch[self.domain_column(domain)]

    @property
    def alignment(self) -> np.ndarray:
        return fast_stats.row_means(self.opinions)

    @property
    def polarisation(self) -> np.ndarray:
        return self.polarisation_of()

    def polarisation_of(self, states: np.ndarray | int | None = None) -> np.ndarray:
        """Polarisation (2 x std of opinions, at most 1) of every state, of those at
        ``states``, or of one (a scalar): the same numbers, without the others' work."""
        if states is None:
            rows = self.opinions
        elif isinstance(states, int):
            return fast_stats.clip(self.rules.public.polarisation_per_std
                                   * fast_stats.std(self.opinions[states]), 0.0, 1.0)
        else:
            rows = self.opinions[states]
        return fast_stats.clip(self.rules.public.polarisation_per_std
                               * fast_stats.row_stds(rows), 0.0, 1.0)

    @property
    def storage_fill(self) -> np.ndarray:
        cap = self.storage_capacity
        return np.divide(self.storage_bcm, cap, out=np.zeros_like(cap), where=cap > 0)

    def gas_dependence(self, sources: np.ndarray) -> np.ndarray:
        """Each ally's share of its gas supply that comes from ``sources`` (a mask)."""
        total = self.supply.sum(axis=1)
        from_them = self.supply[:, sources].sum(axis=1)
        return np.divide(from_them, total, out=np.zeros_like(total), where=total > 0)

    def controlled_by(self, actor: int) -> np.ndarray:
        """Per gas source, whether one adversary controls it (its ``controlled_by``)."""
        who = self.adversary_ids[actor]
        return np.fromiter((c == who for c in self.source_controller), dtype=bool,
                           count=len(self.source_controller))

    def throughput(self) -> np.ndarray:
        """Share of each asset's capacity that works: 0 when down, reduced while degraded."""
        degraded = self.rules.consequences.degraded_below
        return np.where(self.working, np.minimum(1.0, self.health / degraded), 0.0)


def initial_opinions(
    mean: np.ndarray,
    polarisation: np.ndarray,
    sample: int,
    rng: np.random.Generator,
    rules: Public,
) -> np.ndarray:
    """A public whose mean is ``mean`` and whose polarisation (2 x std) is ``polarisation``:
    two camps either side of the mean, with a little spread inside each."""
    rows = mean.shape[0]
    side = np.where(rng.random((rows, sample)) < rules.camp_share, -1.0, 1.0)
    spread = rules.camp_spread
    noise = rng.normal(0.0, spread, size=(rows, sample))
    half_gap = np.sqrt(
        np.maximum((polarisation / rules.polarisation_per_std) ** 2 - spread**2, 0.0)
    )
    return np.clip(mean[:, None] + side * half_gap[:, None] + noise, 0.0, 1.0)


def build_world(scenario: Scenario, rng: np.random.Generator) -> World:
    """Arrays for a fresh game; the generator seeds the public's initial opinions."""
    return World(
        **_state_arrays(scenario, rng),
        **_gas_arrays(scenario),
        **_asset_arrays(scenario),
        **fixed_structure(scenario),
        **_adversary_arrays(scenario),
        **_partner_fields(scenario),
        cohesion=scenario.alliance.cohesion,
        escalation=scenario.escalation.start,
        proposals_open=[pr.id for pr in scenario.alliance.proposals],
        rules=scenario.rules,
    )


def _state_arrays(scenario: Scenario, rng: np.random.Generator) -> dict[str, Any]:
    """The allies' publics, postures and budgets (the public's opinions drawn from ``rng``)."""
    states = scenario.states
    p = len(states)

    def arr(attr: str) -> np.ndarray:
        return np.array([getattr(s, attr) for s in states], dtype=np.float64)

    trust, threat, support = arr("public_trust"), arr("threat_perception"), arr("ukraine_support")
    public = scenario.rules.public
    alignment0 = (public.alignment_from_threat * threat + public.alignment_from_support * support
                  + public.alignment_from_trust * trust)
    opinions = initial_opinions(
        alignment0, arr("polarisation"), scenario.mechanics.public_sample, rng, public
    )
    return {
        "state_ids": [s.id for s in states],
        "population": arr("population_m"),
        "public_trust": trust,
        "threat_perception": threat,
        "ukraine_support": support,
        "ukraine_first": arr("ukraine_first"),
        "china_trade_exposure": arr("china_trade_exposure"),
        "cyber_posture": arr("cyber_posture"),
        "infrastructure_protection": arr("infrastructure_protection"),
        "investment_screening": arr("investment_screening"),
        "budget": arr("budget"),
        "opinions": opinions,
        "political_capital": np.ones(p),
        "position": fast_stats.row_means(opinions),
        **_exposure(scenario),
    }


def _exposure(scenario: Scenario) -> dict[str, Any]:
    """Each ally's trade exposure to each adversary; China's defaults to china_trade_exposure
    (and follows it as it changes) unless some state lists China in its trade_exposure."""
    states, ids = scenario.states, [a.id for a in scenario.adversaries]
    listed = any(CHINA in st.trade_exposure for st in states)
    china = ids.index(CHINA) if CHINA in ids and not listed else -1
    exposure = np.array(
        [[st.china_trade_exposure if a == china else st.trade_exposure.get(adv, 0.0)
          for a, adv in enumerate(ids)] for st in states], dtype=np.float64,
    ).reshape(len(states), len(ids))
    return {"exposure": exposure, "china_column": china}


def _gas_arrays(scenario: Scenario) -> dict[str, Any]:
    """Gas: each ally's supply by source, storage, demand; the sources and who controls them."""
    states = scenario.states
    p = len(states)
    src_ids = [s.id for s in scenario.gas_sources]
    sources = {s: i for i, s in enumerate(src_ids)}
    supply = np.zeros((p, len(src_ids)))
    for i, st in enumerate(states):
        for src, bcm in st.gas.supply_bcm.items():
            supply[i, sources[src]] = bcm
    storage_capacity = np.array([s.gas.storage_capacity_bcm for s in states])
    return {
        "demand_cut": np.array([s.gas.demand_cut for s in states]),
        "demand_shock": np.zeros(p),
        "storage_target": np.array([s.gas.storage_target for s in states]),
        "storage_bcm": storage_capacity * np.array([s.gas.storage_fill for s in states]),
        "storage_capacity": storage_capacity,
        "annual_demand": np.array([s.gas.annual_demand_bcm for s in states]),
        "winter_share": np.array([s.gas.winter_share for s in states]),
        "shortfall_bcm": np.zeros(p),
        "consumption_bcm": np.zeros(p),
        "imports_bcm": np.zeros(p),
        "source_ids": src_ids,
        "source_controller": [s.controlled_by for s in scenario.gas_sources],
        "supply": supply,
        "availability": np.ones(len(src_ids)),
    }


def _asset_arrays(scenario: Scenario) -> dict[str, Any]:
    """The infrastructure's assets: capacity, health, hardening, malware, working."""
    assets = scenario.infrastructure.assets
    m = len(assets)
    return {
        "asset_ids": [a.id for a in assets],
        "asset_capacity": np.array([a.capacity for a in assets], dtype=np.float64),
        "health": np.ones(m),
        "hardening": np.array([a.hardening for a in assets], dtype=np.float64),
        "infected": np.zeros(m, dtype=bool),
        "working": np.ones(m, dtype=bool),
    }


def _adversary_arrays(scenario: Scenario) -> dict[str, Any]:
    """Adversaries: proficiency per move (0 for a move not theirs), capacity per domain."""
    moves = scenario.toolkit.moves
    advs = scenario.adversaries
    proficiency = np.zeros((len(advs), len(moves)))
    for a, adv in enumerate(advs):
        for k, move in enumerate(moves):
            allowed = move.actors is None or adv.id in move.actors
            proficiency[a, k] = adv.proficiency.get(
                move.id, move.base_proficiency if allowed else 0.0
            )
    default = scenario.rules.chances.default_capacity
    domains = scenario.toolkit.domain_ids()
    capacity = np.array(
        [[adv.capacity.get(d, default) for d in domains] for adv in advs], dtype=np.float64,
    ).reshape(len(advs), len(domains))
    return {
        "adversary_ids": [a.id for a in advs],
        "move_ids": [mv.id for mv in moves],
        "proficiency": proficiency,
        "plays": campaign_mask(scenario),
        "capacity": capacity,
        "domain_ids": domains,
        "domain_watch": scenario.toolkit.domain_watch(),
        "adversary_budget": np.array([a.budget_per_turn for a in advs], dtype=np.float64),
        "risk_appetite": np.array([a.risk_appetite for a in advs], dtype=np.float64),
    }


def _partner_fields(scenario: Scenario) -> dict[str, Any]:
    """The partner outside the alliance (its grid and air defence), zeros without one."""
    partner = scenario.partner
    if partner is None:
        return {"partner_generation": 0.0, "partner_peak_demand": 0.0, "partner_air_defence": 0.0,
                    "partner_repair": 0.0, "partner_max_generation": 0.0}
    installed = (partner.installed_gw if partner.installed_gw is not None
                 else scenario.rules.partner.installed_multiple * partner.generation_gw)
    return {
        "partner_generation": partner.generation_gw,
        "partner_peak_demand": partner.peak_demand_gw,
        "partner_air_defence": partner.air_defence,
        "partner_repair": partner.repair_gw_per_turn,
        "partner_max_generation": installed,
    }


_fixed_cache: dict[int, tuple[Scenario, dict[str, Any]]] = {}


def fixed_structure(scenario: Scenario) -> dict[str, Any]:
    """The ``FIXED_FIELDS`` of a scenario's world (networks, dependencies, lookups).

    Why cached: they are a sweep run's largest set-up cost, and replications of a design point
    share one scenario object. Scenarios are frozen, so an object seen before gives the same
    structure; the cache holds the object itself, so its id cannot be reused meanwhile."""
    found = _fixed_cache.get(id(scenario))
    if found is not None and found[0] is scenario:
        return found[1]
    states = scenario.states
    p = len(states)
    src_ids = [s.id for s in scenario.gas_sources]
    sources = {s: i for i, s in enumerate(src_ids)}
    assets = scenario.infrastructure.assets
    owner_index = {s.id: i for i, s in enumerate(states)}
    if scenario.partner:
        owner_index[scenario.partner.id] = p
    asset_index = {a.id: i for i, a in enumerate(assets)}
    carries = np.zeros((len(assets), len(src_ids)))
    for i, a in enumerate(assets):
        for src, bcm in a.carries_bcm.items():
            carries[i, sources[src]] = bcm
    links = _link_matrix(assets, asset_index)
    asset_type = np.array([TYPE_CODE[a.type] for a in assets], dtype=np.int64)
    owner = np.array([owner_index[a.owner] for a in assets], dtype=np.int64)
    it_mask = np.isin(asset_type, [TYPE_CODE[t] for t in IT_TYPES])
    fixed = {
        "links": links,
        "it_network": it_links(links, asset_type, owner, it_mask),
        "requirements": dependency_matrices(asset_type, owner, assets, asset_index),
        "carries": carries,
        "asset_type": asset_type,
        "asset_owner": owner,
        "carriers": np.flatnonzero(carries.any(axis=1) & (owner < p)),
        "lookup": _lookup(
            ("state", [s.id for s in states]),
            ("asset", [a.id for a in assets]),
            ("source", src_ids),
            ("adversary", [a.id for a in scenario.adversaries]),
        ),
        "move_index": {mv.id: k for k, mv in enumerate(scenario.toolkit.moves)},
    }
    if len(_fixed_cache) >= FIXED_CACHE_SIZE:
        del _fixed_cache[next(iter(_fixed_cache))]
    _fixed_cache[id(scenario)] = (scenario, fixed)
    return fixed


def _lookup(*groups: tuple[str, list[str]]) -> dict[str, tuple[str, int]]:
    """Id -> (kind, index); where ids repeat across kinds the first kind wins, as in
    ``orders.resolve_target`` (states, then assets, sources, adversaries)."""
    out: dict[str, tuple[str, int]] = {}
    for kind, ids in groups:
        for index, target_id in enumerate(ids):
            out.setdefault(target_id, (kind, index))
    return out


def _link_matrix(assets, asset_index: dict[str, int]) -> sp.csr_matrix:
    rows = [i for i, a in enumerate(assets) for _ in a.links]
    cols = [asset_index[link] for a in assets for link in a.links]
    n = len(assets)
    data = np.ones(len(rows), dtype=np.int8)
    mat = sp.coo_matrix((data, (rows, cols)), shape=(n, n)).tocsr()
    mat = ((mat + mat.T) > 0).astype(np.int8)
    return mat.tocsr()


def dependency_matrices(
    asset_type: np.ndarray, owner: np.ndarray, assets=None, asset_index=None
) -> list[sp.csr_matrix | Requirement]:
    """One requirement per dependency group: for asset i, the providers it needs.

    Explicit ``depends_on`` replaces the type rules for that asset (one group: any listed
    provider; a sparse matrix). Type rules apply inside the owner's country, and only where the
    country has a provider of a required type at all (a country with no gas assets imports its
    power); each table of rules is one factorised :class:`Requirement` with a provider pool per
    (country, rule), so its size grows linearly with the number of assets.
    """
    n = asset_type.shape[0]
    groups: list[sp.csr_matrix | Requirement] = []
    explicit = np.zeros(n, dtype=bool)
    if assets is not None:
        rows, cols = [], []
        for i, a in enumerate(assets):
            if a.depends_on is not None:
                explicit[i] = True
                for dep in a.depends_on:
                    rows.append(i)
                    cols.append(asset_index[dep])
        if rows:
            groups.append(_csr(rows, cols, n))
    owners = int(owner.max()) + 1 if n else 0
    for table in (DEFAULT_DEPENDENCIES, CONTROL_DEPENDENCIES):
        need_rows: list[np.ndarray] = []
        need_pools: list[np.ndarray] = []
        pool_rows: list[np.ndarray] = []
        pool_cols: list[np.ndarray] = []
        for rule, (needy_type, provider_types) in enumerate(table.items()):
            needy = np.flatnonzero((asset_type == TYPE_CODE[needy_type]) & ~explicit)
            providers = np.flatnonzero(np.isin(asset_type, [TYPE_CODE[t] for t in provider_types]))
            if needy.size == 0 or providers.size == 0:
                continue
            # Pool (rule, country): the country's providers; a needy asset joins its country's
            # pool only if that pool has members.
            base = rule * owners
            has_pool = np.bincount(owner[providers], minlength=owners) > 0
            attached = needy[has_pool[owner[needy]]]
            need_rows.append(attached)
            need_pools.append(base + owner[attached])
            pool_rows.append(base + owner[providers])
            pool_cols.append(providers)
        if need_rows:
            pools = len(table) * owners
            groups.append(
                Requirement(
                    _rect(np.concatenate(need_rows), np.concatenate(need_pools), (n, pools)),
                    _rect(np.concatenate(pool_rows), np.concatenate(pool_cols), (pools, n)),
                )
            )
    return groups


def _rect(rows, cols, shape: tuple[int, int]) -> sp.csr_matrix:
    data = np.ones(len(rows), dtype=np.int32)  # int32: what the cascade counts in
    return sp.coo_matrix((data, (rows, cols)), shape=shape).tocsr()


def _csr(rows, cols, n: int) -> sp.csr_matrix:
    return _rect(rows, cols, (n, n))


def it_links(
    links: sp.csr_matrix, asset_type: np.ndarray, owner: np.ndarray, it_mask: np.ndarray
) -> sp.csr_matrix:
    """The network malware spreads on: explicit links between IT-exposed assets, plus a ring
    through each country's IT assets (national networks are connected)."""
    n = asset_type.shape[0]
    it_index = np.flatnonzero(it_mask)
    order = it_index[np.argsort(owner[it_index], kind="stable")]
    same = owner[order[1:]] == owner[order[:-1]]
    rows = order[:-1][same]
    cols = order[1:][same]
    ring = _csr(rows, cols, n)
    mask = sp.diags(it_mask.astype(np.int8), dtype=np.int8)
    explicit = mask @ links @ mask
    net = ((ring + ring.T + explicit) > 0).astype(np.int8)
    return net.tocsr()

