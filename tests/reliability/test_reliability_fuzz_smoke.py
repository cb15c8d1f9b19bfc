"""A short run of the importer fuzz (benchmarks/fuzz_importers.py runs 10 000 files).

Generated, spoiled workbooks and CSV files for the four importers: none may
crash, every error names its file, and a file with an error leaves the project
file byte-for-byte as it was; an accepted file saves and loads back equal.
"""

from __future__ import annotations

from benchmarks.fuzz_importers import IMPORTERS, run


def test_spoiled_files_never_crash_an_importer_nor_change_the_project_half_way():
    tallies = run(240, seed=20260329)
    assert [f for t in tallies.values() for f in t.failures] == []
    for importer in IMPORTERS:
        tally = tallies[importer]
        assert tally.examples == 60 and tally.crashes == tally.partial == 0
        assert tally.imported > 0 and tally.rejected > 0, importer  # both paths were exercised
