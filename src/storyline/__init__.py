"""storyline: news coverage of an evolving story in, sourced structured knowledge out.

The public API (see :mod:`storyline.api`)::

    import storyline
    storyline.code("Rebels shelled the town on Monday.", date="2024-05-06")  # -> [Event]
    summary = storyline.run(["articles/"], "out")
    storyline.read_events("out")

Importing the package is cheap: spaCy and the models load on first use.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

logging.getLogger("storyline").addHandler(logging.NullHandler())

__all__ = ["Coded", "Record", "code", "code_records", "read_articles", "read_events", "run"]

if TYPE_CHECKING:  # pragma: no cover
    from storyline.api import Coded, Record, code, code_records, read_articles, read_events, run


def __getattr__(name: str) -> Any:
    if name in __all__:
        from storyline import api

        return getattr(api, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
