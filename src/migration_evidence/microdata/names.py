"""How CONAPO's two municipal files name the same municipality: names compared after removing
accents, case, differences in blanks and garbled accents, and after putting an inverted article back in
front; what remains is classified (abbreviation, words added or dropped, spelling)."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# A garbled accent: the index file writes a backtick or caret before a letter ("Compañ`Ia", "Ting^Uindín").
_GARBLED = re.compile(r"[`^]([A-Za-z])")
_ARTICLE = re.compile(r"^(?P<rest>.+?),\s*(?P<article>El|La|Los|Las)$", re.IGNORECASE)
_ABBREVIATIONS = (
    (re.compile(r"\bdr\."), "doctor"),
    (re.compile(r"\bgral\."), "general"),
    (re.compile(r"\bdto\."), "distr."),
)

# Kinds of difference between the two names of a municipality, and whether each is cosmetic.
NAME_KINDS = {
    "identical": True,
    "accents, case or blanks": True,
    "garbled accents": True,
    "inverted article": True,
    "abbreviation": False,
    "words added or dropped": False,
    "spelling": False,
}


def comparable_name(name: str) -> str:
    """A name without accents, case, garbled accents or differences in blanks.

    >>> comparable_name("  Ting^Uindín ")
    'tinguindin'
    >>> comparable_name("San Juan Mixtepec -Dto. 08 -")
    'san juan mixtepec-dto. 08-'
    """
    text = _GARBLED.sub(lambda m: m.group(1), name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.casefold().split())
    return re.sub(r"\s*-\s*", "-", text)


def uninverted(name: str) -> str:
    """Put a trailing article back in front: "Llano, El" -> "El Llano".

    >>> uninverted("Barrio De La Soledad, El")
    'El Barrio De La Soledad'
    """
    match = _ARTICLE.match(name.strip())
    return f"{match['article']} {match['rest']}" if match else name


def _expanded(name: str) -> str:
    text = comparable_name(uninverted(name))
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return text


def name_difference(migration_name: str, margin_name: str) -> str:
    """Classify how the two files' names of one municipality differ (a key of NAME_KINDS)."""
    if migration_name.strip() == margin_name.strip():
        return "identical"
    if comparable_name(migration_name) == comparable_name(margin_name):
        return "garbled accents" if _GARBLED.search(migration_name + margin_name) else "accents, case or blanks"
    if comparable_name(uninverted(migration_name)) == comparable_name(uninverted(margin_name)):
        return "inverted article"
    a, b = _expanded(migration_name), _expanded(margin_name)
    if a == b:
        return "abbreviation"
    words_a, words_b = a.split(), b.split()
    short, long = sorted((words_a, words_b), key=len)
    if long[: len(short)] == short or long[-len(short) :] == short:
        return "words added or dropped"
    return "spelling"


def compare_names(joined: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every non-cosmetic name mismatch, and a count of all differences by kind."""
    both = joined[joined["in_migration_file"] & joined["population_2000"].notna()].copy()
    both["kind"] = [
        name_difference(a, b)
        for a, b in zip(both["name_migration_file_as_written"], both["name_marginalisation_file"], strict=True)
    ]
    both["cosmetic"] = both["kind"].map(NAME_KINDS)
    mismatches = both[~both["cosmetic"]][
        ["state_code", "state_name", "municipality_key", "name_migration_file", "name_marginalisation_file", "kind"]
    ].rename(
        columns={
            "name_migration_file": "name_in_migratory_intensity_file",
            "name_marginalisation_file": "name_in_marginalisation_file_2000",
        }
    )
    counts = both["kind"].value_counts()
    summary = pd.DataFrame(
        {
            "kind": list(NAME_KINDS),
            "cosmetic": list(NAME_KINDS.values()),
            "municipalities": [int(counts.get(kind, 0)) for kind in NAME_KINDS],
        }
    )
    return mismatches.reset_index(drop=True), summary
