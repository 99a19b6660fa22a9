"""The learned target ranker: a last resort after the rules, shipped as JSON weights."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storyline.api import Record, code_records
from storyline.events import ranker

# the rules find no target here (the fund is no actor); the ranker takes the body that
# runs it
_TEXT = ("Ghana has been the largest contributor, giving $12 million last year to the "
         "Sahel Relief Fund run by the African Union.")


def _target(text: str) -> object:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None
    return coded.events[coded.main].target


def test_ranker_gives_a_target_the_rules_do_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.events import extract, targets

    got = _target(_TEXT)  # the recipient rule names the fund itself
    assert got is not None and not isinstance(got, list) and got.name == "Sahel Relief Fund"
    # the recipients rule off, before the object (extract) and after it (actors)
    monkeypatch.setattr(extract, "recipient_target", lambda *_a, **_k: None)
    monkeypatch.setattr(targets, "recipient_target", lambda *_a, **_k: None)
    got = _target(_TEXT)  # the named recipient itself, an entity no actor list knows
    assert got is not None and not isinstance(got, list) and got.name == "Sahel Relief Fund"
    monkeypatch.setattr(ranker, "ENTITIES", False)  # among actor mentions only: the AU
    got = _target(_TEXT)
    assert got is not None and not isinstance(got, list) and got.id == "AU"
    monkeypatch.setattr(ranker, "ENABLED", False)
    assert _target(_TEXT) is None


def test_shipped_weights_are_json_with_a_threshold() -> None:
    m = ranker.model()
    assert 0.0 < m["threshold"] < 1.0
    assert m["weights"] and all(isinstance(w, float) for w in m["weights"].values())
    assert "bias" in m["weights"]


def test_ranker_loads_and_codes_without_scikit_learn() -> None:
    src = Path(__file__).resolve().parent.parent / "src"
    code = ("import sys; sys.modules['sklearn'] = None; import storyline; "
            f"evs = storyline.code({_TEXT!r}, date='2024-05-08'); "
            "print(any(getattr(e.target, 'name', None) == 'Sahel Relief Fund' for e in evs))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("True")


def test_features_are_deterministic_names() -> None:
    from storyline.annotate.stage import load_nlp

    doc = load_nlp()("Rebels attacked Kenyan troops in Mandera on Monday.")
    trig = next(t for t in doc if t.lower_ == "attacked")
    troops = next(t for t in doc if t.lower_ == "troops")
    from storyline.model import Actor

    cand = ranker.Candidate(troops, Actor("Kenyan troops", "Kenya military", "KENMIL", "KEN",
                                          "MIL"), "actor", "Kenyan troops")
    f = ranker.features(trig, "ASSAULT", cand)
    assert f == ranker.features(trig, "ASSAULT", cand)
    assert "dir=R" in f and "last=dobj" in f and "t=ASSAULT" in f


def test_a_named_thing_no_actor_covers_is_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    # no actor mention and no gazetteer place covers "Borno State": only the entity
    # candidates of the ranker offer it
    text = "The agency halted food deliveries in Borno State after the ambush."
    got = _target(text)
    assert got is not None and not isinstance(got, list) and got.text == "Borno State"
    assert got.id.startswith("unk-") and got.role == "UNK"
    monkeypatch.setattr(ranker, "ENTITIES", False)
    assert _target(text) is None


def test_entity_candidates_skip_the_trigger_and_the_source() -> None:
    from storyline.annotate.stage import load_nlp
    from storyline.model import Actor

    doc = load_nlp()("Ethiopian Airlines suspended its flights to Mekelle on Monday.")
    trig = next(t for t in doc if t.lower_ == "suspended")
    src = Actor("Ethiopian Airlines", "Ethiopian Airlines", "unk-airlines-ethiopian", "ETH",
                "BUS")
    texts = [c.text for c in ranker.candidates(doc, trig, [], [], (), src, "SANCTION")
             if c.kind == "entity"]
    assert "Ethiopian Airlines" not in texts and "Monday" not in " ".join(texts)


def test_a_thing_of_a_country_is_no_entity_candidate() -> None:
    from storyline.annotate.stage import load_nlp

    doc = load_nlp()("The pact was signed as Polish pilots and the American F-35 jet arrived.")
    trig = next(t for t in doc if t.lower_ == "signed")
    texts = [c.text for c in ranker.candidates(doc, trig, [], [], (), None, "AGREE")
             if c.kind == "entity"]
    assert "Polish pilots" in texts  # people of a country: the noun they head
    assert not any("jet" in t for t in texts), texts  # a thing of a country: no one
