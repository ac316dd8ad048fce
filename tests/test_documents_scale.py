"""Documents at any size (issue 22, "Fast at any size"), without timing anything:

- the Word writer gives the XML that python-docx gave for the same HTML (its previous writer is
  kept below as the reference), whole or in pieces, and writes each table cell once;
- the register reads each incident once and its journal once, with a bounded number of SQL
  statements per incident, never holds the incidents, still flags an altered journal (an entry
  altered anywhere in the chain), and is complete for 2,000 incidents;
- the PDF lays a long table out in parts that hold every row once;
- the yearly review reads each incident once, keeps none, and lists a bounded number of lines
  with how many more there are."""

from __future__ import annotations

import csv
import re
import sqlite3
import weakref
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from docx import Document
from lxml import etree

from incident_wizard.application import exports
from incident_wizard.application.exports import write_register
from incident_wizard.application.review import summarise, write_review
from incident_wizard.application.sample import build_sample
from incident_wizard.documents import html_docx, pdf, texts
from incident_wizard.documents.rows import RowFile
from incident_wizard.domain import review as yearly
from incident_wizard.domain.model import FollowUpAction, Incident
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

from .conftest import utc

PROCEDURE = load_procedure()


# --- the previous writer (HTMLParser and python-docx's API), the reference of the XML -------------


@dataclass
class _Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set:
        return set(self.attrs.get("class", "").split())


class _OldTree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in html_docx.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data) -> None:
        self.stack[-1].children.append(data)


def _old_walk(node):
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            if child.tag != "table":
                yield from _old_walk(child)


class _OldWriter:
    """html_docx._Writer before issue 22 (python-docx's API: O(columns) per cell)."""

    def __init__(self, document, base_size):
        self.doc = document
        self.base_size = base_size

    def blocks(self, node, container=None, list_style=None):
        from docx.enum.text import WD_BREAK

        container = container if container is not None else self.doc
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    self.runs(container.add_paragraph(), [child])
                continue
            tag = child.tag
            if tag in ("h1", "h2", "h3"):
                paragraph = container.add_paragraph()
                if container is self.doc:
                    paragraph._p.style = f"Heading{tag[1]}"
                self.runs(paragraph, child.children, bold=container is not self.doc)
            elif tag == "p":
                self.runs(container.add_paragraph(), child.children, small="small" in child.classes)
            elif tag in ("ul", "ol"):
                self.blocks(child, container, "ListNumber" if tag == "ol" else "ListBullet")
            elif tag == "li":
                if container is self.doc:
                    paragraph = container.add_paragraph()
                    paragraph._p.style = list_style or "ListBullet"
                else:
                    paragraph = container.add_paragraph("• ")
                self.runs(paragraph, child.children)
            elif tag == "table":
                self.table(child, container)
            elif tag == "hr":
                container.add_paragraph("—" * 20)
            elif tag == "div" and "pagebreak" in child.classes:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif tag == "br":
                continue
            else:
                self.blocks(child, container, list_style)

    def runs(self, paragraph, children, bold=False, italic=False, missing=False, small=False):
        from docx.shared import Pt, RGBColor

        for child in children:
            if isinstance(child, str):
                text = html_docx._SPACES.sub(" ", html_docx.clean(child))
                if not paragraph.runs or paragraph.runs[-1].text.endswith((" ", "\n")):
                    text = text.lstrip(" ")
                if not text:
                    continue
                run = paragraph.add_run(text)
                run.bold = bold or None
                run.italic = italic or missing or None
                if missing:
                    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
                if small:
                    run.font.size = Pt(self.base_size - 2)
                continue
            tag = child.tag
            if tag == "br":
                paragraph.add_run().add_break()
            elif tag in ("strong", "b", "th"):
                self.runs(paragraph, child.children, True, italic, missing, small)
            elif tag in ("em", "i"):
                self.runs(paragraph, child.children, bold, True, missing, small)
            elif "missing" in child.classes:
                self.runs(paragraph, child.children, bold, italic, True, small)
            else:
                self.runs(paragraph, child.children, bold, italic, missing,
                          small or "small" in child.classes)

    def table(self, node, container):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm

        rows = [n for n in _old_walk(node) if n.tag == "tr"]
        if not rows:
            return
        width = max(len([c for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")])
                    for r in rows)
        if width == 0:
            return
        table = (self.doc if container is self.doc else container).add_table(rows=0, cols=width)
        table._tbl.tblPr.style = "TableGrid"
        for row in rows:
            cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
            docx_row = table.add_row()
            if all(c.tag == "th" for c in cells):
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                docx_row._tr.get_or_add_trPr().append(header)
            for index, cell in enumerate(cells):
                target = docx_row.cells[index]
                paragraph = target.paragraphs[0]
                block_children = [c for c in cell.children if isinstance(c, _Node) and c.tag in
                                  ("p", "ul", "ol", "table", "div")]
                if block_children:
                    self.runs(paragraph, [c for c in cell.children if isinstance(c, str) or
                                          c not in block_children], bold=cell.tag == "th",
                              missing="missing" in cell.classes)
                    self.blocks(_Node("div", children=block_children), target)
                else:
                    self.runs(paragraph, cell.children, bold=cell.tag == "th",
                              missing="missing" in cell.classes)
        widths = node.attrs.get("data-widths")
        if widths:
            for index, value in enumerate(widths.split(",")[:width]):
                table.columns[index].width = Cm(float(value))
                for cell in table.columns[index].cells:
                    cell.width = Cm(float(value))


def _old_body(html: str, landscape: bool = False, base_size: float = 10.5) -> bytes:
    """The body python-docx wrote for ``html`` (same document set-up as write_docx)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.6)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin = section.right_margin = Cm(1.2)
    tree = _OldTree()
    tree.feed(html)
    tree.close()
    _OldWriter(document, base_size).blocks(tree.root)
    return etree.tostring(document.element.body, method="c14n")


def _body(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return etree.tostring(root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"),
                          method="c14n")


HTML = """<h1>Titre &amp; « sous-titre »</h1>
<p><strong>Gras</strong> — texte   sur
plusieurs lignes<br>  après un saut, <em>italique <span class="missing">manquant</span></em>
<span class="small">petit</span></p>
<!-- un commentaire <table> -->
Texte libre au niveau du corps
<ul><li>un</li><li><b>deux</b></li></ul><ol><li>trois</li></ol>
<hr>
<table width="100%" data-widths="3.2,2.7,4">
<tr><th>A</th><th>B</th><th>C</th></tr>
<tr><td>1</td><td class="missing">—</td><td><strong>x</strong> : y<br>z</td></tr>
<tr><td>seule</td></tr>
<tr><td>avant <p>un paragraphe</p> après<ul><li>puce</li></ul>
<table><tr><td>imbriqué</td><td>2</td></tr></table><div class="pagebreak"></div></td><td>b</td><td>c</td></tr>
</table>
<div class="pagebreak"></div>
<table><tr><td>sans largeurs</td><td>2</td></tr><tr><th>t</th><td>v &lt;b&gt;</td></tr></table>
<div><h2>Dans un div</h2><p class="small">fin</p></div>
<table><tbody><tr><td>corps</td></tr></tbody><tr><td>après</td><td>deux</td></tr></table>
<p>Caractères interdits : \x01 et \u202e fin</p>
<p>un<!-- coupé -->deux</p>avant<!-- coupé -->après<br/><p/>
<script>if (a < b) { x = "</p>"; }</script>"""


@pytest.mark.parametrize("landscape, base_size", [(False, 10.5), (True, 8)])
def test_the_word_xml_is_python_docx_s_whole_or_in_pieces(tmp_path, landscape, base_size):
    """Same body as python-docx's own calls gave (column widths, header rows, nested tables,
    page breaks, runs and their properties), for the HTML given whole or in pieces of any size
    (cut inside tags, entities and comments)."""
    expected = _old_body(HTML, landscape, base_size)
    whole = tmp_path / "whole.docx"
    html_docx.write_docx(HTML, whole, "t", landscape=landscape, base_size=base_size)
    assert _body(whole) == expected
    for size in (1, 3, 7, 64):
        pieces = tmp_path / f"pieces{size}.docx"
        html_docx.write_docx(iter([HTML[i:i + size] for i in range(0, len(HTML), size)]), pieces, "t",
                             landscape=landscape, base_size=base_size)
        assert _body(pieces) == expected, size
    Document(str(whole))  # python-docx reads it back


def test_a_streamed_table_keeps_its_rows_in_order_whatever_comes_between(tmp_path):
    html = ("<table data-widths='2,3'><tr><th>h</th><th>i</th></tr><tr><td>1</td><td>a</td></tr>"
            "<caption>légende</caption><tr><td>2</td></tr><tr><td>3</td><td>b</td><td>c</td></tr>"
            "<tr><td>4<tr><td>5</td></tr></td></tr><tr><td>6")
    path = tmp_path / "t.docx"
    html_docx.write_docx(iter([html[i:i + 5] for i in range(0, len(html), 5)]), path, "t")
    assert _body(path) == _old_body(html)


def test_a_table_writes_each_cell_once_without_python_docx_s_table_api(tmp_path, monkeypatch):
    """O(cells): each cell of a table of R rows and C columns is written once, and python-docx's
    table objects (whose cell and column access cost O(columns) and O(rows)) are not used."""
    import docx.table

    written = []
    real_cell = html_docx._Writer._cell
    monkeypatch.setattr(html_docx._Writer, "_cell",
                        lambda self, cell, emu: (written.append(1), real_cell(self, cell, emu))[1])
    for name in ("_Cell", "_Row", "_Column", "Table"):
        monkeypatch.setattr(docx.table, name, None)  # any use fails
    for rows, columns in ((50, 9), (400, 9), (400, 20)):
        written.clear()
        html = "<table>" + "".join("<tr>" + "".join(f"<td>{r}-{c}</td>" for c in range(columns))
                                   + "</tr>" for r in range(rows)) + "</table>"
        html_docx.write_docx(iter([html]), tmp_path / "t.docx", "t")
        assert len(written) == rows * columns


# --- the register ---------------------------------------------------------------------------------


def _fill(storage, count, start=0):
    """``count`` small incidents with their journal (one transaction: generated data)."""
    with storage._transaction():
        for n in range(start, start + count):
            at = utc(2026, 1, 1, 8) + timedelta(hours=n)
            incident = Incident(reference=f"VDP-2026-{n + 1:05d}", created_at=at, title=f"Incident {n + 1}")
            incident.dates.awareness_at = at
            incident.actions = [FollowUpAction(id="A1", title=f"Action {n + 1}", owner="Titulaire",
                                               due=(at + timedelta(days=30 + n % 400)).date().isoformat())]
            storage._insert_incident(incident, at)
            storage.journal_repo.append(incident.reference, at, "test", "incident_created",
                                        {"title": incident.title})
            storage.journal_repo.append(incident.reference, at, "test", "facts_changed", {"n": n})


def _tamper(storage, sql, *args):
    conn = sqlite3.connect(storage.path)
    conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_a_register_of_2000_incidents_is_complete_and_reads_each_journal_once(storage, tmp_path, monkeypatch):
    _fill(storage, 2000)
    # An entry altered in the middle of a chain (not one of its last two): still flagged.
    storage.append_journal("VDP-2026-00777", "checklist_ticked", {"item": "x"}, at=utc(2026, 3, 1))
    _tamper(storage, "UPDATE journal SET details = '{\"n\": -1}' WHERE reference = ? AND seq = 2",
            "VDP-2026-00777")
    calls = {"journal": [], "verify": [], "load": []}
    live = []
    for name, key in (("journal", "journal"), ("verify_journal", "verify"), ("load_incident", "load")):
        real = getattr(Storage, name)

        def spy(self, reference, real=real, key=key):
            calls[key].append(reference)
            result = real(self, reference)
            if key == "load":
                live.append(weakref.ref(result))
                assert sum(1 for r in live if r() is not None) <= 2  # one incident at a time
            return result

        monkeypatch.setattr(Storage, name, spy)
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    references = [f"VDP-2026-{n + 1:05d}" for n in range(2000)]
    assert sorted(calls["journal"]) == references  # each journal read once
    assert calls["verify"] == []  # not a second time
    assert sorted(calls["load"]) == references
    assert any("Journal altéré : VDP-2026-00777." in w for w in result.warnings), result.warnings
    csv_path = next(p for p in result.files if p.suffix == ".csv")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert [r[0] for r in rows[1:]] == references  # every incident, in the register's order
    assert [r[1] for r in rows[1:]] == [f"Incident {n + 1}" for n in range(2000)]
    journal_column = rows[0].index("Empreinte du journal (entrées, SHA-256)")
    assert rows[1][journal_column] == "2 entrées, " + storage.journal_head("VDP-2026-00001")[0]
    word = Document(str(next(p for p in result.files if p.suffix == ".docx")))
    table = word.tables[0]
    assert len(table.rows) == 2001
    cells = table._tbl.tr_lst[-1].tc_lst
    assert "VDP-2026-02000" in "".join(cells[0].itertext())
    assert "Action 2000" in "".join(cells[7].itertext())  # the "Mesures" column
    (entry,) = storage.register_log.entries()
    assert entry["incidents"] == 2000


def test_a_register_costs_a_bounded_number_of_sql_statements_per_incident(storage, tmp_path):
    counts = []
    for size in (40, 80):
        _fill(storage, size - (counts and 40 or 0), start=40 if counts else 0)
        statements = []
        storage.database.conn.set_trace_callback(statements.append)
        try:
            write_register(storage, PROCEDURE, tmp_path / str(size), pdf=False)
        finally:
            storage.database.conn.set_trace_callback(None)
        counts.append(len(statements))
    per_incident = (counts[1] - counts[0]) / 40
    # The incident, its journal, its head, and the head check (its row and its last two entries).
    assert per_incident <= 5, counts


def test_an_unreadable_incident_is_named_and_the_register_goes_on(storage, tmp_path):
    _fill(storage, 5)
    conn = sqlite3.connect(storage.path)
    conn.execute("UPDATE incidents SET data = json_set(data, '$.dates.awareness_at', 'pas une date')"
                  " WHERE reference = 'VDP-2026-00003'")
    conn.commit()
    conn.close()
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    assert any("VDP-2026-00003" in w for w in result.warnings)
    text = next(p for p in result.files if p.suffix == ".csv").read_text(encoding="utf-8-sig")
    assert text.count("\nVDP-2026-") == 4


def test_the_rows_file_reads_back_like_a_list_and_pickles_for_a_user_template(tmp_path):
    import pickle

    with RowFile(tmp_path) as spool:
        for n in range(5):
            spool.append({"reference": f"R{n}", "text": "ligne\nsuivante é"})
        rows = spool.rows()
        assert len(rows) == 5 and rows[0]["reference"] == "R0" and rows[-1]["reference"] == "R4"
        assert [r["reference"] for r in rows] == [r["reference"] for r in rows] == [f"R{n}" for n in range(5)]
        assert [r["reference"] for r in rows[1:3]] == ["R1", "R2"]
        again = pickle.loads(pickle.dumps(rows))
        assert list(again) == list(rows)
        assert [p.name.startswith(".incident-wizard-partiel-") for p in tmp_path.iterdir()] == [True]
    assert not list(tmp_path.iterdir())  # removed


def test_the_pdf_lays_a_long_table_out_in_parts_holding_every_row_once(monkeypatch):
    monkeypatch.setattr(pdf, "PART_ROWS", 7)
    head = '<h1>Registre</h1><table width="100%" data-widths="1,2"><tr><th>A</th><th>B</th></tr>'
    html = head + "".join(f"<tr><td>R{n:03d}</td><td><table><tr><td>n</td></tr></table></td></tr>"
                          for n in range(50)) + "</table><p>Fin</p>"
    for size in (len(html), 9):
        parts = list(pdf._parts(texts.batched(iter([html[i:i + size] for i in range(0, len(html), size)]))))
        assert len(parts) == 8
        found = re.findall(r"R\d{3}", "".join(p for p, _ in parts))
        assert found == [f"R{n:03d}" for n in range(50)]
        for part, _done in parts[1:]:
            assert part.startswith('<table width="100%" data-widths="1,2"><tr><th>A</th><th>B</th></tr>')
        assert [done for _p, done in parts] == [7, 14, 21, 28, 35, 42, 49, 50]
        assert parts[-1][0].endswith("</table><p>Fin</p>")


def test_a_pdf_in_parts_is_one_valid_file_with_every_page(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "PART_ROWS", 20)
    html = '<table><tr><th>A</th></tr>' + "".join(f"<tr><td>{n}</td></tr>" for n in range(100)) + "</table>"
    pdf.write_pdf(iter([html]), tmp_path / "parts.pdf", "t")
    data = (tmp_path / "parts.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 5  # each part on its own pages


# --- the yearly review ----------------------------------------------------------------------------


def test_the_review_reads_each_incident_once_and_keeps_none(storage, monkeypatch):
    _fill(storage, 300)
    loaded, live = [], []
    real = Storage.load_incident

    def spy(self, reference):
        incident = real(self, reference)
        loaded.append(reference)
        live.append(weakref.ref(incident))
        assert sum(1 for r in live if r() is not None) <= 2
        return incident

    monkeypatch.setattr(Storage, "load_incident", spy)
    result, missing = summarise(storage, PROCEDURE, utc(2026, 1, 1).date(), utc(2026, 12, 31).date(),
                                utc(2026, 6, 1))
    assert sorted(loaded) == sorted(set(loaded)) and len(loaded) == 300 and not missing
    assert result.incidents == 300 and len(result.open_actions) == 300
    assert [a.reference for a in result.open_actions] == sorted(a.reference for a in result.open_actions)


def test_the_review_of_a_large_folder_lists_the_soonest_and_says_how_many_more(storage, tmp_path):
    _fill(storage, 100)
    result = write_review(storage, PROCEDURE, tmp_path, now=utc(2026, 12, 1), pdf=False)
    word = Document(str(result.files[0]))
    text = "\n".join(p.text for p in word.paragraphs)
    actions = word.tables[0]  # situations and decisions are paragraphs (issue 23)
    assert len(actions.rows) == 1 + yearly.LISTED
    assert actions.rows[1].cells[0].text.startswith("VDP-2026-00001")  # the soonest due first
    assert f"Et {100 - yearly.LISTED} autre(s) action(s) ouverte(s)" in text
    assert "100 violation(s)" in text
    assert f"et {100 - yearly.LISTED} autre(s), que liste le registre" in text


def test_a_user_s_review_template_still_gets_every_action(storage, tmp_path):
    """A review template copied before the lists were bounded keeps every line it had."""
    from incident_wizard.documents.templates import Renderer, builtin_dir

    _fill(storage, 40)
    user = tmp_path / "templates"
    user.mkdir()
    (user / "review.html").write_text(
        "<p>{% for a in open_actions %}{{ a.reference }};{% endfor %}</p>", encoding="utf-8")
    assert "open_actions_listed" in (builtin_dir() / "review.html").read_text(encoding="utf-8")
    with Renderer(user_dir=user) as renderer:
        result = write_review(storage, PROCEDURE, tmp_path / "out", now=utc(2026, 12, 1), pdf=False,
                              renderer=renderer)
    assert not renderer.warnings
    text = Document(str(result.files[0])).paragraphs[0].text
    assert text.count("VDP-2026-") == 40


def test_the_sample_register_and_review_are_unchanged(storage, tmp_path):
    """A pharmacy's own register and review (one sample incident) are as before: one page of
    review, every open action listed, no 'more' sentence."""
    build_sample(storage, PROCEDURE)
    result = write_review(storage, PROCEDURE, tmp_path, pdf=False)
    text = "\n".join(p.text for p in Document(str(result.files[0])).paragraphs)
    assert "autre(s)" not in text
    assert exports.register_rows(storage, PROCEDURE)[1][0]["reference"] == "VDP-2026-001"
