"""Reproduce, check and extend the quantitative evidence of papers on Mexico-US migration."""
