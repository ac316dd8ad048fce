"""Text helpers shared by every document: what any format accepts, file names, short labels,
the measures planned."""

from __future__ import annotations

import re
import unicodedata

from ..domain import followup
from ..domain.model import (
    ACTION_PREVENTIVE,
    Incident,
)

MISSING = "Non renseigné"
# Characters XML 1.0 forbids (Word would refuse the file): C0 controls but tab/newline/return,
# lone surrogates, U+FFFE/U+FFFF. Also the bidirectional controls (U+202A-U+202E, U+2066-U+2069,
# U+200E, U+200F, U+061C): typed or pasted, they reorder what a reader sees ("Trojan Source",
# CVE-2021-42574), e.g. a reference or an amount shown backwards in a document.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
                      "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(text: object) -> str:
    """Text that any document format accepts: forbidden characters become U+FFFD."""
    return _XML_BAD.sub("\ufffd", unicodedata.normalize("NFC", str(text)))



def _short(labels: list[str]) -> list[str]:
    """'Données de santé (ordonnances, ...)' -> 'Données de santé', for compact tables."""
    return [label.split(" (")[0] for label in labels]


def prevention_text(incident: Incident) -> str:
    """The measures planned to prevent a recurrence, for the CNIL draft: the typed text and the
    preventive actions retained, with their owner and due day."""
    planned = [a for a in incident.actions if a.kind == ACTION_PREVENTIVE]
    lines = [incident.measures.prevention.strip()] if incident.measures.prevention.strip() else []
    lines += [a.title
              + (f" (échéance : {followup.show_day(a.due)})" if a.due and not a.done_on else "")
              + (f" (faite le {followup.show_day(a.done_on)})" if a.done_on else "")
              for a in planned]
    return "\n".join(lines)


def file_base(reference: str) -> str:
    """The file-name prefix of an incident's documents (documents/export.py uses it too)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in reference)[:80]
