"""HybridThreatModel: the turn loop of a hybrid-threat exercise on Mesa.

A turn runs the way tabletop exercises do: ``begin_turn`` (calendar, expiring effects, injects:
the situation brief) -> orders from every actor's policy (human players' orders are submitted
from outside) -> ``resolve_turn`` (adjudication with logged rolls, the world's dynamics, alliance
votes, cohesion and escalation, indicators, endings). ``step`` does both.

Everything random comes from ``self.rng``, seeded by one root seed. Each turn's inputs (policies,
human orders, forced outcomes) are recorded, so a game can be undone, overridden and replayed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from ..scenario.fields import WINTER_MONTHS, field_spec
from ..scenario.schema import Condition, Effect, Inject, Move, Proposal, Response, Scenario
from . import dynamics, fast_stats, politics
from .adjudication import draw, move_chances, response_chances
from .agents import ACTOR_TYPES, ActorType, Adversary, MemberState
from .causes import SMALLEST, CauseLedger
from .effects import apply_effect, expire_effects
from .events import Event
from .indicators import TurnIndicators, collect_indicators, source_dependence, storage_gap
from .order_table import ChoiceMemo, MoveArrays, OrderTable, order_table, usable_moves
from .orders import (
    Catalogue,
    MoveTable,
    Order,
    OrderOption,
    move_target_indices,
    move_targets,
    resolve_target,
    response_allowed,
    response_options,
    response_targets,
)
from .stances import changed_splits, nearness_to_line, open_stances
from .targets import EFFECT_SCOPES, Target, target_count, target_ids, target_state
from .world import DOMAIN_INDEX, World, build_world

if TYPE_CHECKING:
    from ..policies import Policy
    from ..scenario.schema import PolicySpec

# Consultations at the top of the ladder decide on a collective response: allies weigh it like
# a resilience measure (their position and threat perception; judgement: no focus on one
# adversary, since what is decided is whether to act together at all).
CRISIS_FOCUS = "resilience"
POSITION_SHOWN = 0.0005  # a position's turn change is an event from this size (3 decimals)
SHORTFALL_REPORTED_BCM = 1e-6  # smaller shortfalls are rounding, not rationing
BUDGET_SLACK = 1e-9  # float slack when comparing a cost with the points left
# What order legality reads that can change within a turn: escalation level, moves learnt,
# assets down, the state thresholds of moves, source control.
_LEGALITY_INPUTS: tuple[Callable[[HybridThreatModel], object], ...] = (
    lambda m: m.escalation_level,
    lambda m: (m.world.proficiency >= m.scenario.sharing.unlock_at).tobytes(),
    lambda m: (m.world.health >= m.world.rules.consequences.down_below).tobytes(),
    lambda m: (m.world.cyber_posture.tobytes(), m.world.china_trade_exposure.tobytes(),
               m.world.exposure.tobytes()),
    lambda m: tuple(m.world.source_controller),
)
# Which of them a move's legality reads, by target kind (a response's: the escalation level
# only; its targets are fixed for a game).
_LEGALITY_READS = {"asset": (0, 1, 2), "state": (0, 1, 3), "source": (0, 1, 4),
                   "partner": (0, 1), "alliance": (0, 1)}


@dataclass
class TurnInput:
    """What came from outside the simulation in one turn: enough to replay it exactly."""

    policies: dict[str, str] = field(default_factory=dict)
    orders: dict[str, list[Order]] = field(default_factory=dict)
    forced: dict[str, dict[str, bool]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "policies": dict(self.policies),
            "orders": {a: [o.to_dict() for o in os] for a, os in self.orders.items()},
            "forced": {k: dict(v) for k, v in self.forced.items()},
            "reasons": dict(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnInput:
        return cls(
            policies=dict(data.get("policies", {})),
            orders={a: [Order(**o) for o in os] for a, os in data.get("orders", {}).items()},
            forced={k: dict(v) for k, v in data.get("forced", {}).items()},
            reasons=dict(data.get("reasons", {})),
        )


@dataclass
class _Snapshot:
    world: World
    rng_state: dict[str, Any]
    turn: int
    events: int
    indicators: int
    running: bool
    end_reason: str | None
    policies: dict[str, str]


def make_policy(kind: str, spec: PolicySpec | None) -> Policy:
    """A policy by name. Imported when a game is set up, not with this module: policies read
    the model (its orders, chances and indicators), so the model may not need them to load."""
    from ..policies import POLICY_KINDS
    from ..policies import make_policy as build

    if kind not in POLICY_KINDS:
        raise ValueError(f"unknown policy {kind!r}; choose one of {', '.join(POLICY_KINDS)}")
    return build(kind, spec)


class HybridThreatModel(mesa.Model):
    """A hybrid-threat exercise built from a validated scenario.

    ``rng`` is the root seed (default: the scenario's). ``turns`` overrides the scenario's
    number of turns. ``policies`` maps actor ids to policy kinds (heuristic, scripted, random,
    human). ``keep_history`` keeps a snapshot per turn for undo and overrides (switch it off
    for batch runs).
    """

    def __init__(
        self,
        scenario: Scenario,
        rng: int | None = None,
        turns: int | None = None,
        policies: dict[str, str] | None = None,
        keep_history: bool = True,
    ) -> None:
        seed = scenario.seed if rng is None else int(rng)
        super().__init__(rng=seed)
        self.scenario = scenario
        self.seed = seed
        self.max_turns = turns or scenario.calendar.turns
        self.keep_history = keep_history
        self.catalogue = Catalogue(scenario)
        self.move_arrays = MoveArrays.build(list(self.catalogue.moves.values()))
        self.world = build_world(scenario, self.rng)
        self.turn = 0
        self.phase = "resolved"
        self.end_reason: str | None = None
        self.events: list[Event] = []
        self.indicator_log: list[TurnIndicators] = []
        self.pending_orders: dict[str, list[Order]] = {}
        self.inputs: list[TurnInput] = []
        self._history: list[_Snapshot] = []
        self._seq = 0
        self._spent: dict[str, float] = {}
        self._turn_budget: dict[str, float] = {}
        self._incidents: dict[str, dict[str, float]] = {}
        self._response_escalation = 0.0
        self._response_escalation_by = ""
        self._alarm = np.zeros(len(self.world.state_ids))  # the turn's strongest alarm per ally
        self._alarm_everywhere = 0.0
        self._signalling: set[int] = set()  # allies whose responses carried escalation this turn
        self._named: set[int] = set()  # adversaries an ally named or sanctioned this turn
        self._investigation = politics.investigation_turns(self.world,
                                                           scenario.calendar.turn_days)
        self.ledger = CauseLedger()
        self._order_key = ""
        self.turn_cache: dict[str, Any] = {}
        self._choosing: ChoiceMemo | None = None
        self._date_cache: dict[int, tuple[dt.date, str]] = {}
        self._adversary_ids = frozenset(self.world.adversary_ids)
        self._response_targets: dict[tuple[str, int], tuple[list[Target], frozenset[str]]] = {}
        self._attributed: dict[str, float] = {}
        self._attributed_key: tuple[int, int] = (-1, -1)
        self._incidents_key: tuple[int, int] = (-1, -1)
        self._russian = np.array([c is not None for c in self.world.source_controller], dtype=bool)
        self._threat_baseline = self.world.threat_perception.copy()
        self._cohesion_anchor = self.world.cohesion
        self._cohesion_start_terms = (dynamics.cohesion_terms(self.world)
                                      if self.world.state_ids else {})
        # The allies' stances at the start; turns report each proposal's split when it changes.
        changed_splits(self.world, self.scenario.alliance.proposals, self._russian)

        by_type = {name: self._agents_of(kind) for name, kind in ACTOR_TYPES.items()}
        self.states: list[MemberState] = by_type["state"]
        self.adversaries: list[Adversary] = by_type["adversary"]
        self._actors = {a.actor_id: a for agents in by_type.values() for a in agents}
        for actor, kind in (policies or {}).items():
            self.set_policy(actor, kind)
        self.indicator_log.append(self._indicators())

    def _agents_of(self, kind: ActorType) -> list[Any]:
        """The Mesa agents of one kind of actor, each with the policy its scenario names."""
        out = []
        for i, record in enumerate(kind.records(self.scenario)):
            spec = record.policy
            policy = make_policy(spec.kind if spec else "heuristic", spec)
            out.append(kind.agent(self, record.id, record.name, i, policy))
        return out

    # ------------------------------------------------------------------ public API
    @property
    def date(self) -> dt.date:
        return self._dates(self.turn)[0]

    def _dates(self, turn: int) -> tuple[dt.date, str]:
        """A turn's date and its ISO text (asked for by every event: computed once)."""
        found = self._date_cache.get(turn)
        if found is None:
            cal = self.scenario.calendar
            day = cal.start + dt.timedelta(days=cal.turn_days * max(turn - 1, 0))
            found = self._date_cache[turn] = (day, day.isoformat())
        return found

    def response_targets(self, response: Response, state: int) -> list[Target]:
        """Where an ally may aim a response: fixed for a game (owners never change)."""
        return self._response_target_entry(response, state)[0]

    def _response_target_entry(
        self, response: Response, state: int
    ) -> tuple[list[Target], frozenset[str]]:
        """A response's targets for one ally and their ids (the legality check), kept for
        the game."""
        key = (response.id, state)
        found = self._response_targets.get(key)
        if found is None:
            targets = response_targets(self.world, self.scenario, response, state)
            found = self._response_targets[key] = (targets, frozenset(t.id for t in targets))
        return found

    @property
    def escalation_level(self) -> int:
        return min(int(self.world.escalation), len(self.scenario.escalation.ladder) - 1)

    @property
    def actors(self) -> dict[str, MemberState | Adversary]:
        """Every actor that gives orders, by id (adversaries first, then allies)."""
        return self._actors

    def set_policy(self, actor: str, kind: str) -> None:
        """Switch who plays an actor (heuristic, scripted, random, human)."""
        agents = self.actors
        if actor not in agents:
            raise KeyError(f"unknown actor {actor!r}; actors: {', '.join(agents)}")
        agent = agents[actor]
        spec = ACTOR_TYPES[agent.actor_type].policy_spec(self.scenario, agent.index)
        agent.policy = make_policy(kind, spec)

    def policies(self) -> dict[str, str]:
        return {a: agent.policy.kind for a, agent in self.actors.items()}

    def submit_orders(self, actor: str, orders: list[Order]) -> None:
        """Orders for a human-played actor for the coming turn (replacing earlier ones)."""
        if actor not in self.actors:
            raise KeyError(f"unknown actor {actor!r}")
        self.pending_orders[actor] = [
            o if o.actor == actor else Order(actor, o.action, o.target) for o in orders
        ]

    def budget_of(self, actor: str) -> float:
        """Points left this turn. Budgets are fixed when the turn opens (orders are given
        together), so a move that cuts a budget bites from the next turn."""
        if actor in self._turn_budget:
            total = self._turn_budget[actor]
        else:
            total = self._current_budget(actor)
        return total - self._spent.get(actor, 0.0)

    def _current_budget(self, actor: str) -> float:
        agent = self.actors[actor]
        return float(ACTOR_TYPES[agent.actor_type].budget(self.world)[agent.index])

    def order_table(self, actor: str, all_targets: bool = False) -> OrderTable:
        """Every legal order of an adversary now, with its chances, as flat arrays."""
        agent = self.actors[actor]
        usable = usable_moves(self.world, self.move_arrays, agent.index, self.escalation_level,
                              self.date.month in WINTER_MONTHS, self.scenario.sharing.unlock_at)
        return order_table(self.world, self.scenario, self.move_arrays, agent.index, usable,
                           limit_assets=not all_targets, memo=self._choosing)

    def move_tables(self, actor: str, all_targets: bool = False) -> list[MoveTable]:
        """An adversary's usable moves now, each with its legal targets and chances (arrays)."""
        table = self.order_table(actor, all_targets)
        out = []
        for k, kind, start, stop in table.segments:
            indices = table.target[start:stop]
            out.append(MoveTable(
                self.move_arrays.moves[k], kind, indices,
                target_ids(self.world, self.scenario, kind, indices),
                {"success": table.success[start:stop], "detection": table.detection[start:stop],
                 "attribution": table.attribution[start:stop]},
            ))
        return out

    def options(self, actor: str, all_targets: bool = False) -> list[OrderOption]:
        """Legal orders for an actor now, with costs and chances (what a player is offered)."""
        agent = self.actors[actor]
        if isinstance(agent, Adversary):
            return [opt for table in self.move_tables(actor, all_targets)
                    for opt in table.options(actor)]
        out: list[OrderOption] = []
        for response in self.catalogue.responses.values():
            out += self.response_options_for(actor, response)
        return out

    def response_options_for(self, actor: str, response: Response) -> list[OrderOption]:
        """One response's legal orders for an ally now (empty when not allowed)."""
        if not response_allowed(response, actor, self.escalation_level,
                                self.scenario.escalation.collective_level):
            return []
        index = self.actors[actor].index
        options = response_options(self.world, self.scenario, response, index)
        if response.target != "adversary":
            return options
        if not politics.can_afford_naming(self.world, index):
            return []
        return [o for o in options if self.case_ready(o.order.target or "")]

    def case_ready(self, adversary: str) -> bool:
        """Whether an investigation against this adversary is complete, so that an ally may
        name or sanction it (attribution politics: docs/mechanics.md)."""
        ready = self.turn_cache.get("cases")
        if ready is None:
            counts = politics.ripe_cases(self.world, self.turn, self._investigation)
            ready = self.turn_cache["cases"] = {
                a for a, n in zip(self.world.adversary_ids, counts.tolist(), strict=True) if n}
        return adversary in ready

    def step(self) -> None:
        """Play one whole turn (brief, orders, adjudication, dynamics)."""
        if not self.running:
            return
        if self.phase != "brief":
            self.begin_turn()
        self.resolve_turn()

    def run(self, turns: int | None = None) -> None:
        """Play until the game ends (or for ``turns`` turns)."""
        target = self.max_turns if turns is None else min(self.turn + turns, self.max_turns)
        while self.running and self.turn < target:
            self.step()

    def begin_turn(self) -> list[Event]:
        """Open the next turn: expire effects, fire injects. Returns the situation brief."""
        if not self.running or self.phase == "brief":
            return self.turn_events(self.turn)
        if self.keep_history:
            self._history.append(self._snapshot())
        self.inputs.append(TurnInput(policies=self.policies()))
        self._begin(self.inputs[-1])
        return self.turn_events(self.turn)

    def resolve_turn(self) -> list[Event]:
        """Adjudicate the current turn's orders and advance the world. Returns its events."""
        if self.phase != "brief":
            raise RuntimeError("call begin_turn() before resolve_turn()")
        inp = self.inputs[-1]
        inp.policies = self.policies()
        inp.orders = {
            a: list(o)
            for a, o in self.pending_orders.items()
            if self.actors[a].policy.kind == "human"
        }
        self.pending_orders = {}
        self._resolve(inp)
        return self.turn_events(self.turn)

    def undo(self) -> None:
        """Go back to before the last turn began (its human orders come back as pending)."""
        if not self._history:
            raise RuntimeError("nothing to undo")
        snap = self._history.pop()
        inp = self.inputs.pop()
        self._restore(snap)
        self.pending_orders = {a: list(o) for a, o in inp.orders.items()}

    def override(self, event_id: str, outcome: dict[str, bool] | bool, reason: str) -> None:
        """Force an outcome in the last resolved turn and replay that turn.

        ``outcome`` is True/False for success (or adoption of a vote), or a mapping such as
        {"detection": True}. The same dice are rolled; only the forced result changes.
        """
        if not reason or not reason.strip():
            raise ValueError("an override needs a reason (it goes into the log)")
        if not self._history or self.phase != "resolved" or not self.inputs:
            raise RuntimeError("only the last resolved turn can be overridden")
        turn = int(event_id.split("-", 1)[0])
        if turn != self.turn:
            raise ValueError(f"event {event_id} is not in the last turn ({self.turn})")
        event = next((e for e in self.events if e.id == event_id), None)
        if event is None or not event.key or not (event.rolls or event.kind == "vote"):
            raise ValueError(f"event {event_id} has no outcome to override")
        forced = {"success": outcome} if isinstance(outcome, bool) else dict(outcome)
        if event.kind == "vote":
            forced = {"adopted": forced.get("success", forced.get("adopted", True))}
        inp = self.inputs[-1]
        inp.forced[event.key] = {**inp.forced.get(event.key, {}), **forced}
        inp.reasons[event.key] = reason.strip()
        snap = self._history[-1]
        self._restore(snap)
        for actor, kind in inp.policies.items():
            if self.actors[actor].policy.kind != kind:
                self.set_policy(actor, kind)
        self._begin(inp)
        self._resolve(inp)

    def turn_events(self, turn: int) -> list[Event]:
        """Events of one turn (events are appended in turn order, so search from the end)."""
        out = []
        for event in reversed(self.events):
            if event.turn == turn:
                out.append(event)
            elif event.turn < turn:
                break
        out.reverse()
        return out

    def record(self) -> dict[str, Any]:
        """Everything needed to replay this game exactly (with the scenario)."""
        return {
            "scenario": self.scenario.name,
            "seed": self.seed,
            "turns": self.max_turns,
            "inputs": [i.to_dict() for i in self.inputs],
            "phase": self.phase,
            "policies": self.policies(),
        }

    @classmethod
    def replay(cls, scenario: Scenario, record: dict[str, Any]) -> HybridThreatModel:
        """Rebuild a game from ``record()`` output: same seed, same inputs, same state."""
        model = cls(scenario, rng=record["seed"], turns=record.get("turns"))
        inputs = [TurnInput.from_dict(d) for d in record.get("inputs", [])]
        for k, inp in enumerate(inputs):
            for actor, kind in inp.policies.items():
                model.set_policy(actor, kind)
            model.pending_orders = {a: list(o) for a, o in inp.orders.items()}
            model.begin_turn()
            model.inputs[-1].forced = dict(inp.forced)
            model.inputs[-1].reasons = dict(inp.reasons)
            last_open = k == len(inputs) - 1 and record.get("phase") == "brief"
            if not last_open:
                model.resolve_turn()
        for actor, kind in record.get("policies", {}).items():
            model.set_policy(actor, kind)  # who plays whom now, e.g. people at the table
        return model

    # ------------------------------------------------------------------ indicators
    def state_indicators(self, index: int) -> dict[str, float]:
        last = self.indicator_log[-1]
        return {name: float(values[index]) for name, values in last.state.items()}

    def recent_incidents(self, state: str) -> dict[str, float]:
        """Domains of incidents the state saw in the last turn: 1 for itself, 0.1 for allies."""
        key = (self.turn, len(self.events))
        if self._incidents_key != key:
            seen = [e for e in self.turn_events(self.turn - 1) + self.turn_events(self.turn)
                    if e.kind == "move" and e.detected]
            table: dict[str, dict[str, float]] = {}
            attention = self.world.rules.attention
            own, ally = attention.own_incident, attention.ally_incident
            for sid in self.world.state_ids:
                out: dict[str, float] = {}
                for e in seen:
                    weight = own if e.target_state == sid else ally
                    out[e.domain] = out.get(e.domain, 0.0) + weight
                table[sid] = out
            self._incidents, self._incidents_key = table, key
        return self._incidents.get(state, {})

    def indicator_array(self, kind: str, indices: np.ndarray, name: str) -> np.ndarray:
        """An indicator of many targets of one kind at once, for heuristic scoring (0 where it
        does not apply)."""
        world = self.world
        n = indices.shape[0]
        if name == "winter":
            return np.full(n, 1.0 if self.date.month in WINTER_MONTHS else 0.0)
        if kind == "asset" and name == "capacity":
            return world.asset_capacity[indices]
        if kind == "partner":
            return np.full(n, 1.0 - self._partner_availability() if name == "deficit" else 0.0)
        if kind == "source":
            if name != "dependence":
                return np.zeros(n)
            return source_dependence(world)[indices]
        p = len(world.state_ids)
        if kind == "asset":
            owner = world.asset_owner[indices]
            st, valid = np.minimum(owner, max(p - 1, 0)), owner < p
        elif kind == "state":
            st, valid = indices, np.ones(n, dtype=bool)
        else:
            return np.zeros(n)
        last = self.indicator_log[-1].state
        if name == "storage_gap":
            values = storage_gap(world, self.date)[st]
        elif name == "low_trust":
            values = 1.0 - world.public_trust[st]
        elif name == "partner_deficit":
            values = np.full(n, 1.0 - self._partner_availability())
        elif name == "holdout":
            values = nearness_to_line(world, open_stances(
                world, self.scenario.alliance.proposals, self._russian))[st]
        elif name in last:
            values = last[name][st]
        else:
            return np.zeros(n)
        return np.where(valid, values, 0.0)

    def indicator_over(self, kind: str, name: str) -> np.ndarray:
        """``indicator_array`` over every target of a kind; shared by all players while they
        choose (the world stands still then)."""
        memo = self._choosing.indicators if self._choosing is not None else {}
        found = memo.get((kind, name))
        if found is None:
            found = memo[kind, name] = self.indicator_array(
                kind, np.arange(target_count(self.world, kind)), name
            )
        return found

    def attributed_share(self, adversary: str) -> float:
        """Share of attributed incidents in the last two turns that were this adversary's."""
        key = (self.turn, len(self.events))
        if self._attributed_key != key:
            recent = [e.actor for e in self.turn_events(self.turn - 1) + self.turn_events(self.turn)
                      if e.kind == "move" and e.attributed]
            self._attributed = {a: recent.count(a) / len(recent) for a in set(recent)}
            self._attributed_key = key
        return self._attributed.get(adversary, 0.0)

    def indicator_value(self, path: str) -> float:
        """Value of an indicator path used by conditional injects (see scenario docs)."""
        parts = path.split(".")
        last = self.indicator_log[-1]
        if parts[0] == "alliance":
            return float(last.alliance["measures" if parts[1] == "measures" else "cohesion"])
        if parts[0] == "escalation":
            return float(last.alliance["escalation_" + parts[1]])
        if parts[0] == "partner":
            return float(last.partner.get(parts[1], 0.0))
        if parts[0] == "states":
            values = last.state[parts[2]]
            return float({"mean": np.mean, "min": np.min, "max": np.max}[parts[1]](values))
        if parts[0] == "events":
            return float(self.world.counters.get(f"{parts[1]}.{parts[2]}", 0))
        return float(last.state[parts[1]][self.world.state_ids.index(parts[0])])

    # ------------------------------------------------------------------ internals
    def _snapshot(self) -> _Snapshot:
        return _Snapshot(
            self.world.snapshot(),
            self.rng.bit_generator.state,
            self.turn,
            len(self.events),
            len(self.indicator_log),
            self.running,
            self.end_reason,
            self.policies(),
        )

    def _restore(self, snap: _Snapshot) -> None:
        self.turn_cache = {}
        self.world = snap.world.snapshot()
        self.rng.bit_generator.state = snap.rng_state
        self.turn = snap.turn
        del self.events[snap.events :]
        del self.indicator_log[snap.indicators :]
        self.running = snap.running
        self.end_reason = snap.end_reason
        self.phase = "resolved"
        self._spent = {}
        self._turn_budget = {}
        for actor, kind in snap.policies.items():
            if self.actors[actor].policy.kind != kind:
                self.set_policy(actor, kind)

    def _event(self, kind: str, actor: str, **fields: Any) -> Event:
        self._seq += 1
        fields.setdefault("side", "red" if actor in self._adversary_ids
                          else "white" if actor == "white" else "blue")
        event = Event(
            id=f"{self.turn}-{self._seq}",
            turn=self.turn,
            date=self._dates(self.turn)[1],
            kind=kind,
            actor=actor,
            **fields,
        )
        self.events.append(event)
        return event

    def _begin(self, inp: TurnInput) -> None:
        self.turn += 1
        self.turn_cache = {}
        self._seq = 0
        self._spent = {}
        self._response_escalation = 0.0
        self._response_escalation_by = ""
        self._signalling = set()
        self._named = set()
        self._alarm = np.zeros(len(self.world.state_ids))
        self._alarm_everywhere = 0.0
        self._turn_budget = {actor: self._current_budget(actor) for actor in self.actors}
        self.phase = "brief"
        self.ledger.open({**self._watched(), **self._positions()})
        with self.ledger.watch(self._watched, "temporary effects ended"):
            lines = expire_effects(self.world, self.turn)
        if lines:
            self._event("expiry", "white", effects=lines, note="temporary effects ended")
        for inject in self.scenario.injects:
            if self._inject_fires(inject):
                self._fire_inject(inject)

    def _inject_fires(self, inject: Inject) -> bool:
        if inject.turn is not None and inject.turn != self.turn:
            return False
        if inject.when is None:
            return True
        if inject.once and inject.id in self.world.fired_injects:
            return False
        return _holds(inject.when, self.indicator_value(inject.when.indicator))  # type: ignore[arg-type]

    def _fire_inject(self, inject: Inject) -> None:
        self.world.fired_injects.append(inject.id)
        target = resolve_target(self.world, self.scenario, inject.target)
        lines: list[str] = []
        with self.ledger.watch(self._watched, f"inject: {inject.name or inject.id}"):
            if inject.damage and target is not None and target.kind == "asset":
                lines += self._damage_asset(target.index, inject.damage)
            for effect in inject.effects:
                lines += self._apply(effect, target, None, is_move=False, source=inject.id)
        self._event(
            "inject",
            "white",
            action=inject.id,
            target=inject.target or "",
            target_state=self._state_id(target),
            effects=lines,
            note=f"{inject.name}: {inject.description}".strip(": "),
        )

    def _resolve(self, inp: TurnInput) -> None:
        orders: list[Order] = []
        chosen_legal: set[int] = set()  # orders a policy built from the legality rules
        # Players choose on one unchanged world: they share its defence arrays.
        self._choosing = ChoiceMemo(self.world)
        try:
            for agent in self._actors.values():  # by actor type, in ACTOR_TYPES order
                if agent.policy.kind == "human":
                    orders += list(inp.orders.get(agent.actor_id, []))
                    continue
                picked = agent.policy.choose(self, agent.actor_id)
                if getattr(agent.policy, "chooses_legal_orders", False):
                    chosen_legal.update(range(len(orders), len(orders) + len(picked)))
                orders += picked
        finally:
            self._choosing = None
        chosen_on = self._legality_inputs()
        for index, order in enumerate(orders):
            self._adjudicate(order, inp, f"o{index}",
                             chosen_on if index in chosen_legal else None)
        self._sound_alarm()
        self._dynamics()
        self._meetings(inp)
        self._update_escalation_and_cohesion()
        crisis = self._crisis_decision(inp)
        self._record_changes()
        for proposal, split in changed_splits(self.world, self.scenario.alliance.proposals,
                                              self._russian):
            self._event("positions", "alliance", action=proposal, domain="political", note=split)
        self.indicator_log.append(self._indicators())
        self._check_end(crisis)
        by_key = {e.key: e.id for e in self.turn_events(self.turn) if e.key}
        for key, reason in inp.reasons.items():
            self._event(
                "override",
                "white",
                action=by_key.get(key, key),
                note=reason,
                effects=[f"{k} forced to {v}" for k, v in inp.forced[key].items()],
            )
        self.phase = "resolved"

    def _adjudicate(
        self, order: Order, inp: TurnInput, key: str, chosen_on: tuple | None = None
    ) -> None:
        """Adjudicate one order. ``key`` names the order's place in the turn: forced outcomes
        are keyed by it, so they stay on their order when an override adds or removes events.
        ``chosen_on``: the legality inputs a computer policy chose the order on."""
        self._order_key = key
        action = self.catalogue.action(order.action)
        refusal = self._refusal(order, action, chosen_on)
        if refusal:
            self._event(
                "refused",
                order.actor,
                action=order.action,
                target=order.target or "",
                outcome="refused",
                note=refusal,
                key=key,
            )
            return
        assert action is not None
        actor = self.actors[order.actor]
        target = self._target_for(order, action, actor.index)
        self._spent[order.actor] = self._spent.get(order.actor, 0.0) + action.cost
        forced = inp.forced.get(key)
        if isinstance(action, Move):
            self._adjudicate_move(action, actor.index, target, forced)
        else:
            self._adjudicate_response(action, actor.index, target, forced)  # type: ignore[arg-type]

    def _legality_inputs(self) -> tuple:
        """What the legality of an order reads that can change within a turn, one entry per
        ``_LEGALITY_INPUTS``."""
        return tuple(read(self) for read in _LEGALITY_INPUTS)

    def _still_legal(self, action: Move | Response | None, chosen_on: tuple | None) -> bool:
        """Whether what an order's legality reads is as it was when a policy chose it."""
        if chosen_on is None or action is None:
            return False
        reads = (_LEGALITY_READS.get(action.target, range(len(chosen_on)))
                 if isinstance(action, Move) else (0,))
        return all(chosen_on[i] == _LEGALITY_INPUTS[i](self) for i in reads)

    def _refusal(
        self, order: Order, action: Move | Response | None, chosen_on: tuple | None = None
    ) -> str:
        """Why an order cannot be played now ('' when it can). An order a computer policy
        built from these same rules is not checked again while the inputs it was chosen on
        still hold (``chosen_on``); its budget and the politics of naming always are."""
        recheck = not self._still_legal(action, chosen_on)
        refusal = self._unplayable(order, action) if recheck else ""
        if refusal:
            return refusal
        assert action is not None
        if action.cost > self.budget_of(order.actor) + BUDGET_SLACK:
            return f"over budget: costs {action.cost}, {self.budget_of(order.actor):.3g} left"
        refusal = self._illegal_now(order, action) if recheck else ""
        if refusal or isinstance(action, Move) or action.target != "adversary":
            return refusal
        return self._naming_refusal(order, action)

    def _unplayable(self, order: Order, action: Move | Response | None) -> str:
        if order.actor not in self.actors:
            return f"unknown actor {order.actor}"
        if action is None:
            return f"unknown action {order.action}"
        agent = self.actors[order.actor]
        if not isinstance(action, ACTOR_TYPES[agent.actor_type].plays):
            return f"{order.actor} cannot use {order.action}"
        return ""

    def _illegal_now(self, order: Order, action: Move | Response) -> str:
        """Whether the action and its target are open to the actor at this moment."""
        agent = self.actors[order.actor]
        level = self.escalation_level
        if isinstance(action, Move):
            # Proficiency decides, whoever the move was written for: a move learnt from the
            # other adversary past ``sharing.unlock_at`` is usable too.
            usable = usable_moves(self.world, self.move_arrays, agent.index, level,
                                  self.date.month in WINTER_MONTHS,
                                  self.scenario.sharing.unlock_at)
            if not usable[self.world.move_index[action.id]]:
                return f"{action.id} is not available to {order.actor} now"
            kind, indices = move_target_indices(self.world, self.scenario, action, agent.index)
            if order.target is None and indices.size == 1:
                return ""
            wanted = resolve_target(self.world, self.scenario, order.target)
            if wanted is None or wanted.kind != kind or wanted.index not in indices:
                return f"'{order.target}' is not a legal target for {action.id}"
            return ""
        if not response_allowed(action, order.actor, level,
                                self.scenario.escalation.collective_level):
            return f"{action.id} is not available to {order.actor} now"
        _, legal_ids = self._response_target_entry(action, agent.index)
        if self._response_target_id(order, action) not in legal_ids:
            return f"'{order.target}' is not a legal target for {action.id}"
        return ""

    def _response_target_id(self, order: Order, action: Response) -> str | None:
        targets, _ = self._response_target_entry(action, self.actors[order.actor].index)
        return order.target or (targets[0].id if len(targets) == 1 else None)

    def _naming_refusal(self, order: Order, action: Response) -> str:
        """Naming or sanctioning needs a completed case and the political capital for it."""
        wanted_id = self._response_target_id(order, action)
        if not self.case_ready(wanted_id or ""):
            return f"no completed investigation attributes an incident to {wanted_id} yet"
        if not politics.can_afford_naming(self.world, self.actors[order.actor].index):
            return f"{order.actor} lacks the political capital to name or sanction anyone now"
        return ""

    def _target_for(self, order: Order, action: Move | Response, index: int) -> Target:
        if order.target:
            target = resolve_target(self.world, self.scenario, order.target)
            assert target is not None
            return target
        if isinstance(action, Move):
            return move_targets(self.world, self.scenario, action, index)[0]
        return self.response_targets(action, index)[0]

    def _adjudicate_move(
        self, move: Move, actor: int, target: Target, forced: dict[str, bool] | None
    ) -> None:
        world = self.world
        chances = move_chances(world, move, actor, target)
        if move.overt:  # known by its nature: only its success is rolled
            rolls = draw(self.rng, {"success": chances["success"]}, forced)
            success, detected, attributed = rolls[0].result, True, True
        else:
            rolls = draw(self.rng, chances, forced)
            success, detected = rolls[0].result, rolls[1].result
            attributed = detected and rolls[2].result
        actor_id = world.adversary_ids[actor]
        label = f"{move.id} by {actor_id} on {target.id}" + ("" if success else " (failed)")
        blue = label if attributed else f"incident on {target.id}" if detected else ""
        with self.ledger.watch(self._watched, label, blue):
            lines = self._move_consequences(move, actor, target, success, detected, attributed)
        self._move_on_governments(move, target, success, attributed, label, blue)
        for what, happened in (
            ("success", success),
            ("failure", not success),
            ("detected", detected),
            ("attributed", attributed),
        ):
            if happened:
                for key in (f"{what}.{move.id}", f"{what}.any"):
                    world.counters[key] = world.counters.get(key, 0) + 1
        self._event(
            "move",
            actor_id,
            key=self._order_key,
            action=move.id,
            domain=move.domain.value,
            target=target.id,
            target_state=self._state_id(target),
            probability=rolls[0].probability,
            roll=rolls[0].roll,
            outcome="success" if success else "failure",
            detected=detected,
            attributed=attributed,
            rolls=rolls,
            effects=lines,
        )
        if success:
            self._share_toolkit(move, actor)

    def _move_consequences(self, move: Move, actor: int, target: Target, success: bool,
                           detected: bool, attributed: bool) -> list[str]:
        """What an adjudicated move does: its effects if it succeeded, alarm if detected,
        escalation and a rally if attributed."""
        world = self.world
        lines = self._apply_move(move, actor, target) if success else []
        st = target_state(world, target)
        rules = world.rules.consequences
        if detected:
            bump = rules.attributed_alarm if attributed else rules.detected_alarm
            # A week's incidents are one news cycle: the strongest counts (sounded after the
            # orders, see _sound_alarm), not their number.
            if st is not None:
                self._alarm[st] = max(self._alarm[st], bump)
            self._alarm_everywhere = max(self._alarm_everywhere, bump * rules.ally_alarm_share)
        if attributed:  # an overt act's author is known at once: no investigation to wait for
            opened = self.turn - (self._investigation if move.overt else 0)
            politics.record_evidence(world, actor, opened)
            world.escalation += move.escalation * (
                1.0 if success else rules.failed_escalation_share
            )
            if st is not None:  # rally round the flag
                world.opinions[st] = fast_stats.clip(world.opinions[st] + rules.rally, 0.0, 1.0)
        return lines

    def _move_on_governments(self, move: Move, target: Target, success: bool, attributed: bool,
                             label: str, blue: str) -> None:
        """The political channels of a move (docs/mechanics.md, The political layer): a
        successful coercive or courting act pulls the governments it reaches in proportion to
        their exposure; an attack attributed on an ally's soil rallies its government."""
        world = self.world
        share = politics.channel_share(world, move.tags) if success else 0.0
        if share:
            exposure = politics.coerced(world, move.domain.value, target.kind, target.index,
                                        self._russian)
            delta = politics.pull_positions(world, exposure, share)
            for i in np.flatnonzero(delta).tolist():
                self.ledger.add(f"position:{world.state_ids[i]}", label, float(delta[i]), blue)
        st = target_state(world, target)
        if attributed and st is not None and move.escalation > 0:
            gained = politics.rally(world, st, move.escalation)
            self.ledger.add(f"position:{world.state_ids[st]}", f"rally after {label}", gained)

    def _positions(self) -> dict[str, float]:
        return {f"position:{sid}": float(v)
                for sid, v in zip(self.world.state_ids, self.world.position.tolist(), strict=True)}

    def _sound_alarm(self) -> None:
        """Threat perception rises by the turn's strongest detected incident in each ally (and
        a share of the strongest anywhere in every ally), each times the headroom: a public
        already alarmed is moved less by one more."""
        world = self.world
        alarm = 1.0 - (1.0 - self._alarm) * (1.0 - self._alarm_everywhere)
        world.threat_perception += alarm * (1.0 - world.threat_perception)

    def _share_toolkit(self, move: Move, actor: int) -> None:
        """'Sharing a toolkit': a success raises the other adversaries' proficiency, for those
        with capacity in the move's domain and a campaign that includes it (an actor that could
        never use it learns nothing)."""
        world = self.world
        k = world.move_index[move.id]
        rate = self.scenario.sharing.rate
        if not move.shareable:
            return
        able = world.capacity[:, DOMAIN_INDEX[move.domain]] > 0
        for b in range(len(world.adversary_ids)):
            if b == actor or not able[b] or not world.plays[b, k]:
                continue
            before = world.proficiency[b, k]
            teacher = world.proficiency[actor, k]
            after = before + rate * (1.0 - before) * (
                world.rules.learning.teacher_floor + world.rules.learning.teacher_slope * teacher
            )
            world.proficiency[b, k] = after
            self._event(
                "learning",
                world.adversary_ids[b],
                action=move.id,
                domain=move.domain.value,
                target=world.adversary_ids[actor],
                effects=[
                    f"{world.adversary_ids[b]}.proficiency.{move.id} {before:.3g} -> {after:.3g}"
                ],
                note=f"learnt from {world.adversary_ids[actor]}'s success",
            )

    def _apply_move(self, move: Move, actor: int, target: Target) -> list[str]:
        world = self.world
        lines: list[str] = []
        if target.kind == "asset":
            if move.damage:
                lines += self._damage_asset(target.index, move.damage)
            if move.malware:
                world.infected[target.index] = True
                world.malware_beta = max(world.malware_beta, move.malware.beta)
                world.malware_damage = max(world.malware_damage, move.malware.damage)
                lines.append(f"{target.id} infected with malware")
        if target.kind == "partner" and move.partner_damage_gw:
            before = world.partner_generation
            world.partner_generation = max(before - move.partner_damage_gw, 0.0)
            lines.append(
                f"{target.id}.generation_gw {before:.3g} -> {world.partner_generation:.3g}"
            )
        if move.narrative:
            states = (
                [target_state(world, target)]
                if target_state(world, target) is not None
                else range(len(world.state_ids))
                if target.kind == "alliance"
                else []
            )
            for st in states:
                self._launch_narrative(move, int(st), world.adversary_ids[actor])
                lines.append(f"{world.state_ids[st]}: narrative '{move.id}' launched")
        for effect in move.effects:
            lines += self._apply(effect, target, ("adversary", actor), True, move.id)
        return lines

    def _launch_narrative(self, move: Move, state: int, actor: str) -> None:
        from .world import Narrative

        spec = move.narrative
        assert spec is not None
        population = self.world.rules.public.narrative_population
        seeded = max(1, round(spec.seed_fraction * population))
        for nar in self.world.narratives:
            if nar.state == state and nar.move == move.id:
                # The same story again: it re-seeds among those who have not heard it yet.
                fresh = min(seeded, nar.ignorant)
                before = nar.reach
                nar.ignorant -= fresh
                nar.spreaders += fresh
                dynamics.apply_reach(
                    self.world,
                    state,
                    nar.reach - before,
                    nar.trust_impact,
                    nar.support_impact,
                    nar.cohesion_impact,
                    nar.polarisation_push,
                )
                return
        nar = Narrative(
            state,
            move.id,
            actor,
            population - seeded,
            seeded,
            0,
            spec.trust_impact,
            spec.support_impact,
            spec.cohesion_impact,
            spec.polarisation_push,
            spec.contacts,
        )
        dynamics.apply_reach(
            self.world,
            state,
            nar.reach,
            nar.trust_impact,
            nar.support_impact,
            nar.cohesion_impact,
            nar.polarisation_push,
        )
        self.world.narratives.append(nar)

    def _adjudicate_response(
        self, response: Response, state: int, target: Target, forced: dict[str, bool] | None
    ) -> None:
        rolls = draw(self.rng, response_chances(self.world, response, state), forced)
        success = rolls[0].result
        if target.kind == "adversary":
            politics.spend_capital(self.world, state)
        lines: list[str] = []
        if success:
            by = self.world.state_ids[state]
            with self.ledger.watch(self._watched, f"{response.id} by {by}"):
                lines = self._apply_response(response, target, state)
            if target.kind == "adversary":
                self._named.add(target.index)
        self._event(
            "response",
            self.world.state_ids[state],
            key=self._order_key,
            action=response.id,
            domain=response.domain.value,
            target=target.id,
            target_state=self.world.state_ids[state],
            probability=rolls[0].probability,
            roll=rolls[0].roll,
            outcome="success" if success else "failure",
            rolls=rolls,
            effects=lines,
        )

    def _apply_response(
        self, response: Response, target: Target, state: int | None, everyone: bool = False
    ) -> list[str]:
        """Apply a response for one state, or (collective, adopted) for every ally."""
        world = self.world
        lines: list[str] = []
        states = (
            list(range(len(world.state_ids)))
            if everyone
            else ([state] if state is not None else [])
        )
        if response.counter_narratives:
            for nar in world.narratives:
                if nar.state in states or target.kind == "alliance":
                    silenced = int(nar.spreaders * response.counter_narratives)
                    nar.spreaders -= silenced
                    nar.stiflers += silenced
                    lines.append(
                        f"{world.state_ids[nar.state]}: {silenced} spreaders of "
                        f"'{nar.move}' silenced"
                    )
        if response.repair_gw and self.scenario.partner:
            before = world.partner_generation
            world.partner_generation = min(
                before + response.repair_gw, world.partner_max_generation
            )
            lines.append(f"partner.generation_gw {before:.3g} -> {world.partner_generation:.3g}")
        if response.air_defence and self.scenario.partner:
            before = world.partner_air_defence
            world.partner_air_defence = min(before + response.air_defence,
                                            world.rules.partner.air_defence_cap)
            lines.append(f"partner.air_defence {before:.3g} -> {world.partner_air_defence:.3g}")
        if response.repair_assets:
            mine = np.isin(world.asset_owner, states)
            world.health[mine] = np.minimum(world.health[mine] + response.repair_assets, 1.0)
            world.infected[mine] = False
            lines.append(f"assets of {', '.join(world.state_ids[s] for s in states)} repaired")
        if response.escalation:
            # Allies naming or sanctioning the same week is one signal, not thirty-two:
            # the turn's strongest response counts (applied when the turn ends).
            self._signalling.update(states)
            if response.escalation > self._response_escalation:
                self._response_escalation = response.escalation
                self._response_escalation_by = response.id
            lines.append(f"escalation signal {response.escalation:+.2g}")
        for declared in response.effects:
            effect = declared
            if everyone and declared.on == "target" and target.kind == "state":
                effect = declared.model_copy(update={"on": "all_states"})
            elif EFFECT_SCOPES[declared.on].broadcast and not everyone:
                # Allies doing the same thing in one week send one signal to everyone.
                key = f"signal:{response.id}:{declared.field}"
                if key in self.turn_cache:
                    continue
                self.turn_cache[key] = True
            lines += self._apply(
                effect, target, ("state", state) if state is not None else None, False, response.id
            )
        return lines

    def _apply(
        self,
        effect: Effect,
        target: Target | None,
        actor: tuple[str, int] | None,
        is_move: bool,
        source: str,
    ) -> list[str]:
        world = self.world
        records = EFFECT_SCOPES[effect.on].records(world, target, actor)
        if records is None:
            return []
        kind, indices = records
        if field_spec(kind, effect.field, world.source_ids) is None:
            return []
        return apply_effect(world, effect, kind, indices, self.turn, source)

    def _damage_asset(self, index: int, damage: float) -> list[str]:
        world = self.world
        before = world.health[index]
        world.health[index] = max(before - damage, 0.0)
        consequences = world.rules.consequences
        if before >= consequences.down_below > world.health[index]:
            world.escalation += consequences.knock_down_escalation
        return [f"{world.asset_ids[index]}.health {before:.3g} -> {world.health[index]:.3g}"]

    def _dynamics(self) -> None:
        world = self.world
        scenario = self.scenario
        if world.infected.any():
            spread = dynamics.spread_malware(
                world, scenario, self.rng, world.malware_beta, world.malware_damage
            )
            if spread:
                self._event(
                    "contagion",
                    "white",
                    note=f"malware spread to {spread} more assets",
                    effects=[f"{int(world.infected.sum())} assets infected"],
                )
        dynamics.spread_narratives(world, self.rng)
        dynamics.settle_opinions(world, scenario, self.rng)
        knocked, started = dynamics.cascade(world)
        if knocked.size:
            names = [world.asset_ids[i] for i in knocked[:dynamics.CASCADE_NAMES_SHOWN]]
            partner = scenario.partner.id if scenario.partner else "partner"
            self._event(
                "cascade",
                "white",
                effects=[f"{n} down (dependency)" for n in names],
                note=dynamics.cascade_note(world, knocked, started, partner),
            )
        dynamics.gas_turn(world, self.date, scenario.calendar.turn_days)
        short = np.flatnonzero(world.shortfall_bcm > SHORTFALL_REPORTED_BCM)
        if short.size:
            self._event(
                "shortfall",
                "white",
                effects=[
                    f"{world.state_ids[i]} short {world.shortfall_bcm[i]:.3g} bcm" for i in short
                ],
                note="gas demand not met: rationing",
            )
        dynamics.repair_assets(world, scenario.infrastructure.repair_per_turn)
        dynamics.partner_turn(world, world.partner_max_generation)
        dynamics.relax_threat(world, self._threat_baseline, scenario.calendar.turn_days)

    def _meetings(self, inp: TurnInput) -> None:
        meetings = [m for m in self.scenario.alliance.meetings if m.turn == self.turn]
        if not meetings:
            return
        meeting = meetings[0]
        for proposal in self.scenario.alliance.proposals:
            if proposal.id not in self.world.proposals_open:
                continue
            if proposal.meeting is not None and proposal.meeting != self.turn:
                continue
            self._vote(proposal, meeting.name or meeting.kind, inp)

    def _vote(self, proposal: Proposal, meeting: str, inp: TurnInput) -> None:
        """Put a proposal to the allies: adopted when the share in favour reaches the threshold
        (a count, not a roll; the white cell may still force the outcome). Without it, a
        proposal due at this meeting fails in public; one tabled until agreed is deferred, which
        costs less (consensus is sought before a meeting, not voted down at it)."""
        world = self.world
        threshold = self.scenario.alliance.adoption_threshold
        support = dynamics.vote_support(world, proposal.focus, self._russian)
        yes = support >= world.rules.votes.yes_at
        share = float(yes.mean()) if yes.size else 0.0
        adopted = share >= threshold
        key = f"vote:{proposal.id}"
        forced = inp.forced.get(key, {})
        overridden = "adopted" in forced and forced["adopted"] != adopted
        adopted = forced.get("adopted", adopted)
        outcome = ("adopted" if adopted else "rejected" if proposal.meeting is not None
                   else "deferred")
        lines: list[str] = []
        label = f"vote on {proposal.id} {'failed' if outcome == 'rejected' else outcome}"
        with self.ledger.watch(self._watched, label):
            lines = self._decide(proposal, outcome)
        against = [world.state_ids[i] for i in np.flatnonzero(~yes)]
        self._event(
            "vote",
            "alliance",
            key=key,
            action=proposal.id,
            domain="political",
            target=meeting,
            probability=share,
            outcome=outcome,
            effects=lines,
            note=f"{share:.2f} in favour, threshold {threshold:.2f} ({int(yes.sum())}/{yes.size})"
            + (f"; against: {', '.join(against)}" if against else "")
            + ("; outcome forced by the white cell" if overridden else ""),
        )

    def _decide(self, proposal: Proposal, outcome: str) -> list[str]:
        """What a decision does: an adopted measure applies to every ally and binds them; a
        public failure costs cohesion, a deferral less."""
        world = self.world
        r = world.rules
        if outcome != "adopted":
            loss = r.cohesion.rejected_loss if outcome == "rejected" else r.politics.deferral_loss
            world.cohesion = max(world.cohesion - loss, 0.0)
            return []
        world.proposals_open.remove(proposal.id)
        world.measures.append(proposal.id)
        response = self.catalogue.responses[proposal.response]
        lines = self._apply_response(
            response, Target("state", 0, world.state_ids[0]), None, everyone=True
        )
        world.cohesion = min(world.cohesion + r.cohesion.adopted_gain, 1.0)
        return lines

    def _update_escalation_and_cohesion(self) -> None:
        world = self.world
        if self._response_escalation:
            allies = len(self._signalling)
            joint = politics.joint_strength(allies, world.rules.politics.joint_single_share)
            with self.ledger.watch(self._watched, f"allies' strongest response: "
                                   f"{self._response_escalation_by} ({allies} allies acting)"):
                world.escalation += self._response_escalation * joint
        self._response_escalation = 0.0
        politics.spend_cases(world, self._named, self.turn, self._investigation)
        politics.regain_capital(world, self.scenario.calendar.turn_days)
        with self.ledger.watch(self._watched, "tension ebbing (escalation decay)"):
            world.escalation = dynamics.ebb_escalation(world.escalation, self.scenario.escalation)
        moved = politics.follow_publics(world, self.scenario.calendar.turn_days)
        for sid, delta in zip(world.state_ids, moved.tolist(), strict=True):
            self.ledger.add(f"position:{sid}", "following its public", delta)
        for label, delta in dynamics.update_cohesion(
            world, self._cohesion_anchor, self._cohesion_start_terms,
            self.scenario.mechanics.cohesion_rate,
        ):
            self.ledger.add("cohesion", label, delta)

    def _watched(self) -> dict[str, float]:
        """The alliance-level indicators whose every change is explained."""
        return {"cohesion": float(self.world.cohesion),
                "escalation": float(self.world.escalation)}

    def _record_changes(self) -> None:
        """One "change" event per watched indicator that moved this turn, with its causes:
        cohesion and escalation (actor "alliance") and each government's position that moved
        by at least POSITION_SHOWN (actor: the ally)."""
        changes = [("alliance", name, value, SMALLEST) for name, value in self._watched().items()]
        changes += [(key.split(":", 1)[1], "position", value, POSITION_SHOWN)
                    for key, value in self._positions().items()]
        for actor, name, value, smallest in changes:
            key = name if actor == "alliance" else f"position:{actor}"
            start = self.ledger.start[key]
            if abs(value - start) < smallest:
                continue
            causes, blue = self.ledger.causes(key, value)
            self._event("change", actor, action=name, domain="political",
                        effects=[f"{start:.3f} -> {value:.3f}"], causes=causes,
                        blue_causes=blue, side="blue")

    def _crisis_decision(self, inp: TurnInput) -> str:
        """At the top of the ladder the allies consult (Article 4) and decide on a collective
        response, by their usual threshold: the game ends on a decision, not just a level.
        Returns what they decided ("" when the ladder's top is not reached)."""
        if (self.escalation_level < self.scenario.escalation.end_level
                or self.world.cohesion < self.scenario.alliance.fracture_threshold):
            return ""
        world = self.world
        threshold = self.scenario.alliance.adoption_threshold
        yes = dynamics.vote_support(world, CRISIS_FOCUS, self._russian) >= world.rules.votes.yes_at
        share = float(yes.mean()) if yes.size else 0.0
        key = "vote:consultations"
        forced = inp.forced.get(key, {})
        agreed = bool(forced.get("adopted", share >= threshold))
        decided = "a collective response agreed" if agreed else "no consensus on a response"
        with self.ledger.watch(self._watched, f"consultations: {decided}"):
            r = world.rules.cohesion
            world.cohesion = (min(world.cohesion + r.adopted_gain, 1.0) if agreed
                              else max(world.cohesion - r.rejected_loss, 0.0))
        against = [world.state_ids[i] for i in np.flatnonzero(~yes)]
        self._event(
            "vote", "alliance", key=key, action="consultations", domain="political",
            target="Emergency consultations (Article 4)", probability=share,
            outcome="adopted" if agreed else "rejected",
            note=f"collective response: {share:.2f} in favour, threshold {threshold:.2f} "
            f"({int(yes.sum())}/{yes.size})" + (f"; against: {', '.join(against)}" if against
                                                else ""),
        )
        return decided

    def _check_end(self, crisis: str = "") -> None:
        reason = None
        if self.world.cohesion < self.scenario.alliance.fracture_threshold:
            reason = "the alliance fractured"
        elif self.escalation_level >= self.scenario.escalation.end_level:
            reason = (
                f"escalation reached '{self.scenario.escalation.ladder[self.escalation_level]}'"
                + (f": {crisis}" if crisis else "")
            )
        elif self.turn >= self.max_turns:
            reason = "the turns ran out"
        if reason:
            self.running = False
            self.end_reason = reason
            self._event("end", "white", outcome="ended", note=reason)

    def _indicators(self) -> TurnIndicators:
        return collect_indicators(self, self._russian)

    def _partner_availability(self) -> float:
        w = self.world
        return (
            min(w.partner_generation / w.partner_peak_demand, 1.0) if w.partner_peak_demand else 1.0
        )

    def _state_id(self, target: Target | None) -> str:
        if target is None:
            return ""
        st = target_state(self.world, target)
        return self.world.state_ids[st] if st is not None else ""


def _holds(cond: Condition, value: float) -> bool:
    return {
        "<": value < cond.value,
        "<=": value <= cond.value,
        ">": value > cond.value,
        ">=": value >= cond.value,
        "==": value == cond.value,
    }[cond.op]
