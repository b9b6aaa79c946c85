"""Regression notebooks: registry, the session a notebook opens, execution and page rendering."""
