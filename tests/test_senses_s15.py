"""A warning is a threat only when it announces the speaker's own act (storyline issue 11:
"experts warned that it may be too late" and "warned of a looming famine" predict; they
threaten no one)."""

from __future__ import annotations

import pytest

from storyline.api import Record, code_records


def _types(text: str) -> list[str]:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    return [e.type for e in coded.events]


@pytest.mark.parametrize("text", [
    "Doctors warned on Monday that it might already be too late to stop the infection.",
    "The port authority warned it could take months to clear the wreckage.",
    "Aid agencies warned of a looming famine in the northern provinces.",
    "The central bank warned about a sharp rise in household debt.",
])
def test_a_prediction_is_no_threat(text: str) -> None:
    assert "THREATEN" not in _types(text)


@pytest.mark.parametrize("text", [
    "Beijing warned of dire consequences if the frigate entered its waters.",
    "The ministry warned of sanctions against any firm that broke the embargo.",
    "The militia warned it would retaliate against any raid on the camp.",
    "The general warned the rebels to leave the town by Friday.",
])
def test_a_warning_of_ones_own_act_is_a_threat(text: str) -> None:
    assert "THREATEN" in _types(text)
