"""One data folder and the use cases on its register, for the GUI and the CLI alike: open it,
list, create, open, import and export incidents, write the register, the inspection folder and
the yearly review, list the deadlines and the follow-up actions, back it up, keep the profile
and the user's settings. Neither the GUI nor the CLI touches storage or the journal: they call
this, and an open incident's ``IncidentSession``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import clock, followup
from ..domain.dashboard import DashboardItem, open_deadlines
from ..domain.errors import IncidentWizardError
from ..domain.journal import Verification, contains_head
from ..domain.model import Organisation
from ..domain.procedure import Procedure, load_procedure
from ..locations import forms_dir
from ..storage import (
    DamagedIncidentError,
    ImportResult,
    IncidentSummary,
    Storage,
    damaged_message,
    default_actor,
)
from .session import IncidentSession

# The exports and the review (python-docx, lxml, Jinja2: a third of the start-up time) are
# imported when a document is first written, not when the window opens.

#: The user's settings kept in the database (the person who types; the incident open when the
#: app was last closed; the reminders already shown).
OPERATOR, LAST_OPEN, REMINDERS_FIRED = "operator", "last_open_incident", "reminders_fired"


class Workspace:
    """One data folder (its database), with the procedure the app follows."""

    def __init__(self, storage: Storage, procedure: Procedure | None = None,
                 now: Callable[[], datetime] = clock.now_utc):
        self.storage = storage
        self.procedure = procedure if procedure is not None else load_procedure(forms_dir())
        self.now = now

    @classmethod
    def open(cls, data_dir: Path, procedure: Procedure | None = None) -> Workspace:
        """Open (or create) the register of ``data_dir``; a French StorageError says why not."""
        return cls(Storage.open(Path(data_dir)), procedure)

    def another(self) -> Workspace:
        """The same folder through a connection of its own (work in another thread)."""
        return Workspace(self.storage.another_connection(), self.procedure, self.now)

    def apart(self, work: Callable[[Workspace], Any]) -> Any:
        """Run ``work(workspace)`` through a connection of its own (from another thread), closed
        afterwards."""
        own = self.another()
        try:
            return work(own)
        finally:
            own.close()

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def warnings(self) -> list[str]:
        """Problems to tell the user at opening (files readable by other accounts)."""
        return list(self.storage.warnings)

    # --- settings and profile -------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        return self.storage.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.storage.set_setting(key, value)

    def actor(self, name: str = "") -> str:
        """Who acts, for the journal: a name typed at the pharmacy, with the computer account
        (several people often share one account)."""
        name = " ".join(name.split())[:80]
        account = default_actor()
        return f"{name} ({account})" if name else account

    def profile(self) -> Organisation | None:
        return self.storage.load_profile()

    def save_profile(self, organisation: Organisation, actor: str | None = None) -> list[str]:
        """Keep the pharmacy's profile and copy it into the open incidents that have no document
        exported yet (journaled); the references filled."""
        self.storage.save_profile(organisation)
        return self.storage.fill_profile(organisation, actor=actor)

    # --- incidents --------------------------------------------------------------------------------

    def list_incidents(self) -> list[IncidentSummary]:
        return self.storage.list_incidents()

    def has_incident(self, reference: str) -> bool:
        return self.storage.has_incident(reference)

    def create_incident(self, actor: str | None = None) -> str:
        """A new incident with the pharmacy's profile; its reference."""
        return self.storage.create_incident(actor=actor).reference

    def open_session(self, reference: str, actor: str | None = None,
                     now: Callable[[], datetime] | None = None) -> IncidentSession:
        """Open an incident; a damaged one (unreadable, or with options the procedure does not
        know) raises a French DamagedIncidentError: it is listed, never opened."""
        from ..domain.validation import check_options

        summary = next((r for r in self.storage.list_incidents() if r.reference == reference), None)
        if summary is not None and summary.damaged:
            raise DamagedIncidentError(damaged_message(reference, summary.damaged))
        session = IncidentSession(self.storage, self.procedure, reference, now=now or self.now,
                                  actor=actor)
        unknown = check_options(session.incident, self.procedure)
        if unknown:
            raise DamagedIncidentError(damaged_message(reference, unknown[0]))
        return session

    def verify_journal(self, reference: str) -> Verification:
        return self.storage.verify_journal(reference)

    def find_head(self, reference: str, head: str):  # noqa: ANN201 - a JournalEntry or None
        """The entry of the journal whose hash starts with ``head`` (a document's printed
        "empreinte du journal"), and how many entries the journal has now."""
        entries = self.storage.journal(reference)
        return contains_head(entries, head), len(entries)

    # --- incident files -------------------------------------------------------------------------

    def export_incident_file(self, reference: str, path: Path, passphrase: str | None = None,
                             actor: str | None = None) -> int:
        """Write an incident file (exports.export_incident_file); the entries written."""
        from . import exports

        return exports.export_incident_file(self.storage, reference, Path(path), passphrase,
                                            now=self.now(), actor=actor)[1]

    def read_incident_file(self, path: Path, ask_passphrase: Callable[[], str]):  # noqa: ANN201
        """Read a plain or encrypted incident file (validated whole)."""
        from .. import sealed

        return sealed.read_incident_file(Path(path), self.procedure, ask_passphrase)

    def local_reference(self, loaded) -> str:  # noqa: ANN001 - an IncidentFile
        """The reference the file's incident has, or will have, in this folder."""
        return self.storage.local_reference(loaded.incident)

    def import_incident(self, loaded, source: str, update: bool = False,  # noqa: ANN001
                        actor: str | None = None) -> ImportResult:
        """Import a file read by ``read_incident_file``: new, or an update when its journal
        extends the stored one (all or nothing)."""
        return self.storage.import_incident(loaded.incident, loaded.journal, source=source,
                                            contents=loaded.contents, update=update, actor=actor)

    # --- documents, register, inspection, review ---------------------------------------------

    def write_documents(self, reference: str, out_dir: Path, kind: str | None = None,
                        actor: str | None = None, pdf: bool = True,
                        progress=None,
                        include_unneeded: bool | tuple[str, ...] = False):  # noqa: ANN201
        from . import exports

        return exports.write_incident_documents(self.storage, self.procedure, reference, out_dir,
                                                now=self.now(), kind=kind, actor=actor, pdf=pdf,
                                                progress=progress, include_unneeded=include_unneeded)

    def pharmacies(self) -> list[tuple[str, str]]:
        from . import exports

        return exports.pharmacies(self.storage)

    def resolve_pharmacy(self, text: str) -> str:
        from . import exports

        return exports.resolve_pharmacy(self.storage, text)

    def write_register(self, out_dir: Path, start: date | None = None, end: date | None = None,
                       pdf: bool = True, progress=None,
                       pharmacy: str | None = None, actor: str | None = None):  # noqa: ANN201
        from . import exports

        return exports.write_register(self.storage, self.procedure, out_dir, start, end,
                                      now=self.now(), actor=actor, pdf=pdf, progress=progress,
                                      pharmacy=pharmacy)

    def write_inspection(self, out_dir: Path, start: date | None = None, end: date | None = None,
                         progress=None, pharmacy: str | None = None,
                         actor: str | None = None):  # noqa: ANN201
        from . import exports

        return exports.write_inspection(self.storage, self.procedure, out_dir, start, end,
                                        now=self.now(), actor=actor, progress=progress,
                                        pharmacy=pharmacy)

    def review_summary(self, start: date, end: date):  # noqa: ANN201 - (domain.review.Review, missing)
        from . import review as yearly

        return yearly.summarise(self.storage, self.procedure, start, end, self.now())

    def write_review(self, out_dir: Path, start: date | None = None, end: date | None = None,
                     pdf: bool = True, progress=None):  # noqa: ANN001, ANN201
        from . import review as yearly

        return yearly.write_review(self.storage, self.procedure, out_dir, start, end,
                                   now=self.now(), pdf=pdf, progress=progress)

    def review_due(self, rows: list[IncidentSummary] | None = None) -> bool:
        from . import review as yearly

        return yearly.review_due(self.storage, self.now(), rows)

    def backup(self, destination: Path) -> Path:
        return self.storage.backup(Path(destination))

    # --- deadlines and follow-up actions --------------------------------------------------------

    def deadlines(self, rows: list[IncidentSummary] | None = None) -> list[DashboardItem]:
        """Every open deadline of every pharmacy, soonest first (domain.dashboard)."""
        return open_deadlines(self.list_incidents() if rows is None else rows, self.now())

    def open_actions(self) -> tuple[list[tuple[str, Any, str]], list[str]]:
        """(reference, action, state) of every follow-up action not done, overdue first, and the
        incidents that could not be read."""
        on = followup.today(self.now())
        rows, damaged = [], []
        for summary in self.list_incidents():
            try:
                if summary.damaged:
                    raise IncidentWizardError(summary.damaged)
                incident = self.storage.load_incident(summary.reference)
            except IncidentWizardError:
                damaged.append(summary.reference)
                continue
            for action in followup.open_actions(incident):
                rows.append((summary.reference, action, followup.state(action, on)))
        rows.sort(key=lambda r: (r[2] != followup.OVERDUE, r[1].due or "9999", r[0], r[1].id))
        return rows, damaged

    def reminders_due(self, notify: Callable[[Any], None], now: datetime | None = None) -> list[Any]:
        """Show (``notify``) each deadline and follow-up reminder due now, once: what was shown
        is remembered in the database."""
        from ..domain.reminders import due_action_reminders, due_deadline_reminders, mark_fired

        fired = self.setting(REMINDERS_FIRED, {}) or {}
        now = now or self.now()
        rows = self.list_incidents()
        deadlines = [(s.reference, d) for s in rows if s.status == "open" for d in s.deadlines]
        reminders = due_deadline_reminders(deadlines, now, fired)
        reminders += due_action_reminders([a for s in rows for a in s.actions], now, fired)
        for reminder in reminders:
            notify(reminder)
            fired = mark_fired(fired, reminder)
        if reminders:
            self.set_setting(REMINDERS_FIRED, fired)
        return reminders


def open_sample(procedure: Procedure | None = None):  # noqa: ANN201 - (Workspace, reference, cleanup)
    """The built-in sample incident, completed, in a workspace of its own in a temporary folder
    (the real register is never touched); ``cleanup()`` closes and removes it."""
    import tempfile

    from .sample import build_sample

    folder = tempfile.TemporaryDirectory(prefix="incident-wizard-exemple-")
    workspace = Workspace.open(Path(folder.name), procedure)
    reference = build_sample(workspace.storage, workspace.procedure)

    def cleanup() -> None:
        workspace.close()
        folder.cleanup()

    return workspace, reference, cleanup


def assess_incident_file(path: Path, procedure: Procedure | None = None) -> dict[str, Any]:
    """The ENISA assessment of an incident file, as the `assess` command prints it (JSON)."""
    from ..domain import incident_file
    from ..domain.risk import assess

    procedure = procedure if procedure is not None else load_procedure(forms_dir())
    loaded = incident_file.read(Path(path), procedure)
    return assess(loaded.incident, procedure).to_json()


def explain_database_error(data_dir: Path, error: BaseException) -> str | None:
    """A database error that escaped storage's own messages (a damaged page that the start-up
    check did not see, a disk that filled up), as storage's French diagnosis; None when
    ``error`` is not a database error."""
    import sqlite3

    if not isinstance(error, sqlite3.Error):
        return None
    from ..storage import DB_FILENAME, diagnose

    return str(diagnose(Path(data_dir) / DB_FILENAME, error))
