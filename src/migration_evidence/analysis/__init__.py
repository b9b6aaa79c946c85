"""Computations behind the regression notebooks, importable and tested without a kernel.

One module per notebook topic (``remittances``, ``municipal``, ``asymmetries``, ``hta_funding``,
``generations``), plus the small-sample methods they share (``small_samples``) and the source audit's verdicts
on the documents' stated numbers as a notebook shows them (``text_claims``).
"""
