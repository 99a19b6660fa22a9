"""A setting config.toml documents but leaves commented out ([events] min_confidence) is
accepted in a user's file, with its range checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import ConfigError, check_config


def test_the_documented_confidence_floor_is_a_known_setting(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[events]\nmin_confidence = 0.2\n", encoding="utf-8")
    assert check_config(cfg) == []


@pytest.mark.parametrize("value", ["2", "-0.1", '"high"'])
def test_a_confidence_floor_out_of_range_is_refused(tmp_path: Path, value: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(f"[events]\nmin_confidence = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="min_confidence"):
        check_config(cfg)


def test_a_config_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_bytes(b"\xef\xbb\xbf[stories]\nthreshold = 0.2\n")
    assert check_config(cfg) == []
