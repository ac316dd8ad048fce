"""The incident file: one incident and its journal as a versioned JSON document.

Format ``incident-wizard/incident``, version 7 (documented in README.md, "Incident file");
version 1 files (without "attachments") and version 2 files (entries without "facts") are still
read and verified under the rules they were written with::

    {
      "format": "incident-wizard/incident",
      "format_version": 1,
      "app_version": "0.1.0",
      "exported_at": "2026-10-23T08:00:00Z",
      "incident": { ...the Incident model, see model.py... },
      "journal": [ {"seq": 1, "at": "...", "actor": "...", "action": "...", "details": {},
                    "prev_hash": "...", "hash": "..."}, ... ],
      "attachments": [ {"sha256": "...", "content_base64": "..."}, ... ]
    }

Reading validates everything (format, version, every key and type, the journal's hash chain)
before anything is imported.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from . import journal as jr
from . import record, validation
from .errors import IncidentFileError, ValidationError, os_error_reason
from .model import STATUSES, Incident
from .serialize import format_instant, from_data, to_data
from .values import Value

FORMAT = "incident-wizard/incident"
#: 1: incident and journal. 2: plus "attachments", the attached files' contents (base64).
#: 3: journal entries carry "facts" (the digest of the incident's legal facts after them, part of
#: the entry's hash); the incident has the decision's basis, the notifications' deadline, the
#: Art. 34(3)(c) statement, the bodies' references and the complementary-notification waiver.
#: 4: the systems involved, another party and its contact, the counts' precision (same rules).
#: 5: follow-up actions and the prevention proposals set aside (same rules; their facts enter
#: the digest only once not empty, so older chains stay valid).
#: 6: entries' facts digests of version 2 ("v2:" and the SHA-256: record.PRINTED_FACTS, the
#: title, the descriptions and the pharmacy's details the documents print, are covered too);
#: entries of earlier files keep their version-1 digests and verify as written.
#: 7: the incident's ``information.own_words`` (the pharmacist's own words to the persons) and
#: the facts of issue 24 (when the team first knew, why certainty came later, the knowledge of
#: the attack, the days typed without their time); an older app refuses the file as newer.
FORMAT_VERSION = 7
MAX_FILE_BYTES = 64 * 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(eq=False, repr=False)
class IncidentFile(Value):
    """An incident file read and verified: the incident, its journal and attached files."""
    incident: Incident
    journal: list[jr.JournalEntry]
    contents: dict[str, bytes] = field(default_factory=dict)  # attachments, by SHA-256


def dump(incident: Incident, entries: list[jr.JournalEntry], exported_at: datetime,
         app_version: str, contents: dict[str, bytes] | None = None) -> dict[str, Any]:
    contents = contents or {}
    data = to_data(incident)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": format_instant(exported_at),
        "incident": data,
        "journal": [e.to_data() for e in entries],
        "attachments": [{"sha256": a.sha256, "content_base64": base64.b64encode(contents[a.sha256]).decode()}
                        for a in incident.attachments],
    }


def dumps(incident: Incident, entries: list[jr.JournalEntry], exported_at: datetime,
          app_version: str, contents: dict[str, bytes] | None = None) -> str:
    """The incident file's text."""
    return json.dumps(dump(incident, entries, exported_at, app_version, contents),
                      ensure_ascii=False, indent=2) + "\n"


def load(data: Any, procedure: Any = None) -> IncidentFile:
    """Validate JSON data (and, with ``procedure``, every option id against forms/); raise
    IncidentFileError saying what is wrong."""
    try:
        loaded = _load(data)
        problems = validation.check_structure(loaded.incident)
        if procedure is not None:
            problems += validation.check_options(loaded.incident, procedure)
        if len(problems) > 1:
            raise ValidationError(ngettext("{problem} (et {count} autre(s) problème(s))",
                                           "{problem} (et {count} autre(s) problème(s))",
                                           len(problems) - 1).format(problem=problems[0], count=len(problems) - 1))
        if problems:
            raise ValidationError(problems[0])
        return loaded
    except ValidationError as error:
        raise IncidentFileError(_("Fichier d'incident invalide : {error}").format(error=error)) from None


def _load(data: Any) -> IncidentFile:
    if not isinstance(data, dict):
        raise ValidationError(_("le contenu n'est pas un objet JSON."))
    if data.get("format") != FORMAT:
        raise ValidationError(_("ce n'est pas un fichier d'incident (« format » doit valoir « {format} »).").format(
            format=FORMAT))
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError(_("« format_version » doit être un nombre entier."))
    if version > FORMAT_VERSION:
        raise ValidationError(
            _("le fichier est au format version {version}, plus récent que celui que cette "
              "version de l'application sait lire ({known}). Mettez l'application à jour.").format(
                version=version, known=FORMAT_VERSION))
    if version < 1:
        raise ValidationError(_("version de format inconnue : {version}.").format(version=version))
    for key in ("incident", "journal"):
        if key not in data:
            raise ValidationError(_("la clé « {key} » est absente.").format(key=key))
    unknown = sorted(set(data) - {"format", "format_version", "app_version", "exported_at",
                                  "incident", "journal", "attachments"})
    if unknown:
        raise ValidationError(_("clé inconnue « {key} ».").format(key=unknown[0]))
    incident = from_data(Incident, data["incident"], "incident")
    if not incident.reference.strip() or not jr.chain_reference(incident.reference).strip():
        raise ValidationError(_("incident.reference : la référence est vide."))
    if incident.status not in STATUSES:
        raise ValidationError(_("incident.status : statut inconnu « {status} ».").format(status=incident.status))
    if not isinstance(data["journal"], list):
        raise ValidationError(_("journal : une liste est attendue."))
    if len(data["journal"]) > validation.MAX_JOURNAL:
        raise ValidationError(_("journal : plus de {most} entrées.").format(most=validation.MAX_JOURNAL))
    entries = [jr.JournalEntry.from_data(e, f"journal[{i}]") for i, e in enumerate(data["journal"])]
    for index, entry in enumerate(entries):
        if not validation.EARLIEST <= entry.at < validation.LATEST:
            raise ValidationError(_("journal[{index}].at : date hors des limites plausibles.").format(index=index))
        # json.dumps without ensure_ascii keeps a lone surrogate as it is (canonical() would
        # have replaced it, hiding it until the entry is stored).
        if any(_SURROGATE.search(text) for text in (entry.actor, entry.action)) or \
                _SURROGATE.search(json.dumps(entry.details, ensure_ascii=False)):
            raise ValidationError(_("journal[{index}] : caractère invalide (demi-paire UTF-16).").format(index=index))
    # Entries that carry facts must match the incident in the file (an edited incident is refused);
    # files of versions 1 and 2 have none and verify under the rules they were written with.
    if version >= 3 and not (entries and entries[-1].facts):
        raise ValidationError(_("journal : dans un fichier de version 3, la dernière entrée doit "
                                "couvrir les faits de l'incident."))
    check = jr.verify(incident.reference, entries,
                      stored_facts=record.digests_of(to_data(incident)))
    if not check.ok:
        raise ValidationError(_("journal altéré : {message}").format(message=check.message))
    return IncidentFile(incident, entries, _contents(data.get("attachments", []), incident))


def _contents(raw: Any, incident: Incident) -> dict[str, bytes]:
    """The attachments' contents, each checked against the SHA-256 the incident records."""
    if not isinstance(raw, list):
        raise ValidationError(_("attachments : une liste est attendue."))
    contents = {}
    for index, item in enumerate(raw):
        where = f"attachments[{index}]"
        if not isinstance(item, dict) or set(item) != {"sha256", "content_base64"}:
            raise ValidationError(_("{where} : objet avec « sha256 » et « content_base64 » attendu.").format(
                where=where))
        if not isinstance(item["content_base64"], str) or \
                len(item["content_base64"]) > validation.MAX_ATTACHMENT_BYTES * 4 // 3 + 4:
            raise ValidationError(_("{where} : pièce jointe de plus de {size} Mo, refusée.").format(
                where=where, size=validation.MAX_ATTACHMENT_BYTES // (1024 * 1024)))
        try:
            content = base64.b64decode(item["content_base64"], validate=True)
        except (ValueError, TypeError):
            raise ValidationError(_("{where} : contenu base64 invalide.").format(where=where)) from None
        if item["sha256"] in contents:
            raise ValidationError(_("{where} : la même pièce jointe figure deux fois.").format(where=where))
        if hashlib.sha256(content).hexdigest() != item["sha256"]:
            raise ValidationError(_("{where} : le contenu ne correspond pas à son empreinte SHA-256.").format(
                where=where))
        contents[item["sha256"]] = content
    for attachment in incident.attachments:
        if attachment.sha256 not in contents:
            raise ValidationError(_("pièce jointe « {name} » : contenu absent du fichier.").format(
                name=attachment.name))
    return contents


def read(path: Path, procedure: Any = None) -> IncidentFile:
    """Read and validate an incident file (bounded in size, nesting and number length)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IncidentFileError(_("Le fichier {name} est trop volumineux ({size} octets).").format(
                name=path.name, size=size))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IncidentFileError(_("Le fichier {path} n'existe pas.").format(path=path)) from None
    except UnicodeDecodeError:
        raise IncidentFileError(_("Le fichier {name} n'est pas un texte UTF-8.").format(name=path.name)) from None
    except OSError as error:
        raise IncidentFileError(_("Impossible de lire {path} : {reason}.").format(
            path=path, reason=os_error_reason(error))) from None
    return parse(text, path.name, procedure)


def parse(text: str, name: str, procedure: Any = None) -> IncidentFile:
    """Validate the text of an incident file (``name`` is used in messages)."""
    if len(text) > MAX_FILE_BYTES:
        raise IncidentFileError(_("Le fichier {name} est trop volumineux.").format(name=name))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IncidentFileError(
            _("Le fichier {name} n'est pas du JSON valide (ligne {line}, colonne {column}).").format(
                name=name, line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise IncidentFileError(_too_deep(name)) from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise IncidentFileError(_("Le fichier {name} contient un nombre démesuré : ce n'est pas "
                                  "un fichier d'incident.").format(name=name)) from None
    try:
        return load(data, procedure)
    except RecursionError:
        raise IncidentFileError(_too_deep(name)) from None


def _too_deep(name: str) -> str:
    return _("Le fichier {name} est imbriqué trop profondément : ce n'est pas un fichier "
             "d'incident.").format(name=name)
