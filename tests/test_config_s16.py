"""A settings file saved as UTF-16 or UTF-32 (with its byte-order mark) is read; one in
another encoding is refused with a message saying so (session 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import ConfigError, check_config

TEXT = "[stories]\nthreshold = 0.2\ncolour = 1\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-8"])
def test_a_config_with_a_byte_order_mark_is_read(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(TEXT.encode(encoding))
    assert check_config(path) == ["stories.colour"]


def test_a_config_in_a_legacy_code_page_says_it_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes('[stories]\n# caf\xe9\nthreshold = 0.2\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as err:
        check_config(path)
    msg = str(err.value)
    assert "not UTF-8" in msg and "0xe9" in msg and "codec" not in msg
