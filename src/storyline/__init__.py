"""storyline: news coverage of an evolving story in, sourced structured knowledge out."""

__version__ = "0.1.0"
