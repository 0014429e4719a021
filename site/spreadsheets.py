"""Spreadsheet cells that cannot run: every export (CSV and XLSX) passes its text through `neutralise`.

A cell starting with = + - @ (or a tab or carriage return, which some programs skip before looking) is read
as a formula by Excel and WPS, so an applicant who writes `=HYPERLINK(…)` as his name could make a
staff member's spreadsheet fetch or run something. A leading ' makes the cell plain text, as the
spreadsheet programs themselves write it.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` made safe for a cell: text that would start a formula gets a leading '; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's index views with `list_export`: every exported value goes through `neutralise`."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))
