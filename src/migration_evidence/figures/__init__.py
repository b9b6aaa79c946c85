"""Figures: the figure registry, shared style and drawing functions by topic."""
