"""Refreshing the public statistical files: dated releases beside the committed copies.

Modelled on Our World in Data's ``etl`` snapshots: every refresh downloads each declared source
(``config/refresh_sources.yaml``) into a new dated directory ``data/raw/releases/<date>/`` that is never
overwritten, keeps each download in its original format beside the file converted to the committed
file's exact columns, and records every file's md5, size, URL and retrieval time in the release's own
``datapackage.json`` (entries in the same form as ``data/raw/datapackage.json``). The pipeline is then
run on the release in a separate tree, the two builds are compared (``refresh report``), and only a
deliberate ``adopt`` copies a release into ``data/raw/statistical_files/``.

Modules: :mod:`.sources` (the declarations), :mod:`.convert` (publisher formats to committed columns),
:mod:`.fetch` (downloads, lock, resume), :mod:`.release` (the release record and its checks),
:mod:`.compare` (what moved), :mod:`.report` (the Markdown report), :mod:`.tree` (building on a
release and adopting it), :mod:`.cli` (``python -m migration_evidence.refresh``).
"""
