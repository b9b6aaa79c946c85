"""One integrity gate that every build passes, whole or targeted, before any job runs.

- :mod:`.raw`: every file under ``data/raw/`` has its md5 in ``data/raw/datapackage.json``; a missing,
  unrecorded or changed file stops the run naming it. Raw data changed on purpose are recorded with
  one command (``make raw-md5 REASON="..."``), which keeps the reason beside the new md5.
- :mod:`.records`: every output is hashed by the job that writes it (a record per file, written by the
  atomic writers of :mod:`migration_evidence.outputs`); an output whose bytes are neither its job's
  record nor its committed version was edited by hand and stops the run, naming it and the command
  that rebuilds it. The checksum manifest is assembled from those records.
- :mod:`.declared`: the md5 of each excerpt and external series as the data package declares it, and
  each excerpt against the lines of its document, checked whenever a job reads them.
- :mod:`.workdir`: the run starts from the project's root, where every configured path is relative to.

Kept free of pandas: the workflow runs these checks when it is parsed.
"""
