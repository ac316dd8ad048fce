"""One data folder and the use cases on its register, for the GUI and the CLI alike: open it,
list, create, open, import and export incidents, write the register, the inspection folder and
the yearly review, list the deadlines and the follow-up actions, back it up, keep the profile
and the user's settings. Neither the GUI nor the CLI touches storage or the journal: they call
this, and an open incident's ``IncidentSession``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import clock, followup, obligations, settings
from ..domain.dashboard import DashboardItem, DeadlineTexts, open_deadlines
from ..domain.errors import IncidentWizardError
from ..domain.journal import Verification, contains_head
from ..domain.model import CLOSED, Organisation
from ..domain.procedure import Procedure, load_procedure
from ..domain.settings import Setting
from ..domain.values import FrozenValue
from ..i18n import _
from ..locations import forms_dir
from ..storage import (
    DamagedIncidentError,
    ImportResult,
    IncidentSummary,
    Storage,
    damaged_message,
    default_actor,
)
from ..storage.rows import Listing, instant_of
from ..storage.settings import DECLARED_DEFAULT

# The open incident's session (with the risk method and its rules), the exports and the review
# (python-docx, lxml, Jinja2: a third of the start-up time) are imported when first used, not
# when the window opens.

#: The user's settings kept in the database (the person who types; the incident open when the
#: app was last closed), declared in domain/settings.py (name, type, default, description).
OPERATOR, LAST_OPEN = settings.OPERATOR, settings.LAST_OPEN
#: The journal's action when a reminder shown in the window is acknowledged.
REMINDER_ACKNOWLEDGED = "reminder_acknowledged"


@dataclass(frozen=True, eq=False, repr=False)
class RemindersDue(FrozenValue):
    """What a reminder check found: the reminders shown (notified), most urgent first, and how
    many were due in all (those not shown are remembered as shown all the same)."""
    shown: list[Any]
    count: int


@dataclass(frozen=True, eq=False, repr=False)
class PendingReminder(FrozenValue):
    """A reminder shown and kept in the window until the pharmacist acknowledges it."""
    key: str
    #: Its incident ('' for the note saying how many other reminders are due).
    reference: str
    threshold: int
    message: str
    #: When it was shown (UTC).
    at: datetime


class Workspace:
    """One data folder (its database), with the procedure the app follows."""

    def __init__(self, storage: Storage, procedure: Procedure | None = None,
                 now: Callable[[], datetime] = clock.now_utc):
        self.storage = storage
        self.procedure = procedure if procedure is not None else app_procedure()
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

    def setting(self, key: str | Setting, default: Any = DECLARED_DEFAULT) -> Any:
        """A setting declared in domain/settings.py, its declared default when unset."""
        return self.storage.get_setting(key, default)

    def set_setting(self, key: str | Setting, value: Any) -> None:
        """Keep a preference (the incident last open, who types...); on a database opened
        read-only it is not kept (the start said once that nothing can be saved)."""
        if not self.storage.read_only:
            self.storage.set_setting(key, value)

    @property
    def read_only(self) -> bool:
        """The database was opened read-only: incidents can be read and exported, not changed."""
        return self.storage.read_only

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
        """Every incident's summary, newest first (every row parsed: the register, the CLI's
        list; the home list reads ``listing`` and the summaries of the rows it shows)."""
        return self.storage.list_incidents()

    # --- the listing: the home list, the deadlines view (thousands of rows, read as shown) ---------

    def listing(self) -> Listing:
        """Every incident as the home list filters it (storage.rows.Listing: references, filter
        keys, status and overdue flags, pharmacies), read from the stored summary columns; the
        texts of a row come from ``summaries``, for the rows shown."""
        now = self.now()
        return self.storage.incidents.listing(followup.today(now).isoformat(), now)

    def summaries(self, references: list[str]) -> dict[str, IncidentSummary]:
        """The summaries of ``references`` (the rows on screen), by reference."""
        return self.storage.incidents.summaries(list(references))

    def summary(self, reference: str) -> IncidentSummary | None:
        """The summary of one incident (None when there is none)."""
        return self.storage.incidents.summary(reference)

    def listing_version(self) -> tuple[int, int]:
        """Moves when the data folder changed (a save here, or another connection's)."""
        return self.storage.incidents.data_version()

    def deadline_count(self) -> int:
        """How many deadlines are still to meet, every pharmacy (see ``deadlines``)."""
        return self.storage.incidents.due_count()

    def deadline_page(self, offset: int, limit: int) -> list[DashboardItem]:
        """``limit`` deadlines from the ``offset``-th, in the order of ``deadlines`` (the rows of
        the deadlines view on screen); their texts are written when read."""
        return self._dashboard(self.storage.incidents.due_rows(offset, limit), self.now())

    @staticmethod
    def _dashboard(rows: list, now: datetime) -> list[DashboardItem]:
        """DashboardItems of stored due items (storage.rows.due_items)."""
        return [DashboardItem(instant_of(due), reference, pharmacy, kind, source, now, action, day)
                for due, reference, pharmacy, kind, source, action, day in rows]

    def has_incident(self, reference: str) -> bool:
        return self.storage.has_incident(reference)

    def create_incident(self, actor: str | None = None) -> str:
        """A new incident with the pharmacy's profile; its reference."""
        return self.storage.create_incident(actor=actor).reference

    def open_session(self, reference: str, actor: str | None = None,
                     now: Callable[[], datetime] | None = None):  # noqa: ANN201 - IncidentSession
        """Open an incident; a damaged one (unreadable, or with options the procedure does not
        know) raises a French DamagedIncidentError: it is listed, never opened."""
        from ..domain.validation import check_options
        from .session import IncidentSession

        summary = self.storage.incidents.summary(reference)
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

    def verify_register(self):  # noqa: ANN201 - a domain.register_chain.RegisterCheck
        """The register's chain verified in full, against the incidents and their journals."""
        return self.storage.register_chain.verify()

    def register_head(self) -> tuple[str, int]:
        """(hash, number of events) of the register's chain: printed on every document."""
        return self.storage.register_chain.head()

    def find_register_head(self, head: str):  # noqa: ANN201 - a RegisterEvent or None
        """The register event whose hash starts with ``head`` (a printed register head)."""
        return self.storage.register_chain.contains(head)

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
                       pharmacy: str | None = None, actor: str | None = None,
                       xlsx: bool = True):  # noqa: ANN201
        from . import exports

        return exports.write_register(self.storage, self.procedure, out_dir, start, end,
                                      now=self.now(), actor=actor, pdf=pdf, progress=progress,
                                      pharmacy=pharmacy, xlsx=xlsx)

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
        """Whether the yearly review is to be proposed (``rows``: the listed incidents, when the
        caller has them; otherwise the oldest incident is asked for, not every one)."""
        from . import review as yearly

        if rows is not None:
            return yearly.review_due(self.storage, self.now(), rows)
        from ..domain import review

        return review.review_due(yearly.last_review_at(self.storage),
                                 self.storage.incidents.first_created(), self.now())

    def backup(self, destination: Path, replace: bool = False) -> Path:
        """A checked copy of all the data; ``replace``: an existing backup of that name is kept
        under a dated name (never deleted) before the new one takes its place."""
        return self.storage.backup(Path(destination), replace)

    # --- deadlines and follow-up actions --------------------------------------------------------

    def deadlines(self, rows: list[IncidentSummary] | None = None) -> Sequence[DashboardItem]:
        """Every open deadline of every pharmacy, soonest first (domain.dashboard), from the
        stored due items (``rows``: summaries to read them from instead, as a list). The items
        are made as they are gone through; the sequence stays usable once the workspace is
        closed."""
        if rows is not None:
            return open_deadlines(rows, self.now())
        return _Deadlines(self.storage.incidents.due_rows(), self.now())

    def deadline_lines(self, no_pharmacy: str = "") -> Iterator[list[tuple[str, str, str, str, str]]]:
        """(when, time left, pharmacy or ``no_pharmacy``, reference, what is due) of every open
        deadline, in the order of ``deadlines``, in blocks, written as the stored rows are read
        (the `deadlines` command: hundreds of thousands of lines; the texts are DashboardItem's,
        each translation, duration and Paris hour written once)."""
        texts = DeadlineTexts(self.now())
        when, left, label = texts.when, texts.left, texts.label
        for rows in self.storage.incidents.due_row_blocks():
            yield [(when(due, kind, day), left(due), pharmacy or no_pharmacy, reference,
                    label(kind, source, action))
                   for due, reference, pharmacy, kind, source, action, day in rows]

    def open_actions(self) -> tuple[list[tuple[str, Any, str]], list[str]]:
        """(reference, action, state) of every follow-up action not done, overdue first, and the
        incidents that could not be read among those whose stored summary lists actions not
        done. Only those incidents' actions are read (not every summary, not whole incidents)."""
        on = followup.today(self.now())
        rows, damaged = [], []
        for reference, stored in self.storage.incidents.open_action_lists():
            try:
                actions = followup.open_in_stored(stored, f"{reference}.actions")
            except ValueError:
                damaged.append(reference)
                continue
            rows += [(reference, action, followup.state(action, on)) for action in actions]
        rows.sort(key=lambda r: (r[2] != followup.OVERDUE, r[1].due or "9999", r[0], r[1].id))
        return rows, damaged

    def reminders_due(self, notify: Callable[[Any], None], now: datetime | None = None,
                      shown: int | None = None) -> RemindersDue:
        """Show (``notify``) each deadline and follow-up reminder due now, once: what was shown
        is remembered in the database, with each due item. With ``shown``, only that many are
        notified (and made), the most urgent first (a first start on a large folder: thousands
        due at once); the others are remembered as shown all the same, and counted.

        Reads only the due items whose reminder has come (domain reminders.reminder_reach,
        through an index): the items already past their last reminder, and those whose next
        reminder is still ahead, are not read. Those that have passed since the last check
        are counted and remembered in SQL, and only the most recent read."""
        from ..domain import reminders as rules

        now = now or self.now()
        incidents = self.storage.incidents
        last = incidents.last_due_item()
        action = followup.ACTION_DEADLINE
        reach = {(kind == action, reminded): rules.reminder_reach(kind, reminded)
                 for kind, reminded in rules.reminder_states()}
        # (urgency, row, threshold) of every reminder due (made into Reminders only when shown).
        found = []
        marks = []
        for row in incidents.reminder_candidates(now, reach, last):
            due, _reference, kind, _label, _code, _title, day, item, reminded = row
            if kind == action:
                threshold = rules.action_threshold(date.fromisoformat(day), now)
            else:
                threshold = rules.due_threshold(instant_of(due), now)
            if threshold is None or (reminded is not None and threshold >= reminded):
                continue
            found.append((rules.urgency(kind == action, instant_of(due), now), row, threshold))
            marks.append((threshold, item))
        passed, latest = incidents.passed_unreminded(now, last, shown)
        found += [(rules.urgency(row[2] == action, instant_of(row[0]), now), row, 0) for row in latest]
        found.sort(key=lambda f: f[0])
        made = []
        for _urgency, row, threshold in found[:shown] if shown is not None else found:
            due, reference, kind, label, code, title, day, _item, _reminded = row
            reminder = rules.item_reminder(reference, kind, label, code, title,
                                           date.fromisoformat(day) if day else None,
                                           instant_of(due), threshold, now)
            notify(reminder)
            made.append(reminder)
        if marks or passed:
            # Every item saved up to ``last`` that is due by now has had its last reminder
            # (threshold 0): remembered at once; the others one by one.
            incidents.mark_reminded(marks, now if passed else None, last)
        return RemindersDue(made, len(marks) + passed)

    # --- reminders kept in the window until acknowledged (issue 24, item 10) --------------------

    #: Reminders kept on screen at most (the most recent): beyond, the deadlines view lists them.
    PENDING_KEPT = 50

    def pending_reminders(self) -> list[PendingReminder]:
        """The reminders shown and not yet acknowledged, oldest first (one small setting read:
        the window opens as fast on 100,000 incidents). An entry edited by hand into something
        else is left out, never a crash."""
        kept = []
        for item in self.setting(settings.REMINDERS_PENDING):
            try:
                kept.append(PendingReminder(
                    str(item["key"]), str(item["reference"]), int(item["threshold"]),
                    str(item["message"]), datetime.fromisoformat(str(item["at"]))))
            except (KeyError, TypeError, ValueError):
                continue
        return kept

    def keep_reminder(self, key: str, reference: str, threshold: int, message: str,
                      at: datetime | None = None) -> list[PendingReminder]:
        """Keep a reminder shown (``key``: the reminder's own key; ``reference``: its incident,
        '' for a note about others) until it is acknowledged; a later reminder of the same key
        replaces the earlier one (its deadline is nearer). Returns the reminders kept."""
        kept = [p for p in self.pending_reminders() if p.key != key]
        kept.append(PendingReminder(key, reference, threshold, message, at or self.now()))
        kept = kept[-self.PENDING_KEPT:]
        self._store_pending(kept)
        return kept

    def acknowledge_reminders(self, keys: list[str], actor: str | None = None) -> list[str]:
        """The pharmacist has read these reminders: each one is journaled in its incident's
        journal (« Rappel d'échéance pris en compte », with the text read) and no longer kept.
        Returns the references whose journal could not be extended (altered, or the incident
        gone): their reminder is let go all the same, never kept on screen for ever."""
        wanted = set(keys)
        at = self.now()
        refused = []
        for pending in [p for p in self.pending_reminders() if p.key in wanted]:
            if not pending.reference:
                continue
            try:
                self.storage.append_journal(
                    pending.reference, REMINDER_ACKNOWLEDGED,
                    {"reminder": pending.key, "threshold": pending.threshold,
                     "message": pending.message, "shown_at": clock.format_datetime(pending.at)},
                    at=at, actor=actor)
            except IncidentWizardError:
                refused.append(pending.reference)
        self._store_pending([p for p in self.pending_reminders() if p.key not in wanted])
        return refused

    def _store_pending(self, kept: list[PendingReminder]) -> None:
        self.set_setting(settings.REMINDERS_PENDING, [
            {"key": p.key, "reference": p.reference, "threshold": p.threshold,
             "message": p.message, "at": p.at.isoformat()} for p in kept])


class _Deadlines(Sequence):
    """The stored deadlines of a folder, soonest first (Workspace.deadlines), read at once as
    rows; each item (and its texts) is made when it is gone through, and not kept (a DPO's
    folder holds hundreds of thousands)."""

    def __init__(self, rows: list, now: datetime):
        self._rows, self.now = rows, now

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - an index or a slice
        if isinstance(index, slice):
            return Workspace._dashboard(self._rows[index], self.now)
        return Workspace._dashboard([self._rows[index]], self.now)[0]

    def __iter__(self) -> Iterator[DashboardItem]:
        rows = self._rows
        for start in range(0, len(rows), 1000):
            yield from Workspace._dashboard(rows[start:start + 1000], self.now)


def summary_deadline(summary, now: datetime) -> obligations.ListedDeadline:  # noqa: ANN001
    """The home list's "Échéances" cell of a stored summary (storage's IncidentSummary: the
    list never opens the incidents), in the same sentences as the incident's view: the
    deadline in force is the one stored with it (an earlier deadline kept by a notification)."""
    return obligations.listed_deadline(summary.clock_start or summary.awareness_at,
                                       summary.notified_at, summary.outcome,
                                       summary.deadlines if summary.status != CLOSED else (), now,
                                       getattr(summary, "notification_due", None))


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


def app_procedure() -> Procedure:
    """The procedure the app follows: its own forms/ (locations), the parsed files kept in the
    user's cache folder between runs (domain.forms.loader)."""
    from ..locations import user_cache_dir

    return load_procedure(forms_dir(), cache_dir=user_cache_dir())


def parse_day(text: str) -> date:
    """'2026-01-31' or '31/01/2026' (domain.clock.read_day), or a French refusal."""
    from ..domain.errors import ValidationError

    day = clock.read_day(text)
    if day is None:
        raise ValidationError(_("Date « {text} » invalide : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.").format(
            text=text[:30]))
    return day


def assess_incident_file(path: Path, procedure: Procedure | None = None) -> dict[str, Any]:
    """The ENISA assessment of an incident file, as the `assess` command prints it (JSON)."""
    from ..domain import incident_file
    from ..domain.risk import assess

    procedure = procedure if procedure is not None else app_procedure()
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
