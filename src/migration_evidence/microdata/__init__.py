"""CONAPO's municipal microdata: declaration, ingest, results and the municipal report."""
