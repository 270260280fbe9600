"""The sample articles shipped with claimdiff (the ``seeds/`` folder of the checkout).

They are installed as the data package ``claimdiff_seeds`` so that an installed or frozen
claimdiff can open a real pair without any download: first-run demos, smoke tests of a
bundle, and the README's examples all use the same files.
"""

from __future__ import annotations

from pathlib import Path

from claimdiff.base.resources import package_dir

SEEDS_PACKAGE = "claimdiff_seeds"
# 2007 Rus News Journal vs 2017 Sputnik: the pair the README and dev.sh use.
SAMPLE_PAIR = ("004_ae97e33e177aeab3.txt", "000_fbd7af67a7761638.txt")


def seeds_dir() -> Path:
    """Folder holding the sample articles and their manifest.csv."""
    return package_dir(SEEDS_PACKAGE, "seeds")


def seed_files() -> tuple[Path, ...]:
    """Every shipped sample article, in file-name order."""
    return tuple(sorted(seeds_dir().glob("*.txt")))


def sample_pair() -> tuple[Path, Path]:
    """Left and right article of the shipped sample comparison."""
    folder = seeds_dir()
    left, right = SAMPLE_PAIR
    return folder / left, folder / right
