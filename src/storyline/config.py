"""Tunable settings: one documented TOML file of defaults (``data/config.toml``).

Every threshold the project tuned lives there, with the benchmark that chose it. A user's
TOML file of the same shape (``storyline run --config FILE`` or the ``STORYLINE_CONFIG``
environment variable) overrides any of them; what it leaves out keeps its default.

>>> setting("stories", "threshold")
0.12
"""

from __future__ import annotations

import codecs
import logging
import math
import os
import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Any

log = logging.getLogger(__name__)
ENV = "STORYLINE_CONFIG"


class _Settings:
    """:func:`settings`, cached for the file that ``STORYLINE_CONFIG`` names when it is
    asked: a ``--config`` that sets the variable after an earlier look-up is what the
    run then uses, not the file (or the defaults) read first."""

    def __call__(self) -> dict[str, dict[str, Any]]:
        return _settings(os.environ.get(ENV) or "")

    @staticmethod
    def cache_clear() -> None:
        _settings.cache_clear()


settings = _Settings()


@lru_cache(maxsize=4)
def _settings(user: str) -> dict[str, dict[str, Any]]:
    """The defaults, updated by the user's file when one is named."""
    data = _defaults()
    if user:
        try:
            override = _read_toml(user)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
            log.warning("config %s not read (%s); using the defaults", user, exc)
            override = {}
        for section, values in override.items():
            if isinstance(values, dict):
                data.setdefault(section, {}).update(values)
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A user's TOML file; a UTF-8 byte-order mark (as some editors write) is no error, and
    a file saved as UTF-16 or UTF-32 with its byte-order mark (Windows Notepad's
    "Unicode") is read in that encoding."""
    with open(path, "rb") as fh:
        raw = fh.read()
    for bom, encoding in _BOMS:  # (UTF-32 LE starts with the UTF-16 LE mark: test it first)
        if raw.startswith(bom):
            return tomllib.loads(raw.decode(encoding))
    return tomllib.loads(raw.decode("utf-8-sig"))


class ConfigError(ValueError):
    """A user's settings file that cannot be used (missing, unreadable, not TOML, a wrong
    type); the message is one line naming the file."""


def _defaults() -> dict[str, Any]:
    return tomllib.loads(files("storyline").joinpath("data/config.toml").read_text("utf-8"))


def check_config(path: str | os.PathLike[str]) -> list[str]:
    r"""Check a user's settings file before a run; return its unknown keys (``section.key``).

    Raise :class:`ConfigError` when it is missing, unreadable or not TOML, or when a known
    setting has a value of another type than its default (a number for a number, ...).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "c.toml"
    >>> _ = f.write_text("[stories]\nthreshold = 0.2\ncolour = 1\n")
    >>> check_config(f)
    ['stories.colour']
    """
    try:
        user = _read_toml(path)
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"the config file {path} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
            f"at position {exc.start}): save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the config file {path} is not valid TOML: {exc}") from None
    except RecursionError:  # Python's TOML reader recurses once an array or table deep
        raise ConfigError(_too_deep(path)) from None
    unknown: list[str] = []
    try:
        _check_table(str(path), _defaults(), user, "", unknown)
    except RecursionError:
        raise ConfigError(_too_deep(path)) from None
    return unknown


def _too_deep(path: str | os.PathLike[str]) -> str:
    return (f"the config file {path} cannot be read: its arrays or tables are nested too "
            "deeply (a setting's value is a number, a string or a flat list)")


def check_env_config() -> list[str]:
    """:func:`check_config` of the file ``STORYLINE_CONFIG`` names (``[]`` when it names
    none): a bad one is refused at the start of a run, as a bad ``--config`` is, rather
    than crashing the stage that first reads the wrong value."""
    user = os.environ.get(ENV)
    if not user:
        return []
    try:
        return check_config(user)
    except ConfigError as exc:
        raise ConfigError(f"{exc} (named by the {ENV} environment variable)") from None


def _check_table(path: str, default: dict[str, Any], user: dict[str, Any], prefix: str,
                 unknown: list[str]) -> None:
    for key, value in user.items():
        name = prefix + key
        if key not in default and _optional_limit(name) is None:
            unknown.append(name)
            continue
        want = default[key] if key in default else _optional_limit(name)
        shown = f"default {want!r}" if key in default else "optional, no default"
        if isinstance(want, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"the config file {path}: [{name}] must be a table")
            _check_table(path, want, value, name + ".", unknown)
        elif not _same_kind(want, value):
            raise ConfigError(f"the config file {path}: {name} = {value!r} must be "
                              f"{_kind(want)} ({shown})")
        elif isinstance(want, int | float) and not isinstance(want, bool):
            problem = _out_of_range(name, want, value)
            if problem:
                raise ConfigError(f"the config file {path}: {name} = {value!r} {problem} "
                                  f"({shown})")


def _optional_limit(name: str) -> float | None:
    """The lowest value of a setting with a range but no default (``[events]
    min_confidence``: commented out in config.toml), standing in for its default."""
    table: Any = _limits()
    for part in name.split("."):
        table = table.get(part) if isinstance(table, dict) else None
    if isinstance(table, list) and len(table) == 2:
        return float(table[0])
    return None


def _limits() -> dict[str, Any]:
    return tomllib.loads(files("storyline").joinpath("data/config_limits.toml")
                         .read_text("utf-8"))


def _out_of_range(name: str, want: int | float, value: int | float) -> str | None:
    """Why a number cannot be the setting ``name`` (data/config_limits.toml), or None."""
    if isinstance(want, int) and not float(value).is_integer():
        return "must be a whole number"
    table: Any = _limits()
    for part in name.split("."):
        table = table.get(part) if isinstance(table, dict) else None
    if isinstance(table, list) and len(table) == 2:
        lo, hi = table
        if lo == 0 and value < 0:
            return f"must not be negative (from {lo} to {hi})"
        if not lo <= value <= hi:
            return f"must be from {lo} to {hi}"
    elif want >= 0 > value:
        return "must not be negative"
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a " + type(value).__name__


def _same_kind(want: Any, value: Any) -> bool:
    if isinstance(want, bool) or isinstance(value, bool):
        return isinstance(want, bool) and isinstance(value, bool)
    if isinstance(want, int | float):
        return isinstance(value, int | float) and math.isfinite(value)
    return isinstance(value, type(want))


def setting(section: str, name: str, default: Any = None) -> Any:
    """One setting (``default`` when neither the defaults nor the user's file have it)."""
    return settings().get(section, {}).get(name, default)
