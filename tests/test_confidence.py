"""Confidence: a shipped, trained model; events carry a value in [0, 1]; coders register."""

from __future__ import annotations

import json
import math
from importlib.resources import files
from typing import Any

import pytest

import storyline
from storyline.events.coder import EventCoder, available_coders, get_coder, register_coder
from storyline.events.confidence import FEATURES, default_threshold, model


def test_shipped_model_names_every_feature_and_a_threshold() -> None:
    m = model()
    assert set(m["stages"]) == {"event", "slots"}
    assert all(set(st["weights"]) == set(FEATURES) for st in m["stages"].values())
    assert 0.0 <= default_threshold() < 1.0
    assert m["trained_on"]["events"] > 100  # trained, not a placeholder
    bins = m["held_out_calibration"]
    assert bins and all(abs(b["mean_confidence"] - b["fully_right_rate"]) <= 0.35 for b in bins
                        if b["events"] >= 5)


def test_named_actors_raise_confidence() -> None:
    named = storyline.code("Rebels shelled the army base outside Karsa on Monday.",
                           date="2024-05-08")
    bare = storyline.code("There was shelling.", date="2024-05-08")
    assert named and all(0.0 <= (e.confidence or 0) <= 1.0 for e in named + bare)
    if bare:
        assert max(e.confidence or 0 for e in named) > max(e.confidence or 0 for e in bare)


def test_coder_registry_and_desk_model_data() -> None:
    assert "rules" in available_coders()
    coder = get_coder("rules")
    assert isinstance(coder, EventCoder) and coder.name == "rules"
    with pytest.raises(KeyError):
        get_coder("no-such-coder")

    class Silent:
        name = "silent"
        version = "0"

        def code(self, doc, **kw):  # type: ignore[no-untyped-def]
            return []

    register_coder("silent")(Silent)
    assert get_coder("silent").code(None) == []  # type: ignore[arg-type]
    desk = json.loads(files("storyline").joinpath("data/desk.json").read_text("utf-8"))
    assert len(desk["weights"]) > 1000 and desk["held_out"]["accuracy"] > 0.9


def test_config_defaults_and_user_override(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from storyline import config

    assert config.setting("stories", "threshold") == 0.12
    user = tmp_path / "mine.toml"
    user.write_text("[stories]\nthreshold = 0.2\n[events]\nmin_confidence = 0.5\n")
    monkeypatch.setenv(config.ENV, str(user))
    config.settings.cache_clear()
    try:
        assert config.setting("stories", "threshold") == 0.2
        assert config.setting("merge", "undated_days") == 1  # untouched default
        from storyline.pipeline import Options

        assert Options().confidence_floor() == 0.5
        assert Options(min_confidence=0.1).confidence_floor() == 0.1
    finally:
        monkeypatch.delenv(config.ENV)
        config.settings.cache_clear()


def test_confidence_is_the_calibrated_product_of_its_two_stages() -> None:
    from storyline.events.confidence import score

    m = model()
    stages, cal = m["stages"], m["calibration"]
    vec = [0.5] * len(FEATURES)

    def sig(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-z))

    def stage(st: dict[str, Any]) -> float:
        return sig(st["bias"] + sum(st["weights"][f] * x
                                    for f, x in zip(FEATURES, vec, strict=True)))

    p = stage(stages["event"]) * stage(stages["slots"])
    want = sig(cal["scale"] * math.log(p / (1 - p)) + cal["shift"])
    assert abs(score(vec) - want) < 1e-3
    # a monotone calibration: a likelier event never gets a lower confidence
    assert cal["scale"] > 0
