"""Text helpers shared by every document: what any format accepts, file names, short labels,
the measures planned."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

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



#: French consonant pairs never split across a hyphenation point ("ch", "gn", a consonant and
#: "l" or "r"...), and the vowels: a light version of the usual French syllable rules.
_VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
_KEEP_TOGETHER = {"ch", "ph", "gn", "th", "rh", "bl", "br", "cl", "cr", "dr", "fl", "fr", "gl",
                  "gr", "pl", "pr", "tr", "vr"}
_WORD = re.compile(r"[^\W\d_]{11,}")


def _hyphenate_word(word: str) -> str:
    """Soft hyphens at syllable breaks (between two consonants, or before a consonant that
    follows a vowel and precedes one), at least 4 letters from each end."""
    low = word.lower()
    cuts = []
    for i in range(4, len(word) - 3):
        a, b = low[i - 1], low[i]
        if a in _VOWELS or b in _VOWELS:
            if a in _VOWELS and b not in _VOWELS and i + 1 < len(low) and low[i + 1] in _VOWELS:
                cuts.append(i)  # vo-ca-ble: before a lone consonant
            continue
        if a + b in _KEEP_TOGETHER or b == "'" or a == "'":
            continue
        c = low[i + 1] if i + 1 < len(low) else ""
        if c and c not in _VOWELS and b + c not in _KEEP_TOGETHER:
            continue  # three consonants: trans-fron, ins-truc (the cut comes after the next)
        cuts.append(i)  # con-nais-sance, com-plé-ment: between two consonants
    cuts = [c for n, c in enumerate(cuts) if n == 0 or c - cuts[n - 1] >= 2]
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(word[last:cut])
        last = cut
    pieces.append(word[last:])
    return "\u00ad".join(pieces)


def soft_hyphens(text: object) -> str:
    """``text`` with soft hyphens (U+00AD) in its words of 11 letters or more, so that a narrow
    column breaks « connais-sance », never « connaissanc/e » (LibreOffice, Word and Qt all show
    a hyphen at such a break only)."""
    return _WORD.sub(lambda m: _hyphenate_word(m.group(0)), str(text))


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


def batched(html: str | Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """A rendered template, given whole or as its many small pieces, in pieces of about ``size``
    characters (what the Word and PDF writers parse, part by part)."""
    if isinstance(html, str):
        yield html
        return
    parts: list[str] = []
    total = 0
    for chunk in html:
        parts.append(chunk)
        total += len(chunk)
        if total >= size:
            yield "".join(parts)
            parts, total = [], 0
    if parts:
        yield "".join(parts)
