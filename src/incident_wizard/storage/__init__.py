"""The only code that touches SQLite: incidents, the organisation profile and the journal.

Durability: WAL with ``synchronous=FULL``; every public method that changes something runs in one
transaction that is committed before it returns, so a confirmed change survives a killed process
or a power cut. The schema is versioned (``PRAGMA user_version``); a copy of the file is taken
before any migration. A database written by a newer version, a corrupt file or a file that is not
ours is never modified: opening it raises an error whose message says so, in French.

One :class:`Database` (the connection) and repositories over it, each by purpose: incidents,
journal, attachments, imports and their log, settings; :class:`Storage` is their public face.
"""

from .attachments import AttachmentRepository
from .core import Storage
from .database import Database
from .import_log import ImportLog
from .imports import ImportRepository, ImportResult, _data_digest, extension_problem
from .incidents import IncidentRepository
from .journal import JournalRepository
from .problems import (
    DamagedIncidentError,
    DatabaseCorruptError,
    DatabaseTooNewError,
    DiskFullError,
    IncidentNotFoundError,
    JournalAlteredError,
    StorageError,
    altered_message,
    damaged_message,
    diagnose,
    permission_warnings,
    problem_kind,
    read_only_message,
)
from .rows import IncidentSummary, default_actor
from .schema import (
    APPLICATION_ID,
    DB_FILENAME,
    MAX_ATTACHMENT_BYTES,
    MIGRATIONS,
    SCHEMA_VERSION,
    SYSTEM_ACTOR,
    _split_sql,
)
from .settings import SettingsRepository

__all__ = ["Storage", "ImportResult", "extension_problem", "DamagedIncidentError",
           "DatabaseCorruptError", "DatabaseTooNewError", "DiskFullError", "IncidentNotFoundError",
           "JournalAlteredError", "StorageError", "altered_message", "damaged_message", "diagnose",
           "permission_warnings", "problem_kind", "read_only_message", "IncidentSummary", "default_actor",
           "APPLICATION_ID", "DB_FILENAME", "MAX_ATTACHMENT_BYTES", "MIGRATIONS", "SCHEMA_VERSION",
           "SYSTEM_ACTOR", "_split_sql", "_data_digest", "Database", "IncidentRepository",
           "JournalRepository", "AttachmentRepository", "ImportRepository", "ImportLog",
           "SettingsRepository"]
