"""The UI speaks French through Qt's translation: every user-visible string of src/incident_wizard/ui
goes through tr() or QApplication.translate() with a context lupdate can see, and
resources/translations/incident_wizard_en.ts is their up-to-date extraction (scripts/update-translations).

Strings from forms/ (step titles, options, help) and from the Qt-free core (French error messages,
deadline sentences) are data: they are shown as given and never wrapped here."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "src" / "incident_wizard" / "ui"
TS = ROOT / "resources" / "translations" / "incident_wizard_en.ts"
SCRIPT = ROOT / "scripts" / "update-translations"
#: Messages extracted before issue 14 (item 3) made every UI string go through tr(): never fewer.
MESSAGES_BEFORE = 172

#: Calls whose first argument is shown to the user.
TEXT_FIRST = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QListWidgetItem",
    "QTableWidgetItem", "QProgressDialog", "setText", "setToolTip", "setWindowTitle", "setPlaceholderText",
    "setAccessibleName", "setAccessibleDescription", "setLabelText", "showMessage", "setHorizontalHeaderLabels",
    "addItem", "addMenu", "addToolBar", "addRow", "addButton", "setSpecialValueText", "setStatusTip",
    "setWhatsThis", "help_label", "wrapping_check", "WrappingRadio", "ContactFields", "ValidationError",
}
#: Calls whose second argument (after the parent) is a shown title.
TITLE_SECOND = {"choose_folder", "run_with_progress", "_report"}
#: QMessageBox.warning(parent, title, text), QFileDialog.getSaveFileName(parent, caption, dir, filter).
STATIC_DIALOGS = {"QMessageBox": (1, 2), "QFileDialog": (1, 3)}
#: Keyword arguments that carry shown text.
TEXT_KEYWORDS = {"text", "title", "role_hint", "placeholder", "label"}
#: What lupdate and Qt translate.
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
#: Names shown as they are in every language.
PRODUCT_NAMES = ("Incident Wizard",)

WORD = re.compile(r"[^\W\d_]{3,}")  # a word of 3 letters or more: French text (not "h", "—", "%s")


def lupdate() -> str:
    """pyside6-lupdate next to this Python (the venv's), else on the PATH."""
    found = Path(sys.executable).with_name("pyside6-lupdate")
    if found.exists():
        return str(found)
    found = shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate not installed")
    return found


def ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def messages(path: Path) -> list[tuple[str, str, str, bool]]:
    """(context, source, comment, numerus) of every message of a .ts file."""
    root = ET.parse(path).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "",
             message.findtext("comment") or "", message.get("numerus") == "yes")
            for context in root.iter("context") for message in context.iter("message")]


def callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def owner(call: ast.Call) -> str:
    """'QMessageBox' for QMessageBox.warning(...)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        value = func.value
        return value.attr if isinstance(value, ast.Attribute) else value.id if isinstance(value, ast.Name) else ""
    return ""


def shown_literals(node: ast.AST):
    """The string literals an argument shows as they are: through +, %, conditionals, f-strings,
    lists and "...".format/join, but not inside a tr()/translate() call (nor any other call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from shown_literals(part.value if isinstance(part, ast.FormattedValue) else part)
    elif isinstance(node, ast.BinOp):
        yield from shown_literals(node.left)
        yield from shown_literals(node.right)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from shown_literals(value)
    elif isinstance(node, ast.IfExp):
        yield from shown_literals(node.body)
        yield from shown_literals(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            yield from shown_literals(element)
    elif isinstance(node, ast.Starred):
        yield from shown_literals(node.value)
    elif isinstance(node, ast.Call) and callee(node) not in TRANSLATING:
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
            yield from shown_literals(func.value)  # "Bonjour {}".format(name)


def is_french(text: str) -> bool:
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)  # markup is not text
    for name in PRODUCT_NAMES:
        text = text.replace(name, " ")
    return bool(WORD.search(text))


def shown_arguments(call: ast.Call):
    name, args = callee(call), call.args
    if owner(call) in STATIC_DIALOGS:
        yield from (args[i] for i in STATIC_DIALOGS[owner(call)] if i < len(args))
    elif name in TEXT_FIRST and args:
        yield args[0]
    elif name in TITLE_SECOND and len(args) > 1:
        yield args[1]
    elif name == "drawText" and args:
        yield args[-1]
    if name in TEXT_FIRST | TITLE_SECOND or owner(call) in STATIC_DIALOGS:
        yield from (k.value for k in call.keywords if k.arg in TEXT_KEYWORDS)


def untranslated(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for argument in shown_arguments(node):
                for text in shown_literals(argument):
                    if is_french(text):
                        found.append(f"{name}:{node.lineno}: {callee(node)}({text[:60]!r})")
    return found


class Calls(ast.NodeVisitor):
    """Every translation call of a module with the context lupdate gives it, and the mistakes
    that would keep a string from being extracted or found."""

    def __init__(self, name: str):
        self.name = name
        self.classes: list[str] = []
        self.found: list[tuple[str, str, str, bool, int]] = []  # context, source, comment, plural, line
        self.problems: list[str] = []
        self.f_string_depth = 0

    def problem(self, node: ast.AST, text: str) -> None:
        self.problems.append(f"{self.name}:{node.lineno}: {text}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast API
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:  # noqa: N802 - ast API
        self.f_string_depth += 1
        self.generic_visit(node)
        self.f_string_depth -= 1

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 - ast API
        name, args = callee(node), node.args
        if name in TRANSLATING:
            self.translation(node, name, args)
        self.generic_visit(node)

    def translation(self, node: ast.Call, name: str, args: list[ast.expr]) -> None:
        if self.f_string_depth:
            self.problem(node, f"{name}() inside an f-string: lupdate does not see it")
        if node.keywords:
            self.problem(node, f"{name}() with keyword arguments: lupdate drops the message")
        if name in ("tr", "QT_TR_NOOP"):
            func = node.func
            if name == "tr" and not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                     and func.value.id == "self"):
                self.problem(node, "tr() not called as self.tr(): lupdate gives it no (or the wrong) context")
                return
            if not self.classes:
                self.problem(node, f"{name}() outside a class: no context")
                return
            context, rest = self.classes[-1], args
        else:
            if not args or not (isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)):
                self.problem(node, f"{name}() without a literal context: lupdate cannot see it")
                return
            context, rest = args[0].value, args[1:]
        if not rest:
            self.problem(node, f"{name}() without a text")
            return
        text = rest[0]
        if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
            if name == "translate":
                return  # a constant marked with QT_TRANSLATE_NOOP, translated where it is shown
            self.problem(node, f"{name}() of a computed text: lupdate cannot extract it")
            return
        comment = rest[1].value if len(rest) > 1 and isinstance(rest[1], ast.Constant) else ""
        plural = len(rest) > 2
        if plural and name == "translate":
            self.problem(node, "translate() with %n: lupdate does not mark it as a plural, use self.tr()")
        self.found.append((context, text.value, comment or "", plural, node.lineno))


def calls_in(source: str, name: str) -> Calls:
    visitor = Calls(name)
    visitor.visit(ast.parse(source))
    return visitor


def calls() -> list[Calls]:
    return [calls_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) for path in ui_modules()]


# --- the committed .ts ------------------------------------------------------------------------


@pytest.mark.posix("a bash script (the .ts and .qm are checked against lupdate/lrelease on Linux)")
def test_translation_file_is_up_to_date(tmp_path):
    """scripts/update-translations, run again on a copy of the committed file, changes nothing."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    subprocess.run(["bash", str(SCRIPT), str(copy)], check=True, capture_output=True, text=True,
                   env={**os.environ, "LUPDATE": lupdate()})
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), \
        "the UI's strings changed: run scripts/update-translations"


def test_every_message_has_a_context():
    empty = [source for context, source, _, _ in messages(TS) if not context]
    assert not empty, f"extracted without a context (never translated): {empty}"


def test_no_message_was_lost():
    assert len(messages(TS)) >= MESSAGES_BEFORE


def test_no_location_in_the_translation_file():
    assert "<location" not in TS.read_text(encoding="utf-8"), "run scripts/update-translations"


# --- the code ---------------------------------------------------------------------------------


def test_every_translation_call_can_be_extracted():
    problems = [p for visitor in calls() for p in visitor.problems]
    assert not problems, "\n".join(problems)


def test_every_translated_literal_is_in_the_translation_file():
    """What the code asks Qt to translate is what lupdate extracted, under the same context:
    catches the strings lupdate silently skips (a call as the plural's count, an escaped line end)."""
    extracted = {(c, s, m): plural for c, s, m, plural in messages(TS)}
    missing, not_plural = [], []
    for visitor in calls():
        for context, source, comment, plural, line in visitor.found:
            where = f"{visitor.name}:{line}: [{context}] {source[:60]!r}"
            if (context, source, comment) not in extracted:
                missing.append(where)
            elif plural and not extracted[(context, source, comment)]:
                not_plural.append(where)
    assert not missing, "not in the .ts (run scripts/update-translations):\n" + "\n".join(missing)
    assert not not_plural, "extracted without plural forms:\n" + "\n".join(not_plural)


def test_no_french_text_shown_without_translation():
    """A French literal given straight to a widget would stay French in every language."""
    found = [line for path in ui_modules()
             for line in untranslated(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not found, "wrap in self.tr() / QApplication.translate():\n" + "\n".join(found)


def test_the_sweep_sees_what_it_must():
    source = '''
from PySide6.QtWidgets import QLabel, QMessageBox
class W:
    def f(self, name, error):
        QLabel("Bonjour")
        self.label.setToolTip("Aide " + name)
        QMessageBox.warning(self, "Titre", self.tr("Texte"))
        self.box.addItem(f"Choisir {name}", "")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), "Action"])
        QLabel(self.tr("Traduit"))
        QLabel(f"{name} — {error}")
        self.tray.setToolTip("Incident Wizard")
        QLabel("Oui" if error else "—")
        self.button.setText(QApplication.translate("Documents", "Copier") + " ✓")
        self.status.showMessage("Incident Wizard est déjà ouvert")
'''
    found = [line.split(": ", 1)[1] for line in untranslated(source, "example")]
    assert found == ["QLabel('Bonjour')", "setToolTip('Aide ')", "warning('Titre')", "addItem('Choisir ')",
                     "setHorizontalHeaderLabels('Action')", "QLabel('Oui')",
                     "showMessage('Incident Wizard est déjà ouvert')"]


def test_the_call_check_sees_what_lupdate_misses():
    source = '''
from PySide6.QtWidgets import QApplication
tr = lambda text: QApplication.translate("Documents", text)
LABELS = (QT_TRANSLATE_NOOP("Home", "Référence"),)
def export(parent, count, name):
    tr("Dossier")
    QApplication.translate("Documents", "%n fichier(s)", "", count)
    QApplication.translate(name, "Titre")
    return QApplication.translate("Home", LABELS[0])
class Page:
    def refresh(self, title):
        self.heading.setText(f"{title or self.tr('(sans intitulé)')}")
        self.label.setText(self.tr(title))
        self.other.tr("Texte")
        return self.tr("Clôturé"), self.tr("%n échéance(s)", "", len(title))
'''
    visitor = calls_in(source, "example")
    assert [p.split(": ", 1)[1].split(":")[0] for p in visitor.problems] == [
        "tr() not called as self.tr()", "translate() with %n", "translate() without a literal context",
        "tr() inside an f-string", "tr() of a computed text", "tr() not called as self.tr()"]
    assert [found[:4] for found in visitor.found] == [
        ("Home", "Référence", "", False), ("Documents", "%n fichier(s)", "", True),
        ("Page", "(sans intitulé)", "", False), ("Page", "Clôturé", "", False),
        ("Page", "%n échéance(s)", "", True)]


# --- every French text extracted, whatever the call (issue 26) --------------------------------

#: French-only characters, and short words that make a string a French sentence.
FRENCH_LETTERS = re.compile(r"[éèêëàâçôûùîïœÉÈÊÀÇ«»]")
FRENCH_WORDS = {"le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "pour", "dans",
                "ce", "au", "aux", "sur", "par", "pas", "en", "ou", "qui", "que"}
#: Literals that are not shown: marks a title is cut at, typographic quotes put around a text.
NOT_SHOWN = {", d'après", "« ", " »", "«", "»", " « "}


def french_literals(source: str) -> list[tuple[int, str]]:
    """Every French string literal of a module that is not a docstring, a translation's
    disambiguation comment or a log message: what a user may read."""
    tree = ast.parse(source)
    skipped = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "tr" and len(node.args) > 1:
                skipped.add(id(node.args[1]))
            if name == "translate" and len(node.args) > 2:
                skipped.add(id(node.args[2]))
            if name in ("translate", "QT_TRANSLATE_NOOP") and node.args:
                skipped.add(id(node.args[0]))  # the context
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "log":
                skipped.update(id(a) for a in node.args)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value
            words = re.findall(r"[^\W\d_]+", text.lower())
            sentence = re.fullmatch(r"[A-Z][a-z]+( [a-z]+)+[ .:!?…]*", text)  # "Envoi impossible"
            if text not in NOT_SHOWN and text not in PRODUCT_NAMES and (
                    FRENCH_LETTERS.search(text) or sentence
                    or (len(words) >= 2 and FRENCH_WORDS & set(words))):
                found.append((node.lineno, text))
    return found


def test_every_french_text_of_the_ui_is_extracted():
    """Whatever call carries it (a helper such as the old ``_tr()`` of ui/transfer.py, a lambda,
    a table), a French text of the UI is in the .ts, or lupdate never saw it and it can never be
    translated."""
    extracted = {source for _, source, _, _ in messages(TS)}
    missing = [f"{path.relative_to(ROOT)}:{line}: {text[:70]!r}" for path in ui_modules()
               for line, text in french_literals(path.read_text(encoding="utf-8")) if text not in extracted]
    assert not missing, "not extracted by lupdate (use self.tr() or QApplication.translate()):\n" + "\n".join(missing)


def test_the_extraction_check_sees_a_helper():
    source = '''
def _tr(text):
    return QApplication.translate("Transfer", text)
def f(parent):
    """Un docstring en français n'est pas montré."""
    QMessageBox.warning(parent, _tr("Envoi impossible"), QApplication.translate("Transfer", "Déjà traduit"))
    log.info("démarrage de la fenêtre")
    self.setObjectName("first-hour-draft")
    QApplication.translate("Documents", "Registre", "nom de dossier")
    label.setText(_tr("L'incident %s est importé"))
    self.tray.setToolTip("Incident Wizard")
'''
    assert [text for _, text in french_literals(source)] == [
        "Envoi impossible", "Déjà traduit", "L'incident %s est importé"]


def lrelease() -> str:
    found = Path(sys.executable).with_name("pyside6-lrelease")
    if found.exists():
        return str(found)
    found = shutil.which("pyside6-lrelease")
    if found is None:
        pytest.skip("pyside6-lrelease not installed")
    return found


def test_each_translation_ships_compiled_and_fresh(tmp_path):
    """Every .ts has its .qm next to it (what the app loads), and the .qm is the .ts compiled
    now: a stale catalogue fails (run scripts/update-translations)."""
    translations = sorted(TS.parent.glob("incident_wizard_*.ts"))
    assert translations == [TS]
    for ts in translations:
        shipped = ts.with_suffix(".qm")
        assert shipped.is_file(), f"{shipped.name} missing: run scripts/update-translations"
        fresh = tmp_path / shipped.name
        subprocess.run([lrelease(), str(ts), "-qm", str(fresh), "-silent"], check=True, capture_output=True)
        assert fresh.read_bytes() == shipped.read_bytes(), f"{shipped.name} is stale: run scripts/update-translations"


def test_the_shipped_catalogue_is_loaded_for_its_language(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from incident_wizard import i18n
    from incident_wizard.ui.app import install_translations

    app = QApplication.instance()
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en")
    installed = install_translations(app)
    try:
        assert QApplication.translate("Transfer", "Incident déjà présent") == "Incident already here"
        assert QApplication.translate("App", "Déjà ouvert") == "Already open"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        install_translations(app, "fr")
    assert QApplication.translate("Transfer", "Incident déjà présent") == "Incident déjà présent"
