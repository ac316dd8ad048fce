"""The Qt-free core speaks through one message catalogue (incident_wizard.i18n, gettext): French
is the source language, resources/locale/incident_wizard.pot is the up-to-date extraction of
every marked message (scripts/update-messages), another language is one catalogue away, and
what is stored or hashed (journal entries, the decision's reasons) stays French whatever the
language shown."""

from __future__ import annotations

import ast
import functools
import gettext
import importlib.util
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incident_wizard import i18n
from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.domain import clock, incident_file, obligations, record
from incident_wizard.domain import journal as jr
from incident_wizard.domain.errors import IncidentFileError, ValidationError
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "resources" / "locale" / "incident_wizard.pot"
SCRIPT = ROOT / "scripts" / "update-messages"
PROCEDURE = load_procedure()
#: The modules whose user-visible messages go through the catalogue (issue: "messages from the
#: Qt-free core through one message catalogue").
ROUTED = sorted((ROOT / "src" / "incident_wizard" / "application").glob("*.py")) + [
    ROOT / "src" / "incident_wizard" / "domain" / f"{name}.py" for name in (
        "validation", "obligations", "followup", "reminders", "clock", "decision", "rules", "risk",
        "record", "journal", "serialize", "incident_file", "review", "dashboard", "errors")]


@functools.cache
def toolchain():
    """scripts/messages.py (Babel), what scripts/update-messages runs."""
    spec = importlib.util.spec_from_file_location("messages_toolchain", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def read_catalogue(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def msgids(path: Path) -> list:
    return [m.id for m in read_catalogue(path) if m.id]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- the committed template and catalogues -------------------------------------------------------


def test_the_template_is_what_babel_extracts_now():
    assert POT.read_text(encoding="utf-8") == toolchain().render(toolchain().template()), \
        "a marked message of the Qt-free core changed (or moved): run scripts/update-messages"


@pytest.mark.posix("a bash script (the Windows runner checks the committed files through scripts/messages.py)")
def test_the_script_writes_the_committed_template(tmp_path):
    written = tmp_path / "incident_wizard.pot"
    subprocess.run(["bash", str(SCRIPT), str(written)], check=True, capture_output=True, text=True)
    assert written.read_text(encoding="utf-8") == POT.read_text(encoding="utf-8"), "run scripts/update-messages"


def test_the_template_holds_the_messages_with_references_and_escapes():
    text = POT.read_text(encoding="utf-8")
    ids = msgids(POT)
    assert len(ids) >= 400
    assert "POT-Creation-Date" not in text and "Generated-By" not in text  # changes only with the messages
    assert "#: src/incident_wizard/domain/followup.py:" in text
    assert "src/incident_wizard/ui/" not in text  # the UI goes through Qt's tr() (.ts)
    assert 'msgid "Décrivez l\'action."\n' in text
    # A line break is escaped and the text split after it; a plural has its two forms.
    assert 'msgid ""\n"L\'incident ne peut pas encore être clôturé :\\n"\n"- {problems}"\n' in text
    assert 'msgid "{count} question de gravité sans réponse"\nmsgid_plural ' in text
    assert "sans SIRET" in ids  # was inside an f-string, where no extractor sees it
    keys = [i if isinstance(i, str) else i[0] for i in ids]
    assert keys == sorted(keys)


def test_every_translation_follows_the_template_and_its_compiled_catalogue_ships():
    """A catalogue is stale when its .po misses a message of the template (or keeps a gone one)
    or its .mo is not its .po compiled: scripts/update-messages fixes both."""
    chain = toolchain()
    translations = chain.translations()
    assert [p.parents[1].name for p in translations] == ["en"]
    template = chain.template()
    for po in translations:
        assert po.read_text(encoding="utf-8") == chain.updated(po, template), f"{po}: run scripts/update-messages"
        mo = po.with_suffix(".mo")
        assert mo.is_file() and mo.read_bytes() == chain.compiled(po), f"{mo}: run scripts/update-messages"
        assert {m if isinstance(m, str) else m[0] for m in msgids(po)} == \
            {m if isinstance(m, str) else m[0] for m in msgids(POT)}


def test_a_message_added_to_the_code_makes_the_catalogues_stale(tmp_path, monkeypatch):
    chain = toolchain()
    extra = tmp_path / "extra.py"
    extra.write_text('from incident_wizard.i18n import _\nMESSAGE = _("Un message tout neuf")\n', encoding="utf-8")
    sources = chain.sources
    monkeypatch.setattr(chain, "sources", lambda: [*sources(), extra])
    template = chain.template()
    assert "Un message tout neuf" in [m.id for m in template]
    assert POT.read_text(encoding="utf-8") != chain.render(template)
    (po,) = chain.translations()
    assert po.read_text(encoding="utf-8") != chain.updated(po, template)


#: Calls of the catalogue and how many literal texts each takes.
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}


def unextractable(source: str, name: str) -> list[str]:
    """The catalogue calls an extractor cannot read: a text built on the spot (an f-string, a
    concatenation; N_() and ngettext() of anything but literals), an empty text, or a call
    inside an f-string."""
    problems = []
    tree = ast.parse(source)
    inside_fstring = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
            continue
        texts = node.args[:MARKERS[node.func.id]]
        where = f"{name}:{node.lineno}: {node.func.id}()"
        if id(node) in inside_fstring:
            problems.append(f"{where} inside an f-string")
        elif len(texts) < MARKERS[node.func.id] or not all(
                isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
            # _(constant) translates a text marked N_() elsewhere (a table of labels): fine;
            # a text built here (f-string, concatenation) is never in the catalogue.
            if node.func.id == "_" and texts and not isinstance(texts[0], ast.JoinedStr | ast.BinOp):
                continue
            problems.append(f"{where} of a text that is not a literal")
        elif not all(t.value for t in texts):
            problems.append(f"{where} of an empty text")
    return problems


def test_every_message_of_the_core_can_be_extracted():
    found = []
    for path in toolchain().sources():
        found += unextractable(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, "\n".join(found)


def test_what_cannot_be_extracted_is_named():
    source = '''
from incident_wizard.i18n import N_, _, ngettext
LABELS = {"a": N_("Étiquette")}
def f(name, count, label):
    _("Bonjour {name}").format(name=name)
    _(f"Bonjour {name}")
    _("Bonjour " + name)
    _(label)
    ngettext("{count} fichier", "{count} fichiers", count)
    ngettext("{count} fichier", plural, count)
    _("")
    N_(label)
    print(f"{_('Sans SIRET')}")
'''
    assert [p.split(": ", 1)[1] for p in unextractable(source, "example.py")] == [
        "_() of a text that is not a literal", "_() of a text that is not a literal",
        "ngettext() of a text that is not a literal",
        "_() of an empty text", "N_() of a text that is not a literal", "_() inside an f-string"]


def test_the_template_is_valid_for_gettext_tools(tmp_path):
    import shutil

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) not installed")
    for catalogue in (POT, *toolchain().translations()):
        subprocess.run([msgfmt, "--check-format", "-o", str(tmp_path / "x.mo"), str(catalogue)], check=True,
                       capture_output=True, text=True)


def _argument_ok(node: ast.expr) -> bool:
    """A message given to an error: a catalogue call, a .format() of one, or a value computed
    elsewhere (a variable, a list item); never a literal or an f-string."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            return True
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name) \
                and func.value.func.id in ("_", "ngettext")
        return True
    return not (isinstance(node, ast.JoinedStr | ast.BinOp)
                or (isinstance(node, ast.Constant) and isinstance(node.value, str)))


def test_every_error_of_the_core_goes_through_the_catalogue():
    found = []
    for path in ROUTED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args \
                    and node.func.id in ("ValidationError", "IncidentFileError") \
                    and not _argument_ok(node.args[0]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "wrap the message in _() (and fill placeholders with .format()):\n" + "\n".join(found)


# --- a second language ---------------------------------------------------------------------------

#: French msgid -> English, as a translator would write them (each msgid is in the template).
ENGLISH = {
    "Décrivez l'action.": "Describe the action.",
    "Il reste {left} pour notifier la CNIL (échéance : {due})": "{left} left to notify the CNIL (deadline: {due})",
    "Notification à la CNIL (72 h)": "Notification to the CNIL (72 h)",
    "{label} : il reste {left} (échéance : {due})": "{label}: {left} left (deadline: {due})",
    "Prise de connaissance": "Awareness",
    "{fact} : {old} → {new}": "{fact}: {old} → {new}",
    "Gravité selon la méthode ENISA : {score} = {dpc} × {ei} + {cb}, niveau {band}, soit une gravité "
    "« {severity} » sur l'échelle de la CNIL.": "ENISA severity: {score} = {dpc} × {ei} + {cb}, level {band}.",
}
ENGLISH_PLURALS = {
    ("Journal de {reference} intact : {count} entrée(s) vérifiée(s).",
     "Journal de {reference} intact : {count} entrée(s) vérifiée(s)."):
        ("Journal of {reference} intact: {count} entry checked.",
         "Journal of {reference} intact: {count} entries checked."),
}


class English(gettext.NullTranslations):
    """A catalogue in memory: what gettext.translation() gives from a compiled .mo."""

    def gettext(self, message: str) -> str:
        return ENGLISH.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        one, many = ENGLISH_PLURALS.get((singular, plural), (singular, plural))
        return one if n == 1 else many


@pytest.fixture
def english():
    i18n.use(English())
    try:
        yield
    finally:
        i18n.use(gettext.NullTranslations())


def test_the_english_messages_translate_messages_of_the_template():
    keys = {m if isinstance(m, str) else m[0] for m in msgids(POT)}
    for msgid in [*ENGLISH, *(s for s, _ in ENGLISH_PLURALS)]:
        assert msgid in keys, msgid


def test_the_shipped_english_catalogue_is_loaded(storage, monkeypatch):
    """The compiled catalogue that ships (resources/locale/en/LC_MESSAGES/incident_wizard.mo)
    is the one $INCIDENT_WIZARD_LANGUAGE=en installs, as the program does at start."""
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en_GB.UTF-8")
    assert i18n.language() == "en"
    try:
        assert i18n.install() == "en"
        now = utc(2026, 10, 23, 9, 0)
        reference = storage.create_incident(at=now).reference
        session = IncidentSession(storage, PROCEDURE, reference, now=lambda: now)
        with pytest.raises(ValidationError) as refused:
            session.followup.add_action("   ")
        assert str(refused.value) == "Describe the action."
        assert session.verify_journal().message == f"Journal of {reference} intact: 1 entry checked."
        assert i18n.install("de") == "fr"  # no German catalogue: French
        assert not i18n.translating()
    finally:
        i18n.install("fr")
    from incident_wizard.main import main

    try:  # the program installs the language in force before anything is said
        assert main(["list", "--data-dir", str(storage.database.path.parent)]) == 0
        assert i18n.translating() and i18n._("Décrivez l'action.") == "Describe the action."
    finally:
        i18n.install("fr")


def test_a_second_language_reaches_the_pharmacist(storage, english):
    now = utc(2026, 10, 23, 9, 0)
    reference = storage.create_incident(at=now).reference
    session = IncidentSession(storage, PROCEDURE, reference, now=lambda: now)
    with pytest.raises(ValidationError) as refused:
        session.followup.add_action("   ")
    assert str(refused.value) == "Describe the action."

    state = clock.status(utc(2026, 10, 23, 8, 0), at=now)
    assert clock.describe(state) == "71 h 00 min left to notify the CNIL (deadline: lundi 26 octobre 2026 à 09 h 00)"

    session.set_value("dates.awareness_at", utc(2026, 10, 23, 8, 0))
    (deadline,) = obligations.deadlines(session.incident)
    assert deadline.label == "Notification à la CNIL (72 h)"  # kept as the source text (storage caches it)
    assert obligations.describe_deadline(deadline, now) == (
        "Notification to the CNIL (72 h): 71 h 00 min left (deadline: lundi 26 octobre 2026 à 09 h 00)")

    check = session.verify_journal()
    assert check.ok
    assert check.message == f"Journal of {reference} intact: {check.count} entries checked."
    one = jr.verify("X", [jr.make_entry("X", None, now, "", "incident_created")])
    assert one.message == "Journal of X intact: 1 entry checked."


def test_what_is_hashed_stays_french_whatever_the_language(tmp_path, english):
    """Journal entries (their details are hashed) and the decision's reasons (kept with the
    record) are written in the source language; the pharmacist reads the translation."""
    old, new = {"dates.awareness_at": None}, {"dates.awareness_at": "2026-10-23T08:00:00Z"}
    (change,) = record.changes(old, new)
    assert change["label"] == "Prise de connaissance"
    assert record.describe_changes({"changes": [change]}) == "Awareness: (vide) → 23/10/2026 10:00"

    with Storage.open(tmp_path / "english") as shown_in_english:
        reference = build_sample(shown_in_english, PROCEDURE, close=False)
        session = IncidentSession(shown_in_english, PROCEDURE, reference)
        assert session.assessment().reasons[0].text.startswith("ENISA severity: ")
        assert session.incident.decision.basis.reasons[0].startswith("Gravité selon la méthode ENISA : ")
        english_journal = shown_in_english.journal(reference)
        assert shown_in_english.verify_journal(reference).ok
    i18n.use(gettext.NullTranslations())
    with Storage.open(tmp_path / "french") as shown_in_french:
        assert build_sample(shown_in_french, PROCEDURE, close=False) == reference
        french_journal = shown_in_french.journal(reference)
    assert [e.to_data() for e in english_journal] == [e.to_data() for e in french_journal]


def _mo(messages: dict[str, str]) -> bytes:
    """A compiled catalogue (GNU .mo, as msgfmt writes it) of ``messages``."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = strs = b""
    offsets = []
    for msgid, msgstr in entries:
        offsets.append((len(ids), len(msgid.encode()), len(strs), len(msgstr.encode())))
        ids += msgid.encode() + b"\0"
        strs += msgstr.encode() + b"\0"
    start = 7 * 4 + 16 * len(entries)
    keys = [n for offset, length, _, _ in offsets for n in (length, start + offset)]
    values = [n for _, _, offset, length in offsets for n in (length, start + len(ids) + offset)]
    header = struct.pack("<7I", 0x950412DE, 0, len(entries), 7 * 4, 7 * 4 + 8 * len(entries), 0, 0)
    return header + struct.pack(f"<{len(keys) + len(values)}I", *keys, *values) + ids + strs


def test_a_compiled_catalogue_is_found_where_the_app_looks(tmp_path):
    assert i18n.catalogue_dir() == ROOT / "resources" / "locale"
    assert POT.parent == i18n.catalogue_dir()
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    invalid = "Le fichier {name} n'est pas du JSON valide (ligne {line}, colonne {column})."
    (folder / f"{i18n.DOMAIN}.mo").write_bytes(_mo({invalid: "{name} is not valid JSON (line {line}, column {column})."}))
    i18n.use(gettext.translation(i18n.DOMAIN, tmp_path, languages=["en"]))
    try:
        with pytest.raises(IncidentFileError) as refused:
            incident_file.parse("{", "incident.json")
        assert str(refused.value) == "incident.json is not valid JSON (line 1, column 2)."
        assert i18n.translating()
        with i18n.source_text():
            assert i18n._(invalid) == invalid
    finally:
        i18n.use(gettext.NullTranslations())
    assert not i18n.translating()


# --- French, the source language, unchanged --------------------------------------------------------


def test_the_default_catalogue_is_the_french_text(storage):
    assert type(i18n.translations()) is gettext.NullTranslations
    now = utc(2026, 10, 23, 9, 0)
    reference = storage.create_incident(at=now).reference
    session = IncidentSession(storage, PROCEDURE, reference, now=lambda: now)
    with pytest.raises(ValidationError) as refused:
        session.followup.add_action("")
    assert str(refused.value) == "Décrivez l'action."
    assert clock.describe(clock.status(utc(2026, 10, 23, 8, 0), at=now)) == (
        "Il reste 71 h 00 min pour notifier la CNIL (échéance : lundi 26 octobre 2026 à 09 h 00)")
    with pytest.raises(IncidentFileError) as invalid:
        incident_file.parse("{", "incident.json")
    assert str(invalid.value) == "Le fichier incident.json n'est pas du JSON valide (ligne 1, colonne 2)."
    assert session.verify_journal().message == f"Journal de {reference} intact : 1 entrée(s) vérifiée(s)."
    assert i18n.ngettext("{count} question de gravité sans réponse",
                         "{count} question(s) de gravité sans réponse", 1).format(count=1) == \
        "1 question de gravité sans réponse"
