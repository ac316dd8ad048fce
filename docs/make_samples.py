"""Write the sample documents of the built-in sample incident to docs/samples/ (and PNG previews
of their first pages when pdftoppm is installed). Run: .venv/bin/python docs/make_samples.py"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from incident_wizard.application.exports import write_incident_documents, write_register  # noqa: E402
from incident_wizard.application.review import write_review  # noqa: E402
from incident_wizard.application.sample import build_sample  # noqa: E402
from incident_wizard.documents.templates import Renderer  # noqa: E402
from incident_wizard.domain.clock import paris_to_utc  # noqa: E402
from incident_wizard.domain.procedure import load_procedure  # noqa: E402
from incident_wizard.storage import Storage  # noqa: E402

OUT = Path(__file__).parent / "samples"


def write_samples(out: Path, pdf: bool = True) -> list[Path]:
    """The sample incident's documents and register in ``out`` (tests/test_samples.py checks
    that docs/samples/ is what this writes today)."""
    procedure = load_procedure()
    now = paris_to_utc(datetime(2026, 10, 28, 9, 0))
    with tempfile.TemporaryDirectory() as folder, Storage.open(Path(folder)) as storage:
        reference = build_sample(storage, procedure)
        renderer = Renderer(user_dir=Path(folder) / "no-user-templates")
        files = write_incident_documents(storage, procedure, reference, out, now=now,
                                         renderer=renderer, pdf=pdf).files
        files += write_register(storage, procedure, out, now=now, renderer=renderer, pdf=pdf).files
        files += write_review(storage, procedure, out, now=now, renderer=renderer, pdf=pdf).files
    return files


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    write_samples(OUT)
    if shutil.which("pdftoppm"):
        for pdf in sorted(OUT.glob("*.pdf")):
            subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf),
                            str(OUT / f"apercu-{pdf.stem}")], check=True)
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(OUT.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
