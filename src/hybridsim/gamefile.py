"""The game file: one self-contained JSON document that rebuilds a game exactly.

It carries the whole scenario (not its name), so a game saved on one machine replays on another
whatever scenarios that machine has, and the after-action report can be written from the file
alone. The model is rebuilt with ``HybridThreatModel.replay``: same seed, same inputs, same dice.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import HybridThreatModel, Order
from .scenario import Scenario

FORMAT = "hybridsim-game"
VERSION = 1


class GameFileError(ValueError):
    """A file that is not a hybridsim game (or a newer version); the message says which."""


def now_iso() -> str:
    """UTC time stamp for files and the store (seconds are enough for people)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class GameMeta:
    """What a game file says about the game besides its record."""

    id: str
    title: str = ""
    created: str = field(default_factory=now_iso)
    saved: str = field(default_factory=now_iso)
    pending_orders: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def game_document(model: HybridThreatModel, meta: GameMeta) -> dict[str, Any]:
    """The game as a JSON-ready dict; pending (not yet adjudicated) human orders included, so a
    refresh in the middle of a turn keeps what players already chose."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": meta.id,
        "title": meta.title or model.scenario.title,
        "created": meta.created,
        "saved": meta.saved,
        "scenario": model.scenario.model_dump(mode="json"),
        "record": model.record(),
        "pending_orders": {
            actor: [o.to_dict() for o in orders] for actor, orders in model.pending_orders.items()
        },
    }


def dumps(model: HybridThreatModel, meta: GameMeta) -> str:
    """The game file's text (sorted keys, so two saves of one state are identical)."""
    return json.dumps(game_document(model, meta), sort_keys=True)


def parse(text: str | bytes) -> dict[str, Any]:
    """Read and check a game file's text; raise GameFileError with a readable reason."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GameFileError(f"not a game file (not JSON: {exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise GameFileError(f'not a game file (expected "format": "{FORMAT}")')
    version = doc.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise GameFileError(
            f"game file version {version!r} is newer than this hybridsim reads ({VERSION})"
        )
    for key in ("scenario", "record"):
        if not isinstance(doc.get(key), dict):
            raise GameFileError(f"game file has no {key!r} section")
    return doc


def rebuild(doc: dict[str, Any]) -> tuple[HybridThreatModel, GameMeta]:
    """The model and metadata from a parsed game file, replayed to where it was saved."""
    try:
        scenario = Scenario.model_validate(doc["scenario"])
        model = HybridThreatModel.replay(scenario, doc["record"])
    except (ValueError, KeyError, TypeError) as exc:
        raise GameFileError(f"game file does not replay: {exc}") from None
    pending = doc.get("pending_orders") or {}
    if model.phase == "brief":
        for actor, orders in pending.items():
            if actor in model.actors:
                model.submit_orders(actor, [Order(**o) for o in orders])
    meta = GameMeta(
        id=str(doc.get("id") or ""),
        title=str(doc.get("title") or scenario.title),
        created=str(doc.get("created") or now_iso()),
        saved=str(doc.get("saved") or now_iso()),
    )
    return model, meta


def load(path: str | Path) -> tuple[HybridThreatModel, GameMeta]:
    """Read a game file from disk and rebuild its game."""
    return rebuild(parse(Path(path).read_bytes()))
