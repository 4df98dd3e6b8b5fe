"""Scenarios built from several files: `extends` chains, cycles, missing parents, removal,
the folder rule, and errors that still point at the file and line where a value was written."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from hybridsim.scenario import (
    ScenarioError,
    diff_scenarios,
    load,
    load_scenario,
    shipped_dir,
    validate_text,
)

EXAMPLES = shipped_dir() / "examples"
MINI = Path(__file__).resolve().parent / "broken" / "parents" / "mini.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A folder holding a valid scenario, base.yaml, to build on."""
    write(tmp_path, "base.yaml", MINI.read_text(encoding="utf-8"))
    return tmp_path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load(path)
    return [p.format() for p in info.value.problems]


def test_a_chain_takes_each_value_from_the_nearest_file(base):
    write(
        base,
        "mid.yaml",
        """
        extends: base.yaml
        name: mid
        states:
          - id: DE
            public_trust: 0.4
            gas: {storage_fill: 0.7}
        """,
    )
    top = write(
        base,
        "top.yaml",
        """
        extends: mid.yaml
        name: top
        states:
          - id: DE
            polarisation: 0.6
          - id: FR
            name: France
            population_m: 68
            gas: {annual_demand_bcm: 38}
        """,
    )
    loaded = load(top)
    de = loaded.scenario.states[0]
    assert (de.public_trust, de.polarisation, de.gas.storage_fill) == (0.4, 0.6, 0.7)
    assert de.gas.annual_demand_bcm == 77  # untouched, from base.yaml
    assert loaded.scenario.state_ids() == ["DE", "PL", "FR"]  # new ids go at the end
    assert [p.name for p in loaded.sources] == ["mid.yaml", "base.yaml"]
    assert loaded.warnings == []


def test_removal_empty_lists_and_replaced_lists(base):
    child = write(
        base,
        "child.yaml",
        """
        extends: base.yaml
        name: child
        injects: []
        infrastructure:
          assets:
            - {id: PL-pipe, remove: true}
            - id: DE-pipe
              links: []
        """,
    )
    sc = load_scenario(child)
    assert sc.injects == []
    assert [a.id for a in sc.infrastructure.assets] == ["DE-pipe", "DE-power", "DE-grid"]
    assert sc.infrastructure.assets[0].links == []
    changes = [c.format() for c in diff_scenarios(load_scenario(base / "base.yaml"), sc)]
    assert "removed asset PL-pipe" in changes
    assert "removed inject cold_snap" in changes
    assert "infrastructure.assets.DE-pipe.links: [PL-pipe] → []" in changes


def test_a_cycle_names_the_whole_chain(base):
    write(base, "a.yaml", "extends: b.yaml\nname: a\n")
    write(base, "b.yaml", "extends: sub/c.yaml\nname: b\n")
    write(base, "sub/c.yaml", "extends: ../a.yaml\nname: c\n")
    (message,) = problems_of(base / "a.yaml")
    assert message.startswith(f"{base / 'sub' / 'c.yaml'}:1:1: error: extends: ")
    assert "goes round in a circle" in message
    chain = [str(base / n) for n in ("a.yaml", "b.yaml", "sub/c.yaml", "a.yaml")]
    assert " → ".join(chain) in message


def test_a_missing_parent_is_reported_at_the_extends_line(base):
    child = write(base, "child.yaml", "# a comment\nname: child\nextends: bsae.yaml\n")
    (message,) = problems_of(child)
    assert message == (
        f"{child}:3:1: error: extends: cannot find the scenario file 'bsae.yaml' "
        "(did you mean 'base.yaml'?)"
    )


def test_parents_may_not_leave_the_top_files_folder(base, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    write(outside, "secret.yaml", MINI.read_text(encoding="utf-8"))
    inner = base / "variants"
    # A parent in a subfolder is fine, and may itself refer back up to the top folder.
    write(inner, "v.yaml", "extends: ../base.yaml\nname: v\n")
    top = write(base, "top.yaml", "extends: variants/v.yaml\nname: top\n")
    assert load_scenario(top).name == "top"
    # But the top-level file of a load is where the tree starts: v.yaml loaded on its own
    # may not read ../base.yaml.
    assert "is outside the scenario's folder" in problems_of(inner / "v.yaml")[0]
    # Nor may a symbolic link lead out.
    link = base / "link.yaml"
    try:
        os.symlink(outside / "secret.yaml", link)
    except OSError:
        pytest.skip("no symbolic links here")
    child = write(base, "child.yaml", "extends: link.yaml\nname: child\n")
    assert "'link.yaml' is outside the scenario's folder" in problems_of(child)[0]
    absolute = write(base, "abs.yaml", f"extends: {outside / 'secret.yaml'}\nname: abs\n")
    assert "is outside the scenario's folder" in problems_of(absolute)[0]


def test_errors_in_a_merge_point_at_the_file_that_wrote_the_value(base):
    bad_parent = write(
        base,
        "parent.yaml",
        MINI.read_text(encoding="utf-8").replace("budget_per_turn: 4", "budget_per_turn: -4"),
    )
    child = write(
        base,
        "child.yaml",
        """
        extends: parent.yaml
        name: child
        states:
          - id: PL
            cyber_posture: 2
        """,
    )
    lines = problems_of(child)
    parent_line = next(i for i, t in enumerate(bad_parent.read_text().splitlines(), 1) if "-4" in t)
    assert lines[0].startswith(f"{child}:5:5: error: states[1].cyber_posture: expected")
    assert lines[1].startswith(f"{bad_parent}:{parent_line}:")
    assert "adversaries[0].budget_per_turn: expected a number of at least 0 (got -4)" in lines[1]


def test_a_toolkit_by_path_in_a_child_merges_into_the_parents(base):
    write(
        base,
        "extra.yaml",
        """
        moves:
          - id: ddos
            success: 0.9
          - id: leak
            name: Hack and leak
            domain: information
        """,
    )
    child = write(base, "child.yaml", "extends: base.yaml\nname: child\ntoolkit: extra.yaml\n")
    sc = load_scenario(child)
    assert [m.id for m in sc.toolkit.moves] == ["ddos", "leak"]
    assert sc.toolkit.moves[0].success == 0.9
    assert sc.toolkit.moves[0].effects[0].field == "public_trust"  # kept from the parent


def test_partner_null_removes_the_partner_and_examples_chain():
    alone = load(EXAMPLES / "cold_winter_alone.yaml")
    assert alone.scenario.partner is None
    assert alone.scenario.state_ids() == ["DE"]
    assert [p.name for p in alone.sources] == ["cold_winter.yaml", "two_allies.yaml"]
    cold = load_scenario(EXAMPLES / "cold_winter.yaml")
    assert cold.states[0].gas.storage_fill == 0.7
    assert cold.states[0].gas.annual_demand_bcm == 77


def test_validate_text_resolves_extends_against_base_dir(base):
    text = "extends: base.yaml\nname: typed\nstates:\n  - {id: DE, public_trust: 0.2}\n"
    scenario, problems = validate_text(text, name="typed.yaml", base_dir=base)
    assert problems == []
    assert scenario is not None
    assert scenario.states[0].public_trust == 0.2
    scenario, problems = validate_text(text.replace("0.2", "2"), "typed.yaml", base)
    assert scenario is None
    assert [p.format() for p in problems] == [
        "typed.yaml:4:14: error: states[0].public_trust: expected a number from 0 to 1 (got 2)"
    ]
    # Without base_dir, names are read from the shipped scenarios (the app edits copies of them).
    scenario, problems = validate_text("extends: tutorial.yaml\nname: mine\n")
    assert scenario is not None
    assert scenario.name == "mine"


MERGED = """
    name: merged
    title: YAML merge keys
    calendar: {start: 2024-10-14, turns: 4}
    states:
      - &ally
        id: DE
        name: Germany
        population_m: 84.5
        gas: {annual_demand_bcm: 77}
        public_trust: 0.4
      - <<: *ally
        id: PL
        name: Poland
    adversaries:
      - {id: RU, name: Russia}
"""


def test_yaml_merge_keys_bring_in_what_the_item_does_not_set(tmp_path):
    """'<<: *anchor' (which every YAML editor accepts) copies the anchored mapping's keys."""
    sc = load_scenario(write(tmp_path, "merged.yaml", MERGED))
    de, pl = sc.states
    assert (pl.id, pl.name) == ("PL", "Poland")
    assert pl.population_m == de.population_m == 84.5
    assert pl.public_trust == 0.4
    assert pl.gas.annual_demand_bcm == 77


def test_a_merge_key_that_names_no_mapping_is_refused(tmp_path):
    path = write(tmp_path, "bad.yaml", MERGED.replace("<<: *ally", "<<: 3"))
    assert problems_of(path) == [
        f"{path}:11:5: error: states[1]: a merge key ('<<') takes a mapping or a list of "
        "mappings (e.g. '<<: *defaults' where '&defaults' marks a mapping)"
    ]
