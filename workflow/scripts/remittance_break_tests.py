"""Snakemake adapter: the break tests of the 1980-2005 remittance series (Chow tests at NAFTA and GATT,
the scan over candidate years, sup-F, p-values over the AR(1) coefficient); notebook 1 shows them."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittance_breaks as brk
from migration_evidence.analysis import remittances as rem
from migration_evidence.outputs import write_csv
from migration_evidence.series.external import load_external_config, read_series

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_external_config(snakemake.input.declaration)
remittances = read_series(snakemake.input.remittances, config.processed["remittances_mexico_1980_2005"])
settings = snakemake.params.settings
tables = brk.break_results(
    {name: rem.remittance_series(remittances, name) for name in rem.SERIES},
    # The paper's periodisation (its lines 130-133): NAFTA in force from 1994, GATT joined in 1986.
    {"NAFTA": config.nafta_start_year, "GATT": settings["gatt_year"]},
    trim=settings["break_trim"],
    draws=settings["break_test_draws"],
    seed=settings["break_test_seed"],
    ar1_coefficients_shown=settings["ar1_coefficients_shown"],
)
for name, frame in tables.items():
    write_csv(snakemake.output[name], frame)
