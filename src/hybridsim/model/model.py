"""HybridThreatModel: the game of a hybrid-threat exercise on Mesa: its lifecycle, history,
undo, override and replay. The rules it plays live in their own modules (moves, responses,
meetings, turn_end, ending, injects, world_turn), what players ask in queries, and what an
order may do in legality.

A turn runs the way tabletop exercises do: ``begin_turn`` (calendar, expiring effects, injects:
the situation brief) -> orders from every actor's policy (human players' orders are submitted
from outside) -> ``resolve_turn`` (adjudication with logged rolls, the world's dynamics, alliance
votes, cohesion and escalation, indicators, endings). ``step`` does both.

Everything random comes from ``self.rng``, seeded by one root seed. Each turn's inputs (policies,
human orders, forced outcomes) are recorded, so a game can be undone, overridden and replayed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from ..scenario.schema import Move, Response, Scenario
from . import dynamics, politics, queries
from .agents import ACTOR_TYPES, ActorType, Adversary, Institution, MemberState
from .causes import CauseLedger
from .effects import expire_effects
from .ending import crisis_decision, end_reason
from .event_text import Lines
from .events import Event
from .history import Snapshot, TurnInput, force, replay_inputs
from .indicators import TurnIndicators, collect_indicators
from .injects import fire_inject, inject_fires
from .legality import ChosenOn, refusal, target_for
from .long_lived import freeze_once
from .meetings import hold_meetings
from .moves import adjudicate_move, sound_alarm
from .observation import ForTheGame, observe
from .order_table import ChoiceMemo, MoveArrays, OrderTable
from .orders import Catalogue, MoveTable, Order, OrderOption
from .play import Draft, Play, TurnState, positions, watched
from .queries import QueryMemo
from .responses import adjudicate_response
from .stances import changed_splits, report_splits
from .targets import Target
from .turn_end import record_changes, settle_escalation_and_cohesion
from .turn_rates import turn_rates
from .world import build_world
from .world_turn import advance_world

if TYPE_CHECKING:
    from ..policies import Policy
    from ..scenario.schema import PolicySpec


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
        freeze_once()  # the libraries and the scenario outlive every game (model/long_lived.py)
        seed = scenario.seed if rng is None else int(rng)
        super().__init__(rng=seed)
        self.scenario = scenario
        self.seed = seed
        self.max_turns = turns or scenario.calendar.turns
        self.keep_history = keep_history
        self.catalogue = Catalogue(scenario)
        self.move_arrays = MoveArrays.build(
            list(self.catalogue.moves.values()), scenario.toolkit.domain_ids())
        self.world = build_world(scenario, self.rng)
        self.turn = 0
        self.phase = "resolved"
        self.end_reason: str | None = None
        self.events: list[Event] = []
        self.indicator_log: list[TurnIndicators] = []
        self.pending_orders: dict[str, list[Order]] = {}
        self.inputs: list[TurnInput] = []
        self._history: list[Snapshot] = []
        self._seq = 0
        self.now = TurnState.fresh(len(self.world.state_ids))
        self.memo = QueryMemo()
        self.turn_cache: dict[str, Any] = {}  # the policies' own memo for one turn
        self.investigation = politics.investigation_turns(self.world, scenario.calendar.turn_days)
        self.ledger = CauseLedger()
        self._date_cache: dict[int, tuple[dt.date, str]] = {}
        self._adversary_ids = frozenset(self.world.adversary_ids)
        self.gas_controlled = np.array([c is not None for c in self.world.source_controller],
                                       dtype=bool)
        # Fixed for a game (controllers and rates come from the scenario): built once.
        self._rates = turn_rates(scenario)
        self.observing = ForTheGame(self)  # what observations read that is fixed for a game
        self._threat_baseline = self.world.threat_perception.copy()
        self._cohesion_anchor = self.world.cohesion
        self._cohesion_start_terms = (dynamics.cohesion_terms(self.world)
                                      if self.world.state_ids else {})
        # The allies' stances at the start; turns report each proposal's split when it changes.
        changed_splits(self.world, scenario.alliance.proposals)

        by_type = {name: self._agents_of(kind) for name, kind in ACTOR_TYPES.items()}
        self.states: list[MemberState] = by_type["state"]
        self.adversaries: list[Adversary] = by_type["adversary"]
        self._actors = {a.actor_id: a for name, agents in by_type.items()
                        if ACTOR_TYPES[name].gives_orders for a in agents}
        self.institutions: list[Institution] = by_type["institution"]  # the EU (model/eu.py)
        for actor, kind in (policies or {}).items():
            self.set_policy(actor, kind)
        self.indicator_log.append(collect_indicators(self, self.gas_controlled))

    def _agents_of(self, kind: ActorType) -> list[Any]:
        """The Mesa agents of one kind of actor, each with the policy its scenario names."""
        out = []
        for i, record in enumerate(kind.records(self.scenario)):
            spec = record.policy
            policy = make_policy(spec.kind if spec else "heuristic", spec)
            out.append(kind.agent(self, actor_id=record.id, name=record.name, index=i,
                                  policy=policy))
        return out

    # ------------------------------------------------------------------ the game's state
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

    # ------------------------------------------------------------------ what players ask
    # (model/queries.py; these names are the API policies and the viewer call)
    def budget_of(self, actor: str) -> float:
        """Points left this turn (budgets are fixed when the turn opens)."""
        return queries.budget_of(self, actor)

    def response_targets(self, response: Response, state: int) -> list[Target]:
        """Where an ally may aim a response: fixed for a game (owners never change)."""
        return queries.response_target_entry(self, response, state)[0]

    def order_table(self, actor: str, all_targets: bool = False) -> OrderTable:
        return queries.adversary_order_table(self, actor, all_targets)

    def move_tables(self, actor: str, all_targets: bool = False) -> list[MoveTable]:
        return queries.move_tables(self, actor, all_targets)

    def options(self, actor: str, all_targets: bool = False) -> list[OrderOption]:
        return queries.options(self, actor, all_targets)

    def response_options_for(self, actor: str, response: Response) -> list[OrderOption]:
        return queries.response_options_for(self, actor, response)

    def case_ready(self, adversary: str) -> bool:
        return queries.case_ready(self, adversary)

    def state_indicators(self, index: int) -> dict[str, float]:
        last = self.indicator_log[-1]
        return {name: float(values[index]) for name, values in last.state.items()}

    def indicator_array(self, kind: str, indices: np.ndarray, name: str) -> np.ndarray:
        return queries.indicator_array(self, kind, indices, name)

    def indicator_over(self, kind: str, name: str) -> np.ndarray:
        return queries.indicator_over(self, kind, name)

    def indicator_value(self, path: str) -> float:
        return queries.indicator_value(self, path)

    # ------------------------------------------------------------------ lifecycle
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
        self._begin()
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
        resolved = bool(self._history) and self.phase == "resolved" and bool(self.inputs)
        inp = force(self.inputs, resolved, self.turn_events(self.turn), self.turn, event_id,
                    outcome, reason)
        self._restore(self._history[-1])
        self._keep_policies(inp.policies)
        self._begin()
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
        return replay_inputs(cls(scenario, rng=record["seed"], turns=record.get("turns")), record)

    # ------------------------------------------------------------------ history
    def _snapshot(self) -> Snapshot:
        return Snapshot(
            world=self.world.snapshot(), rng_state=self.rng.bit_generator.state, turn=self.turn,
            events=len(self.events), indicators=len(self.indicator_log), running=self.running,
            end_reason=self.end_reason, policies=self.policies(),
        )

    def _restore(self, snap: Snapshot) -> None:
        self.turn_cache = {}
        self.now = TurnState.fresh(len(snap.world.state_ids))
        self.world = snap.world.snapshot()
        self.rng.bit_generator.state = snap.rng_state
        self.turn = snap.turn
        del self.events[snap.events :]
        del self.indicator_log[snap.indicators :]
        self.running = snap.running
        self.end_reason = snap.end_reason
        self.phase = "resolved"
        self._keep_policies(snap.policies)

    def _keep_policies(self, policies: dict[str, str]) -> None:
        """Let these kinds of policy play (an actor already played so keeps its policy)."""
        for actor, kind in policies.items():
            if self.actors[actor].policy.kind != kind:
                self.set_policy(actor, kind)

    # ------------------------------------------------------------------ one turn
    def context(self) -> Play:
        """The context the rule functions of this turn share (a rule function can be called
        with it on its own, outside the turn loop)."""
        return Play(world=self.world, scenario=self.scenario, catalogue=self.catalogue,
                    rng=self.rng, ledger=self.ledger, now=self.now, turn=self.turn,
                    date=self.date, investigation=self.investigation, rates=self._rates)

    def _event(self, kind: str, actor: str, **fields: Any) -> Event:
        self._seq += 1
        fields.setdefault("side", "red" if actor in self._adversary_ids
                          else "white" if actor == "white" else "blue")
        event = Event(id=f"{self.turn}-{self._seq}", turn=self.turn,
                      date=self._dates(self.turn)[1], kind=kind, actor=actor, **fields)
        self.events.append(event)
        return event

    def _record(self, drafts: list[Draft]) -> None:
        """Number, date and log the events the rules reported, in their order."""
        for d in drafts:
            self._event(d.kind, d.actor, **d.fields)

    def _begin(self) -> None:
        self.turn += 1
        self.turn_cache = {}
        self._seq = 0
        self.now = TurnState.fresh(len(self.world.state_ids), {
            actor: queries.current_budget(self, actor) for actor in self.actors})
        self.phase = "brief"
        self.ledger.open({**watched(self.world), **positions(self.world)})
        play = self.context()
        with play.watch("temporary effects ended"):
            lines = expire_effects(self.world, self.turn)
        if lines:
            self._event("expiry", "white", effects=Lines(lines),
                        note="temporary effects ended")
        for inject in self.scenario.injects:
            if inject_fires(play, inject, self.indicator_value):
                self._record([fire_inject(play, inject)])

    def _choose(self, inp: TurnInput) -> tuple[list[Order], set[int]]:
        """Every actor's orders, each chosen by its policy from its own observation (humans'
        observations carry the orders they submitted), and which of them a computer policy
        took from its legal orders. Players choose on one unchanged world: they share its
        defence arrays."""
        orders: list[Order] = []
        from_legal: set[int] = set()
        self.now.choosing = ChoiceMemo(self.world)
        try:
            for agent in self._actors.values():  # by actor type, in ACTOR_TYPES order
                submitted = inp.orders.get(agent.actor_id, ())
                agent.observation = observe(self, agent.actor_id, submitted)
                picked = agent.policy.choose(agent.observation)
                if getattr(agent.policy, "chooses_legal_orders", False):
                    from_legal.update(range(len(orders), len(orders) + len(picked)))
                orders += picked
        finally:
            self.now.choosing = None
        return orders, from_legal

    def _resolve(self, inp: TurnInput) -> None:
        orders, from_legal = self._choose(inp)
        chosen_on = ChosenOn.now(self)
        play = self.context()
        for index, order in enumerate(orders):
            self._adjudicate(play, order, inp, f"o{index}",
                             chosen_on if index in from_legal else None)
        sound_alarm(self.world, self.now.alarm, self.now.alarm_everywhere)
        self._record(advance_world(play, self._threat_baseline))
        self._record(hold_meetings(play, inp.forced))
        for body in self.institutions:  # the EU's Council, if it meets (model/eu.py)
            self._record(body.meet(play, inp.forced))
        settle_escalation_and_cohesion(play, self._cohesion_anchor, self._cohesion_start_terms)
        crisis, vote = crisis_decision(play, inp.forced)
        self._record(vote)
        self._record(record_changes(play))
        self._record(report_splits(play))
        self.indicator_log.append(collect_indicators(self, self.gas_controlled))
        reason = end_reason(play, self.max_turns, crisis)
        if reason:
            self.running = False
            self.end_reason = reason
            self._event("end", "white", outcome="ended", note=reason)
        by_key = {e.key: e.id for e in self.turn_events(self.turn) if e.key}
        for key, why in inp.reasons.items():
            self._event("override", "white", action=by_key.get(key, key), note=why,
                        effects=[f"{k} forced to {v}" for k, v in inp.forced[key].items()])
        self.phase = "resolved"

    def _adjudicate(self, play: Play, order: Order, inp: TurnInput, key: str,
                    chosen_on: ChosenOn | None) -> None:
        """Adjudicate one order. ``key`` names the order's place in the turn: forced outcomes
        are keyed by it, so they stay on their order when an override adds or removes events.
        ``chosen_on``: for an order a computer policy took from its legal orders (not checked
        again while it holds, model/legality.py)."""
        action = self.catalogue.action(order.action)
        why = refusal(self, order, action, chosen_on)
        if why:
            self._event("refused", order.actor, action=order.action, target=order.target or "",
                        outcome="refused", note=why, key=key)
            return
        assert action is not None
        actor = self.actors[order.actor]
        target = target_for(self, order, action, actor.index)
        self.now.spent[order.actor] = self.now.spent.get(order.actor, 0.0) + action.cost
        forced = inp.forced.get(key)
        if isinstance(action, Move):
            self._record(adjudicate_move(play, action, actor.index, target, forced, key))
        else:
            self._record(adjudicate_response(play, action, actor.index, target, forced, key))
