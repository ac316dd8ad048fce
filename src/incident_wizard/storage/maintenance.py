"""Migrating the database's schema, and anchoring the facts of incidents from before schema 4."""

from __future__ import annotations

from ..domain.clock import now_utc
from ..domain.errors import IncidentWizardError
from . import schema_current
from .database import Database
from .incidents import IncidentRepository
from .journal import JournalRepository
from .rows import deadline_columns
from .schema import (
    _ANCHOR_PENDING,
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    SYSTEM_ACTOR,
    _split_sql,
)
from .settings import SettingsRepository


def migrate(database: Database, version: int) -> None:
    """Bring the schema from ``version`` (0: an empty file) to SCHEMA_VERSION in one
    transaction: a killed process leaves the file at its old version, never between two (the
    caller has taken a copy of the file first). An empty file is given the current schema in
    one step (storage/schema_current.py: what the migrations give, generated from them by
    scripts/update-schema), not through every migration (5 ms of each new register)."""
    with database.transaction() as conn:
        if version == 0 and schema_current.VERSION == SCHEMA_VERSION:
            for statement in schema_current.STATEMENTS:
                conn.execute(statement)
            version = SCHEMA_VERSION
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _split_sql(MIGRATIONS[target - 1]):
                conn.execute(statement)
            if target == 4 and version > 0:
                conn.execute("INSERT INTO settings(key, value) VALUES(?, 'true')",
                             (_ANCHOR_PENDING,))
            if target == 8 and version > 0:
                enter_register(database, anchor=version >= 4)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def anchor_legacy(database: Database, settings: SettingsRepository,
                  incidents: IncidentRepository, journal: JournalRepository) -> None:
    """After the migration to schema 4: refresh the summary columns, and give every incident
    whose chain is intact (verified in full) one entry carrying the digest of its facts (from
    then on, an edit of its facts outside the app is detected). An altered chain is left as it
    is."""
    for (reference,) in database.execute("SELECT reference FROM incidents").fetchall():
        try:
            incident = incidents.load(reference)
        except (ValueError, IncidentWizardError):
            continue
        with database.transaction() as conn:
            conn.execute("UPDATE incidents SET clock_start=?, deadlines=? WHERE reference=?",
                         (*deadline_columns(incident), reference))
            intact = journal.verify(reference).ok
            if intact and not journal.has_action(reference, "record_anchored"):
                journal.append(reference, now_utc(), SYSTEM_ACTOR, "record_anchored",
                               {"schema": SCHEMA_VERSION})
    settings.delete(_ANCHOR_PENDING)


def enter_register(database: Database, anchor: bool) -> None:
    """The migration to schema 8, inside its transaction: with ``anchor``, every incident whose
    chain can be extended (its stored head, count and facts checked, as every save checks them)
    and that is not another pharmacy's copy gets one entry
    whose facts digest covers what the documents print (before, its title or descriptions could
    be edited outside the app unseen); then each incident enters the register's chain with its
    journal head. An altered chain is left as it is (and never extended); an imported copy keeps
    its sender's chain, entry for entry (the sender's next file extends it)."""
    from .import_log import ImportLog
    from .register_chain import RegisterChain

    import_log = ImportLog(database)
    journal = JournalRepository(database, import_log)
    chain = RegisterChain(database)
    at = now_utc()
    references = [r for (r,) in database.execute(
        "SELECT reference FROM incidents ORDER BY created_at, reference").fetchall()]
    imported = {r for (r,) in database.execute("SELECT DISTINCT reference FROM imports")}
    for reference in references:
        # Extendable as every save checks it (the stored head, count and facts: constant cost,
        # whatever the journal's length); an entry altered further back is still found by the
        # full verification at opening and before any export.
        if anchor and reference not in imported and not journal.head_problem(reference):
            journal.append(reference, at, SYSTEM_ACTOR, "record_anchored",
                           {"schema": SCHEMA_VERSION, "covers": "printed"})
        chain.append("incident_registered", reference, {"schema": SCHEMA_VERSION}, at, SYSTEM_ACTOR)
