"""Curated tables used by recognition (see README.md)."""
