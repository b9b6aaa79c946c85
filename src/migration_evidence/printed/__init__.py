"""Printed sources: number formats, table declarations, cleaning and corrections, processed tables."""
