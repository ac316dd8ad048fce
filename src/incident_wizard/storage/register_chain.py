"""The register's chain of events (schema 8, domain.register_chain): appended in the
transaction of what it records, verified against the incidents and their journals."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..domain import register_chain as rc
from ..domain.clock import now_utc
from ..domain.serialize import clean_str, format_instant, parse_instant
from ..i18n import _, ngettext
from .database import Database
from .rows import default_actor

_COLUMNS = "seq, at, actor, action, reference, count, head, details, prev_hash, hash"


def _event(row: tuple[Any, ...]) -> rc.RegisterEvent:
    return rc.RegisterEvent(row[0], parse_instant(row[1]), row[2], row[3], row[4], row[5], row[6],
                            json.loads(row[7]), row[8], row[9])


class RegisterChain:
    """The append-only ``register_chain`` table."""

    def __init__(self, database: Database):
        self._db = database

    def head(self) -> tuple[str, int]:
        """(hash of the last event, number of events): printed on documents."""
        row = self._db.execute("SELECT hash, seq FROM register_chain ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (rc.GENESIS, 0)

    def append(self, action: str, reference: str = "", details: dict[str, Any] | None = None,
               at: datetime | None = None, actor: str | None = None) -> rc.RegisterEvent:
        """Record an event, inside the caller's transaction; the incident's journal head and
        count are read as they now stand."""
        count, head = 0, ""
        if reference:
            row = self._db.execute("SELECT journal_count, journal_head FROM incidents WHERE reference = ?",
                                   (reference,)).fetchone()
            if row is not None:
                count, head = row
        last = self._db.execute("SELECT seq, hash FROM register_chain ORDER BY seq DESC LIMIT 1").fetchone()
        event = rc.make_event(tuple(last) if last else None, at or now_utc(),
                              clean_str(actor or default_actor())[:200], action, reference, count,
                              head, details)
        self._db.execute(
            f"INSERT INTO register_chain({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (event.seq, format_instant(event.at), event.actor, event.action, event.reference,
             event.count, event.head, json.dumps(event.details, ensure_ascii=False),
             event.prev_hash, event.hash))
        return event

    def record(self, action: str, reference: str = "", details: dict[str, Any] | None = None,
               at: datetime | None = None, actor: str | None = None) -> rc.RegisterEvent:
        """:meth:`append` in its own transaction."""
        with self._db.transaction():
            return self.append(action, reference, details, at, actor)

    def events(self) -> Iterator[rc.RegisterEvent]:
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM register_chain ORDER BY seq"):
            yield _event(row)

    def contains(self, head: str) -> rc.RegisterEvent | None:
        """The event whose hash starts with ``head`` (16 hexadecimal characters at least)."""
        head = head.strip().lower()
        if len(head) < 16:
            return None
        row = self._db.execute(f"SELECT {_COLUMNS} FROM register_chain WHERE hash >= ? AND hash < ?"
                               " ORDER BY hash LIMIT 1", (head, head + "g")).fetchone()
        return _event(row) if row else None

    def verify(self) -> rc.RegisterCheck:
        """The whole chain re-hashed, then checked against the database: every incident entered
        the register (created, imported or registered at the update to schema 8) and none left
        it without an event; every incident's journal still holds the head each event recorded
        (a journal cut back, or rewritten, since then is found)."""
        previous: tuple[int, str] | None = None
        try:
            for event in self.events():
                problem = rc.chain_problem(event, previous)
                if problem:
                    return rc.RegisterCheck(False, event.seq - 1, previous[1] if previous else rc.GENESIS,
                                            problem)
                previous = (event.seq, event.hash)
            head, count = (previous[1], previous[0]) if previous else (rc.GENESIS, 0)
            problem = self._database_problem()
        except (sqlite3.DatabaseError, ValueError, TypeError) as error:
            del error
            return rc.RegisterCheck(False, 0, rc.GENESIS, _(
                "Registre illisible : le fichier de données est endommagé à cet endroit."))
        if problem:
            return rc.RegisterCheck(False, count, head, problem)
        return rc.RegisterCheck(True, count, head, ngettext(
            "Registre intact : {count} événement(s) vérifié(s), chaque incident présent et son "
            "journal conforme aux empreintes enregistrées.",
            "Registre intact : {count} événement(s) vérifié(s), chaque incident présent et son "
            "journal conforme aux empreintes enregistrées.", count).format(count=count))

    def _database_problem(self) -> str:
        entering = ", ".join(f"'{action}'" for action in rc.ENTERING)
        missing = [r for (r,) in self._db.execute(
            f"SELECT DISTINCT reference FROM register_chain WHERE action IN ({entering})"
            " AND reference NOT IN (SELECT reference FROM incidents)"
            " AND reference NOT IN (SELECT reference FROM register_chain WHERE action = ?)"
            " ORDER BY reference LIMIT 6", (rc.LEAVING,))]
        if missing:
            return _("Registre : incident(s) supprimé(s) du fichier de données en dehors de "
                     "l'application : {references}.").format(references=", ".join(missing[:5]))
        unknown = [r for (r,) in self._db.execute(
            f"SELECT reference FROM incidents WHERE reference NOT IN (SELECT reference FROM"
            f" register_chain WHERE action IN ({entering})) ORDER BY reference LIMIT 6")]
        if unknown:
            return _("Registre : incident(s) ajouté(s) au fichier de données en dehors de "
                     "l'application : {references}.").format(references=", ".join(unknown[:5]))
        cut = self._db.execute(
            "SELECT r.reference, r.seq, r.count FROM register_chain AS r"
            " JOIN incidents AS i ON i.reference = r.reference"
            " LEFT JOIN journal AS j ON j.reference = r.reference AND j.seq = r.count"
            " WHERE r.count > 0 AND (j.hash IS NULL OR j.hash <> r.head) ORDER BY r.seq LIMIT 1"
        ).fetchone()
        if cut:
            return _("Registre : le journal de {reference} ne contient plus l'entrée n° {count} "
                     "enregistrée par l'événement n° {seq} du registre (entrées supprimées ou "
                     "journal réécrit en dehors de l'application).").format(
                         reference=cut[0], count=cut[2], seq=cut[1])
        return ""
