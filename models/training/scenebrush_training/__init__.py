"""Training, data and evaluation pipeline for SceneBrush model packs."""

__version__ = "0.1.0"
