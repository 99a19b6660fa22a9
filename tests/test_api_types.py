"""The library's coding calls given values of the wrong type say so in one clear error."""

from __future__ import annotations

import logging

import pytest

import storyline
from storyline.api import Record, code_records


@pytest.mark.parametrize("bad", [None, b"Rebels shelled the town.", 5, ["a"]])
def test_code_refuses_a_text_that_is_not_a_string(bad: object) -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        storyline.code(bad)  # type: ignore[arg-type]


def test_a_record_without_text_gives_no_events_and_one_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="storyline"):
        coded = list(code_records([Record(None, "r1", None),  # type: ignore[arg-type]
                                   Record("Rebels shelled the town.", "r2", None)]))
    assert coded[0].events == []
    assert coded[1].events and coded[1].events[0].type == "ASSAULT"
    assert sum("r1" in m for m in caplog.messages) == 1
