# The fingerprint of the package code (common.smk, PACKAGE_CODE): one input every rule that runs
# package code depends on, rewritten when any module or report template changes. It is committed with
# the outputs, so a reviewer sees which code built them.


rule package_code:
    input:
        files=PACKAGE_SOURCES,
    output:
        PACKAGE_CODE,
    log:
        "logs/package_code.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/output_checksums.py"


FINAL_OUTPUTS.append(PACKAGE_CODE)
