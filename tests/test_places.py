from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    got = places(nlp, "Mortars struck a clinic in the town of Sarmin and then a bakery in the "
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
    surman = got["Surman"]  # not in the gazetteer for Syria; never the Libyan namesake
    assert (surman.country, surman.admin1, surman.kind, surman.precision, surman.approximate) \
        == ("SYR", "Idlib", "place", "admin1", True)
    assert got["Idlib"].country == "SYR"
    assert got["Libya"].country == "LBY"


def test_unknown_site_takes_the_documents_region(nlp):
    text = ("Jets pounded Saraqib and Sarmin in Idlib province on Monday. "
            "Later they shelled the Zawrat observation post, a monitor said.")
    got = places(nlp, text, ["SYR", "TUR"])
    z = got["Zawrat"]
    assert (z.country, z.admin1, z.precision, z.approximate) == ("SYR", "Idlib", "admin1", True)
    assert (z.lat, z.lon) == (got["Idlib province"].lat, got["Idlib province"].lon)


def test_unknown_site_takes_its_sentences_region(nlp):
    text = ("Jets pounded Saraqib and Sarmin in Idlib province on Monday. Idlib is tense. "
            "In the north, shells hit the village of Tell Ghazlan near Aleppo.")
    got = places(nlp, text, ["SYR", "TUR"])
    t = got["Tell Ghazlan"]
    assert (t.country, t.admin1, t.precision, t.approximate) == ("SYR", "Aleppo", "admin1", True)


@pytest.mark.parametrize("text", [
    "Ms Qarbali spoke to reporters in Idlib.",  # a name without a place cue
    "The NATO base was put on alert while fighting raged in Idlib.",  # an acronym
])
def test_unknown_names_without_site_cue_are_not_placed(nlp, text):
    got = places(nlp, text, ["SYR", "TUR"])
    assert all(not p.approximate for p in got.values()), got


# Processes named after places: (text, process mention, the place word inside it).
PROCESSES = [
    ("The Astana talks failed to calm Idlib.", "Astana talks"),
    ("Moscow wants to revive the Sochi process.", "Sochi process"),
    ("The Geneva talks resumed without the opposition.", "Geneva talks"),
    ("Kyiv accused Moscow of breaking the Minsk agreements.", "Minsk agreements"),
    ("The attack violated the Astana peace process, Ankara said.", "Astana peace process"),
    ("Both sides signed the Sochi Agreement in 2018.", "Sochi Agreement"),
]


@pytest.mark.parametrize(("text", "process"), PROCESSES)
def test_processes_are_flagged_not_geocoded(nlp, text, process):
    got = places(nlp, text, ["SYR", "RUS", "TUR", "UKR"])
    p = got[process]
    assert (p.kind, p.country, p.lat, p.lon, p.precision) == ("process", None, None, None, None)
    place_word = process.split()[0]
    assert place_word not in got


def test_meeting_in_a_city_is_a_place(nlp):
    got = places(nlp, "The leaders met in Astana and then in Geneva.", ["SYR", "RUS", "TUR"])
    assert got["Astana"].country == "KAZ" and got["Astana"].kind == "place"
    assert got["Geneva"].country == "CHE"


# Names that are a first-level region and its capital: (text, mention, kind expected).
# The mention is the last occurrence of its text.
REGION_OR_CITY = [
    ("Shelling hit Idlib on Monday.", "Idlib", "place"),
    ("Fighting raged across Idlib province. Idlib is home to three million people.",
     "Idlib", "admin1"),
    ("Rebels hold the province of Idlib. Idlib is crowded.", "Idlib", "admin1"),
    ("The city of Idlib was shelled. Idlib is crowded.", "Idlib", "place"),
    ("Idlib city was shelled; the province is home to three million.", "Idlib city", "place"),
    ("Idlib city was hit. Rebels across Idlib province regrouped. Idlib remains tense.",
     "Idlib", "admin1"),
    ("Much of Idlib is held by rebels.", "Idlib", "admin1"),
    ("Jets struck southern Idlib overnight.", "Idlib", "admin1"),
    ("Troops advanced on Hama. The whole province braced for more.", "Hama", "admin1"),
    ("Jets struck villages in Idlib province and Aleppo.", "Aleppo", "admin1"),
    ("Residents of Aleppo queued for bread.", "Aleppo", "place"),
    ("Shells fell on Kharkiv. Across the region, power was cut.", "Kharkiv", "admin1"),
    ("Residents of Kharkiv queued for water.", "Kharkiv", "place"),
    ("Shelling in the Donetsk region went on. Donetsk is quiet.", "Donetsk", "admin1"),
]


@pytest.mark.parametrize(("text", "mention", "kind"), REGION_OR_CITY)
def test_region_or_capital(nlp, text, mention, kind):
    country = "UKR" if any(n in text for n in ("Kharkiv", "Donetsk")) else "SYR"
    got = places(nlp, text, [country, "TUR", "RUS"])
    p = got[mention]
    assert (p.kind, p.precision, p.country) == (kind, kind, country), p
    assert p.approximate is False
    if kind == "admin1":
        region = gazetteer().admin_named(country, p.admin1)
        assert region is not None and (p.lat, p.lon) == (round(region.lat, 4),
                                                          round(region.lon, 4))


def test_capitals_stay_cities_with_a_province_in_the_story(nlp):
    got = places(nlp, "Ankara and Damascus argued over Idlib province. Ankara sent troops.",
                 ["SYR", "TUR"])
    assert got["Ankara"].kind == "place"
    assert got["Damascus"].kind == "place"


def test_event_city_with_cue(nlp):
    got = places(nlp, "The leaders are due to gather in the Russian seaside city of Sochi next week.",
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
    found: dict[str, dict[str, tuple[str | None, str, bool]]] = {}
    for prefix in SEED_DATES:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        doc = nlp(path.read_text(encoding="utf-8"))
        ps = find_places(doc, context_countries=story_countries(doc))
        found[prefix] = {p.text: (p.country, p.kind, p.approximate) for p in ps}
    assert found["004"]["Sarmin"] == ("SYR", "place", False)
    assert found["004"]["Saraqeb"] == ("SYR", "place", False)
    assert found["004"]["Surman"] == ("SYR", "place", True)  # at Idlib province, approximate
    assert found["003"]["Zhukovsky"] == ("RUS", "place", False)
    assert found["003"]["Khan Sheikhoun"] == ("SYR", "place", False)
    assert "Astana" not in found["000"]
    assert found["000"]["Astana talks"] == (None, "process", False)
    assert found["004"]["Sochi Agreement"] == (None, "process", False)
    assert found["000"]["Sochi"] == ("RUS", "place", False)
    # Idlib, alone, is the province in these conflict stories
    for prefix in SEED_DATES:
        assert found[prefix]["Idlib"] == ("SYR", "admin1", False), prefix


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=8),
       st.integers(0, 30), st.integers(0, 6))
def test_containment_index_matches_the_plain_scan(raw: list[tuple[int, int]], s: int,
                                                  width: int) -> None:
    from storyline.annotate.places import _Containment

    intervals = [(a, a + w) for a, w in raw]
    e = s + width
    index = _Containment(intervals)
    assert index.any(s, e) == any(a <= s and e <= b for a, b in intervals)
    assert index.other(s, e) == any(a <= s and e <= b and (a, b) != (s, e) for a, b in intervals)
