"""What the twelfth attack (issue 15) found in reruns, items 4 and 5: a file edited so
that it kept its size and modification time was "unchanged, reused" (its old text stayed
in every output), and an article's ``path`` stayed that of a file renamed or deleted
since, or that of another folder's command line. Each test fails on the code before the
fix."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.news import article


def _run(inputs: list[str], out: Path, *, prune: bool = False,
         warnings: list[str] | None = None):
    from storyline.pipeline import Options, run

    return run(inputs, out, options=Options(progress=False, prune_missing=prune),
               log=(warnings.append if warnings is not None else None))


def _articles(out: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]


def _paths(out: Path) -> list[str]:
    return sorted(str(a["path"]) for a in _articles(out))


def _edit_keeping_size_and_times(path: Path, old: str, new: str) -> None:
    assert len(old) == len(new)
    st = path.stat()
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # what cp -p, rsync -t, touch -r do
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


# -- 4: unchanged means the same bytes ------------------------------------------------

def test_an_edit_that_keeps_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    story = src / "talks.txt"
    story.write_text("Border talks\n\n" + article(3), "utf-8")
    _run([str(src)], out)
    assert "number 3," in str(_articles(out)[0]["text"])

    _edit_keeping_size_and_times(story, "number 3,", "number 8,")
    summary = _run([str(src)], out)
    assert summary.files_reused == 0
    (only,) = _articles(out)
    assert "number 8," in str(only["text"]) and "number 3," not in str(only["text"])

    fresh = _run([str(src)], tmp_path / "fresh")
    assert fresh.files_reused == 0
    assert [a["id"] for a in _articles(tmp_path / "fresh")] == [only["id"]]


def test_a_file_put_back_with_the_same_bytes_and_times_is_still_reused(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    story = src / "talks.txt"
    story.write_text("Border talks\n\n" + article(4), "utf-8")
    _run([str(src)], out)
    # a copy made with its times (new inode, new ctime), put in its place: the same bytes
    shutil.copy2(story, tmp_path / "copy.txt")
    story.unlink()
    shutil.move(str(tmp_path / "copy.txt"), story)
    summary = _run([str(src)], out)
    assert (summary.files, summary.files_reused) == (1, 1)
    assert summary.articles_new == 0


def test_a_store_of_version_1_opens_gains_the_new_columns_and_rereads_once(
        tmp_path: Path) -> None:
    from storyline.store.db import Store

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "talks.txt").write_text("Border talks\n\n" + article(5), "utf-8")
    _run([str(src)], out)
    db = out / "storyline.duckdb"
    with Store(db) as store:  # made as version 1 made it: size and mtime only
        for column in ("ctime_ns", "inode", "digest", "stamped_ns", "real"):
            store.con.execute(f"ALTER TABLE files DROP COLUMN {column}")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    summary = _run([str(src)], out)
    assert summary.files_reused == 0 and summary.articles_new == 0  # read, not stored twice
    with Store(db) as store:
        columns = {str(r[0]) for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'files'"
        ).fetchall()}
        assert {"ctime_ns", "inode", "digest", "real"} <= columns
        row = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert row is not None and row[0] == "2"
    assert _run([str(src)], out).files_reused == 1
    assert len(_articles(out)) == 1


# -- 5: path follows the file that holds the text ------------------------------------

@pytest.mark.parametrize("prune", [False, True])
def test_a_renamed_file_takes_its_article_path_with_it(tmp_path: Path, prune: bool) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "x").mkdir(parents=True)
    (src / "y").mkdir()
    (src / "x" / "a.txt").write_text("Border talks\n\n" + article(6), "utf-8")
    (src / "y" / "b.txt").write_text("Port strike\n\n" + article(7), "utf-8")
    _run([str(src)], out)
    (src / "x" / "a.txt").rename(src / "x" / "a2.txt")
    warnings: list[str] = []
    _run([str(src)], out, prune=prune, warnings=warnings)
    assert _paths(out) == [str(src / "x" / "a2.txt"), str(src / "y" / "b.txt")]
    assert not [w for w in warnings if "no longer present" in w]
    _run([str(src)], out)  # and on later runs
    assert _paths(out) == [str(src / "x" / "a2.txt"), str(src / "y" / "b.txt")]


def test_a_rerun_from_another_folder_shows_its_own_command_line_paths(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "news" / "in", tmp_path / "out"
    src.mkdir(parents=True)
    (src / "a.txt").write_text("Border talks\n\n" + article(11), "utf-8")
    (src / "b.txt").write_text("Port strike\n\n" + article(12), "utf-8")
    monkeypatch.chdir(tmp_path)
    _run(["news/in"], out)
    assert _paths(out) == ["news/in/a.txt", "news/in/b.txt"]
    monkeypatch.chdir(tmp_path / "news")
    warnings: list[str] = []
    _run(["in"], out, prune=True, warnings=warnings)
    assert _paths(out) == ["in/a.txt", "in/b.txt"]
    assert not [w for w in warnings if "not given" in w or "no longer" in w]
    (src / "a.txt").rename(src / "c.txt")
    monkeypatch.chdir(tmp_path)  # back in the first folder, after a rename
    _run(["news/in"], out, prune=True)
    assert _paths(out) == ["news/in/b.txt", "news/in/c.txt"]


def test_the_same_text_in_two_files_is_one_article_under_the_first_while_it_is_there(
        tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = "Border talks\n\n" + article(13)
    (src / "a.txt").write_text(text, "utf-8")
    (src / "b.txt").write_text(text, "utf-8")
    _run([str(src)], out)
    assert _paths(out) == [str(src / "a.txt")]
    (src / "b.txt").write_text(text + "\n", "utf-8")  # b read again: a still holds the text
    _run([str(src / "b.txt")], out)
    assert _paths(out) == [str(src / "a.txt")]
    (src / "a.txt").unlink()  # b, unchanged since, is where the text is now
    warnings: list[str] = []
    _run([str(src)], out, warnings=warnings)
    assert _paths(out) == [str(src / "b.txt")]
    assert not [w for w in warnings if "no longer present" in w]
    _run([str(src)], out, prune=True)
    assert _paths(out) == [str(src / "b.txt")]


def test_an_article_whose_first_file_was_edited_away_follows_its_new_file(
        tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = "Border talks\n\n" + article(14)
    (src / "a.txt").write_text(text, "utf-8")
    _run([str(src)], out)
    # the text moved: a.txt now holds another story (not read this time), b.txt the old one
    (src / "a.txt").write_text("Port strike\n\n" + article(15), "utf-8")
    (src / "b.txt").write_text(text, "utf-8")
    _run([str(src / "b.txt")], out)
    assert str(src / "b.txt") in _paths(out)


def test_stats_taken_within_the_clock_tick_of_a_change_are_not_trusted(tmp_path: Path) -> None:
    from storyline.store.db import RACY_NS, file_stamp, unchanged_since

    story = tmp_path / "talks.txt"
    story.write_text("Border talks\n\n" + article(16), "utf-8")
    stamp = file_stamp(story)
    other_bytes = stamp._replace(digest="0" * 32)  # as if read before an edit in the same tick
    st = story.stat()
    racy = other_bytes._replace(stamped_ns=st.st_ctime_ns + RACY_NS // 2)
    settled = other_bytes._replace(stamped_ns=st.st_ctime_ns + 2 * RACY_NS)
    assert not unchanged_since(racy, story)  # the stats may hide the edit: the bytes differ
    assert unchanged_since(settled, story)  # taken well after the change: the stats hold
    assert unchanged_since(stamp._replace(stamped_ns=st.st_ctime_ns), story)  # same bytes
