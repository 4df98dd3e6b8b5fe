"""The scenario format: typed, frozen records; the one source of truth for validation and docs.

Every field carries a description, because the reference docs and the JSON Schema are generated
from these classes. Records only declare what differs from the defaults.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Domain(StrEnum):
    """The instrument a move uses (after MCDC's MPECI and the JRC hybrid-threat domains)."""

    CYBER = "cyber"
    ENERGY = "energy"
    INFORMATION = "information"
    ECONOMIC = "economic"
    PHYSICAL = "physical"
    POLITICAL = "political"
    MILITARY = "military"


class AssetType(StrEnum):
    """Kinds of shared infrastructure."""

    GAS_PIPELINE = "gas_pipeline"
    LNG_TERMINAL = "lng_terminal"
    GAS_STORAGE = "gas_storage"
    POWER_PLANT = "power_plant"
    GRID = "grid"
    UNDERSEA_CABLE = "undersea_cable"
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
    AssetType.GRID: (AssetType.POWER_PLANT,),
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
    start: dt.date = Field(description="Date of the first turn (YYYY-MM-DD).")
    turn_days: int = Field(7, ge=1, le=92, description="Days per turn.")
    turns: int = Field(26, ge=1, le=520, description="Number of turns to play.")


class GasSource(Record):
    """A supply of gas that states import from; a controlling adversary can cut it."""

    id: Identifier
    name: str = Field("", description="Readable name.")
    controlled_by: Identifier | None = Field(
        None, description="Adversary id that can cut or manipulate this supply."
    )


class Gas(Record):
    """A state's gas balance. Volumes in bcm (billion cubic metres)."""

    annual_demand_bcm: NonNegative = Field(description="Gas consumption in a normal year.")
    winter_share: float = Field(
        0.62, ge=0.5, le=0.95, description="Share of annual demand in the winter half-year."
    )
    storage_capacity_bcm: NonNegative = Field(0.0, description="Working gas storage capacity.")
    storage_fill: Fraction = Field(0.5, description="Storage fill at the start (0..1).")
    storage_target: Fraction = Field(
        0.9, description="Fill the state aims for by 1 November (EU rule: 0.9)."
    )
    supply_bcm: dict[Identifier, NonNegative] = Field(
        default_factory=dict,
        description="Import and production capacity by gas source id, bcm per year.",
    )
    demand_cut: Fraction = Field(0.0, description="Voluntary demand reduction in force (0..1).")


class MemberState(Record):
    """One ally. Indicators are fractions in [0, 1] unless said otherwise."""

    id: Identifier
    name: str
    population_m: NonNegative = Field(description="Population, millions.")
    gas: Gas
    cyber_posture: Fraction = Field(0.5, description="Cyber defence maturity.")
    infrastructure_protection: Fraction = Field(
        0.3, description="Physical protection of critical infrastructure."
    )
    investment_screening: Fraction = Field(
        0.3, description="How well foreign investment in strategic assets is screened."
    )
    public_trust: Fraction = Field(0.6, description="Trust in government and institutions.")
    polarisation: Fraction = Field(0.3, description="Polarisation of public opinion.")
    china_trade_exposure: Fraction = Field(
        0.3, description="Economic exposure to China (trade and investment)."
    )
    threat_perception: Fraction = Field(0.5, description="How threatened the state feels.")
    ukraine_support: Fraction = Field(0.6, description="Political support for Ukraine.")
    ukraine_first: Fraction = Field(
        0.5, description="How much the state puts Ukraine before a China focus."
    )
    budget: NonNegative = Field(5.0, description="Response points per turn.")
    policy: PolicySpec | None = Field(
        None, description="Who plays this state (default: heuristic)."
    )


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------
class PlanItem(Record):
    """One scripted order: on these turns, play this move or response against this target."""

    turn: int | list[int] = Field(description="Turn number(s), 1-based.")
    move: Identifier = Field(description="Move or response id.")
    target: str | None = Field(None, description="Target id (state, asset, source, ...).")


class PolicySpec(Record):
    kind: Literal["heuristic", "scripted", "random", "human"] = Field(
        "heuristic", description="How the actor chooses its moves."
    )
    plan: list[PlanItem] = Field(
        default_factory=list, description="Orders for the scripted policy."
    )
    max_moves: int = Field(3, ge=0, le=20, description="Most orders per turn.")


class Adversary(Record):
    id: Identifier
    name: str
    capacity: dict[Domain, Fraction] = Field(
        default_factory=dict, description="Capacity per domain (missing domains: 0.5)."
    )
    budget_per_turn: NonNegative = Field(6.0, description="Move points per turn.")
    risk_appetite: Fraction = Field(0.5, description="Willingness to risk attribution.")
    proficiency: dict[Identifier, Fraction] = Field(
        default_factory=dict,
        description="Starting proficiency per move id (others: the move's default if allowed).",
    )
    policy: PolicySpec = Field(default_factory=PolicySpec)


class Meeting(Record):
    turn: int = Field(ge=1, description="Turn on which the meeting takes place.")
    kind: Literal["ministerial", "summit"] = "ministerial"
    name: str = ""


class Proposal(Record):
    """A collective measure put to the vote at a meeting; adopted measures are milestones."""

    id: Identifier
    name: str
    response: Identifier = Field(description="Collective response applied when adopted.")
    focus: Literal["russia", "china", "ukraine", "resilience"] = "resilience"
    meeting: int | None = Field(None, ge=1, description="Turn of the vote (default: next meeting).")


class Alliance(Record):
    name: str = "NATO"
    cohesion: Fraction = Field(0.75, description="Cohesion at the start.")
    adoption_threshold: Fraction = Field(
        0.8, description="Share of allies that must support a proposal for it to pass."
    )
    fracture_threshold: Fraction = Field(
        0.25, description="The game ends, alliance fractured, when cohesion falls below this."
    )
    meetings: list[Meeting] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)


class Partner(Record):
    """Ukraine's energy system: a target allies can help defend and repair."""

    id: Identifier = "UA"
    name: str = "Ukraine"
    generation_gw: NonNegative = Field(20.0, description="Working generation capacity, GW.")
    installed_gw: NonNegative | None = Field(
        None, description="Capacity repairs can restore, GW (default: 1.5 x generation_gw)."
    )
    peak_demand_gw: NonNegative = Field(18.0, description="Winter peak demand, GW.")
    air_defence: Fraction = Field(0.4, description="Share of strikes air defence stops.")
    repair_gw_per_turn: NonNegative = Field(0.3, description="Capacity repaired each turn.")


class Asset(Record):
    id: Identifier
    type: AssetType
    owner: Identifier = Field(description="Owning state (or partner) id.")
    name: str = ""
    capacity: NonNegative = Field(1.0, description="Weight of the asset in its sector.")
    carries_bcm: dict[Identifier, NonNegative] = Field(
        default_factory=dict, description="Gas imports this asset carries, bcm/yr by source."
    )
    links: list[Identifier] = Field(
        default_factory=list, description="Connected assets (cross-border links too)."
    )
    depends_on: list[Identifier] | None = Field(
        None, description="Assets this one needs; default: by type rules in its country."
    )
    hardening: Fraction = Field(0.2, description="Protection against attack.")


class Infrastructure(Record):
    assets: list[Asset] = Field(default_factory=list)
    repair_per_turn: Fraction = Field(0.1, description="Health restored per turn.")


# --------------------------------------------------------------------------------------------
# The toolkit: moves and responses are data
# --------------------------------------------------------------------------------------------
TargetKind = Literal["state", "asset", "source", "partner", "alliance", "self", "adversary"]
EffectScope = Literal[
    "target", "actor", "owner", "all_states", "all_adversaries", "partner", "alliance"
]


class Effect(Record):
    """Change one field: exactly one of add, multiply, set; optionally only for some turns."""

    field: str = Field(description="Field name, e.g. public_trust, health, supply.norway.")
    on: EffectScope = Field("target", description="Whose field changes.")
    add: float | None = None
    multiply: float | None = Field(None, ge=0.0)
    set: float | None = None
    duration: int | None = Field(None, ge=1, description="Turns it lasts; default: permanent.")

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

    beta: Fraction = Field(0.3, description="Infection probability per link per turn.")
    damage: Fraction = Field(0.15, description="Health lost per turn while infected.")


class Narrative(Record):
    """Starts a disinformation narrative that spreads like a rumour in the target's public."""

    seed_fraction: Fraction = Field(0.02, description="Share of the public reached at once.")
    contacts: float = Field(3.0, gt=0, le=50, description="Contacts per spreader per turn.")
    trust_impact: Fraction = Field(
        0.1, description="Share of public trust lost when everyone has heard it."
    )
    support_impact: Fraction = Field(
        0.0, description="Share of Ukraine support lost at full reach."
    )
    cohesion_impact: Fraction = Field(
        0.0, description="Share of alignment with the alliance line lost at full reach."
    )
    polarisation_push: Fraction = Field(0.05, description="Push of opinions toward the extremes.")


class Preconditions(Record):
    min_escalation: int = Field(0, ge=0, description="Lowest escalation level at which allowed.")
    max_escalation: int | None = Field(None, ge=0, description="Highest level at which allowed.")
    min_target_china_exposure: Fraction = 0.0
    max_target_cyber_posture: Fraction = 1.0
    requires_source_control: bool = Field(
        False, description="Source moves: only on gas sources the actor controls."
    )
    winter_only: bool = False


class Action(Record):
    """What moves and responses share."""

    id: Identifier
    name: str
    domain: Domain
    description: str = ""
    actors: list[Identifier] | None = Field(
        None, description="Who may use it (default: every adversary / every member state)."
    )
    cost: NonNegative = Field(1.0, description="Points it costs from the actor's budget.")
    target: TargetKind = "state"
    asset_types: list[AssetType] = Field(
        default_factory=list, description="Asset moves: which asset types it can hit."
    )
    preconditions: Preconditions = Field(default_factory=Preconditions)
    success: Fraction = Field(0.7, description="Base probability of success.")
    effects: list[Effect] = Field(default_factory=list)
    prefers: dict[str, float] = Field(
        default_factory=dict,
        description="Heuristic policy: weight per target indicator (e.g. polarisation: 1).",
    )
    tags: list[str] = Field(default_factory=list)


class Move(Action):
    """An adversary move from the hybrid toolkit."""

    detection: Fraction = Field(0.5, description="Probability the move is detected.")
    attribution: Fraction = Field(0.3, description="Probability a detected move is attributed.")
    base_proficiency: Fraction = Field(0.5, description="Default proficiency of allowed actors.")
    escalation: NonNegative = Field(0.2, description="Escalation added when attributed.")
    damage: Fraction = Field(0.0, description="Asset moves: health lost on success.")
    partner_damage_gw: NonNegative = Field(0.0, description="Partner moves: GW knocked out.")
    malware: Malware | None = None
    narrative: Narrative | None = None


class Response(Action):
    """An allied response, national or (collective: true) decided by the alliance."""

    target: TargetKind = "self"
    success: Fraction = Field(0.9, description="Probability the response is carried out.")
    collective: bool = Field(False, description="Only through an alliance vote or escalation.")
    counters: list[Domain] = Field(
        default_factory=list, description="Domains of incidents this answers (heuristic policy)."
    )
    counter_narratives: Fraction = Field(0.0, description="Share of spreaders it silences.")
    repair_gw: NonNegative = Field(0.0, description="Partner capacity repaired, GW.")
    air_defence: Fraction = Field(0.0, description="Air defence added to the partner.")
    repair_assets: Fraction = Field(0.0, description="Health restored to the state's assets.")
    escalation: float = Field(0.0, description="Escalation added when used.")


class Toolkit(Record):
    moves: list[Move] = Field(default_factory=list)
    responses: list[Response] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Injects, escalation, endings
# --------------------------------------------------------------------------------------------
Comparison = Literal["<", "<=", ">", ">=", "=="]


class Condition(Record):
    """A test on an indicator at the end of the previous turn, e.g. alliance.cohesion < 0.5."""

    indicator: str = Field(
        description="alliance.<field>, escalation.level, <state id>.<field>, "
        "states.mean.<field>, states.min.<field>, states.max.<field>, events.<outcome>.<move id>"
    )
    op: Comparison
    value: float


class Inject(Record):
    """A scripted or conditional event from the master scenario events list."""

    id: Identifier
    name: str
    description: str = ""
    turn: int | None = Field(None, ge=1, description="Fire on this turn (scripted inject).")
    when: Condition | None = Field(None, description="Fire when this holds (conditional).")
    once: bool = Field(True, description="Conditional injects: fire only once.")
    target: str | None = Field(None, description="Target of the effects (state, asset, source).")
    effects: list[Effect] = Field(default_factory=list)
    damage: Fraction = Field(0.0, description="Health lost by the target asset.")

    @model_validator(mode="after")
    def _turn_or_when(self) -> Inject:
        if (self.turn is None) == (self.when is None):
            raise ValueError("an inject needs exactly one of 'turn' or 'when'")
        return self


class Escalation(Record):
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
    )
    start: NonNegative = Field(0.5, description="Escalation score at the start.")
    decay: Fraction = Field(0.1, description="Share of the score that fades each turn.")
    end_level: int = Field(5, ge=1, description="The game ends when this level is reached.")
    collective_level: int = Field(
        3, ge=0, description="Level from which collective responses need no vote."
    )


class Sharing(Record):
    """How adversaries share the toolkit: successes raise the partner's proficiency."""

    rate: Fraction = Field(0.15, description="Share of the gap to 1 closed per shared success.")
    unlock_at: Fraction = Field(0.15, description="Proficiency from which a move can be used.")


class Mechanics(Record):
    """Sizes and rates of the mechanics (documented in docs/verification.md)."""

    public_sample: int = Field(200, ge=10, le=5000, description="Opinion agents per state.")
    confidence: Fraction = Field(0.3, description="Bounded-confidence threshold (Deffuant eps).")
    convergence: Fraction = Field(0.3, description="Deffuant convergence mu.")
    opinion_rounds: int = Field(2, ge=0, le=100, description="Deffuant sweeps per turn.")
    malware_cure: Fraction = Field(0.3, description="Cure rate at cyber posture 1.")
    cohesion_rate: Fraction = Field(0.3, description="How fast cohesion follows positions.")


class Scenario(Record):
    """A complete, validated scenario. Built by hybridsim.scenario.load_scenario."""

    name: Identifier
    title: str
    description: str = ""
    calendar: Calendar
    seed: int = Field(0, ge=0, description="Default root seed.")
    toolkit: Toolkit = Field(default_factory=Toolkit)
    gas_sources: list[GasSource] = Field(default_factory=list)
    states: list[MemberState] = Field(min_length=1)
    adversaries: list[Adversary] = Field(default_factory=list)
    alliance: Alliance = Field(default_factory=Alliance)
    partner: Partner | None = None
    infrastructure: Infrastructure = Field(default_factory=Infrastructure)
    injects: list[Inject] = Field(default_factory=list)
    escalation: Escalation = Field(default_factory=Escalation)
    sharing: Sharing = Field(default_factory=Sharing)
    mechanics: Mechanics = Field(default_factory=Mechanics)

    def state_ids(self) -> list[str]:
        return [s.id for s in self.states]

    def adversary_ids(self) -> list[str]:
        return [a.id for a in self.adversaries]


MemberState.model_rebuild()
