"""The European Union as an actor: when its Council meets, how it decides (unanimity or
qualified majority over its members) and what each instrument does."""

from __future__ import annotations

from .declare import RuleGroup, rule


class EuRules(RuleGroup):
    """The Council's calendar and voting rules, and the size of each instrument's effect."""

    council_weeks: float = rule(
        4.0, "weeks", "Time between two Council meetings that decide on the EU's instruments.",
        "Art. 16(6) TEU and the Council of the EU meeting calendar 2025: the Foreign Affairs "
        "Council meets about once a month (sanctions, the Anti-Coercion Instrument)",
        ge=1.0,
    )
    table_share: float = rule(
        0.5, "share of members", "Share of the members that must support an instrument for "
        "it to be put to the Council at all (below it, it is not tabled and nothing is "
        "decided).",
        "judgement: the rotating Presidency and the High Representative table what a majority "
        "backs and press the holdouts in the room (as with each Russia sanctions package); a "
        "file most members oppose is not put to a vote",
        le=1.0,
    )
    qmv_states: float = rule(
        0.55, "share of members", "Qualified majority: share of the members that must vote "
        "in favour.", "Art. 16(4) TEU (55% of the members of the Council)", le=1.0,
    )
    qmv_population: float = rule(
        0.65, "share of population", "Qualified majority: share of the members' population "
        "the members in favour must comprise.",
        "Art. 16(4) TEU (members comprising at least 65% of the population of the Union)",
        le=1.0,
    )
    blocking_minority: float = rule(
        4.0, "members", "Fewest members against that can block a qualified majority on "
        "population alone.",
        "Art. 16(4) TEU (a blocking minority must include at least four Council members; "
        "failing that the qualified majority is deemed attained)",
    )
    sanctions_budget: float = rule(
        0.1, "share of budget", "Share of a sanctioned adversary's points per turn that EU "
        "sanctions (asset freezes, travel bans, bans on the services a campaign buys) take "
        "away while in force.",
        "Council Decision (CFSP) 2024/2643 (restrictive measures against Russia's "
        "destabilising activities: hybrid campaigns); size judgement: sanctions raise the cost "
        "of a campaign's money, people and logistics but do not stop it (Russia kept its "
        "sabotage campaign going under them in 2024-25), so a tenth, not a half",
        le=1.0,
    )
    screening_gain: float = rule(
        0.15, "screening", "Rise of each member's investment_screening when the Council "
        "agrees coordinated screening (capped at 1).",
        "Regulation (EU) 2019/452 (cooperation mechanism: members comment on each other's "
        "screening, the Commission gives opinions; members with a screening mechanism rose "
        "from 14 in 2020 to 24 in 2024, Commission annual reports); size judgement: about half "
        "the gap between a typical member (0.3-0.5) and a strict one (0.7)",
        le=1.0,
    )
    storage_target: float = rule(
        0.9, "share of capacity", "Storage fill by 1 November that members must reach once the "
        "Council coordinates storage (a member aiming higher keeps its own target).",
        "Regulation (EU) 2022/1032, Art. 6a of Regulation (EU) 2017/1938 (90% by 1 November)",
        le=1.0,
    )
    demand_cut: float = rule(
        0.15, "share of demand", "Demand reduction each member applies at least, once the "
        "Council coordinates gas after a cut (a member cutting more keeps its own).",
        "Council Regulation (EU) 2022/1369 (coordinated demand reduction: 15% below the "
        "five-year average, August 2022 - March 2024; the EU cut about 18%, Eurostat)",
        le=1.0,
    )
    aci_shield: float = rule(
        0.5, "share of exposure", "Share of members' exposure to a coercer that the "
        "Anti-Coercion Instrument offsets once the Council has determined coercion: the "
        "coercer's economic moves bite less, and meet more defence, in members.",
        "Regulation (EU) 2023/2675 (response measures: tariffs, restrictions on trade, "
        "investment and procurement, aimed at deterrence); size judgement: a credible "
        "counter-threat halves what a trade lever is worth, unproven in use (never applied "
        "as of 2025)",
        le=1.0,
    )
    decision_cohesion: float = rule(
        0.005, "cohesion", "Cohesion gained when the Council adopts an instrument, and lost "
        "when one member or a minority blocks it in public.",
        "judgement: Europeans acting together (or a veto reported in the press, as Hungary's "
        "on sanctions packages in 2023-24) signal unity or division to the alliance as well; "
        "half the cost of a deferred alliance vote (rules.politics.deferral_loss), since it is "
        "not the alliance's own decision",
        le=1.0,
    )
