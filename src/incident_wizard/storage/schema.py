"""The database's schema: its versions and migrations, the file's name and id."""

from __future__ import annotations

import sqlite3

from ..domain.settings import ANCHOR_PENDING
from ..domain.validation import (
    MAX_ATTACHMENT_BYTES,  # noqa: F401 - the one limit, re-exported
    )

DB_FILENAME = "incidents.sqlite3"
#: 'IWzd': marks the file as an Incident Wizard database (PRAGMA application_id).
APPLICATION_ID = 0x49577A64
SCHEMA_VERSION = 8


# Each migration brings the schema from version N-1 to N (index 0 creates version 1).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE incidents (
        reference     TEXT PRIMARY KEY,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        status        TEXT NOT NULL,
        title         TEXT NOT NULL,
        awareness_at  TEXT,
        notified_at   TEXT,
        data          TEXT NOT NULL,
        journal_count INTEGER NOT NULL DEFAULT 0,
        journal_head  TEXT NOT NULL
    );
    CREATE TABLE journal (
        reference TEXT NOT NULL REFERENCES incidents(reference),
        seq       INTEGER NOT NULL,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL,
        PRIMARY KEY (reference, seq)
    );
    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    """,
    # 2: the decision's outcome as a column, so that lists and reminders need not parse JSON.
    """
    ALTER TABLE incidents ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
    UPDATE incidents SET outcome = coalesce(json_extract(data, '$.decision.outcome'), '');
    """,
    # 3: attached files (the CNIL's summary of a notification, a complaint receipt...).
    """
    CREATE TABLE attachments (
        reference TEXT NOT NULL REFERENCES incidents(reference),
        sha256    TEXT NOT NULL,
        content   BLOB NOT NULL,
        PRIMARY KEY (reference, sha256)
    );
    """,
    # 4: journal entries cover the incident's legal facts (digest); the clock's start and the
    # pending deadlines as columns for the home list and the reminders. Existing incidents whose
    # chain is intact get one entry that anchors their facts (see _anchor_legacy).
    """
    ALTER TABLE journal ADD COLUMN facts TEXT NOT NULL DEFAULT '';
    ALTER TABLE incidents ADD COLUMN facts_from INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE incidents ADD COLUMN clock_start TEXT;
    ALTER TABLE incidents ADD COLUMN deadlines TEXT NOT NULL DEFAULT '[]';
    """,
    # 5: the log of incident files imported (new incidents and updates). It is kept out of the
    # incident's chained journal, so that the stored journal stays the sender's, entry for entry,
    # and a later file from the same sender can extend it.
    """
    CREATE TABLE imports (
        id        INTEGER PRIMARY KEY,
        reference TEXT NOT NULL REFERENCES incidents(reference),
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        source    TEXT NOT NULL,
        kind      TEXT NOT NULL,
        entries_before INTEGER NOT NULL,
        entries_after  INTEGER NOT NULL,
        head      TEXT NOT NULL,
        data_digest TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
    BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
    CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
    BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
    """,
    # 6: the register-level log of exports that cover many incidents (the register, the
    # inspection folder): one entry per export, with the files' SHA-256 and a digest of the
    # journal heads of the incidents it covers, instead of one journal entry per incident.
    """
    CREATE TABLE register_exports (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        period    TEXT NOT NULL,
        pharmacy  TEXT NOT NULL,
        files     TEXT NOT NULL,
        incidents INTEGER NOT NULL,
        heads     TEXT NOT NULL
    );
    CREATE TRIGGER register_exports_no_update BEFORE UPDATE ON register_exports
    BEGIN SELECT RAISE(ABORT, 'the register export log is append-only'); END;
    CREATE TRIGGER register_exports_no_delete BEFORE DELETE ON register_exports
    BEGIN SELECT RAISE(ABORT, 'the register export log is append-only'); END;
    """,
    # 7: what the home list, its filters, the deadlines view and the reminders read, kept with
    # each save (storage.rows: listing_columns, due_items): the notification deadline in force,
    # the open follow-up actions and the soonest due day among them, the pharmacy's name and
    # identity, the casefolded "reference title" the filter searches, all covered by the index
    # incidents_listing (the list is read without reading the incidents' data); and one row per
    # deadline still to meet or dated open action (due_items), in due order, with the tightest
    # reminder already shown for it (taken over from the setting reminders_fired, which the
    # due items replace: a reminder is remembered with what it reminds of). Existing incidents
    # are filled from their data by the same Python code, through the SQL function iw_summary
    # (rows.summary_of_data, registered on every connection by Database).
    """
    ALTER TABLE incidents ADD COLUMN notification_due TEXT;
    ALTER TABLE incidents ADD COLUMN actions TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE incidents ADD COLUMN action_due TEXT;
    ALTER TABLE incidents ADD COLUMN pharmacy TEXT NOT NULL DEFAULT '';
    ALTER TABLE incidents ADD COLUMN pharmacy_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE incidents ADD COLUMN search TEXT NOT NULL DEFAULT '';
    CREATE TABLE due_items (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL REFERENCES incidents(reference),
        pharmacy  TEXT NOT NULL,
        due       INTEGER NOT NULL,
        kind      TEXT NOT NULL,
        label     TEXT NOT NULL,
        action    TEXT NOT NULL,
        title     TEXT NOT NULL,
        day       TEXT NOT NULL,
        reminded  INTEGER
    );
    CREATE TEMP TABLE listing7 AS SELECT reference,
        iw_summary(reference, data, 'notification_due') AS notification_due,
        iw_summary(reference, data, 'actions') AS actions,
        iw_summary(reference, data, 'action_due') AS action_due,
        iw_summary(reference, data, 'pharmacy') AS pharmacy,
        iw_summary(reference, data, 'pharmacy_id') AS pharmacy_id,
        iw_summary(reference, data, 'search') AS search,
        iw_summary(reference, data, 'due_items') AS items
        FROM incidents;
    CREATE INDEX temp.listing7_reference ON listing7(reference);
    UPDATE incidents SET (notification_due, actions, action_due, pharmacy, pharmacy_id, search) = (
        SELECT l.notification_due, coalesce(l.actions, '[]'), l.action_due, coalesce(l.pharmacy, ''),
               coalesce(l.pharmacy_id, ''), coalesce(l.search, lower(incidents.reference || ' ' || incidents.title))
        FROM temp.listing7 AS l WHERE l.reference = incidents.reference);
    INSERT INTO due_items(reference, pharmacy, due, kind, label, action, title, day)
        SELECT l.reference, coalesce(l.pharmacy, ''), json_extract(d.value, '$[0]'), json_extract(d.value, '$[1]'),
               json_extract(d.value, '$[2]'), json_extract(d.value, '$[3]'),
               json_extract(d.value, '$[4]'), json_extract(d.value, '$[5]')
        FROM temp.listing7 AS l, json_each(coalesce(l.items, '[]')) AS d;
    DROP TABLE temp.listing7;
    CREATE INDEX incidents_listing ON incidents(status, created_at, reference, search, action_due,
                                                pharmacy_id, pharmacy);
    CREATE INDEX incidents_open_actions ON incidents(created_at, reference) WHERE actions <> '[]';
    CREATE TEMP TABLE fired7 AS SELECT f.key AS key,
        (SELECT min(shown.value) FROM json_each(f.value) AS shown) AS reminded
        FROM settings AS s, json_each(s.value) AS f
        WHERE s.key = 'reminders_fired' AND json_valid(s.value) AND json_type(s.value) = 'object';
    CREATE INDEX temp.fired7_key ON fired7(key);
    UPDATE due_items SET reminded = (SELECT fired7.reminded FROM temp.fired7 WHERE fired7.key =
        CASE due_items.kind WHEN 'cnil' THEN due_items.reference
             WHEN 'action' THEN due_items.reference || '#action-' || due_items.action || '-' || due_items.day
             ELSE due_items.reference || '#' || due_items.kind END);
    DROP TABLE temp.fired7;
    DELETE FROM settings WHERE key = 'reminders_fired';
    CREATE INDEX due_items_due ON due_items(due, reference, label);
    CREATE INDEX due_items_reference ON due_items(reference);
    CREATE INDEX due_items_remind ON due_items(due) WHERE reminded IS NOT 0;
    CREATE INDEX due_items_actions ON due_items(due) WHERE kind = 'action';
    """,
    # 8: the register's own chain (domain.register_chain): one hashed event per creation, import,
    # export or deletion of an incident, with the incident's journal head and count then, so that
    # a deleted incident or a journal cut back is found. Existing incidents are entered by one
    # 'incident_registered' event each, after their journal is given one entry whose facts digest
    # (version 2) covers what the documents print (record.PRINTED_FACTS): maintenance.migrate.
    """
    CREATE TABLE register_chain (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        reference TEXT NOT NULL,
        count     INTEGER NOT NULL,
        head      TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    );
    CREATE INDEX register_chain_reference ON register_chain(reference, action);
    CREATE TRIGGER register_chain_no_update BEFORE UPDATE ON register_chain
    BEGIN SELECT RAISE(ABORT, 'the register chain is append-only'); END;
    CREATE TRIGGER register_chain_no_delete BEFORE DELETE ON register_chain
    BEGIN SELECT RAISE(ABORT, 'the register chain is append-only'); END;
    """,
]
#: Set by the migration to schema 4, cleared once every legacy incident is anchored.
_ANCHOR_PENDING = ANCHOR_PENDING.name  # domain/settings.py
#: The actor of entries the application writes by itself (migration anchors).
SYSTEM_ACTOR = "Incident Wizard"



def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (triggers contain ';' inside BEGIN ... END)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def migrated_schema(upto: int = SCHEMA_VERSION) -> list[str]:
    """The schema an empty database has once migrated from nothing to ``upto``: its CREATE
    statements as SQLite keeps them (tables with every column added since, then indexes and
    triggers, in the order they were made). What ``scripts/update-schema`` writes to
    ``storage/schema_current.py``, from which a new register is created in one step."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.create_function("iw_summary", 3, lambda *_: None)  # migration 7's backfill: no rows
        for migration in MIGRATIONS[:upto]:
            for statement in _split_sql(migration):
                conn.execute(statement)
        return [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            " ORDER BY rowid")]
    finally:
        conn.close()


def current_schema_module() -> str:
    """The text of ``storage/schema_current.py`` (written by ``scripts/update-schema``)."""
    statements = "".join(f"    {sql!r},\n" for sql in migrated_schema())
    return (
        '"""The schema a new register is created with, in one step (storage.maintenance.migrate):\n'
        "what migrating an empty database through every migration of storage/schema.py gives.\n"
        "Generated by scripts/update-schema: never edit it, add a migration and run the script\n"
        '(tests/test_storage.py fails while this file is not what the migrations give)."""\n\n'
        f"VERSION = {SCHEMA_VERSION}\n\n"
        f"STATEMENTS = (\n{statements})\n")

