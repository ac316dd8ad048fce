"""docs/samples/ shows what the app writes today (issue 12): regenerated, the texts for the
persons are identical, the register has the same columns and the letter the same sentences.
(Hashes, the person's account and the PDFs' bytes differ from one run or machine to another.)
Regenerate with: .venv/bin/python docs/make_samples.py"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from docx import Document

SAMPLES = Path(__file__).resolve().parents[1] / "docs" / "samples"


def _make_samples():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES.parent / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_samples_are_current(tmp_path):
    _make_samples().write_samples(tmp_path, pdf=False)
    stale = "docs/samples is out of date: run .venv/bin/python docs/make_samples.py"
    for name in ("VDP-2026-001-courriel-personnes.txt", "VDP-2026-001-sms-personnes.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == \
            (SAMPLES / name).read_text(encoding="utf-8"), f"{name}: {stale}"

    def header(folder):
        with open(folder / "registre-violations-complet.csv", encoding="utf-8-sig", newline="") as f:
            return next(csv.reader(f, delimiter=";"))

    assert header(tmp_path) == header(SAMPLES), stale

    def letter(folder):
        paragraphs = Document(str(folder / "VDP-2026-001-courrier-personnes.docx")).paragraphs
        return [p.text for p in paragraphs][:-1]  # the last one carries the journal's hash

    assert letter(tmp_path) == letter(SAMPLES), stale
