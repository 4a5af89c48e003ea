"""Writes the .xlsx and .ods copies of quizzes/sheet-template.csv and the messy test sheets.

Run from the repository root with `python3 tests/sheet/make_fixtures.py` (needs openpyxl and
odfpy from PyPI). Numbers in numeric-looking cells are written as numbers, and TRUE/FALSE as
booleans, as a spreadsheet program would store them after typing.
"""
import csv
import sys

from openpyxl import Workbook
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P


def typed(value):
    if value in ("true", "TRUE", "True"):
        return True
    if value in ("false", "FALSE", "False"):
        return False
    try:
        if value.strip() and value.strip() == value:
            f = float(value)
            return int(f) if f.is_integer() and "." not in value else f
    except ValueError:
        pass
    return value


def write_xlsx(rows, path, sheet):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                ws.cell(row=r, column=c, value=typed(value))
    wb.save(path)


def write_ods(rows, path, sheet):
    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        tr = TableRow()
        for value in row:
            v = typed(value)
            if value == "":
                cell = TableCell()
            elif isinstance(v, bool):
                cell = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
                cell.addElement(P(text="TRUE" if v else "FALSE"))
            elif isinstance(v, (int, float)):
                cell = TableCell(valuetype="float", value=str(v))
                cell.addElement(P(text=str(v)))
            else:
                cell = TableCell(valuetype="string")
                for line in value.split("\n"):
                    cell.addElement(P(text=line))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(path)


def convert(csv_path, stem, sheet):
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    write_xlsx(rows, stem + ".xlsx", sheet)
    write_ods(rows, stem + ".ods", sheet)


if __name__ == "__main__" and "--guards" not in sys.argv:
    convert("quizzes/sheet-template.csv", "quizzes/sheet-template", "Questions")
    convert("tests/sheet/messy.csv", "tests/sheet/messy", "Sheet1")


def write_guards():
    """far.xlsx: a header, one question, and a cell at XFD1048576 (a rectangle of 17 billion
    cells if read as one). bomb.xlsx: a workbook whose sheet unpacks to 80 MiB of spaces."""
    import zipfile

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "prompt"
    ws["B1"] = "correct"
    ws["A2"] = "Which city hosted the summit?"
    ws["B2"] = "Pyongyang"
    ws["XFD1048576"] = "far away"
    wb.save("tests/sheet/far.xlsx")
    with zipfile.ZipFile("tests/sheet/messy.xlsx") as src, zipfile.ZipFile(
        "tests/sheet/bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (80 << 20), 1)
            dst.writestr(item, data)


if __name__ == "__main__" and "--guards" in sys.argv:
    write_guards()
