"""The public statistical files (Banco de México, INEGI, the World Bank and CONAPO), committed bytes
unchanged under ``data/raw/statistical_files/``: their declarations in the data package
(:mod:`.datapackage`), the columns of each file and the tables made from them (:mod:`.specs`,
:mod:`.tables`), and the findings about the sources (:mod:`.findings`). CONAPO's municipal files are
read by :mod:`migration_evidence.microdata`."""
