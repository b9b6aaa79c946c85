"""Snakemake adapter: municipalities losing population 2000-2005, against the paper's 832 of 2,435."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

import pandas as pd

from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import read_joined
from migration_evidence.microdata.results import (
    depopulation_by_degree,
    depopulation_vs_paper,
    loss_sensitivity,
    read_paper_claim,
)
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_microdata_spec(snakemake.input.spec)
joined = read_joined(snakemake.input.joined)
try:
    claim = read_paper_claim(snakemake.input.claim, spec.paper_claim)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
geography = pd.read_csv(snakemake.input.geography)
write_csv(snakemake.output.by_degree, depopulation_by_degree(joined))
write_csv(snakemake.output.sensitivity, loss_sensitivity(joined))
write_csv(snakemake.output.vs_paper, depopulation_vs_paper(joined, geography, claim))
