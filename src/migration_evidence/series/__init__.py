"""External series: the public figures transcribed in data/raw/external/, their declaration and derived tables."""
