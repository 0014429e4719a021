"""`make rules`: the report lists the repository's SPEC ids, and refuses to run without them."""

import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests import rules_report
from tests.support.paths import REPOSITORY, SPEC


def rules_report_run(*arguments):
    """`make rules` on the smoke test alone, in a pytest of its own."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "tests.rules_report", *arguments]
    return subprocess.run(
        [*command, "tests/test_smoke.py"], cwd=REPOSITORY, capture_output=True, text=True, timeout=300
    )


def configured_with(spec):
    config = SimpleNamespace(getoption=lambda name: str(spec))
    rules_report.pytest_configure(config)
    return config


def test_the_report_fails_with_a_clear_message_when_the_spec_list_is_missing(tmp_path):
    missing = tmp_path / "SPEC.md"
    result = rules_report_run(f"--spec={missing}")
    assert result.returncode == 4  # pytest's usage error: nothing is reported as proven
    assert f"rules report: SPEC list not found at {missing}" in result.stderr
    assert "SPEC ids proven by tests" not in result.stdout


def test_the_report_fails_when_the_spec_defines_no_ids(tmp_path):
    empty = tmp_path / "SPEC.md"
    empty.write_text("# SPEC\n\nNo rules here.\n", encoding="utf-8")
    with pytest.raises(pytest.UsageError, match="defines no SPEC ids"):
        configured_with(empty)


def test_the_report_lists_every_id_of_the_spec_with_the_tests_proving_it(tmp_path):
    spec = tmp_path / "SPEC.md"
    spec.write_text("- S1.6 the catalogue (the smoke test proves it)\n- S1.7 nobody proves this\n", "utf-8")
    result = rules_report_run(f"--spec={spec}")
    assert result.returncode == 0, result.stderr
    assert "SPEC ids proven by tests: 1 of 2" in result.stdout
    assert "S1.6     1 test(s)" in result.stdout and "S1.7     NOT PROVEN" in result.stdout


def test_by_default_the_report_reads_the_repositorys_own_spec():
    defaults = {}
    parser = SimpleNamespace(addoption=lambda name, **option: defaults.update({name: option["default"]}))
    rules_report.pytest_addoption(parser)
    assert defaults["--spec"] == str(REPOSITORY / "docs" / "spec" / "SPEC.md") == str(SPEC)
    ids = configured_with(SPEC)._spec_ids
    assert ids[:2] == ["S1.1", "S1.3"] and ids[-1] == "S10.6" and len(ids) == 57
