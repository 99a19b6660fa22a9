from __future__ import annotations

from storyline.annotate.places import Gazetteer, find_places, gazetteer, story_countries
from storyline.geonorm import name_key, translit_key
from storyline.knowledge import load_knowledge


def places(nlp, text, ctx):
    doc = nlp(text)
    return {p.text: p for p in find_places(doc, context_countries=ctx)}


def test_keys_fold_transliteration_variants():
    assert translit_key("Khan Sheikhoun") == translit_key("Khan Shaykhun")
    assert translit_key("Zhukovsky") == translit_key("Zhukovskiy")
    assert name_key("Jisr al-Shughur") == name_key("Jisr Shughur")
    assert name_key("Şurmān") == "surman"


def test_small_towns_and_variants(nlp):
    got = places(nlp, "Shells hit a school in the town of Sarmin and later a market in the "
                      "town of Saraqeb, south of Khan Sheikhoun.", ["SYR", "TUR"])
    assert got["Sarmin"].country == "SYR" and got["Sarmin"].admin1 == "Idlib"
    assert got["Saraqeb"].name == "Saraqib"
    assert got["Khan Sheikhoun"].country == "SYR"
    assert abs(got["Sarmin"].lat - 35.9) < 0.1


def test_namesake_near_an_anchor(nlp):
    got = places(nlp, "The leaders met at an air show in Zhukovsky, outside Moscow.",
                 ["SYR", "RUS", "TUR"])
    assert got["Zhukovsky"].country == "RUS"


def test_foreign_namesake_rejected(nlp):
    got = places(nlp, "Regime troops besieged Turkey's Surman observation post in Idlib. "
                      "Libya was also discussed.", ["SYR", "TUR", "LBY"])
    assert "Surman" not in got
    assert got["Idlib"].country == "SYR"


def test_processes_are_not_places(nlp):
    got = places(nlp, "The Astana talks and the Sochi agreement were meant to calm Idlib.",
                 ["SYR", "RUS", "TUR"])
    assert "Astana" not in got and "Sochi" not in got


def test_event_city_with_cue(nlp):
    got = places(nlp, "They will meet in the Russian resort city of Sochi on Monday.",
                 ["SYR", "RUS"])
    assert got["Sochi"].country == "RUS"


def test_regions(nlp):
    got = places(nlp, "Fighting in Idlib province spread across northwestern Syria.", ["SYR"])
    prov = got["Idlib province"]
    assert prov.admin1 == "Idlib" and prov.country == "SYR"
    nw = got["northwestern Syria"]
    assert nw.country == "SYR" and nw.admin1 is None
    assert nw.lat is not None and nw.lon is not None
    centre = gazetteer().country("SYR")
    assert centre is not None and nw.lon < 38.5


def test_story_countries_prefer_where_things_happen(nlp):
    doc = nlp("Turkey and Turkey's leaders discussed Idlib. Idlib and Aleppo were shelled. "
              "Turkey said so.")
    assert story_countries(doc)[0] == "SYR"


def test_gazetteer_loads_and_ships_small():
    """Load and lookup speed are measured by benchmarks/speed.py, not here."""
    path = gazetteer.__wrapped__.__globals__["resources"].files("storyline") / "data"
    gz = Gazetteer(path / "gazetteer.tsv.gz", load_knowledge())  # type: ignore[arg-type]
    assert gz.lookup("Saraqib")
    assert (path / "gazetteer.tsv.gz").stat().st_size < 3_000_000


SEED_DATES = {"000": "2018-09-16", "001": "2019-06-01", "002": "2018-09-01",
              "003": "2019-08-27", "004": "2020-01-10"}


def test_seed_places(nlp, seeds_dir):
    found: dict[str, dict[str, str | None]] = {}
    for prefix in SEED_DATES:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        doc = nlp(path.read_text(encoding="utf-8"))
        ps = find_places(doc, context_countries=story_countries(doc))
        found[prefix] = {p.text: p.country for p in ps}
    assert found["004"]["Sarmin"] == "SYR"
    assert found["004"]["Saraqeb"] == "SYR"
    assert "Surman" not in found["004"]
    assert found["003"]["Zhukovsky"] == "RUS"
    assert found["003"]["Khan Sheikhoun"] == "SYR"
    assert "Astana" not in found["000"]
    assert found["000"]["Sochi"] == "RUS"
