# The integrity gate, passed by every run whatever its target (a whole build, one figure, a dry run),
# before any job starts (migration_evidence.integrity):
# - the run starts in the project's root, every configured path being relative to it;
# - every file under data/raw/ is the one data/raw/datapackage.json records (md5): a missing, changed
#   or unrecorded file stops the run naming it (record a deliberate change with `make raw-md5`);
# - every output is the bytes its job wrote (the SHA-256 each job records when it writes a file) or
#   its committed version: a file edited by hand, a checksum manifest included, stops the run naming
#   it and the command that rebuilds it;
# - the output directories can be written and have room.
# Consumers of processed tables also wait for their verification (VERIFIED, verify_processed_tables).

from snakemake.exceptions import WorkflowError

from migration_evidence.integrity.raw import RawIntegrityError, check_raw
from migration_evidence.integrity.records import (
    RECORDS_DIR,
    RECORDS_ENV,
    committed_blobs,
    output_problems,
)
from migration_evidence.integrity.space import output_dir_problems
from migration_evidence.integrity.workdir import root_problem

OUTPUT_DIRS = ["data/processed", "figures", "reports", "results", "logs"]

_problem = root_problem(os.getcwd(), workflow.basedir)
if _problem:
    raise WorkflowError(_problem)

try:
    check_raw()
except RawIntegrityError as error:
    raise WorkflowError(
        f"Raw data are not what data/raw/datapackage.json records:\n{error}"
    ) from None

_problems = output_dir_problems(OUTPUT_DIRS)
if _problems:
    raise WorkflowError("\n".join(_problems))

_problems = output_problems(
    sorted(str(p) for p in Path("reports").glob("*.sha256")),
    RECORDS_DIR,
    committed_blobs(["data/processed", "figures", "reports", "results"]),
)
if _problems:
    raise WorkflowError(
        "Outputs that no job of the build wrote (edited by hand?):\n"
        + "\n".join(_problems)
    )

# Every job records the SHA-256 of each file it writes (migration_evidence.outputs) here.
os.environ[RECORDS_ENV] = os.path.abspath(RECORDS_DIR)
