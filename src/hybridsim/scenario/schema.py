"""The scenario format: typed, frozen records; the one source of truth for validation and docs.

Every field carries a description and an example, because the reference docs
(docs/scenario-reference.md) and the JSON Schema for editors are generated from these classes.
Records only declare what differs from the defaults.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..rules import Rules

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
        max_length=64,
        description="An id: a letter, then letters, digits, '_' or '-'.",
    ),
]


class Record(BaseModel):
    """Base for every scenario record: unknown keys are errors, values frozen after validation."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


class Domain(StrEnum):
    """The instrument a move uses (after MCDC's MPECI and the JRC hybrid-threat domains)."""

    CYBER = "cyber"
    ENERGY = "energy"
    INFORMATION = "information"
    ECONOMIC = "economic"
    PHYSICAL = "physical"
    POLITICAL = "political"
    MILITARY = "military"


BUILTIN_DOMAINS: tuple[str, ...] = tuple(d.value for d in Domain)
# What watches for moves of a domain (the target's vigilance, which scales detection and
# attribution): a state indicator. Cyber posture for cyber moves, threat perception for every
# other built-in domain; a declared domain names its own (``watched_by``).
Watch = Literal["threat_perception", "cyber_posture", "infrastructure_protection",
                "investment_screening", "public_trust"]
BUILTIN_WATCH: dict[str, str] = {"cyber": "cyber_posture"}
DEFAULT_WATCH = "threat_perception"


class DomainDecl(Record):
    """A domain of moves the scenario adds to the built-in ones (lawfare, migration, ...).

    Its defence against every target kind is a row of ``rules.defence`` (the validator
    requires one per kind), so a new domain never meets no defence by omission."""

    id: Identifier = Field(description="Id of the domain, used by moves, responses and "
                           "capacity.", examples=["lawfare"])
    name: str = Field("", description="Readable name (the id if empty).",
                      examples=["Lawfare"])
    description: str = Field("", description="What moves of this domain do, for players.",
                             examples=["Legal and regulatory pressure."])
    watched_by: Watch = Field(
        DEFAULT_WATCH,
        description="The target state's indicator that is its vigilance against moves of this "
        "domain (detection and attribution; cyber moves are watched by cyber posture, the other "
        "built-in domains by threat perception).",
        examples=["investment_screening"],
    )


class AssetType(StrEnum):
    """Kinds of shared infrastructure."""

    GAS_PIPELINE = "gas_pipeline"
    LNG_TERMINAL = "lng_terminal"
    GAS_STORAGE = "gas_storage"
    POWER_PLANT = "power_plant"
    GRID = "grid"
    UNDERSEA_CABLE = "undersea_cable"
    POWER_CABLE = "power_cable"
    TELECOM = "telecom"
    DATA_CENTRE = "data_centre"
    PORT = "port"
    RAIL = "rail"


class Sector(StrEnum):
    ENERGY = "energy"
    COMMUNICATIONS = "communications"
    TRANSPORT = "transport"


SECTOR_OF: dict[AssetType, Sector] = {
    AssetType.GAS_PIPELINE: Sector.ENERGY,
    AssetType.LNG_TERMINAL: Sector.ENERGY,
    AssetType.GAS_STORAGE: Sector.ENERGY,
    AssetType.POWER_PLANT: Sector.ENERGY,
    AssetType.GRID: Sector.ENERGY,
    AssetType.UNDERSEA_CABLE: Sector.COMMUNICATIONS,
    AssetType.POWER_CABLE: Sector.ENERGY,
    AssetType.TELECOM: Sector.COMMUNICATIONS,
    AssetType.DATA_CENTRE: Sector.COMMUNICATIONS,
    AssetType.PORT: Sector.TRANSPORT,
    AssetType.RAIL: Sector.TRANSPORT,
}

GAS_ASSETS = (AssetType.GAS_PIPELINE, AssetType.LNG_TERMINAL, AssetType.GAS_STORAGE)

# Default dependencies between asset types inside one country: an asset works only while, for
# each required type, at least one asset of that type it depends on works ("power needs gas,
# control needs telecom, telecom needs power").
DEFAULT_DEPENDENCIES: dict[AssetType, tuple[AssetType, ...]] = {
    AssetType.POWER_PLANT: (AssetType.GAS_PIPELINE, AssetType.LNG_TERMINAL, AssetType.GAS_STORAGE),
    AssetType.GRID: (AssetType.POWER_PLANT, AssetType.POWER_CABLE),
    AssetType.TELECOM: (AssetType.GRID,),
    AssetType.DATA_CENTRE: (AssetType.GRID,),
    AssetType.PORT: (AssetType.GRID,),
    AssetType.RAIL: (AssetType.GRID,),
    AssetType.LNG_TERMINAL: (AssetType.GRID,),
}
# The grid's control system needs telecom: a second requirement group for the grid.
CONTROL_DEPENDENCIES: dict[AssetType, tuple[AssetType, ...]] = {
    AssetType.GRID: (AssetType.TELECOM, AssetType.DATA_CENTRE, AssetType.UNDERSEA_CABLE),
}


# --------------------------------------------------------------------------------------------
# Calendar, energy, states
# --------------------------------------------------------------------------------------------
class Calendar(Record):
    """When the game is played: the first turn's date, the length of a turn, how many turns."""

    start: dt.date = Field(
        description="Date of the first turn (YYYY-MM-DD).", examples=["2024-10-14"]
    )
    turn_days: int = Field(7, ge=1, le=92, description="Days per turn.", examples=[7])
    turns: int = Field(26, ge=1, le=520, description="Number of turns to play.", examples=[12])


class GasSource(Record):
    """A supply of gas that states import from; a controlling adversary can cut it."""

    id: Identifier = Field(
        description="Id of the source, used in supply_bcm, carries_bcm and effects.",
        examples=["norway"],
    )
    name: str = Field("", description="Readable name.", examples=["Norwegian pipeline gas"])
    controlled_by: Identifier | None = Field(
        None,
        description="Adversary id that can cut or manipulate this supply.",
        examples=["RU"],
    )


class Gas(Record):
    """A state's gas balance. Volumes in bcm (billion cubic metres)."""

    annual_demand_bcm: NonNegative = Field(
        description="Gas consumption in a normal year, bcm.", examples=[77]
    )
    winter_share: float = Field(
        0.62,
        ge=0.5,
        le=0.95,
        description="Share of annual demand in the winter half-year.",
        examples=[0.62],
    )
    storage_capacity_bcm: NonNegative = Field(
        0.0, description="Working gas storage capacity, bcm.", examples=[24]
    )
    storage_fill: Fraction = Field(
        0.5, description="Storage fill at the start (0..1).", examples=[0.95]
    )
    storage_target: Fraction = Field(
        0.9, description="Fill the state aims for by 1 November (EU rule: 0.9).", examples=[0.9]
    )
    supply_bcm: dict[Identifier, NonNegative] = Field(
        default_factory=dict,
        description="Import and production capacity by gas source id, bcm per year.",
        examples=[{"norway": 45, "lng": 10}],
    )
    demand_cut: Fraction = Field(
        0.0, description="Voluntary demand reduction in force (0..1).", examples=[0.1]
    )


class MemberState(Record):
    """One ally. Indicators are fractions in [0, 1] unless said otherwise."""

    id: Identifier = Field(
        description="Id of the state (e.g. its ISO code), used by assets, targets and injects.",
        examples=["DE"],
    )
    name: str = Field(description="Readable name.", examples=["Germany"])
    population_m: NonNegative = Field(description="Population, millions.", examples=[84.5])
    gas: Gas = Field(
        description="The state's gas balance.",
        examples=[{"annual_demand_bcm": 77, "supply_bcm": {"norway": 45}}],
    )
    cyber_posture: Fraction = Field(0.5, description="Cyber defence maturity.", examples=[0.65])
    infrastructure_protection: Fraction = Field(
        0.3, description="Physical protection of critical infrastructure.", examples=[0.4]
    )
    investment_screening: Fraction = Field(
        0.3,
        description="How well foreign investment in strategic assets is screened.",
        examples=[0.5],
    )
    public_trust: Fraction = Field(
        0.6, description="Trust in government and institutions.", examples=[0.55]
    )
    polarisation: Fraction = Field(
        0.3, description="Polarisation of public opinion.", examples=[0.4]
    )
    china_trade_exposure: Fraction = Field(
        0.3, description="Economic exposure to China (trade and investment).", examples=[0.6]
    )
    trade_exposure: dict[Identifier, Fraction] = Field(
        default_factory=dict,
        description="Economic exposure to each adversary by id (trade and investment); "
        "adversaries not listed: none. Moves with min_target_exposure read it.",
        examples=[{"BY": 0.3}],
    )
    threat_perception: Fraction = Field(
        0.5, description="How threatened the state feels.", examples=[0.85]
    )
    ukraine_support: Fraction = Field(
        0.6, description="Political support for Ukraine.", examples=[0.65]
    )
    ukraine_first: Fraction = Field(
        0.5, description="How much the state puts Ukraine before a China focus.", examples=[0.6]
    )
    budget: NonNegative = Field(5.0, description="Response points per turn.", examples=[6])
    policy: PolicySpec | None = Field(
        None,
        description="Who plays this state (default: heuristic).",
        examples=[{"kind": "scripted", "plan": [{"turn": 2, "move": "cyber_hardening"}]}],
    )


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------
class PlanItem(Record):
    """One scripted order: on these turns, play this move or response against this target."""

    turn: int | list[int] = Field(description="Turn number(s), 1-based.", examples=[[2, 5]])
    move: Identifier = Field(description="Move or response id.", examples=["gas_cutoff"])
    target: str | None = Field(
        None, description="Target id (state, asset, source, ...).", examples=["DE"]
    )


class PolicySpec(Record):
    """Who plays an actor, and for a scripted actor, its orders."""

    kind: Literal["heuristic", "scripted", "random", "human"] = Field(
        "heuristic", description="How the actor chooses its moves.", examples=["scripted"]
    )
    plan: list[PlanItem] = Field(
        default_factory=list,
        description="Orders for the scripted policy (ignored by the others).",
        examples=[[{"turn": [2, 5], "move": "gas_cutoff", "target": "russia_pipeline"}]],
    )
    max_moves: int = Field(3, ge=0, le=20, description="Most orders per turn.", examples=[2])


# Which of its moves an adversary plays (model/campaigns.py holds the rule for each).
Campaign = Literal["mixed", "covert", "overt", "none"]


class Adversary(Record):
    """A state that uses the hybrid toolkit against the allies (Russia, China, ...)."""

    id: Identifier = Field(
        description="Id of the adversary, used by actors, controlled_by and proficiency.",
        examples=["RU"],
    )
    name: str = Field(description="Readable name.", examples=["Russia"])
    capacity: dict[Identifier, Fraction] = Field(
        default_factory=dict,
        description="Capacity per domain, built-in or declared in toolkit.domains "
        "(missing domains: rules.chances.default_capacity).",
        examples=[{"cyber": 0.8, "energy": 0.8}],
    )
    budget_per_turn: NonNegative = Field(6.0, description="Move points per turn.", examples=[5])
    risk_appetite: Fraction = Field(
        0.5, description="Willingness to risk attribution.", examples=[0.7]
    )
    proficiency: dict[Identifier, Fraction] = Field(
        default_factory=dict,
        description="Starting proficiency per move id (others: the move's default if allowed).",
        examples=[{"narrative_blame_kyiv": 0.2}],
    )
    policy: PolicySpec = Field(
        default_factory=PolicySpec,
        description="Who plays this adversary (default: heuristic).",
        examples=[{"kind": "random"}],
    )
    campaign: Campaign = Field(
        "mixed",
        description="Which moves it plays, for experiments: mixed (all it has), covert (only "
        "deniable moves, those not overt), overt (only moves known by their nature) or none "
        "(present but idle: the control of a campaign experiment).",
        examples=["covert"],
    )


class Meeting(Record):
    """A ministerial meeting or summit, where proposals are voted on."""

    turn: int = Field(ge=1, description="Turn on which the meeting takes place.", examples=[8])
    kind: Literal["ministerial", "summit"] = Field(
        "ministerial", description="Kind of meeting.", examples=["summit"]
    )
    name: str = Field("", description="Readable name.", examples=["Defence ministers' meeting"])


# What a measure is about: resilience, ukraine, or the id of the adversary it is against
# (checked against the scenario's adversaries by scenario/focus.py).
Focus = Identifier


class EuropeanUnion(Record):
    """The EU as an actor: a blue institution, not a state. Its Council decides sanctions,
    investment screening, gas storage coordination and the Anti-Coercion Instrument by its own
    rules (unanimity or qualified majority) over the members' positions (docs/mechanics.md)."""

    id: Identifier = Field("EU", description="Id of the EU in events.", examples=["EU"])
    name: str = Field("European Union", description="Readable name.",
                      examples=["European Union"])
    members: list[Identifier] = Field(
        min_length=1,
        description="Ids of the allies that are EU members (each must be in states).",
        examples=[["DE", "PL", "IT"]],
    )
    focus: dict[Identifier, Focus] = Field(
        default_factory=dict,
        description="How members weigh a decision against an adversary, by adversary id, "
        "where it is not as a measure against that adversary itself (as a proposal's focus: "
        "resilience, ukraine or an adversary's id; adversaries not listed: their own id).",
        examples=[{"RU-strikes": "RU"}],
    )

    active: bool = Field(
        True,
        description="false: the EU is listed but plays no part (its Council never meets), so "
        "a sweep can compare games with and without it on the same seeds.",
        examples=[False],
    )

    @property
    def policy(self) -> None:
        """The EU decides by its Council's rules, not by a player's orders."""
        return None


class Proposal(Record):
    """A collective measure put to the vote at a meeting; adopted measures are milestones."""

    id: Identifier = Field(description="Id of the proposal.", examples=["cable_patrols"])
    name: str = Field(description="Readable name.", examples=["Baltic cable patrols"])
    response: Identifier = Field(
        description="Collective response applied when adopted.",
        examples=["infrastructure_sentry"],
    )
    focus: Focus = Field(
        "resilience",
        description="What the measure is about: resilience, ukraine, or the id of the "
        "adversary it is against (its weights in rules.votes.against); states vote by their "
        "own priorities.",
        examples=["CN"],
    )
    meeting: int | None = Field(
        None, ge=1, description="Turn of the vote (default: next meeting).", examples=[8]
    )


class Alliance(Record):
    """The alliance: its cohesion, its meetings and the proposals put to them."""

    name: str = Field("NATO", description="Readable name.", examples=["NATO"])
    cohesion: Fraction = Field(0.75, description="Cohesion at the start.", examples=[0.7])
    adoption_threshold: Fraction = Field(
        0.8,
        description="Share of allies that must support a proposal for it to pass.",
        examples=[1.0],
    )
    fracture_threshold: Fraction = Field(
        0.25,
        description="The game ends, alliance fractured, when cohesion falls below this.",
        examples=[0.3],
    )
    meetings: list[Meeting] = Field(
        default_factory=list,
        description="Meetings at which proposals are voted on.",
        examples=[[{"turn": 8, "kind": "ministerial"}]],
    )
    proposals: list[Proposal] = Field(
        default_factory=list,
        description="Collective measures to vote on.",
        examples=[
            [{"id": "cable_patrols", "name": "Cable patrols", "response": "infrastructure_sentry"}]
        ],
    )


class Partner(Record):
    """Ukraine's energy system: a target allies can help defend and repair."""

    id: Identifier = Field(
        "UA", description="Id of the partner, usable as a target.", examples=["UA"]
    )
    name: str = Field("Ukraine", description="Readable name.", examples=["Ukraine"])
    generation_gw: NonNegative = Field(
        20.0, description="Working generation capacity, GW.", examples=[14]
    )
    installed_gw: NonNegative | None = Field(
        None,
        description="Capacity repairs can restore, GW (default: 1.5 x generation_gw).",
        examples=[30],
    )
    peak_demand_gw: NonNegative = Field(18.0, description="Winter peak demand, GW.", examples=[18])
    air_defence: Fraction = Field(
        0.4, description="Share of strikes air defence stops.", examples=[0.45]
    )
    repair_gw_per_turn: NonNegative = Field(
        0.3, description="Capacity repaired each turn, GW.", examples=[0.2]
    )


class Location(Record):
    """Where an asset stands, in WGS 84 degrees; approximate by design (for maps, not rules)."""

    lat: float = Field(ge=-90.0, le=90.0, description="Latitude, degrees north.", examples=[55.68])
    lon: float = Field(
        ge=-180.0, le=180.0, description="Longitude, degrees east.", examples=[21.13]
    )


class Asset(Record):
    """A piece of critical infrastructure owned by a state (or the partner)."""

    id: Identifier = Field(
        description="Id of the asset, used by links, depends_on and targets.",
        examples=["DE-grid"],
    )
    type: AssetType = Field(description="Kind of infrastructure.", examples=["lng_terminal"])
    owner: Identifier = Field(description="Owning state (or partner) id.", examples=["DE"])
    name: str = Field("", description="Readable name.", examples=["Wilhelmshaven LNG"])
    capacity: NonNegative = Field(
        1.0, description="Weight of the asset in its sector.", examples=[2]
    )
    carries_bcm: dict[Identifier, NonNegative] = Field(
        default_factory=dict,
        description="Gas imports this asset carries, bcm/yr by source.",
        examples=[{"lng": 7}],
    )
    links: list[Identifier] = Field(
        default_factory=list,
        description="Connected assets (cross-border links too).",
        examples=[["PL-grid"]],
    )
    depends_on: list[Identifier] | None = Field(
        None,
        description="Assets this one needs; default: by type rules in its country.",
        examples=[["DE-grid", "DE-telecom"]],
    )
    hardening: Fraction = Field(0.2, description="Protection against attack.", examples=[0.5])
    location: Location | None = Field(
        None,
        description="Where it stands (optional; maps only, no rule reads it).",
        examples=[{"lat": 55.68, "lon": 21.13}],
    )


class Infrastructure(Record):
    """The infrastructure network: assets, their links and dependencies, and repairs."""

    assets: list[Asset] = Field(
        default_factory=list,
        description="Every asset in play.",
        examples=[[{"id": "DE-grid", "type": "grid", "owner": "DE", "capacity": 3}]],
    )
    repair_per_turn: Fraction = Field(
        0.1,
        description="Health restored per week (in proportion to calendar.turn_days; the name "
        "dates from when every turn was applied as a week).",
        examples=[0.1],
    )


# --------------------------------------------------------------------------------------------
# The toolkit: moves and responses are data
# --------------------------------------------------------------------------------------------
TargetKind = Literal["state", "asset", "source", "partner", "alliance", "self", "adversary"]
EffectScope = Literal[
    "target", "actor", "owner", "all_states", "all_adversaries", "partner", "alliance"
]


class Effect(Record):
    """Change one field: exactly one of add, multiply, set; optionally only for some turns."""

    field: str = Field(
        description="Field name, e.g. public_trust, health, supply.norway "
        "(see 'Effect fields' for each kind of target).",
        examples=["public_trust"],
    )
    on: EffectScope = Field("target", description="Whose field changes.", examples=["all_states"])
    add: float | None = Field(None, description="Add this to the field.", examples=[-0.05])
    multiply: float | None = Field(
        None, ge=0.0, description="Multiply the field by this.", examples=[0.5]
    )
    set: float | None = Field(None, description="Set the field to this.", examples=[0.0])
    duration: int | None = Field(
        None, ge=1, description="Turns it lasts; default: permanent.", examples=[4]
    )

    @model_validator(mode="after")
    def _one_operation(self) -> Effect:
        given = [k for k in ("add", "multiply", "set") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"an effect needs exactly one of add, multiply, set (got {given or 'none'})"
            )
        return self


class Malware(Record):
    """Starts a self-spreading infection (SIS contagion) on IT-connected assets."""

    beta: Fraction = Field(
        0.3,
        description="Infection probability per link per week (compounded over "
        "calendar.turn_days).",
        examples=[0.25],
    )
    damage: Fraction = Field(
        0.15,
        description="Health lost per week while infected (in proportion to calendar.turn_days).",
        examples=[0.1],
    )


class Narrative(Record):
    """Starts a disinformation narrative that spreads like a rumour in the target's public."""

    seed_fraction: Fraction = Field(
        0.02, description="Share of the public reached at once.", examples=[0.05]
    )
    contacts: float = Field(
        3.0, gt=0, le=50,
        description="Contacts per spreader per week (in proportion to calendar.turn_days).",
        examples=[4],
    )
    trust_impact: Fraction = Field(
        0.1, description="Share of public trust lost when everyone has heard it.", examples=[0.15]
    )
    support_impact: Fraction = Field(
        0.0, description="Share of Ukraine support lost at full reach.", examples=[0.1]
    )
    cohesion_impact: Fraction = Field(
        0.0,
        description="Share of alignment with the alliance line lost at full reach.",
        examples=[0.05],
    )
    polarisation_push: Fraction = Field(
        0.05, description="Push of opinions toward the extremes.", examples=[0.1]
    )


class Preconditions(Record):
    """When a move or response may be used at all."""

    min_escalation: int = Field(
        0, ge=0, description="Lowest escalation level at which allowed.", examples=[2]
    )
    max_escalation: int | None = Field(
        None, ge=0, description="Highest escalation level at which allowed.", examples=[3]
    )
    min_target_exposure: Fraction = Field(
        0.0,
        description="Only against states at least this exposed to the acting adversary "
        "(the state's trade_exposure for its id).",
        examples=[0.2],
    )
    max_target_cyber_posture: Fraction = Field(
        1.0, description="Only against states with at most this cyber posture.", examples=[0.7]
    )
    requires_source_control: bool = Field(
        False, description="Source moves: only on gas sources the actor controls.", examples=[True]
    )
    winter_only: bool = Field(
        False, description="Only in the winter half-year (October to March).", examples=[True]
    )


class Action(Record):
    """What moves and responses share."""

    id: Identifier = Field(
        description="Id of the move or response, used by plans, proposals and proficiency.",
        examples=["gas_cutoff"],
    )
    name: str = Field(description="Readable name.", examples=["Cut pipeline gas"])
    domain: Identifier = Field(
        description="The instrument it uses: a built-in domain (cyber, energy, information, "
        "economic, physical, political, military) or one declared in toolkit.domains.",
        examples=["energy"],
    )
    description: str = Field(
        "",
        description="What it is, for players.",
        examples=["Ransomware locks a grid control room."],
    )
    actors: list[Identifier] | None = Field(
        None,
        description="Who has it from the start (default: every adversary / every member "
        "state). A response is theirs alone; a shareable move can also be learnt by the other "
        "adversaries through sharing (usable from sharing.unlock_at).",
        examples=[["RU"]],
    )
    cost: NonNegative = Field(
        1.0, description="Points it costs from the actor's budget.", examples=[2]
    )
    target: TargetKind = Field(
        "state", description="What kind of thing it is played against.", examples=["asset"]
    )
    asset_types: list[AssetType] = Field(
        default_factory=list,
        description="Asset moves: which asset types it can hit.",
        examples=[["grid", "power_plant"]],
    )
    preconditions: Preconditions = Field(
        default_factory=Preconditions,
        description="When it may be used.",
        examples=[{"min_escalation": 2}],
    )
    success: Fraction = Field(0.7, description="Base probability of success.", examples=[0.5])
    effects: list[Effect] = Field(
        default_factory=list,
        description="Field changes on success.",
        examples=[[{"field": "public_trust", "add": -0.02, "duration": 4}]],
    )
    prefers: dict[str, float] = Field(
        default_factory=dict,
        description="Heuristic policy: weight per target indicator (e.g. polarisation: 1).",
        examples=[{"polarisation": 1.0}],
    )
    tags: list[str] = Field(
        default_factory=list, description="Free labels for filtering.", examples=[["jrc:cyber"]]
    )


class Move(Action):
    """An adversary move from the hybrid toolkit."""

    detection: Fraction = Field(
        0.5, description="Probability the move is detected.", examples=[0.85]
    )
    attribution: Fraction = Field(
        0.3, description="Probability a detected move is attributed.", examples=[0.35]
    )
    base_proficiency: Fraction = Field(
        0.5, description="Default proficiency of allowed actors.", examples=[0.4]
    )
    escalation: NonNegative = Field(
        0.2, description="Escalation added when attributed.", examples=[0.4]
    )
    damage: Fraction = Field(
        0.0, description="Asset moves: health lost on success.", examples=[0.55]
    )
    partner_damage_gw: NonNegative = Field(
        0.0, description="Partner moves: GW knocked out.", examples=[1.5]
    )
    overt: bool = Field(
        False,
        description="Known by its nature (a gas cut, a missile strike, an export control, a "
        "port purchase): detected and attributed without a roll, its author known at once.",
        examples=[True],
    )
    shareable: bool = Field(
        True,
        description="Whether other adversaries learn this move from its successes "
        "(false for what cannot be shared, such as one army's strikes).",
        examples=[False],
    )
    malware: Malware | None = Field(
        None,
        description="Starts a self-spreading infection on success.",
        examples=[{"beta": 0.25, "damage": 0.1}],
    )
    narrative: Narrative | None = Field(
        None,
        description="Starts a disinformation narrative on success.",
        examples=[{"trust_impact": 0.1}],
    )


class Response(Action):
    """An allied response, national or (collective: true) decided by the alliance."""

    target: TargetKind = Field(
        "self", description="What kind of thing it is played on.", examples=["partner"]
    )
    success: Fraction = Field(
        0.9, description="Probability the response is carried out.", examples=[0.95]
    )
    collective: bool = Field(
        False, description="Only through an alliance vote or escalation.", examples=[True]
    )
    counters: list[Identifier] = Field(
        default_factory=list,
        description="Domains of incidents this answers (heuristic policy).",
        examples=[["cyber"]],
    )
    counter_narratives: Fraction = Field(
        0.0, description="Share of spreaders it silences.", examples=[0.3]
    )
    repair_gw: NonNegative = Field(0.0, description="Partner capacity repaired, GW.", examples=[1])
    air_defence: Fraction = Field(
        0.0, description="Air defence added to the partner.", examples=[0.05]
    )
    repair_assets: Fraction = Field(
        0.0, description="Health restored to the state's assets.", examples=[0.2]
    )
    escalation: float = Field(0.0, description="Escalation added when used.", examples=[0.1])


class Toolkit(Record):
    """The catalogue of moves and responses (usually in toolkit.yaml)."""

    domains: list[DomainDecl] = Field(
        default_factory=list,
        description="Domains added to the built-in ones; each needs a rules.defence row for "
        "every target kind.",
        examples=[[{"id": "lawfare", "name": "Lawfare"}]],
    )
    moves: list[Move] = Field(
        default_factory=list,
        description="Adversary moves.",
        examples=[[{"id": "ddos", "name": "DDoS on ministries", "domain": "cyber"}]],
    )
    responses: list[Response] = Field(
        default_factory=list,
        description="Allied responses.",
        examples=[[{"id": "cyber_hardening", "name": "Harden networks", "domain": "cyber"}]],
    )

    def domain_ids(self) -> list[str]:
        """Every domain a move may use: the built-in ones, then those declared, in order."""
        return [*BUILTIN_DOMAINS, *(d.id for d in self.domains if d.id not in BUILTIN_DOMAINS)]

    def domain_watch(self) -> list[str]:
        """Per domain of ``domain_ids``, the state indicator that watches for its moves."""
        declared = [d.watched_by for d in self.domains if d.id not in BUILTIN_DOMAINS]
        return [*(BUILTIN_WATCH.get(d, DEFAULT_WATCH) for d in BUILTIN_DOMAINS), *declared]


# --------------------------------------------------------------------------------------------
# Injects, escalation, endings
# --------------------------------------------------------------------------------------------
Comparison = Literal["<", "<=", ">", ">=", "=="]


class Condition(Record):
    """A test on an indicator at the end of the previous turn, e.g. alliance.cohesion < 0.5."""

    indicator: str = Field(
        description="An indicator path (docs/indicator-paths.md): alliance.<field>, "
        "escalation.level, <state id>.<field>, states.<mean|min|max|sum>.<field>, "
        "adversaries.<id>.<field>, events.<outcome>.<move id> (see 'Condition indicators').",
        examples=["states.min.storage_fill"],
    )
    op: Comparison = Field(description="How to compare.", examples=["<"])
    value: float = Field(description="The value to compare with.", examples=[0.5])


class Inject(Record):
    """A scripted or conditional event from the master scenario events list."""

    id: Identifier = Field(description="Id of the inject.", examples=["cold_snap"])
    name: str = Field(description="Readable name.", examples=["Cold snap"])
    description: str = Field(
        "", description="What happens, as told to the players.", examples=["A week of frost."]
    )
    turn: int | None = Field(
        None,
        ge=1,
        description="Fire on this turn (scripted inject; with 'when', only if it holds then).",
        examples=[10],
    )
    when: Condition | None = Field(
        None,
        description="Fire when this holds (conditional inject).",
        examples=[{"indicator": "alliance.cohesion", "op": "<", "value": 0.5}],
    )
    once: bool = Field(True, description="Conditional injects: fire only once.", examples=[False])
    target: str | None = Field(
        None, description="Target of the effects (state, asset, source).", examples=["DE-grid"]
    )
    effects: list[Effect] = Field(
        default_factory=list,
        description="Field changes when it fires.",
        examples=[[{"on": "all_states", "field": "demand_shock", "add": 0.25, "duration": 1}]],
    )
    damage: Fraction = Field(0.0, description="Health lost by the target asset.", examples=[0.5])

    @model_validator(mode="after")
    def _turn_or_when(self) -> Inject:
        if self.turn is None and self.when is None:
            raise ValueError(
                "an inject needs 'turn', 'when', or both (then it fires on that turn only "
                "if the condition holds)"
            )
        return self


class Escalation(Record):
    """The escalation ladder: a score that rises with attributed hostility and fades."""

    ladder: list[str] = Field(
        default_factory=lambda: [
            "competition",
            "grey zone",
            "attributed hostility",
            "collective response",
            "crisis",
            "armed conflict",
        ],
        description="Names of the escalation levels, lowest first.",
        examples=[["calm", "tension", "crisis", "conflict"]],
    )
    start: NonNegative = Field(0.5, description="Escalation score at the start.", examples=[1.2])
    decay: Fraction = Field(
        0.1,
        description="Share of the score above the start that fades per week (compounded over "
        "calendar.turn_days).",
        examples=[0.1],
    )
    end_level: int = Field(
        5, ge=1, description="The game ends when this level is reached.", examples=[5]
    )
    collective_level: int = Field(
        3, ge=0, description="Level from which collective responses need no vote.", examples=[3]
    )


class Sharing(Record):
    """How adversaries share the toolkit: successes raise the partner's proficiency."""

    rate: Fraction = Field(
        0.15, description="Share of the gap to 1 closed per shared success.", examples=[0.2]
    )
    unlock_at: Fraction = Field(
        0.15, description="Proficiency from which a move can be used.", examples=[0.15]
    )


class Mechanics(Record):
    """Sizes and rates of the mechanics (documented in docs/verification.md)."""

    public_sample: int = Field(
        200, ge=10, le=5000, description="Opinion agents per state.", examples=[500]
    )
    confidence: Fraction = Field(
        0.3, description="Bounded-confidence threshold (Deffuant eps).", examples=[0.25]
    )
    convergence: Fraction = Field(0.3, description="Deffuant convergence mu.", examples=[0.5])
    opinion_rounds: int = Field(
        2, ge=0, le=100, description="Deffuant sweeps per turn.", examples=[3]
    )
    malware_cure: Fraction = Field(
        0.3,
        description="Cure rate per week at cyber posture 1 (compounded over calendar.turn_days).",
        examples=[0.4],
    )
    cohesion_rate: Fraction = Field(
        0.3,
        description="How fast cohesion follows positions: share of the gap closed per week "
        "(compounded over calendar.turn_days).",
        examples=[0.2],
    )


class Objective(Record):
    """What one side plays for, scored at the end of an exercise (the viewer's debrief and the
    report); it changes no rule. An alliance-wide indicator from the game's record, compared
    with a bound: ``at_least`` or ``at_most`` (one of them, or both)."""

    side: Literal["blue", "red"] = Field(description="Whose objective.", examples=["blue"])
    name: str = Field(
        description="The objective in words.", examples=["Keep the alliance together"]
    )
    indicator: Literal[
        "cohesion", "escalation_level", "storage_fill", "measures", "assets_working",
        "partner_availability",
    ] = Field(
        description="What is measured at the end: alliance cohesion, the escalation level, "
        "alliance gas storage, measures adopted (a count), the share of assets working, or "
        "the partner's share of peak power.",
        examples=["cohesion"],
    )  # fmt: skip
    at_least: float | None = Field(None, description="Met if the value ends at or above this.",
                                   examples=[0.6])  # fmt: skip
    at_most: float | None = Field(None, description="Met if the value ends at or below this.",
                                  examples=[2])  # fmt: skip

    @model_validator(mode="after")
    def _one_bound(self) -> Objective:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least or at_most (or both)")
        return self


class Scenario(Record):
    """A complete, validated scenario. Built by hybridsim.scenario.load_scenario."""

    name: Identifier = Field(
        description="Short id of the scenario, used in outputs (usually the file name).",
        examples=["tutorial"],
    )
    title: str = Field(description="Readable title.", examples=["Tutorial: three allies"])
    description: str = Field(
        "", description="What the scenario is about.", examples=["Russia cuts gas ..."]
    )
    calendar: Calendar = Field(
        description="When the game is played.",
        examples=[{"start": "2024-10-14", "turn_days": 7, "turns": 12}],
    )
    seed: int = Field(0, ge=0, description="Default root seed.", examples=[7])
    toolkit: Toolkit = Field(
        default_factory=Toolkit,
        description="The moves and responses: inline, or the path of a toolkit file.",
        examples=["toolkit.yaml"],
    )
    gas_sources: list[GasSource] = Field(
        default_factory=list,
        description="Where gas comes from.",
        examples=[[{"id": "norway", "name": "Norwegian gas"}]],
    )
    states: list[MemberState] = Field(
        min_length=1,
        description="The allies (at least one).",
        examples=[
            [
                {
                    "id": "DE",
                    "name": "Germany",
                    "population_m": 84.5,
                    "gas": {"annual_demand_bcm": 77},
                }
            ]
        ],
    )
    adversaries: list[Adversary] = Field(
        default_factory=list,
        description="Who uses the hybrid toolkit.",
        examples=[[{"id": "RU", "name": "Russia"}]],
    )
    alliance: Alliance = Field(
        default_factory=Alliance,
        description="The alliance, its meetings and proposals.",
        examples=[{"cohesion": 0.7}],
    )
    eu: EuropeanUnion | None = Field(
        None,
        description="The European Union and its members among the allies (none by default).",
        examples=[{"members": ["DE", "PL", "IT"], "focus": {"RU-strikes": "RU"}}],
    )
    partner: Partner | None = Field(
        None,
        description="The partner whose energy system allies defend (none by default).",
        examples=[{"id": "UA", "generation_gw": 14}],
    )
    infrastructure: Infrastructure = Field(
        default_factory=Infrastructure,
        description="The infrastructure network.",
        examples=[{"repair_per_turn": 0.1}],
    )
    injects: list[Inject] = Field(
        default_factory=list,
        description="Scripted and conditional events.",
        examples=[[{"id": "cold_snap", "name": "Cold snap", "turn": 10}]],
    )
    escalation: Escalation = Field(
        default_factory=Escalation,
        description="The escalation ladder.",
        examples=[{"start": 1.2}],
    )
    sharing: Sharing = Field(
        default_factory=Sharing,
        description="How adversaries share the toolkit.",
        examples=[{"rate": 0.2}],
    )
    mechanics: Mechanics = Field(
        default_factory=Mechanics,
        description="Sizes and rates of the mechanics.",
        examples=[{"public_sample": 500}],
    )
    rules: Rules = Field(
        default_factory=Rules,
        description="Coefficients of the rules (docs/mechanics.md lists each with its unit and "
        "source): write only those you change.",
        examples=[{"chances": {"max_probability": 0.95}}],
    )
    objectives: list[Objective] = Field(
        default_factory=list,
        description="What each side plays for, scored at the end of an exercise (optional).",
        examples=[[{"side": "blue", "name": "Keep the alliance together",
                    "indicator": "cohesion", "at_least": 0.5}]],
    )  # fmt: skip

    def state_ids(self) -> list[str]:
        return [s.id for s in self.states]

    def adversary_ids(self) -> list[str]:
        return [a.id for a in self.adversaries]


MemberState.model_rebuild()
