"""Reading back the PDFs the site renders, with poppler's pdftotext and pdffonts."""

import re
import subprocess


def pdf_text(pdf, *options):
    """The text of a PDF given as bytes or as a path; `options` go to pdftotext (e.g. "-layout", "-raw")."""
    source, data = ("-", pdf) if isinstance(pdf, bytes) else (str(pdf), None)
    return subprocess.run(
        ["pdftotext", *options, source, "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def compact(text):
    """The text with all white space removed, so that line breaks do not split phrases."""
    return re.sub(r"\s+", "", text)


def embedded_fonts(pdf, tmp_path):
    """{font family: embedded?} from pdffonts, subset tags (ABCDEF+) removed."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in output.splitlines()[2:]]
    return {row[0].split("+")[-1]: row[-5] == "yes" for row in rows}


STUB_PDF = b"%PDF-1.4\n% layout skipped: this test does not read the letter\n%%EOF\n"


class LayoutSkipped:
    """Stands in for WeasyPrint's HTML where a test never reads the PDF: the template was rendered
    (its errors raised) before this is called; only the layout, the slow part, is skipped."""

    def __init__(self, string, base_url=None):
        self.string = string

    def write_pdf(self):
        return STUB_PDF
