"""Reports across stages: the exhibits index, the data dictionary and the checksum manifest."""
