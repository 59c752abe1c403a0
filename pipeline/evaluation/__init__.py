"""Measuring clean-up quality against gold text: ``python -m pipeline eval``."""
