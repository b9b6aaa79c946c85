# The fingerprint of the package code (common.smk, PACKAGE_CODE): one input every rule that runs
# package code depends on, rewritten when any module or report template changes.


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
