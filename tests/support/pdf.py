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
