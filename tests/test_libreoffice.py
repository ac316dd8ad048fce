"""The Word documents open in LibreOffice as they should (issue 12): each one converts to PDF,
on A4 pages, with its text. LibreOffice is what many pharmacies use instead of Word.

Skipped when LibreOffice is absent, except in CI (.ci/run installs it and sets
INCIDENT_WIZARD_REQUIRE_LIBREOFFICE=1, so that a missing LibreOffice fails instead)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from incident_wizard.application.exports import write_incident_documents, write_register
from incident_wizard.application.review import write_review
from incident_wizard.application.sample import build_sample
from incident_wizard.documents.content import register_groups
from incident_wizard.domain.procedure import load_procedure

PROCEDURE = load_procedure()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
REQUIRED = bool(os.environ.get("INCIDENT_WIZARD_REQUIRE_LIBREOFFICE"))

pytestmark = pytest.mark.skipif(not (SOFFICE and PDFINFO) and not REQUIRED,
                                reason="LibreOffice or poppler-utils not installed")


def test_every_word_document_converts_to_a4_pdf_in_libreoffice(storage, tmp_path):
    assert SOFFICE and PDFINFO, "CI must install libreoffice-writer-nogui and poppler-utils"
    ref = build_sample(storage, PROCEDURE)
    files = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "docs", pdf=False).files
    files += write_register(storage, PROCEDURE, tmp_path / "docs", pdf=False).files
    files += write_review(storage, PROCEDURE, tmp_path / "docs", pdf=False).files
    documents = [p for p in files if p.suffix == ".docx"]
    assert len(documents) == 6
    out = tmp_path / "lo"
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, documents)],
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    for document in documents:
        pdf = out / (document.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, document.name
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, timeout=30).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        width, height = sorted(float(x) for x in size.groups())
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (document.name, info)  # A4
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert 1 <= pages <= 12, (document.name, pages)
    def text_of(document) -> str:
        return subprocess.run([shutil.which("pdftotext") or "pdftotext", "-layout",
                               str(out / (document.stem + ".pdf")), "-"],
                              capture_output=True, text=True, timeout=30).stdout

    assert "Pharmacie Exemple des Tilleuls" in text_of(documents[0])
    # The yearly review is one page to sign, in LibreOffice too.
    review = next(d for d in documents if d.name.startswith("revue-annuelle"))
    info = subprocess.run([PDFINFO, str(out / (review.stem + ".pdf"))], capture_output=True,
                          text=True, timeout=30).stdout
    assert re.search(r"Pages:\s+1\b", info), info
    assert "Signature" in text_of(review)
    # The register keeps all its columns in LibreOffice (none pushed off the page).
    register = next(d for d in documents if d.name.startswith("registre"))
    flat = " ".join(text_of(register).split())
    for heading, columns in register_groups():
        assert heading.split()[0] in flat, heading
        for _key, label in columns[:1]:
            assert " ".join(label.split()[:1]) in flat, label
