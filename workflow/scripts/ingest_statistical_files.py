"""Snakemake adapter: check and read the public statistical files, write their processed tables."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv
from migration_evidence.statistical_files import tables as sf

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = sf.load_config(snakemake.input.declaration)
paths = {file_id: snakemake.input[file_id] for file_id in config.files}
try:
    frames = sf.read_checked(paths, config, snakemake.input.datapackage)
    monthly = sf.monthly_remittances(frames["remittances_monthly"], paths["remittances_monthly"])
    states = sf.state_remittances(frames["remittances_by_state_quarterly"], paths["remittances_by_state_quarterly"])
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
tables = {
    "remittances_monthly": monthly,
    "remittances_annual": sf.annual_remittances(monthly),
    "remittances_by_state": states,
    "prices_monthly": sf.monthly_prices(frames["usdmxn_fix_monthly"], frames["inpc_monthly"]),
    "gdp_per_head": sf.gdp_per_head(frames["gdp_current_usd"], frames["population"]),
}
for name, frame in tables.items():
    write_csv(snakemake.output[name], frame)
