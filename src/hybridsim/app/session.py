"""GameSession: one game as the viewer plays it, around the model's public API.

Why a class between the pages and the model: several pages (a facilitator and player laptops in a
room) may act on one game from different threads, every change must be autosaved, every page
showing the game must hear about it, and the pages should stay thin enough to test without a
browser. The session serialises changes with a lock, bumps a version number, saves, and calls
its listeners. It holds no Solara state, so it is shared safely between sessions in a room and
tested with plain pytest.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import gamefile
from ..api import release
from ..model import Event, HybridThreatModel, Order
from ..model.world import build_world
from ..report import TakenBack, taken_back
from ..scenario import Scenario
from .exercise import AUDIENCES, Exercise, LiveInject, Message

if TYPE_CHECKING:
    from .store import GameStore

SIDES = ("blue", "red")
"""Player sides: blue plays the member states, red the adversaries. White (the facilitator, or
control cell) is not a side: it sees and adjudicates everything."""


class GameActionError(ValueError):
    """An action the game refuses (illegal order, nothing to undo, ...): shown to the user."""


def new_game_id() -> str:
    """Unguessable, so a game's URL is as good as a password for a solo game."""
    return secrets.token_urlsafe(9)


def computer_kind(scenario: Scenario, actor: str) -> str:
    """How the computer plays an actor: the scenario's own policy, unless that says human."""
    for adv in scenario.adversaries:
        if adv.id == actor:
            kind = adv.policy.kind
            return kind if kind != "human" else "heuristic"
    for st in scenario.states:
        if st.id == actor:
            kind = st.policy.kind if st.policy else "heuristic"
            return kind if kind != "human" else "heuristic"
    raise KeyError(actor)


def actor_side(scenario: Scenario, actor: str) -> str:
    """red for an adversary, blue for a member state."""
    return "red" if any(a.id == actor for a in scenario.adversaries) else "blue"


def scenario_humans(scenario: Scenario) -> list[str]:
    """Actors the scenario itself says people play (its default set-up)."""
    out = [a.id for a in scenario.adversaries if a.policy.kind == "human"]
    return out + [s.id for s in scenario.states if s.policy and s.policy.kind == "human"]


@dataclass(frozen=True)
class GameSetup:
    """What the facilitator chooses before play: scenario, seed, turns, who is played by people."""

    scenario: Scenario
    seed: int
    turns: int
    humans: frozenset[str] = frozenset()
    title: str = ""


class GameSession:
    """A game being played: the model, its id, who is human, autosave and change listeners."""

    def __init__(
        self,
        model: HybridThreatModel,
        meta: gamefile.GameMeta,
        humans: Iterable[str] = (),
        store: GameStore | None = None,
    ) -> None:
        self.model = model
        self.meta = meta
        self.store = store
        self.humans: frozenset[str] = frozenset(humans)
        self.lock = threading.RLock()
        self.version = 0
        self.busy = ""
        """What is being done right now (e.g. "Adjudicating turn 3"), for every page's busy
        banner; empty when idle."""
        self.room: dict[str, str] | None = None
        self.undone: list[TakenBack] = []
        self.exercise = Exercise()
        """Ready marks, timer, live injects, messages and notes (see ``exercise``)."""
        """Turns the facilitator took back, oldest first (in the game file, log and report)."""
        self._listeners: dict[int, Callable[[], None]] = {}
        self._pages: dict[int, str] = {}
        self._presence: dict[int, Callable[[], None]] = {}
        self._listener_lock = threading.Lock()
        self._next_listener = 0
        self._view_cache: dict[tuple[int, str], Any] = {}
        self.initial_proficiency = build_world(
            model.scenario, np.random.default_rng(0)
        ).proficiency.copy()
        self._apply_humans()

    # ------------------------------------------------------------------ making and loading
    @classmethod
    def new(cls, setup: GameSetup, store: GameStore | None = None) -> GameSession:
        """A fresh game at turn 0, saved at once so its URL works from the first second."""
        model = HybridThreatModel(setup.scenario, rng=setup.seed, turns=setup.turns)
        meta = gamefile.GameMeta(id=new_game_id(), title=setup.title or setup.scenario.title)
        session = cls(model, meta, setup.humans, store)
        session._save("new game")
        return session

    @classmethod
    def from_document(
        cls, doc: dict[str, Any], store: GameStore | None = None, new_id: bool = False
    ) -> GameSession:
        """Rebuild from a parsed game file (``new_id`` for an import, so it never overwrites)."""
        model, meta = gamefile.rebuild(doc)
        humans = doc.get("humans")
        if humans is None:  # a file written elsewhere: whoever played the last turn as human
            humans = [
                a
                for a, k in (model.inputs[-1].policies if model.inputs else {}).items()
                if k == "human"
            ]
        if new_id or not meta.id:
            meta.id = new_game_id()
        session = cls(model, meta, humans, store)
        session.undone = [TakenBack.from_dict(u) for u in doc.get("undone") or ()]
        session.exercise = Exercise.from_dict(doc.get("exercise"))
        return session

    @classmethod
    def load(cls, game_id: str, store: GameStore) -> GameSession | None:
        """The game as last autosaved, or None if the store has no such game."""
        text = store.game_json(game_id)
        if text is None:
            return None
        session = cls.from_document(gamefile.parse(text), store)
        row = store.row(game_id)
        session.room = row.room if row else None
        return session

    @classmethod
    def import_file(cls, text: str | bytes, store: GameStore | None = None) -> GameSession:
        """A game file uploaded by the user, as a new game (new id) saved to the store."""
        session = cls.from_document(gamefile.parse(text), store, new_id=True)
        session._save("imported")
        return session

    # ------------------------------------------------------------------ reading
    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def scenario(self) -> Scenario:
        return self.model.scenario

    def side_of(self, actor: str) -> str:
        return actor_side(self.scenario, actor)

    def human_actors(self, side: str = "white") -> list[str]:
        """Actors played by people that this side gives orders for (white: all of them)."""
        return [
            a
            for a in self.model.actors
            if a in self.humans and (side == "white" or self.side_of(a) == side)
        ]

    def to_json(self) -> str:
        """The game file (what autosave stores and export hands out)."""
        with self.lock:
            doc = gamefile.game_document(self.model, self.meta)
            doc["humans"] = sorted(self.humans)
            doc["undone"] = [u.to_dict() for u in self.undone]
            doc["exercise"] = self.exercise.to_dict()
        return json.dumps(doc, sort_keys=True)

    def cached_view(self, side: str, build: Callable[[], Any]) -> Any:
        """One view per (version, side), shared by every page of a room showing that side."""
        with self.lock:
            key = (self.version, side)
            view = self._view_cache.get(key)
            if view is None:
                view = build()
                self._view_cache = {k: v for k, v in self._view_cache.items() if k[0] == key[0]}
                self._view_cache[key] = view
            return view

    # ------------------------------------------------------------------ listeners
    def add_listener(
        self, callback: Callable[[], None], page: str | None = None
    ) -> Callable[[], None]:
        """Call ``callback`` after every change; returns the function that removes it.

        ``page`` is the viewpoint of the page listening (white, blue, red), so the facilitator
        sees who is connected; None for a listener that is not a page of its own."""
        with self._listener_lock:
            token = self._next_listener
            self._next_listener += 1
            self._listeners[token] = callback
            if page is not None:
                self._pages[token] = page
        if page is not None:
            self._presence_changed()

        def remove() -> None:
            with self._listener_lock:
                self._listeners.pop(token, None)
                left = self._pages.pop(token, None)
            if left is not None:
                self._presence_changed()

        return remove

    @property
    def listener_count(self) -> int:
        with self._listener_lock:
            return len(self._listeners)

    def pages(self) -> dict[str, int]:
        """How many pages show this game now, by viewpoint."""
        with self._listener_lock:
            out: dict[str, int] = {}
            for side in self._pages.values():
                out[side] = out.get(side, 0) + 1
            return out

    def on_presence(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` when a page opens or closes (not on game changes): only what shows
        who is connected re-renders, not every page."""
        with self._listener_lock:
            token = self._next_listener
            self._next_listener += 1
            self._presence[token] = callback

        def remove() -> None:
            with self._listener_lock:
                self._presence.pop(token, None)

        return remove

    def _presence_changed(self) -> None:
        with self._listener_lock:
            callbacks = list(self._presence.values())
        for callback in callbacks:
            callback()

    def notify(self) -> None:
        with self._listener_lock:
            callbacks = list(self._listeners.values())
        for callback in callbacks:
            callback()

    def _changed(self, action: str) -> None:
        self.version += 1
        self._save(action)

    def _save(self, action: str) -> None:
        if self.store is not None:
            self.store.save(self.to_json(), action, self.room)

    def set_busy(self, what: str) -> None:
        """Tell every page something slow is under way (or, with "", that it is over)."""
        self.busy = what
        self.notify()

    def claim(self, what: str) -> bool:
        """Mark the game busy without telling the pages yet; False if something else runs.

        Pages hear of it only if it lasts (``announce``): a turn that takes 20 ms should not cost
        every page an extra re-render for a banner nobody would see."""
        with self._listener_lock:
            if self.busy:
                return False
            self.busy = what
            return True

    def announce(self, what: str) -> None:
        """Show the busy banner on every page, if that work is still under way."""
        if self.busy == what:
            self.notify()

    # ------------------------------------------------------------------ playing
    def _apply_humans(self) -> None:
        model = self.model
        for actor in model.actors:
            want = "human" if actor in self.humans else computer_kind(self.scenario, actor)
            if model.actors[actor].policy.kind != want:
                model.set_policy(actor, want)

    def _act(self, action: str, work: Callable[[], Any]) -> Any:
        with self.lock:
            try:
                result = work()
            except (RuntimeError, ValueError, KeyError) as exc:
                self._apply_humans()
                raise GameActionError(str(exc).strip("'\"")) from None
            self._apply_humans()
            self._changed(action)
            self.busy = ""  # the same notification ends every page's busy banner
        self.notify()
        return result

    def open_turn(self) -> list[Event]:
        """Begin the next turn: its injects are the situation brief."""

        def work() -> list[Event]:
            if not self.model.running:
                raise GameActionError("the game is over")
            self.exercise.deadline = None  # a new turn: the facilitator sets its own timer
            return self.model.begin_turn()

        return self._act(f"opened turn {self.model.turn + 1}", work)

    def submit(self, actor: str, orders: list[Order]) -> None:
        """A human player's orders, checked against what the player was offered."""

        def work() -> None:
            model = self.model
            if actor not in self.humans:
                raise GameActionError(f"{actor} is played by the computer")
            if model.phase != "brief":
                raise GameActionError("orders are given after the turn is opened")
            legal = {(o.order.action, o.order.target): o for o in model.options(actor, True)}
            total = 0.0
            for order in orders:
                option = legal.get((order.action, order.target))
                if option is None:
                    raise GameActionError(
                        f"{order.action} on {order.target} is not a legal order for {actor}"
                    )
                total += option.cost
            if total > model.budget_of(actor) + 1e-9:
                raise GameActionError(
                    f"orders cost {total:g}; {actor} has {model.budget_of(actor):g} this turn"
                )
            model.submit_orders(actor, [Order(actor, o.action, o.target) for o in orders])

        self._act(f"orders for {actor}", work)

    def adjudicate(self) -> list[Event]:
        """Resolve the open turn (opening it first if needed); returns the turn's events."""

        def work() -> list[Event]:
            model = self.model
            if model.phase != "brief":
                if not model.running:
                    raise GameActionError("the game is over")
                model.begin_turn()
            return model.resolve_turn()

        return self._act(f"adjudicated turn {self._next_turn()}", work)

    def _next_turn(self) -> int:
        return self.model.turn if self.model.phase == "brief" else self.model.turn + 1

    def step(self) -> list[Event]:
        """The computer plays one whole turn alone, human-played actors included."""

        def work() -> list[Event]:
            model = self.model
            if not model.running and model.phase != "brief":
                raise GameActionError("the game is over")
            if model.phase != "brief":
                model.begin_turn()
            for actor in self.humans:
                model.set_policy(actor, computer_kind(self.scenario, actor))
            model.pending_orders = {}
            return model.resolve_turn()

        return self._act(f"computer played turn {self._next_turn()}", work)

    def override(self, event_id: str, outcome: dict[str, bool] | bool, reason: str) -> None:
        """Force an outcome in the last resolved turn; the reason goes into the log."""
        if not reason.strip():
            raise GameActionError("an override needs a reason (it goes into the log)")
        self._act(
            f"override {event_id}", lambda: self.model.override(event_id, outcome, reason.strip())
        )

    def undo(self) -> None:
        """Back to before the last turn began (an open turn is closed first); what that turn
        was is kept, so a replayed turn leaves a trace in the log and the report."""

        def work() -> None:
            record = taken_back(self.model, gamefile.now_iso())
            self.model.undo()
            self.undone.append(record)

        self._act(f"undo turn {self.model.turn}", work)

    # ------------------------------------------------------------------ the exercise around it
    def mark_ready(self, side: str, ready: bool = True) -> None:
        """A side says its orders for the open turn are final (or takes that back)."""

        def work() -> None:
            if self.model.phase != "brief":
                raise GameActionError("orders are marked ready while a turn is open")
            if ready:
                self.exercise.ready[side] = self.model.turn
            else:
                self.exercise.ready.pop(side, None)

        self._act(f"{side} {'ready' if ready else 'not ready'}", work)

    def start_timer(self, minutes: float) -> None:
        """Orders are due ``minutes`` from now (0 stops the timer)."""

        def work() -> None:
            self.exercise.deadline = time.time() + minutes * 60 if minutes > 0 else None

        self._act(f"timer {minutes:g} min" if minutes > 0 else "timer stopped", work)

    def send_message(self, to: str, text: str) -> None:
        if to not in AUDIENCES:
            raise GameActionError(f"a message goes to one of {', '.join(AUDIENCES)}")
        if not text.strip():
            raise GameActionError("the message is empty")
        message = Message(self.model.turn, to, text.strip(), gamefile.now_iso())
        self._act(f"message to {to}", lambda: self.exercise.messages.append(message))

    def release_inject(self, title: str, text: str) -> None:
        """An inject written during play, released to every player at once."""
        if not title.strip():
            raise GameActionError("an inject needs a title")
        inject = LiveInject(self.model.turn, title.strip(), text.strip(), gamefile.now_iso())
        self._act(f"inject '{inject.title}'", lambda: self.exercise.injects.append(inject))

    def write_note(self, text: str, turn: int | None = None) -> None:
        """The facilitator's note on a turn (the current one by default)."""
        at = self.model.turn if turn is None else turn

        def work() -> None:
            if text.strip():
                self.exercise.notes[at] = text.strip()
            else:
                self.exercise.notes.pop(at, None)

        self._act(f"note on turn {at}", work)

    def write_hotwash(self, text: str) -> None:
        def work() -> None:
            self.exercise.hotwash = text.strip()

        self._act("hot-wash notes", work)

    def reset(self) -> None:
        """Back to turn 0 with the same set-up and seed (the autosave history keeps the rest)."""

        def work() -> None:
            old = self.model
            self.model = HybridThreatModel(old.scenario, rng=old.seed, turns=old.max_turns)
            release(old)

        self._act("reset", work)
