"""The facilitator key: what separates the white cell's controls from a player's laptop.

Anyone who can reach the server may join a room with a player code (and see and play only that
side) or practise in a game of their own. A room's adjudication, overrides, undo and reset, and
opening rooms at all, need the facilitator key. The key comes from ``HYBRIDSIM_FACILITATOR_KEY``
(``hybridsim play`` sets it) or, failing that, is made once and kept in the games database so
the facilitator's link survives a restart. A browser that showed the key once is remembered by
its Solara session cookie (also in the database), so the key need not stay in the address bar,
where a projector would show it.
"""

from __future__ import annotations

import hmac
import os
import secrets

from .store import GameStore

ENV_KEY = "HYBRIDSIM_FACILITATOR_KEY"
SETTING = "facilitator_key"


def facilitator_key(store: GameStore, rotate: bool = False) -> str:
    """The key in force: the environment's, else the stored one (made on first use)."""
    from_env = os.environ.get(ENV_KEY, "").strip()
    if from_env and not rotate:
        if store.setting(SETTING) != from_env:  # a new key: earlier sign-ins no longer count
            store.set_setting(SETTING, from_env)
            store.clear_facilitator_sessions()
        return from_env
    key = None if rotate else store.setting(SETTING)
    if not key:
        key = secrets.token_urlsafe(12)
        store.set_setting(SETTING, key)
        store.clear_facilitator_sessions()
    return key


def key_matches(given: str | None, store: GameStore) -> bool:
    """Constant-time comparison, so the key cannot be guessed character by character."""
    if not given:
        return False
    return hmac.compare_digest(given.strip().encode(), facilitator_key(store).encode())


def sign_in(session_id: str, given: str | None, store: GameStore) -> bool:
    """Remember this browser as the facilitator's if it presents the right key."""
    if not session_id or not key_matches(given, store):
        return False
    store.add_facilitator_session(session_id)
    return True


def is_facilitator(session_id: str, store: GameStore) -> bool:
    """Whether this browser signed in with the key earlier (survives refresh and restart)."""
    return bool(session_id) and store.is_facilitator_session(session_id)
