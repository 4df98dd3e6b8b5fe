"""A corpus of broken scenarios, each with the exact messages it must produce.

Each tests/broken/*.yaml says what it breaks on its second line and lists, in ``# expect:``
lines, every message the loader must give, in order, exactly as ``hybridsim validate`` prints
them (paths relative to tests/). Files named ``warn_*`` are legal and must load with exactly
those warnings. ``# pad-to-bytes: N`` pads the file with comment lines to N bytes before the
check (so the oversize case need not be committed at full size). tests/broken/parents/ holds
the valid files the cases extend.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hybridsim.scenario import ScenarioError, load, validate_text

TESTS = Path(__file__).resolve().parent
BROKEN = TESTS / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))

# What the corpus must cover (the list), by case name.
REQUIRED = {
    "YAML syntax": ["yaml_bad_indent", "yaml_tab", "yaml_unclosed_bracket"],
    "unknown key with did-you-mean": ["unknown_key", "unknown_top_key", "key_wrong_level"],
    "wrong type": ["wrong_type_text", "wrong_type_list", "wrong_type_quoted_number"],
    "out of range": ["out_of_range_fraction", "out_of_range_negative_budget"],
    "dangling reference with did-you-mean": ["dangling_owner", "dangling_link"],
    "duplicate id": ["duplicate_id"],
    "python tag": ["python_tag"],
    "alias bomb": ["alias_bomb"],
    "oversize file": ["oversize"],
    "include outside the folder": ["include_outside"],
    "extends cycle": ["extends_cycle_a", "extends_cycle_b", "extends_self"],
    "missing parent": ["extends_missing_parent"],
    "bad effect field": ["bad_effect_field"],
    "inject on a turn that does not exist": ["inject_turn_missing"],
    "bad condition indicator": ["bad_condition_indicator"],
    "plan target the move can never take": ["plan_illegal_target"],
    "numbers that overflow": ["overflow_budget", "overflow_population"],
    "two meetings on one turn": ["meetings_same_turn"],
    "a child empties a list": [
        "extends_empties_adversaries", "extends_empties_ladder", "extends_empties_toolkit"
    ],
    "extends names a shipped scenario": ["extends_shipped_by_file_name"],
    "merge keys are read": ["merge_key_error"],
    "EU members that are not allies, a taken id, no members": [
        "eu_member_not_ally", "eu_id_taken", "eu_no_members", "rules_eu_out_of_range"
    ],
    "a declared domain without a defence row for every target kind": [
        "domain_without_defence"
    ],
}


def header(path: Path, key: str) -> list[str]:
    prefix = f"# {key}: "
    return [
        line[len(prefix) :]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


def prepared(path: Path, tmp_path: Path) -> Path:
    """The folder to work in: tests/, or a copy with the case padded to its size."""
    pad = header(path, "pad-to-bytes")
    if not pad:
        return TESTS
    size = int(pad[0])
    text = path.read_text(encoding="utf-8")
    filler = "# " + "x" * 97 + "\n"
    while len(text.encode()) + len(filler) <= size:
        text += filler
    text += "#" * (size - len(text.encode()) - 1) + "\n"
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / path.name).write_text(text, encoding="utf-8")
    assert (tmp_path / "broken" / path.name).stat().st_size == size
    return tmp_path


def messages(name: str, warnings_expected: bool) -> list[str]:
    if warnings_expected:
        return [w.format() for w in load(name).warnings]
    with pytest.raises(ScenarioError) as info:
        load(name)
    return [p.format() for p in info.value.problems]


def test_the_corpus_covers_what_it_must():
    names = {p.stem for p in CASES}
    assert len(names) >= 25
    for what, cases in REQUIRED.items():
        assert set(cases) <= names, f"no case for {what}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_broken_case_gives_exactly_its_messages(path, tmp_path, monkeypatch):
    expected = header(path, "expect")
    assert expected, f"{path.name} has no '# expect:' line"
    monkeypatch.chdir(prepared(path, tmp_path))
    got = messages(f"broken/{path.name}", path.stem.startswith("warn_"))
    assert got == expected


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_editor_gets_the_same_messages(path, tmp_path):
    """validate_text (the in-app editor's check) agrees with the file loader, never raising."""
    folder = prepared(path, tmp_path) / "broken"
    text = (folder / path.name).read_text(encoding="utf-8")
    scenario, problems = validate_text(text, name=f"broken/{path.name}", base_dir=folder)
    assert [p.format() for p in problems] == header(path, "expect")
    assert (scenario is not None) == path.stem.startswith("warn_")


def test_parents_used_by_the_corpus_are_valid():
    for path in sorted((BROKEN / "parents").glob("*.yaml")):
        if path.stem.startswith("bad_"):
            continue
        assert load(path).warnings == []
