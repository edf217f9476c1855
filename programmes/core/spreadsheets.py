"""Spreadsheet cells that cannot run: OWASP's CSV-injection rule, in one place for every export.

Text that people typed (an action row, a city name, a mentorship title) reaches Excel, LibreOffice
and Google Sheets through our CSV and XLSX exports. A cell that starts with `=`, `+`, `-`, `@`, a
tab or a carriage return is read there as a formula: `=HYPERLINK(...)` would send the reader's data
elsewhere with one click. So every export writes such text as text: in a CSV with a leading single
quote (what OWASP prescribes, and what spreadsheet programs hide), in an XLSX as a string cell with
the "quote prefix" style, never as a formula. Numbers stay numbers: a real -3 is not text typed by
someone.

It lives in core because core is the bottom floor of the apps: action plans, mentorships and
reports may all import it without one of them depending on another. It knows nothing of any app.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """The value as a CSV cell that no spreadsheet program evaluates."""
    return "'" + value if looks_like_formula(value) else value


class _CsvWriter:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options):
    """`csv.writer` whose every cell went through `csv_cell`: the only CSV writer exports use."""
    return _CsvWriter(file, **options)


def append_row(sheet, row):
    """`sheet.append(row)`, with text that openpyxl would store as a formula stored as text.

    openpyxl turns any string that starts with `=` into a formula cell when it is assigned; the
    cell is set back to a string ("s") here, and every formula-like text gets the quote prefix so
    that Excel keeps it as text even after someone edits the cell."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
