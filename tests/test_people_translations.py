"""The admin's project catalogue (issue 15 point 9): the committed .mo files are the compiled .po files, so
a fresh clone reads the same Chinese as the developer who edited the .po (compile with `make messages`)."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_is_the_committed_po(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", compiled, LOCALE / f"{domain}.po"], check=True, capture_output=True
    )
    assert compiled.read_bytes() == (LOCALE / f"{domain}.mo").read_bytes(), (
        "run `make messages` and commit the .mo"
    )
