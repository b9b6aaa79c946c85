"""Computations behind the regression notebooks, importable and tested without a kernel.

One module per notebook topic (``remittances``, ``municipal``, ``asymmetries``, ``hta_funding``,
``generations``), plus the small-sample methods they share (``small_samples``) and the comparison of
the documents' stated numbers with computed ones (``text_claims``).
"""
