"""Documents at scale (issue 22, "Fast at any size"): the yearly review, the register (Word, PDF,
CSV) and the consolidated register of a DPO's folder, with 1,000 and 10,000 realistic incidents,
and the single Word documents of one incident; each measure against a bare baseline measured in
the same run, interleaved (app, bare, app, bare...), each in its own process (its peak memory).

The incidents: a few hundred distinct, complete ones built through the real API (the built-in
sample, application.sample.build_sample, then varied through application.session.IncidentSession:
titles, counts, descriptions, lessons; some left open or undecided), copied in SQL with new
references (each copy's journal chained again for its reference, so that every journal verifies)
up to each size; in the 10,000 folder the copies belong to 40 pharmacies (a DPO's consolidated
register). The folders are kept under --cache between runs.

Bare baselines:
- single documents: python-docx writing the same paragraphs and tables (read back from the
  app's file: same texts, same rows and columns), no template, no HTML;
- the register: python-docx writing a table of the same rows and columns (the app's CSV rows,
  grouped in the printed columns as "label : value" lines), the csv module writing the same CSV,
  and (with the PDF) Qt's QTextDocument printing a bare HTML table of the same rows;
- the yearly review: python-docx writing the same paragraphs and tables, and Qt printing a bare
  HTML of the same texts.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/documents_scale.py [--sizes 1000,10000]
     [--measures single,review,register,register-word,register-pdf] [--runs N] [--timeout S]
Against another version of the code: PYTHONPATH=/path/to/other/src (the folders are shared).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))

#: The benchmark's "now": every incident's awareness falls in the twelve months before it.
NOW = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
DB_NAME = "incidents.sqlite3"

TITLES = (
    "Rançongiciel sur le poste du comptoir",
    "Poste de préparation chiffré par un logiciel malveillant",
    "Serveur du LGO inaccessible après ouverture d'une pièce jointe",
    "Chiffrement des ordonnances numérisées",
    "Message de rançon sur le poste du back-office",
    "Sauvegarde réseau chiffrée",
    "Ordinateur portable de l'officine chiffré",
    "Attaque par rançongiciel via l'accès à distance du prestataire",
)
DESCRIPTIONS = (
    "À l'ouverture, le poste affiche un message de rançon ; les fichiers du LGO sont illisibles.",
    "L'équipe constate en début d'après-midi que les documents scannés ne s'ouvrent plus ; une "
    "note de rançon est présente dans chaque dossier.",
    "Le prestataire informatique signale un chiffrement en cours sur le serveur ; le poste du "
    "comptoir est débranché du réseau sur ses conseils.",
    "Les ordonnances numérisées de la semaine ne s'affichent plus ; un fichier « LISEZ-MOI » "
    "réclame un paiement en cryptomonnaie.",
)


# --- the folders ---------------------------------------------------------------------------------


def build_seed(folder: Path, distinct: int) -> None:
    """``distinct`` different incidents through the app's own API (slow: about 0.2 s each)."""
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.clock import paris_to_utc, to_paris
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage

    procedure = load_procedure()
    storage = Storage.open(folder)
    first = datetime(2025, 12, 10, 9, 0)
    span = (NOW.replace(tzinfo=None) - timedelta(days=8) - first).total_seconds()
    for k in range(distinct):
        local = first + timedelta(seconds=span * k / max(distinct, 1), minutes=37 * (k % 11))
        awareness = paris_to_utc(local.replace(second=0, microsecond=0))
        kind = k % 6
        reference = build_sample(storage, procedure, awareness=awareness, complete=kind != 0,
                                 close=False)
        now = {"t": awareness + timedelta(days=4)}
        session = IncidentSession(storage, procedure, reference, now=lambda now=now: now["t"],
                                  actor=("Claire Martin", "Paul Durand", "exemple")[k % 3])
        session.set_value("title", f"{TITLES[k % len(TITLES)]} (cas {k + 1})")
        session.set_value("discovery.description",
                          DESCRIPTIONS[k % len(DESCRIPTIONS)] + f" Constat n° {k + 1}, poste {k % 7 + 1}.")
        if kind != 0:
            session.set_value("scope.persons_count", 150 + 37 * k)
            session.set_value("scope.records_count", 900 + 211 * k)
            session.set_value("measures.lessons_learned",
                              f"Tester la restauration des sauvegardes tous les {k % 5 + 1} mois ; "
                              "rappeler à l'équipe de ne pas ouvrir les pièces jointes inattendues.")
        if kind not in (0, 1):  # closed, as the sample is
            now["t"] += timedelta(days=1)
            first_action = session.incident.actions[0]
            session.followup.update_action(
                first_action.id, done_on=to_paris(now["t"]).date().isoformat(),
                evidence="Copie hors ligne en place ; restauration d'essai réussie.")
            session.close()
    storage.close()


def copy_incidents(database: Path, size: int, pharmacies: int) -> None:
    """Add copies of the folder's incidents (new references, journals chained again for them)
    until it holds ``size``; with ``pharmacies`` > 1 the copies belong to that many pharmacies."""
    from incident_wizard.domain import journal as jr
    from incident_wizard.domain import record
    from incident_wizard.domain.serialize import format_instant, parse_instant

    conn = sqlite3.connect(database)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(incidents)")]
    seeds = conn.execute(f"SELECT {', '.join(columns)} FROM incidents ORDER BY reference").fetchall()
    have = len(seeds)
    journals = {}
    for row in seeds:
        reference = row[columns.index("reference")]
        journals[reference] = [
            (parse_instant(at), actor, action, json.loads(details), facts)
            for at, actor, action, details, facts in conn.execute(
                "SELECT at, actor, action, details, facts FROM journal WHERE reference = ? ORDER BY seq",
                (reference,))]
    with conn:
        for n in range(size - have):
            seed = list(seeds[n % have])
            old = seed[columns.index("reference")]
            year = old.split("-")[1]
            reference = f"VDP-{year}-{1000 + n:05d}"
            data = json.loads(seed[columns.index("data")])
            data["reference"] = reference
            if pharmacies > 1:
                p = n % pharmacies
                data["organisation"]["name"] = f"Pharmacie n° {p:03d}"
                data["organisation"]["siret"] = f"{73282932000000 + 1000 + p:014d}"
            previous = None
            rows = []
            entries = journals[old]
            own = record.digest_of(data)  # the pharmacy is a printed fact since schema 8
            for index, (at, actor, action, details, facts) in enumerate(entries):
                if facts and index == len(entries) - 1:
                    facts = own
                previous = jr.make_entry(reference, previous, at, actor, action, details, facts)
                rows.append((reference, previous.seq, format_instant(at), actor, action,
                             json.dumps(previous.details, ensure_ascii=False), previous.prev_hash,
                             previous.hash, facts))
            seed[columns.index("reference")] = reference
            seed[columns.index("data")] = json.dumps(data, ensure_ascii=False)
            seed[columns.index("journal_head")] = previous.hash
            seed[columns.index("journal_count")] = previous.seq
            conn.execute(f"INSERT INTO incidents({', '.join(columns)}) VALUES "
                         f"({', '.join('?' * len(columns))})", seed)
            conn.executemany("INSERT INTO journal(reference, seq, at, actor, action, details, "
                             "prev_hash, hash, facts) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    conn.close()


def folder_for(cache: Path, size: int, distinct: int) -> Path:
    """The data folder of ``size`` incidents (built once, then kept)."""
    seed = cache / f"seed-{distinct}"
    if not (seed / ".done").exists():
        shutil.rmtree(seed, ignore_errors=True)
        seed.mkdir(parents=True)
        start = time.perf_counter()
        print(f"building {distinct} distinct incidents through the API in {seed} ...", flush=True)
        build_seed(seed, distinct)
        (seed / ".done").write_text(f"{time.perf_counter() - start:.0f} s\n")
    if size <= 0:
        return seed
    target = cache / f"n-{size}-of-{distinct}"
    if not (target / ".done").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        source = sqlite3.connect(seed / DB_NAME)
        copy = sqlite3.connect(target / DB_NAME)
        source.backup(copy)
        source.close()
        copy.close()
        print(f"copying up to {size} incidents in {target} ...", flush=True)
        copy_incidents(target / DB_NAME, size, 40 if size >= 10_000 else 1)
        (target / ".done").write_text("ok\n")
    return target


def single_folder(cache: Path) -> Path:
    """One sample incident (the single documents)."""
    target = cache / "single"
    if not (target / ".done").exists():
        from incident_wizard.application.sample import build_sample
        from incident_wizard.domain.procedure import load_procedure
        from incident_wizard.storage import Storage

        shutil.rmtree(target, ignore_errors=True)
        with Storage.open(target) as storage:
            build_sample(storage, load_procedure())
        (target / ".done").write_text("ok\n")
    return target


# --- the measures, each run in a child process -----------------------------------------------------


def open_copy(data: Path, work: Path):  # noqa: ANN201 - a Storage
    """The app on a private copy of the folder (an export logs itself in the database)."""
    from incident_wizard.storage import Storage

    copy = work / "data"
    copy.mkdir()
    source = sqlite3.connect(data / DB_NAME)
    target = sqlite3.connect(copy / DB_NAME)
    source.backup(target)
    source.close()
    target.close()
    return Storage.open(copy)


def app_register(data: Path, work: Path, pdf: bool) -> dict:
    from incident_wizard.application.exports import write_register
    from incident_wizard.documents.templates import Renderer
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    storage = open_copy(data, work)
    renderer = Renderer(user_dir=work / "no-user-templates")
    start = time.perf_counter()
    # xlsx=False: the bare baseline writes no spreadsheet (the .xlsx register of issue 26 is
    # written by default; it is not part of this comparison).
    result = write_register(storage, procedure, work / "out", now=NOW, renderer=renderer, pdf=pdf,
                            xlsx=False)
    elapsed = time.perf_counter() - start
    keep = Path(os.environ["BENCH_KEEP"]) if os.environ.get("BENCH_KEEP") else None
    if keep is not None:
        for path in result.files:
            shutil.copy(path, keep / path.name)
    return {"seconds": elapsed, "files": {p.suffix: p.stat().st_size for p in result.files},
            "warnings": [w[:200] for w in result.warnings]}


def register_rows_from_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return rows[0], rows[1:]


def grouped(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The CSV's rows in the printed register's columns, each cell "label : value" lines."""
    from incident_wizard.documents.content import REGISTER_MODEL

    labels = {c.label: c.group for c in REGISTER_MODEL}
    groups: list[str] = []
    for label in header:
        if labels[label] not in groups:
            groups.append(labels[label])
    out = []
    for row in rows:
        cells: dict[str, list[str]] = {g: [] for g in groups}
        for label, value in zip(header, row, strict=True):
            if value:
                cells[labels[label]].append(f"{label} : {value}")
        out.append(["\n".join(cells[g]) for g in groups])
    return groups, out


def bare_pdf(html: str, path: Path, landscape: bool) -> None:
    """Qt's own PDF of ``html``: QTextDocument printed on a QPdfWriter, A4, 15 mm margins."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(["bench"])
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size()))
    document.setHtml(html)
    document.print_(writer)
    del writer


def bare_register(csv_path: Path, work: Path, pdf: bool, size: int = 0) -> dict:
    from html import escape
    from itertools import cycle, islice

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    header, rows = register_rows_from_csv(csv_path)  # read before the clock starts
    if size and len(rows) != size:
        rows = list(islice(cycle(rows), size))
    start = time.perf_counter()
    groups, cells = grouped(header, rows)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_paragraph("Registre des violations de données personnelles")
    table = document.add_table(rows=0, cols=len(groups))
    heading = table.add_row().cells
    for index, group in enumerate(groups):
        heading[index].text = group
    for row in cells:
        target = table.add_row().cells
        for index, text in enumerate(row):
            target[index].text = text
    document.save(str(work / "bare.docx"))
    with (work / "bare.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    if pdf:
        html = ["<h1>Registre des violations de données personnelles</h1><table><tr>"]
        html += [f"<th>{escape(g)}</th>" for g in groups]
        html.append("</tr>")
        for row in cells:
            html.append("<tr>" + "".join(f"<td>{escape(t).replace(chr(10), '<br>')}</td>" for t in row)
                        + "</tr>")
        html.append("</table>")
        bare_pdf("".join(html), work / "bare.pdf", landscape=True)
    return {"seconds": time.perf_counter() - start, "rows": len(rows)}


def docx_blocks(path: Path) -> list:
    """The body of a Word file as ("p", text) and ("t", [[cell text...]...]) blocks."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(("p", Paragraph(child, document).text))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            blocks.append(("t", [[c.text for c in row.cells] for row in table.rows]))
    return blocks


def bare_docx(blocks: list, path: Path) -> None:
    """python-docx writing ``blocks`` directly (its documented API, one row's cells read once)."""
    from docx import Document

    document = Document()
    for kind, value in blocks:
        if kind == "p":
            document.add_paragraph(value)
        else:
            table = document.add_table(rows=0, cols=max(len(r) for r in value))
            for row in value:
                cells = table.add_row().cells
                for index, text in enumerate(row):
                    cells[index].text = text
    document.save(str(path))


def bare_html(blocks: list) -> str:
    from html import escape

    parts = []
    for kind, value in blocks:
        if kind == "p":
            parts.append(f"<p>{escape(value)}</p>")
        else:
            parts.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in value)
                + "</table>")
    return "".join(parts)


def app_review(data: Path, work: Path) -> dict:
    from incident_wizard.application.review import write_review
    from incident_wizard.documents.templates import Renderer
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    storage = open_copy(data, work)
    renderer = Renderer(user_dir=work / "no-user-templates")
    start = time.perf_counter()
    result = write_review(storage, procedure, work / "out", now=NOW, renderer=renderer)
    elapsed = time.perf_counter() - start
    keep = Path(os.environ["BENCH_KEEP"]) if os.environ.get("BENCH_KEEP") else None
    if keep is not None:
        for path in result.files:
            shutil.copy(path, keep / path.name)
            shutil.copy(path, work.parent / path.name)  # the bare baseline reads it
    docx = next(p for p in result.files if p.suffix == ".docx")
    shutil.copy(docx, work.parent / "review-app.docx")
    return {"seconds": elapsed, "files": {p.suffix: p.stat().st_size for p in result.files},
            "warnings": [w[:200] for w in result.warnings]}


def bare_review(app_docx: Path, work: Path) -> dict:
    blocks = docx_blocks(app_docx)  # read before the clock starts
    start = time.perf_counter()
    bare_docx(blocks, work / "bare.docx")
    bare_pdf(bare_html(blocks), work / "bare.pdf", landscape=False)
    return {"seconds": time.perf_counter() - start}


def single_documents(data: Path, work: Path, bare: bool, runs: int = 9) -> dict:
    """The CNIL draft, the register sheet (each rendered from the incident's view and written
    as .docx) and the register of that one incident (.docx and .csv); medians of ``runs``."""
    from incident_wizard.application.exports import read_view, write_register
    from incident_wizard.documents import content
    from incident_wizard.documents.export import write_incident_files
    from incident_wizard.documents.templates import Renderer
    from incident_wizard.domain import obligations
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    storage = open_copy(data, work)
    reference = storage.list_incidents()[0].reference
    renderer = Renderer(user_dir=work / "no-user-templates")
    view, entries = read_view(storage, procedure, reference)
    anchor = content.anchor_text(reference, view.journal_head, view.journal_count)
    who = content.decided_by(entries)
    results = {}
    for kind, name in ((obligations.DOC_CNIL, "cnil"), (obligations.DOC_SHEET, "sheet")):
        def app(index: int, kind=kind) -> Path:
            written = write_incident_files(view, procedure, entries, work / f"{kind}{index}", {kind: ""},
                                           NOW, "initial", anchor, view.verification.message, "",
                                           renderer, pdf=False, decided_by=who)
            return written[0][0]

        (work / f"{kind}w").mkdir()
        blocks = docx_blocks(app("w"))
        times = []
        for index in range(runs):
            (work / f"{kind}{index}").mkdir()
            start = time.perf_counter()
            if bare:
                bare_docx(blocks, work / f"{kind}{index}" / "bare.docx")
            else:
                app(index)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
    register = write_register(storage, procedure, work / "regw", now=NOW, renderer=renderer, pdf=False,
                              xlsx=False)
    blocks = docx_blocks(next(p for p in register.files if p.suffix == ".docx"))
    header, rows = register_rows_from_csv(next(p for p in register.files if p.suffix == ".csv"))
    times = []
    for index in range(runs):
        out = work / f"reg{index}"
        out.mkdir()
        start = time.perf_counter()
        if bare:
            bare_docx(blocks, out / "bare.docx")
            with (out / "bare.csv").open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
                writer.writerow(header)
                writer.writerows(rows)
        else:
            write_register(storage, procedure, out, now=NOW, renderer=renderer, pdf=False, xlsx=False)
        times.append(time.perf_counter() - start)
    results["register"] = statistics.median(times)
    return {"seconds": sum(results.values()), **results}


def child(args: argparse.Namespace) -> int:
    data, work = Path(args.data), Path(args.work)
    if args.child == "register":
        result = app_register(data, work, pdf=args.pdf)
    elif args.child == "bare-register":
        result = bare_register(Path(args.csv), work, pdf=args.pdf, size=args.rows)
    elif args.child == "review":
        result = app_review(data, work)
    elif args.child == "bare-review":
        result = bare_review(Path(args.csv), work)
    elif args.child == "single":
        result = single_documents(data, work, bare=False)
    elif args.child == "bare-single":
        result = single_documents(data, work, bare=True)
    else:
        raise SystemExit(f"unknown measure {args.child}")
    print("RESULT " + json.dumps(result))
    return 0


# --- the parent: interleaved runs -----------------------------------------------------------------


def run_child(measure: str, data: Path, work: Path, timeout: float, pdf: bool = False,
              csv_path: Path | None = None, rows: int = 0) -> dict:
    """One measure in its own process: its result, wall time and peak memory (MiB)."""
    work.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, str(Path(__file__).resolve()), "--child", measure, "--data", str(data),
            "--work", str(work)]
    if pdf:
        args.append("--pdf")
    if csv_path is not None:
        args += ["--csv", str(csv_path)]
    if rows:
        args += ["--rows", str(rows)]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return {"seconds": None, "timeout": timeout, "peak_mib": usage.ru_maxrss / 1024}
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    line = next((x for x in text.splitlines() if x.startswith("RESULT ")), None)
    if process.returncode != 0 or line is None:
        return {"seconds": None, "error": text[-2000:], "peak_mib": usage.ru_maxrss / 1024}
    result = json.loads(line[len("RESULT "):])
    result["peak_mib"] = usage.ru_maxrss / 1024
    result["wall"] = time.perf_counter() - start
    return result


def show(seconds: float | None, result: dict) -> str:
    if seconds is None:
        if "timeout" in result:
            return f"not finished after {result['timeout']:.0f} s"
        return "failed"
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="incident counts, comma-separated")
    parser.add_argument("--measures", default="single,review,register,register-word,register-pdf",
                        help="single, review, register (docx+pdf+csv), register-word (docx+csv), "
                             "register-pdf (docx+pdf+csv at sizes >= 10,000)")
    parser.add_argument("--distinct", type=int, default=300, help="distinct incidents built through the API")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "iw-documents-scale"))
    parser.add_argument("--runs", type=int, default=1, help="app/bare pairs per measure")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a measure is stopped")
    parser.add_argument("--keep", help="copy the app's files there (to look at them)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    import incident_wizard

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    measures = [m.strip() for m in args.measures.split(",") if m.strip()]
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        os.environ["BENCH_KEEP"] = str(Path(args.keep).resolve())
    folders = {size: folder_for(cache, size, args.distinct) for size in sizes}
    print(f"code: {Path(incident_wizard.__file__).parent}; {os.cpu_count()} cores; "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    lines = ["| measure | app | bare baseline | ratio | app peak memory | bare peak memory |",
             "|---|---|---|---|---|---|"]

    def pair(label: str, app_measure: str, bare_measure: str, data: Path, pdf: bool,
             csv_of=None, rows: int = 0) -> None:  # noqa: ANN001
        apps, bares = [], []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory(dir=cache) as scratch:
                scratch = Path(scratch)
                app = run_child(app_measure, data, scratch / "app", args.timeout, pdf)
                apps.append(app)
                print(f"  {label} app run {run + 1}: {show(app['seconds'], app)}, peak "
                      f"{app['peak_mib']:.0f} MiB {app.get('error', '')[-600:]}", flush=True)
                source = csv_of(scratch) if csv_of else None
                bare = run_child(bare_measure, data, scratch / "bare", args.timeout, pdf, source,
                                 rows)
                bares.append(bare)
                print(f"  {label} bare run {run + 1}: {show(bare['seconds'], bare)}, peak "
                      f"{bare['peak_mib']:.0f} MiB {bare.get('error', '')[-600:]}", flush=True)
        app_s = [a["seconds"] for a in apps if a["seconds"] is not None]
        bare_s = [b["seconds"] for b in bares if b["seconds"] is not None]
        app_t = statistics.median(app_s) if len(app_s) == len(apps) else None
        bare_t = statistics.median(bare_s) if len(bare_s) == len(bares) else None
        ratio = f"{app_t / bare_t:.2f}×" if app_t and bare_t else "—"
        lines.append(f"| {label} | {show(app_t, apps[-1])} | {show(bare_t, bares[-1])} | {ratio} | "
                     f"{max(a['peak_mib'] for a in apps):.0f} MiB | "
                     f"{max(b['peak_mib'] for b in bares):.0f} MiB |")
        if label.startswith("single"):
            for key in ("cnil", "sheet", "register"):
                if app_t and bare_t:
                    a = statistics.median(x[key] for x in apps)
                    b = statistics.median(x[key] for x in bares)
                    lines.append(f"| — {key} (.docx) | {a * 1000:.0f} ms | {b * 1000:.0f} ms | "
                                 f"{a / b:.2f}× | | |")

    # The bare register reads the CSV that the app wrote (the same rows); when the app did not
    # finish, the CSV of an earlier run of this size, else the rows of a smaller register repeated
    # up to the size (the copies repeat the distinct incidents: the same texts).
    def register_csv(size: int):  # noqa: ANN202
        def find(scratch: Path) -> Path | None:
            keep = cache / f"register-{size}.csv"
            made = sorted((scratch / "app" / "out").glob("registre-*.csv"))
            if made:
                shutil.copy(made[0], keep)
            if keep.exists():
                return keep
            return max(cache.glob("register-*.csv"), default=None,
                       key=lambda p: int(p.stem.split("-")[1]))
        return find

    def review_docx(size: int):  # noqa: ANN202
        def find(scratch: Path) -> Path | None:
            made = scratch / "review-app.docx"
            keep = cache / f"review-{size}.docx"
            if made.exists():
                shutil.copy(made, keep)
            return keep if keep.exists() else None
        return find

    if "single" in measures:
        pair("single documents of the sample incident", "single", "bare-single", single_folder(cache),
             False)
    for size in sizes:
        data = folders[size]
        if "review" in measures:
            pair(f"yearly review, {size:,} incidents (.docx + .pdf)", "review", "bare-review", data,
                 False, review_docx(size))
        if "register" in measures and size < 10_000:
            pair(f"register, {size:,} incidents (.docx + .pdf + .csv)", "register", "bare-register",
                 data, True, register_csv(size), size)
        if "register-word" in measures:
            pair(f"register, {size:,} incidents (.docx + .csv)", "register", "bare-register", data,
                 False, register_csv(size), size)
        if "register-pdf" in measures and size >= 10_000:
            pair(f"register, {size:,} incidents (.docx + .pdf + .csv)", "register", "bare-register",
                 data, True, register_csv(size), size)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
