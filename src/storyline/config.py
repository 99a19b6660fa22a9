"""Tunable settings: one documented TOML file of defaults (``data/config.toml``).

Every threshold the project tuned lives there, with the benchmark that chose it. A user's
TOML file of the same shape (``storyline run --config FILE`` or the ``STORYLINE_CONFIG``
environment variable) overrides any of them; what it leaves out keeps its default.

>>> setting("stories", "threshold")
0.12
"""

from __future__ import annotations

import logging
import os
import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Any

log = logging.getLogger(__name__)
ENV = "STORYLINE_CONFIG"


@lru_cache(maxsize=1)
def settings() -> dict[str, dict[str, Any]]:
    """The defaults, updated by the user's file when one is named."""
    data = tomllib.loads(files("storyline").joinpath("data/config.toml").read_text("utf-8"))
    user = os.environ.get(ENV)
    if user:
        try:
            with open(user, "rb") as fh:
                override = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            log.warning("config %s not read (%s); using the defaults", user, exc)
            override = {}
        for section, values in override.items():
            if isinstance(values, dict):
                data.setdefault(section, {}).update(values)
    return data


def setting(section: str, name: str, default: Any = None) -> Any:
    """One setting (``default`` when neither the defaults nor the user's file have it)."""
    return settings().get(section, {}).get(name, default)
