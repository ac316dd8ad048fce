"""A small HTML subset (what the templates use) written as a Word document.

Tags: h1-h3, p, br, strong/b, em/i, ul/ol/li, table/tr/th/td, hr, div, span. Classes:
``missing`` (an unanswered field, shown in red italics), ``pagebreak`` (on a div),
``small``. Everything else is rendered as plain text, never dropped silently.

How (issue 22, "Fast at any size"): python-docx gives the package (styles, section, language,
properties); the body is written here as WordprocessingML text, block by block, straight into
the .docx file (a zip). The HTML may come as one string or as chunks (a template's rendering);
each finished top-level block, and each finished row of a top-level table, is written and
forgotten, so a register of 10,000 incidents is never held whole in memory, and a table costs
O(cells) (python-docx's own cell access is O(columns) per cell and its column access O(rows)).
The XML is the one python-docx wrote for the same calls (tests/test_documents_scale.py compares
them): a table's column widths as before, the grid (what LibreOffice reads) and every cell's
width (what Word reads).
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from html import unescape
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PACKAGE_URI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .content import clean
from .texts import batched

VOID = {"br", "hr", "meta"}
_SPACES = re.compile(r"[ \t\r\n]+")
BLOCKS = {"h1", "h2", "h3", "p", "li", "td", "th", "div"}
#: The elements between a table and its rows.
_SECTIONS = {"thead", "tbody", "tfoot"}
#: Elements whose content is raw text (as Python's HTMLParser reads them).
_RAW_TEXT = {"script", "style"}


class Node:
    """An element of the parsed HTML subset (tag, attributes, children)."""
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None,
                 children: list[Node | str] | None = None):
        self.tag = tag
        self.attrs = {} if attrs is None else attrs
        self.children: list[Node | str] = [] if children is None else children

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split()) if self.attrs else set()

    def __repr__(self) -> str:
        return f"Node({self.tag!r}, {self.attrs!r}, {self.children!r})"


# --- reading the HTML ------------------------------------------------------------------------------

#: One token: text (1); a comment, a declaration or a processing instruction (skipped, as
#: HTMLParser does); an end tag (2); a start tag (3) and its attributes (4, quoted values may
#: hold '>'); a '<' that starts none of them (5).
_TOKEN = re.compile(
    r"([^<]+)"
    r"|<!--.*?-->|<!(?!--)[^>]*>|<\?[^>]*>"
    r"|</([a-zA-Z][^\s/>\x00]*)[^>]*>"
    r"|<([a-zA-Z][^\s/>\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|(<)",
    re.S)
_ATTRIBUTE = re.compile(r"([^\s/>=\"'][^\s/>=]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*))?")
#: The end of a text that may still become a tag when more text arrives.
_PARTIAL = re.compile(r"<(?:!-{0,2}|!--(?:(?!-->).)*|[!?][^>]*|/|/?[a-zA-Z](?:[^>\"']|\"[^\"]*\"?|'[^']*'?)*)?\Z",
                      re.S)


def _attributes(text: str) -> tuple[dict[str, str], bool]:
    """The attributes of a start tag (names in lower case, values unescaped) and whether the
    tag closes itself (``<br/>``)."""
    closes = text.rstrip().endswith("/")
    if not text.strip(" \t\n\r\f/"):
        return {}, closes
    attrs: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name, value = match.group(1).lower(), match.group(2)
        if value is None:
            value = ""
        elif value[:1] in ("'", '"') and value[-1:] == value[:1] and len(value) > 1:
            value = value[1:-1]
        attrs[name] = unescape(value) if "&" in value else value
    return attrs, closes


class _Builder:
    """Builds the tree of the HTML as it arrives (the way Python's HTMLParser reads it, with the
    tree of the previous writer: an end tag closes up to its element, an unmatched one is
    ignored), and hands each finished top-level node, and each finished row of a top-level
    table, to the writer, which writes it; neither is kept."""

    def __init__(self, writer: _Writer):
        self.writer = writer
        self.root = Node("root")
        self.stack: list[Node] = [self.root]
        self.pending = ""
        self.raw: str | None = None  # inside <script> or <style>: raw text up to its end tag
        #: A comment ends a text (HTMLParser gives the texts on each side apart).
        self.joins = True

    # the tokens

    def feed(self, text: str) -> None:
        """Read the next piece of the HTML (what may continue in the next piece waits)."""
        self._tokens(self.pending + text, False)

    def close(self) -> None:
        """The end of the HTML: what is still open is finished and written."""
        pending, self.pending = self.pending, ""
        self._tokens(pending, True)
        self.stack[1:] = []
        self.flush()
        self.writer.finish()

    def _tokens(self, text: str, final: bool) -> None:
        self.pending = ""
        position, size = 0, len(text)
        data, start, end = self.data, self.start, self.end
        while position < size:
            if self.raw is not None:
                closing = re.compile(rf"</{self.raw}\s*>", re.I).search(text, position)
                if closing is None:
                    if final:
                        data(text[position:])
                    else:
                        self.pending = text[position:]
                    return
                data(text[position:closing.start()])
                end(self.raw)
                self.raw = None
                position = closing.end()
                continue
            resume = size
            for match in _TOKEN.finditer(text, position):
                kind = match.lastindex
                if kind == 1:
                    piece = match.group(1)
                    if not final and match.end() == size:  # it may go on (or end inside '&amp;')
                        self.pending = piece
                        return
                    data(unescape(piece) if "&" in piece else piece)
                elif kind == 4:
                    tag = match.group(3).lower()
                    attributes = match.group(4)
                    if attributes:
                        attrs, closes = _attributes(attributes)
                        start(tag, attrs)
                        if closes:
                            end(tag)
                            continue
                    else:
                        start(tag, {})
                    if tag in _RAW_TEXT:
                        self.raw = tag
                        resume = match.end()
                        break
                elif kind == 2:
                    end(match.group(2).lower())
                elif kind == 5:
                    if not final and _PARTIAL.match(text, match.start()):
                        self.pending = text[match.start():]
                        return
                    data("<")  # a '<' that starts no tag is text
                else:
                    self.joins = False
            position = resume

    # the tree

    def data(self, text: str) -> None:
        if not text:
            return
        parent = self.stack[-1]
        if self.joins and parent.children and isinstance(parent.children[-1], str):
            parent.children[-1] += text  # one text between two tags, however it arrived
        else:
            parent.children.append(text)
        self.joins = True

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        parent = self.stack[-1]
        if parent is self.root:
            self.flush()  # what came before is finished
        else:
            self._watch(parent, tag)
        node = Node(tag, attrs)
        parent.children.append(node)
        if tag not in VOID:
            self.stack.append(node)
        if tag == "table" and parent is self.root:
            self.writer.stream_table(node)

    def end(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                if tag == "tr":
                    self._row_done(index)
                del self.stack[index:]
                if index == 1:
                    self.flush()
                return

    def flush(self) -> None:
        """Write the finished top-level nodes (all but the one still open)."""
        children = self.root.children
        keep = children[-1:] if len(self.stack) > 1 else []
        done = children[:len(children) - len(keep)]
        self.root.children = keep
        for child in done:
            self.writer.top(child)

    def _streamed_table(self, upto: int) -> Node | None:
        """The streamed top-level table that ``stack[upto]`` lies in, when only sections lie
        between them (None otherwise)."""
        if len(self.stack) < 2:
            return None
        table = self.stack[1]
        if table.tag != "table" or not self.writer.streaming(table):
            return None
        if any(node.tag not in _SECTIONS for node in self.stack[2:upto]):
            return None
        return table

    def _watch(self, parent: Node, tag: str) -> None:
        """Anything but a row or a section directly inside a streamed table stops its streaming
        (the rows after it are then written at the table's end, in their order)."""
        if (parent.tag == "table" or parent.tag in _SECTIONS) and tag != "tr" and tag not in _SECTIONS:
            table = self._streamed_table(len(self.stack))
            if table is not None:
                self.writer.stop_streaming(table)

    def _row_done(self, index: int) -> None:
        """``stack[index]``, a row, has ended: a row of a streamed table is written now."""
        if index < 2:
            return
        table = self._streamed_table(index)
        if table is None:
            return
        row = self.stack[index]
        parent = self.stack[index - 1]
        self.writer.table_row(table, row)
        parent.children = [c for c in parent.children if c is not row and isinstance(c, Node)]


def parse(html: str) -> Node:
    """The tree of ``html`` (kept whole: for tests and small texts)."""
    collector = _Collector()
    builder = _Builder(collector)  # type: ignore[arg-type]
    builder.feed(html)
    builder.close()
    return collector.root


class _Collector:
    """A writer that keeps the tree (parse())."""

    def __init__(self) -> None:
        self.root = Node("root")

    def top(self, node: Node | str) -> None:
        self.root.children.append(node)

    def stream_table(self, node: Node) -> None:
        pass

    def streaming(self, node: Node) -> bool:
        return False

    def stop_streaming(self, node: Node) -> None:
        pass

    def table_row(self, table: Node, row: Node) -> None:
        pass

    def finish(self) -> None:
        pass


def _text_of(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(c) for c in node.children)


# --- writing WordprocessingML --------------------------------------------------------------------

_TABLE_PROPERTIES = (
    '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
    'w:noVBand="1" w:val="04A0"/></w:tblPr>')
_HEADER_ROW = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
_LINE_BREAK = "<w:r><w:br/></w:r>"
_EMU_PER_TWIP = 635
#: A streamed table's rows wait in a temporary file (its width is known at its end).
_ROW_END = "\x01"
_CELL_END = "\x00"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t(text: str) -> str:
    if SOFT_HYPHEN in text:  # Word's own optional hyphen, between text elements
        return "<w:softHyphen/>".join(_t(part) for part in text.split(SOFT_HYPHEN))
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{_escape(text)}</w:t>"


SOFT_HYPHEN = "\u00ad"


def _twips(emu: int) -> int:
    """python-docx's conversion of a length to the twips it writes."""
    return int(round(emu / float(_EMU_PER_TWIP)))


class _Paragraph:
    """A paragraph being written: its properties and its runs."""
    __slots__ = ("head", "parts", "last")

    def __init__(self, style: str | None = None, text: str | None = None):
        self.head = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        self.parts: list[str] = []
        #: The text of the last run (None: no run yet), for HTML white space.
        self.last: str | None = None
        if text:
            self.parts.append(f"<w:r>{_t(text)}</w:r>")
            self.last = text

    def xml(self) -> str:
        if not self.head and not self.parts:
            return "<w:p/>"
        return f"<w:p>{self.head}{''.join(self.parts)}</w:p>"


def _xml(items: list) -> str:
    return "".join(item if isinstance(item, str) else item.xml() for item in items)


class _Table:
    """A table's columns: the grid (even widths of ``width_emu``, then the template's
    ``data-widths`` in cm) and each cell's width."""

    def __init__(self, node: Node, columns: int, width_emu: int):
        self.columns = columns
        #: python-docx's even split: what a nested table in a cell is sized from.
        self.even_emu = width_emu // columns
        even = _twips(self.even_emu)
        twips = [even] * columns
        widths = node.attrs.get("data-widths")
        if widths:
            try:
                values = [_twips(Cm(float(v))) for v in widths.split(",")[:columns]]
            except (ValueError, OverflowError):
                values = []  # not numbers: the even split (the PDF ignores them too)
            twips[:len(values)] = values
        self.head = (f"<w:tbl>{_TABLE_PROPERTIES}<w:tblGrid>"
                     + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>")
        self.cell_open = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>' for w in twips]

    def row(self, header: bool, cells: list[str]) -> str:
        parts = ["<w:tr>", _HEADER_ROW if header else ""]
        for index, opening in enumerate(self.cell_open):
            parts.append(opening)
            parts.append(cells[index] if index < len(cells) else "<w:p/>")
            parts.append("</w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)


class _Stream:
    """A top-level table whose rows are written as they arrive (kept in a temporary file
    until the table ends: its number of columns is known then)."""

    def __init__(self, node: Node):
        self.node = node
        self.on = True
        self.columns = 0  # the widest row so far
        self.provisional: _Table | None = None
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")

    def close(self) -> None:
        self.file.close()


class _Writer:
    """Writes the nodes it is given as WordprocessingML (``write``: where the text goes)."""

    def __init__(self, base_size: float, width_emu: int, write):  # noqa: ANN001 - a callable
        self.base_size = base_size
        self.width_emu = width_emu
        self.write = write
        #: Page breaks met inside a table: python-docx added them to the body, after the table.
        self.after: list[str] = []
        self.streams: dict[int, _Stream] = {}
        small = f'<w:sz w:val="{int(Pt(base_size - 2).pt * 2)}"/>'
        self.properties = {}
        for bold in (False, True):
            for italic in (False, True):
                for missing in (False, True):
                    for is_small in (False, True):
                        inner = (("<w:b/>" if bold else "") + ("<w:i/>" if italic or missing else "")
                                 + ('<w:color w:val="B00020"/>' if missing else "")
                                 + (small if is_small else ""))
                        self.properties[bold, italic, missing, is_small] = \
                            f"<w:rPr>{inner}</w:rPr>" if inner else "<w:rPr/>"

    # the body, one top-level node at a time

    def top(self, child: Node | str) -> None:
        if isinstance(child, Node) and child.tag == "table" and id(child) in self.streams:
            self.finish_stream(child)
        else:
            items: list = []
            self.block(child, items, True, None)
            self.write(_xml(items))
        if self.after:
            self.write("".join(self.after))
            self.after.clear()

    def finish(self) -> None:
        for stream in list(self.streams.values()):
            stream.close()
        self.streams.clear()

    def block(self, child: Node | str, container: list, in_body: bool, list_style: str | None,
              cell_emu: int = 0) -> None:
        if isinstance(child, str):
            if child.strip():
                paragraph = _Paragraph()
                container.append(paragraph)
                self.runs(paragraph, [child])
            return
        tag = child.tag
        if tag in ("h1", "h2", "h3"):
            paragraph = _Paragraph(f"Heading{tag[1]}" if in_body else None)
            container.append(paragraph)
            self.runs(paragraph, child.children, bold=not in_body)
        elif tag == "p":
            paragraph = _Paragraph()
            container.append(paragraph)
            self.runs(paragraph, child.children, small="small" in child.classes)
        elif tag in ("ul", "ol"):
            self.blocks(child, container, in_body, "ListNumber" if tag == "ol" else "ListBullet",
                        cell_emu)
        elif tag == "li":
            paragraph = _Paragraph(list_style or "ListBullet") if in_body else _Paragraph(text="• ")
            container.append(paragraph)
            self.runs(paragraph, child.children)
        elif tag == "table":
            self.table(child, container, in_body, cell_emu)
        elif tag == "hr":
            container.append(_Paragraph(text="—" * 20))
        elif tag == "div" and "pagebreak" in child.classes:
            if in_body:
                container.append(_PAGE_BREAK)
            else:
                self.after.append(_PAGE_BREAK)
        elif tag == "br":
            return
        else:  # div, section, span at block level...
            self.blocks(child, container, in_body, list_style, cell_emu)

    def blocks(self, node: Node, container: list, in_body: bool, list_style: str | None,
               cell_emu: int = 0) -> None:
        for child in node.children:
            self.block(child, container, in_body, list_style, cell_emu)

    def runs(self, paragraph: _Paragraph, children, bold=False, italic=False, missing=False,  # noqa: ANN001
             small=False) -> None:
        for child in children:
            if isinstance(child, str):
                # HTML white space: template indentation folds to one space; line breaks in
                # user text arrive as <br>.
                text = clean(child)
                if "  " in text or "\n" in text or "\t" in text or "\r" in text:
                    text = _SPACES.sub(" ", text)
                last = paragraph.last
                if last is None or last.endswith((" ", "\n")):
                    text = text.lstrip(" ")
                if not text:
                    continue
                paragraph.parts.append(
                    f"<w:r>{self.properties[bold, italic, missing, small]}{_t(text)}</w:r>")
                paragraph.last = text
                continue
            tag = child.tag
            if tag == "br":
                paragraph.parts.append(_LINE_BREAK)
                paragraph.last = "\n"
            elif tag in ("strong", "b", "th"):
                self.runs(paragraph, child.children, True, italic, missing, small)
            elif tag in ("em", "i"):
                self.runs(paragraph, child.children, bold, True, missing, small)
            elif "missing" in child.classes:
                self.runs(paragraph, child.children, bold, italic, True, small)
            else:
                self.runs(paragraph, child.children, bold, italic, missing,
                          small or "small" in child.classes)

    # tables

    @staticmethod
    def _cells(row: Node) -> list[Node]:
        return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]

    def _row(self, row: Node, table: _Table) -> tuple[bool, list[str]]:
        """(header row, each cell's content) of a row."""
        cells = self._cells(row)
        header = all(c.tag == "th" for c in cells)
        # A table in a cell spans the cell's width as python-docx reads it back (twips).
        cell_emu = _twips(table.even_emu) * _EMU_PER_TWIP
        return header, [self._cell(cell, cell_emu) for cell in cells]

    def _cell(self, cell: Node, cell_emu: int) -> str:
        paragraph = _Paragraph()
        items: list = [paragraph]
        block_children = [c for c in cell.children if isinstance(c, Node) and c.tag in
                          ("p", "ul", "ol", "table", "div")]
        if block_children:
            self.runs(paragraph, [c for c in cell.children if isinstance(c, str) or
                                  not any(c is b for b in block_children)], bold=cell.tag == "th",
                      missing="missing" in cell.classes)
            self.blocks(Node("div", children=block_children), items, False, None, cell_emu)
        else:
            self.runs(paragraph, cell.children, bold=cell.tag == "th", missing="missing" in cell.classes)
        return _xml(items)

    def table(self, node: Node, container: list, in_body: bool, cell_emu: int = 0) -> None:
        rows = [n for n in _walk(node) if n.tag == "tr"]
        if not rows:
            return
        columns = max(len(self._cells(r)) for r in rows)
        if columns == 0:
            return
        # python-docx: a table in the body spans the text width; in a cell, the cell's width
        # (then an empty paragraph follows it: Word wants a cell to end with one).
        table = _Table(node, columns, self.width_emu if in_body else (cell_emu or 914400))
        parts = [table.head]
        for row in rows:
            parts.append(table.row(*self._row(row, table)))
        parts.append("</w:tbl>")
        container.append("".join(parts))
        if not in_body:
            container.append("<w:p/>")

    # a top-level table written as its rows arrive

    def stream_table(self, node: Node) -> None:
        self.streams[id(node)] = _Stream(node)

    def streaming(self, node: Node) -> bool:
        stream = self.streams.get(id(node))
        return stream is not None and stream.on

    def stop_streaming(self, node: Node) -> None:
        self.streams[id(node)].on = False

    def table_row(self, node: Node, row: Node) -> None:
        stream = self.streams[id(node)]
        rows = [row] + [n for n in _walk(row) if n.tag == "tr"]  # as _walk(table) finds them
        for each in rows:
            width = len(self._cells(each))
            if stream.provisional is None and width:
                # The rows' cells are written at the width known now; a nested table in a
                # cell is sized from it (a later, wider row changes only such a table's grid).
                stream.provisional = _Table(node, width, self.width_emu)
            stream.columns = max(stream.columns, width)
            if stream.provisional is None:
                header, cells = all(c.tag == "th" for c in self._cells(each)), []
            else:
                header, cells = self._row(each, stream.provisional)
            stream.file.write(("H" if header else "D") + _CELL_END.join(cells) + _ROW_END)

    def finish_stream(self, node: Node) -> None:
        stream = self.streams.pop(id(node))
        try:
            rest = [n for n in _walk(node) if n.tag == "tr"]  # rows not streamed
            columns = max([stream.columns] + [len(self._cells(r)) for r in rest])
            if columns == 0:
                return
            table = _Table(node, columns, self.width_emu)
            self.write(table.head)
            stream.file.seek(0)
            carry = ""
            while True:
                block = stream.file.read(1 << 20)
                if not block:
                    break
                records = (carry + block).split(_ROW_END)
                carry = records.pop()
                self.write("".join(table.row(r[0] == "H", r[1:].split(_CELL_END) if len(r) > 1 else [])
                                   for r in records))
            for row in rest:
                self.write(table.row(*self._row(row, table)))
            self.write("</w:tbl>")
        finally:
            stream.close()


def _walk(node: Node) -> Iterator[Node]:
    for child in node.children:
        if isinstance(child, Node):
            yield child
            if child.tag != "table":
                yield from _walk(child)


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


def _content_types(document, parts) -> bytes:  # noqa: ANN001 - python-docx objects
    """The package's [Content_Types].xml, as python-docx writes it (from the package as it
    would save it, should its writer's helper move)."""
    try:
        from docx.opc.pkgwriter import _ContentTypesItem

        return _ContentTypesItem.from_parts(parts).blob
    except (ImportError, AttributeError):
        import io

        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(saved) as archive:
            return archive.read("[Content_Types].xml")


#: Text gathered before it is compressed into the file.
_WRITE_BLOCK = 1 << 20


def write_docx(html: str | Iterable[str], path: Path, title: str, landscape: bool = False,
               base_size: float = 10.5, poster: bool = False) -> None:
    """Write ``html`` (the template subset; one string or its pieces, read once, in order) to a
    .docx file at ``path``; a ``poster`` (a notice for a wall) has its title and key lines (h1,
    h2) 1.9 and 1.5 times the body size."""
    document = Document()
    document.core_properties.title = clean(title)[:250]
    document.core_properties.author = "Incident Wizard"
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(base_size)
    if poster:  # a notice for a wall: its title and key lines read from afar
        for name, scale, before in (("Heading 1", 1.9, 0), ("Heading 2", 1.5, 4)):
            document.styles[name].font.size = Pt(base_size * scale)
            document.styles[name].paragraph_format.space_before = Pt(before)
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
    width = section.page_width - section.left_margin - section.right_margin
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    tmp = path.with_name(path.name + ".tmp")
    archive = None
    try:
        archive = zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED)
        with archive:
            archive.writestr("[Content_Types].xml", _content_types(document, parts))
            archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
            for part in parts:
                name = part.partname.membername
                if part is document.part:
                    _write_body(archive, name, document, html, base_size, width)
                else:
                    archive.writestr(name, part.blob)
                if len(part.rels):
                    archive.writestr(part.partname.rels_uri.membername, part.rels.xml)
        tmp.replace(path)
    except BaseException:
        # A failed write (a full destination) closes the file once, here: ZipFile.__del__ must
        # not try again and print a stray traceback.
        if archive is not None and archive.fp is not None:
            handle, archive.fp = archive.fp, None
            with contextlib.suppress(OSError):
                handle.close()
        tmp.unlink(missing_ok=True)
        raise


def _write_body(archive: zipfile.ZipFile, name: str, document, html: str | Iterable[str],  # noqa: ANN001
                base_size: float, width: int) -> None:
    """word/document.xml: python-docx's document with the body written from ``html``."""
    xml = serialize_part_xml(document.element)
    cut = xml.rfind(b"<w:sectPr")
    if cut < 0:
        cut = xml.rfind(b"</w:body>")
    head, tail = xml[:cut], xml[cut:]
    # Without zip64 records, as python-docx writes (Word opens it everywhere); a body over 2 GiB
    # (a register of some 200,000 incidents) stops with an error rather than a broken file.
    with archive.open(name, "w") as handle:
        handle.write(head)
        pending: list[str] = []
        size = 0

        def write(text: str) -> None:
            nonlocal size
            pending.append(text)
            size += len(text)
            if size >= _WRITE_BLOCK:
                handle.write("".join(pending).encode("utf-8"))
                pending.clear()
                size = 0

        writer = _Writer(base_size, width, write)
        builder = _Builder(writer)
        try:
            for chunk in batched(html):
                builder.feed(chunk)
            builder.close()
        finally:
            writer.finish()
        handle.write("".join(pending).encode("utf-8"))
        handle.write(tail)
