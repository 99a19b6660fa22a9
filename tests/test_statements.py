"""Plain statements (CAMEO 01, which PLOVER drops): a record with no main event because it
is a statement still says who made it and to or about whom (``Coded.statement``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from storyline.api import Coded, Record, code_records
from storyline.model import Actor, Statement
from storyline.schemas import validate


def _coded(text: str) -> Coded:
    return next(code_records([Record(text, "r", "2024-05-08")]))


def _names(side: Actor | list[Actor] | None) -> list[str]:
    if side is None:
        return []
    return [a.name for a in (side if isinstance(side, list) else [side])]


def _countries(side: Actor | list[Actor] | None) -> list[str | None]:
    if side is None:
        return []
    return [a.country for a in (side if isinstance(side, list) else [side])]


def test_an_option_under_consideration_names_who_weighs_it_and_for_whom() -> None:
    c = _coded("Norway is weighing sending medical teams to Nepal after the earthquake.")
    assert c.main is None and c.statement is not None
    assert c.statement.cue == "weigh" and c.statement.trigger.text == "weighing"
    assert _countries(c.statement.source) == ["NOR"]
    assert _countries(c.statement.target) == ["NPL"]


def test_the_recipient_of_condolences_comes_before_what_they_are_about() -> None:
    c = _coded("The Kenyan government expressed condolences to Portugal over the floods "
               "that killed 40 people.")
    assert c.statement is not None and c.statement.cue == "condolence"
    assert _countries(c.statement.target) == ["PRT"]
    assert _countries(c.statement.source) == ["KEN"]


def test_a_hope_is_about_the_subject_hoped_for_and_a_pronoun_is_its_speaker() -> None:
    c = _coded("Officials in Lima said they hoped that the Chilean government would reopen "
               "the border.")
    assert c.statement is not None and c.statement.cue == "hope"
    assert _countries(c.statement.target) == ["CHL"]
    assert c.statement.source is not None  # "they": the officials who said it


def test_a_claim_of_responsibility_targets_whom_the_act_was_aimed_at() -> None:
    c = _coded("Insurgents claimed responsibility for the attack on Kenyan troops.")
    assert c.statement is not None and c.statement.cue == "responsibility"
    target = c.statement.target
    assert isinstance(target, Actor) and (target.country, target.role) == ("KEN", "MIL")


def test_a_day_is_never_a_statement_target() -> None:
    c = _coded("The Estonian foreign minister expressed concern on Friday.")
    assert c.statement is not None and c.statement.target is None


def test_an_actor_named_only_inside_a_relative_clause_is_not_the_target() -> None:
    c = _coded("Pakistan's foreign minister offered sympathy to relatives of miners who "
               "were killed by Afghan police.")
    assert c.statement is not None
    assert "AFG" not in _countries(c.statement.target)


@pytest.mark.parametrize("text", ["Rebels shelled the border town of Karsa on Monday.",
                                  "The weather was mild and the market stalls were busy."])
def test_an_event_or_an_idle_sentence_has_no_statement(text: str) -> None:
    assert _coded(text).statement is None


def test_statement_json_round_trips_and_fits_the_code_schema() -> None:
    c = _coded("Norway is weighing sending medical teams to Nepal after the earthquake.")
    line = c.to_json()
    validate("code", line)
    assert Statement.from_json(line["statement"]) == c.statement


def test_the_code_command_prints_the_statement_in_each_schema_valid_line() -> None:
    stdin = ("Norway is weighing sending medical teams to Nepal after the earthquake.\n"
             "Rebels shelled the border town of Karsa on Monday.\n")
    proc = subprocess.run([sys.executable, "-m", "storyline.cli", "code", "-", "--dct",
                           "2024-05-08"], input=stdin, capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    for line in lines:
        validate("code", line)
    assert lines[0]["main"] is None and lines[0]["statement"]["cue"] == "weigh"
    assert lines[1]["main"] == 0 and lines[1]["statement"] is None
