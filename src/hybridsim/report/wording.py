"""The model's notation in words, for a room of officials: names instead of ids, sentences
instead of field paths ("PL.public_trust 0.35 -> 0.34" reads "Poland's public trust fell
1 point (to 34%)").

The model writes its effect lines for the transcript and the goldens; the viewer and the report
translate them here, in one place. A line this module does not recognise is shown as it is, so a
new kind of effect is never lost, only left in notation until it gets a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..scenario import Scenario


@dataclass(frozen=True)
class Measure:
    """How a field reads: its words, and its unit ("" for a share shown in points)."""

    label: str
    unit: str = ""
    share: bool = True


MEASURES: dict[str, Measure] = {
    "public_trust": Measure("public trust"),
    "threat_perception": Measure("threat perception"),
    "polarisation": Measure("polarisation"),
    "cyber_posture": Measure("cyber posture"),
    "china_trade_exposure": Measure("trade exposure to China"),
    "investment_screening": Measure("screening of foreign investment"),
    "storage_target": Measure("gas storage target"),
    "storage_fill": Measure("gas storage"),
    "demand_cut": Measure("gas demand cut"),
    "availability": Measure("flow"),
    "air_defence": Measure("air defence cover"),
    "ukraine_support": Measure("support for Ukraine"),
    "russian_energy_dependence": Measure("dependence on Russian energy"),
    "budget": Measure("budget", share=False),
    "generation_gw": Measure("power generation", " GW", share=False),
    "hardening": Measure("protection"),
    "health": Measure("working condition"),
}
"""Fields by name; ``proficiency.<move>`` and ``supply.<source>`` are worded by rule below."""

NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
CHANGE = re.compile(
    rf"^(?P<who>[^.:]+?)\.(?P<field>[\w.]+?)(?P<mean> mean)? (?P<a>{NUMBER}) -> (?P<b>{NUMBER})"
    r"(?: \((?P<why>[\w-]+) ended\))?$"
)
SILENCED = re.compile(r"^(?P<who>[^:]+): (?P<n>\d+) spreaders of (?P<what>.+) silenced$")
LAUNCHED = re.compile(r"^(?P<who>[^:]+): narrative '(?P<what>[^']+)' launched$")
SIGNAL = re.compile(rf"^escalation signal (?P<d>[+-]{NUMBER})$")
REPAIRED = re.compile(r"^assets of (?P<who>.+) repaired$")
FORCED = re.compile(r"^(?P<what>\w+) forced to (?P<value>True|False)$")
DEPENDENT = re.compile(r"^(?P<who>\S+) down \(dependency\)$")

# The EU Council's decisions, as events name them (model/eu.py: "eu_" + the instrument).
EU_DECISIONS = {
    "eu_sanctions": "EU sanctions (Council, unanimity)",
    "eu_screening": "EU investment screening coordination (Council, qualified majority)",
    "eu_gas": "EU gas storage and demand coordination (Council, qualified majority)",
    "eu_aci": "EU Anti-Coercion Instrument (Council, qualified majority)",
}


class Wording:
    """Names of everything a scenario declares, and the rules that turn lines into words."""

    def __init__(self, scenario: Scenario) -> None:
        names: dict[str, str] = {}
        names |= {s.id: s.name for s in scenario.states}
        names |= {a.id: a.name for a in scenario.adversaries}
        names |= {g.id: g.name for g in scenario.gas_sources}
        names |= {a.id: a.name or a.id for a in scenario.infrastructure.assets}
        if scenario.partner:
            names[scenario.partner.id] = scenario.partner.name
            names["partner"] = scenario.partner.name
        names["all states"] = "The allies (on average)"
        names["alliance"] = scenario.alliance.name
        if scenario.eu:
            names[scenario.eu.id] = scenario.eu.name
        self.names = names
        actions = {m.id: m.name for m in scenario.toolkit.moves}
        actions |= {r.id: r.name for r in scenario.toolkit.responses}
        actions |= {p.id: p.name for p in scenario.alliance.proposals}
        actions |= {i.id: i.name for i in scenario.injects}
        actions |= EU_DECISIONS
        self.actions = actions
        self.rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
            (CHANGE, self._change),
            (SILENCED, self._silenced),
            (LAUNCHED, self._launched),
            (
                SIGNAL,
                lambda m: f"Escalation signal {m['d']} (the turn's strongest response counts)",
            ),
            (REPAIRED, lambda m: f"Assets of {self._list(m['who'])} repaired"),
            (FORCED, lambda m: f"{m['what']} forced to {'yes' if m['value'] == 'True' else 'no'}"),
            (DEPENDENT, lambda m: f"{self.name(m['who'])} down: something it depends on failed"),
        )
        self.people = {s.id for s in scenario.states} | {a.id for a in scenario.adversaries}
        if scenario.partner:
            self.people |= {scenario.partner.id, "partner"}

    def name(self, ident: str) -> str:
        """The readable name of an id (the id itself if the scenario does not name it)."""
        return self.names.get(ident, ident)

    def action(self, ident: str) -> str:
        return self.actions.get(ident, ident)

    def _list(self, text: str) -> str:
        return ", ".join(self.name(x.strip()) for x in text.split(","))

    def _whose(self, who: str, label: str) -> str:
        """ "Poland's public trust" for a country; "Working condition of <asset>" otherwise
        (a possessive on a long asset name reads badly)."""
        if who == "all states":
            return f"The allies' average {label}"
        name = self.name(who)
        if who in self.people:
            return f"{name}' {label}" if name.endswith("s") else f"{name}'s {label}"
        return f"{label[:1].upper()}{label[1:]} of {name}"

    def measure(self, field: str) -> Measure:
        if field.startswith("proficiency."):
            return Measure(f"skill at '{self.action(field.split('.', 1)[1])}'")
        if field.startswith("supply."):
            return Measure(f"supply of {self.name(field.split('.', 1)[1])}", share=False)
        if field.startswith("capacity."):
            return Measure(f"capacity in the {field.split('.', 1)[1]} domain")
        return MEASURES.get(field, Measure(field.replace("_", " ").replace(".", " ")))

    def _change(self, m: re.Match[str]) -> str | None:
        measure = self.measure(m["field"])
        a, b = float(m["a"]), float(m["b"])
        scale = 100.0 if measure.share else 1.0
        diff = (b - a) * scale
        if abs(diff) < 0.005 * scale or f"{a:.3g}" == f"{b:.3g}":
            return None  # "0 -> 0": nothing a player needs to read
        size = abs(diff)
        amount = f"{size:.0f}" if size >= 1 and measure.share else f"{size:.2g}"
        if measure.share:
            unit = " point" if amount == "1" else " points"
            now = f"{b:.0%}"
        else:
            unit, now = measure.unit, f"{b:.3g}{measure.unit}"
        verb = "rose" if diff > 0 else "fell"
        why = f", as '{self.action(m['why'])}' ended" if m["why"] else ""
        return f"{self._whose(m['who'], measure.label)} {verb} {amount}{unit} (to {now}{why})"

    def _silenced(self, m: re.Match[str]) -> str:
        what = m["what"]
        if what.startswith("'") and what.endswith("'"):
            what = f"'{self.action(what[1:-1])}'"
        return f"{self.name(m['who'])}: {m['n']} people spreading {what} silenced"

    def _launched(self, m: re.Match[str]) -> str:
        return f"{self.name(m['who'])}: the narrative '{self.action(m['what'])}' is spreading"

    def line(self, text: str) -> str | None:
        """One effect line in words; None when it says nothing worth reading."""
        for pattern, rule in self.rules:
            match = pattern.match(text)
            if match is not None:
                return rule(match)
        return text

    def lines(self, texts: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        out = (self.line(t) for t in texts)
        return tuple(t for t in out if t)


_CACHE: dict[int, tuple[Scenario, Wording]] = {}


def wording(scenario: Scenario) -> Wording:
    """The wording of a scenario, made once per scenario object (scenarios are frozen)."""
    found = _CACHE.get(id(scenario))
    if found is None or found[0] is not scenario:
        found = (scenario, Wording(scenario))
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[id(scenario)] = found
    return found[1]
