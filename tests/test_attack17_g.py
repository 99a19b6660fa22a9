"""Findings 3, 4 and 6 of the fourteenth black-box attack (issue 15): serial headlines
taken for furniture, format characters that hid words from ``code`` and ``times``, and
CP1252 text behind a UTF-8 byte order mark. Every input here is invented for the test;
each test fails on the code before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# -- 4: a folder of files whose title lines share a template keeps every title ---------

_PLACES = ["Gao", "Kidal", "Timbuktu", "Mopti", "Segou", "Menaka"]
_WHAT = ["the cattle market", "a bus station", "the river ferry", "an army post",
         "the grain store", "a health centre"]
_FOOTER = ("Sahel Wire Agency desks in Niamey and Bamako cover the whole region for you "
           "every day")


def _serial_folder(folder: Path, n: int, title: str) -> list[str]:
    folder.mkdir()
    titles = []
    for i in range(n):
        place, what = _PLACES[i % len(_PLACES)], _WHAT[(i * 5 + 1) % len(_WHAT)]
        t = title.format(i + 1)
        titles.append(t)
        (folder / f"r{i}.txt").write_text(
            f"{t}\n\nGunmen on motorbikes attacked {what} in {place} on Monday, killing "
            f"{i + 3} people and wounding {i + 7} others, local officials said.\n\n"
            f"Residents of {place} said the attackers burned {i + 10} stalls before they "
            f"fled north, and the governor asked {i + 40} soldiers to guard {what} after "
            f"a night of fear in {place}.\n\n{_FOOTER}\n", "utf-8")
    return titles


def _articles(inputs: list[str], out: Path) -> list[dict]:
    from storyline.api import run

    run(inputs, out)
    return [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize(("n", "title"), [(3, "Sahel report {}"),
                                          (6, "Live: Mali war day {}0, what we know")])
def test_serial_title_lines_are_titles_not_furniture(tmp_path: Path, n: int, title: str,
                                                     ) -> None:
    titles = _serial_folder(tmp_path / "in", n, title)
    got = _articles([str(tmp_path / "in")], tmp_path / "out")
    assert len(got) == n
    assert sorted(a["title"] or "" for a in got) == sorted(titles)
    # the footer every file shares is still the outlet's furniture (a file alone keeps it)
    assert not any("Sahel Wire Agency desks" in a["text"] for a in got)
    alone = _articles([str(tmp_path / "in" / "r0.txt")], tmp_path / "alone")
    assert "Sahel Wire Agency desks" in alone[0]["text"] and alone[0]["title"] == titles[0]

