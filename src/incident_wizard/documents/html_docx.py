"""A small HTML subset (what the templates use) written as a Word document with python-docx.

Tags: h1-h3, p, br, strong/b, em/i, ul/ol/li, table/tr/th/td, hr, div, span. Classes:
``missing`` (an unanswered field, shown in red italics), ``pagebreak`` (on a div),
``small``. Everything else is rendered as plain text, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .content import clean

VOID = {"br", "hr", "meta"}
_SPACES = re.compile(r"[ \t\r\n]+")
BLOCKS = {"h1", "h2", "h3", "p", "li", "td", "th", "div"}


@dataclass
class Node:
    """An element of the parsed HTML subset (tag, attributes, children)."""
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _text_of(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(c) for c in node.children)


class _Writer:
    def __init__(self, document, base_size: float):
        self.doc = document
        self.base_size = base_size

    def blocks(self, node: Node, container=None, list_style: str | None = None) -> None:
        container = container if container is not None else self.doc
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    paragraph = container.add_paragraph()
                    self.runs(paragraph, [child])
                continue
            tag = child.tag
            if tag in ("h1", "h2", "h3"):
                paragraph = container.add_paragraph()
                if container is self.doc:
                    _set_style(paragraph, f"Heading{tag[1]}")
                self.runs(paragraph, child.children, bold=container is not self.doc)
            elif tag == "p":
                paragraph = container.add_paragraph()
                self.runs(paragraph, child.children, small="small" in child.classes)
            elif tag in ("ul", "ol"):
                self.blocks(child, container, "ListNumber" if tag == "ol" else "ListBullet")
            elif tag == "li":
                if container is self.doc:
                    paragraph = container.add_paragraph()
                    _set_style(paragraph, list_style or "ListBullet")
                else:
                    paragraph = container.add_paragraph("• ")
                self.runs(paragraph, child.children)
            elif tag == "table":
                self.table(child, container)
            elif tag == "hr":
                container.add_paragraph("—" * 20)
            elif tag == "div" and "pagebreak" in child.classes:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif tag in ("br",):
                continue
            else:  # div, section, span at block level...
                self.blocks(child, container, list_style)

    def runs(self, paragraph, children, bold=False, italic=False, missing=False, small=False) -> None:
        for child in children:
            if isinstance(child, str):
                # HTML white space: template indentation folds to one space; line breaks in
                # user text arrive as <br>.
                text = _SPACES.sub(" ", clean(child))
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

    def table(self, node: Node, container) -> None:
        rows = [n for n in _walk(node) if isinstance(n, Node) and n.tag == "tr"]
        if not rows:
            return
        width = max(len([c for c in r.children if isinstance(c, Node) and c.tag in ("td", "th")])
                    for r in rows)
        if width == 0:
            return
        if container is self.doc:
            table = self.doc.add_table(rows=0, cols=width)
        else:
            table = container.add_table(rows=0, cols=width)
        table._tbl.tblPr.style = "TableGrid"  # by style id: the lookup by name is slow
        for row in rows:
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
            docx_row = table.add_row()
            if all(c.tag == "th" for c in cells):
                _repeat_header(docx_row)
            for index, cell in enumerate(cells):
                target = docx_row.cells[index]
                paragraph = target.paragraphs[0]
                block_children = [c for c in cell.children if isinstance(c, Node) and c.tag in
                                  ("p", "ul", "ol", "table", "div")]
                if block_children:
                    self.runs(paragraph, [c for c in cell.children if isinstance(c, str) or
                                          c not in block_children], bold=cell.tag == "th",
                              missing="missing" in cell.classes)
                    self.blocks(Node("div", children=block_children), target)
                else:
                    self.runs(paragraph, cell.children, bold=cell.tag == "th",
                              missing="missing" in cell.classes)
        widths = node.attrs.get("data-widths")
        if widths:
            for index, value in enumerate(widths.split(",")[:width]):
                # The grid column (what LibreOffice reads) and every cell (what Word reads).
                table.columns[index].width = Cm(float(value))
                for cell in table.columns[index].cells:
                    cell.width = Cm(float(value))


def _set_style(paragraph, style_id: str) -> None:
    """Set a built-in paragraph style by its id (python-docx's lookup by name scans every style
    of the document each time)."""
    paragraph._p.style = style_id


def _walk(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            if child.tag != "table":
                yield from _walk(child)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _set_language(document, language: str) -> None:  # noqa: ANN001 - a python-docx Document
    """The documents' language for Word's spelling and hyphenation (default template: en-US)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def write_docx(html: str, path: Path, title: str, landscape: bool = False, base_size: float = 10.5) -> None:
    """Write ``html`` (the template subset) to a .docx file at ``path``."""
    document = Document()
    document.core_properties.title = clean(title)[:250]
    document.core_properties.author = "Incident Wizard"
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(base_size)
    _set_language(document, "fr-FR")
    section = document.sections[0]
    # A4 (python-docx's default template is US Letter).
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.6)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin = section.right_margin = Cm(1.2)
    _Writer(document, base_size).blocks(parse(html))
    tmp = path.with_name(path.name + ".tmp")
    document.save(str(tmp))
    tmp.replace(path)
