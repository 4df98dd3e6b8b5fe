"""How a game ends: the allies' decision at the top of the escalation ladder, and the end
checks (fracture, the ladder's top, the last turn)."""

from __future__ import annotations

from .meetings import count_vote
from .play import Draft, Play, draft

# Consultations at the top of the ladder decide on a collective response: allies weigh it like
# a resilience measure (their position and threat perception; judgement: no focus on one
# adversary, since what is decided is whether to act together at all).
CRISIS_FOCUS = "resilience"
CRISIS_KEY = "vote:consultations"


def crisis_decision(play: Play, forced: dict[str, dict[str, bool]]) -> tuple[str, list[Draft]]:
    """At the top of the ladder the allies consult (Article 4) and decide on a collective
    response, by their usual threshold: the game ends on a decision, not just a level.
    Returns what they decided ("" when the ladder's top is not reached) and its vote."""
    world = play.world
    if (play.level_now() < play.scenario.escalation.end_level
            or world.cohesion < play.scenario.alliance.fracture_threshold):
        return "", []
    count = count_vote(play, CRISIS_FOCUS)
    agreed = bool(forced.get(CRISIS_KEY, {}).get("adopted", count.share >= count.threshold))
    decided = "a collective response agreed" if agreed else "no consensus on a response"
    with play.watch(f"consultations: {decided}"):
        r = world.rules.cohesion
        world.cohesion = (min(world.cohesion + r.adopted_gain, 1.0) if agreed
                          else max(world.cohesion - r.rejected_loss, 0.0))
    return decided, [draft(
        "vote", "alliance", key=CRISIS_KEY, action="consultations", domain="political",
        target="Emergency consultations (Article 4)", probability=count.share,
        outcome="adopted" if agreed else "rejected",
        note="collective response: " + count.summary(world.state_ids),
    )]


def end_reason(play: Play, max_turns: int, crisis: str = "") -> str | None:
    """Why the game ends after this turn (None while it goes on)."""
    scenario = play.scenario
    level = play.level_now()
    if play.world.cohesion < scenario.alliance.fracture_threshold:
        return "the alliance fractured"
    if level >= scenario.escalation.end_level:
        return (f"escalation reached '{scenario.escalation.ladder[level]}'"
                + (f": {crisis}" if crisis else ""))
    if play.turn >= max_turns:
        return "the turns ran out"
    return None
