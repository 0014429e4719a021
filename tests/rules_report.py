"""`make rules`: which SPEC ids are proven by which tests, and which are not yet.

A test names the ids it proves with `@pytest.mark.rule("S2.4")` (on the test, its class or module)
or a `rule: S2.5.6` line in its docstring. An id counts as proven when a test names it or one
of its sub-ids (S2.5.6 proves S2.5). The SPEC is the repository's copy, docs/spec/SPEC.md (`--spec` names
another); without it the report refuses to run rather than count only the ids the tests name.
"""

import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.support.paths import SPEC

ID_PATTERN = re.compile(r"S(\d+)\.(\d+)(?:\.(\d+))?")
RANGE_PATTERN = re.compile(r"S(\d+)\.(\d+)\s*[–-]\s*S\1\.(\d+)")
DOCSTRING_RULE = re.compile(r"^\s*rule:\s*(.+)$", re.MULTILINE)


def spec_ids(text):
    """Every id the SPEC defines, ranges like S7.1–S7.3 expanded, in the SPEC's order."""
    ids = []
    for line in text.splitlines():
        if not line.lstrip().startswith("- S"):
            continue
        head = line.split(" ", 3)[:3]
        expanded = RANGE_PATTERN.sub(
            lambda m: " ".join(f"S{m[1]}.{n}" for n in range(int(m[2]), int(m[3]) + 1)), " ".join(head)
        )
        ids += [match.group(0) for match in ID_PATTERN.finditer(expanded)]
    return list(dict.fromkeys(ids))


def ids_named_by(item):
    named = [arg for marker in item.iter_markers("rule") for arg in marker.args]
    docstring = getattr(item.obj, "__doc__", None) or ""
    for line in DOCSTRING_RULE.findall(docstring):
        named += [match.group(0) for match in ID_PATTERN.finditer(line)]
    return named


def is_proven(spec_id, named_ids):
    return any(named == spec_id or named.startswith(spec_id + ".") for named in named_ids)


def pytest_addoption(parser):
    parser.addoption("--spec", default=str(SPEC), help="the SPEC whose ids the rules report lists")


def pytest_configure(config):
    path = Path(config.getoption("--spec"))
    if not path.is_file():
        raise pytest.UsageError(
            f"rules report: SPEC list not found at {path}; nothing can be reported as proven"
        )
    config._spec_ids = spec_ids(path.read_text(encoding="utf-8"))
    if not config._spec_ids:
        raise pytest.UsageError(f"rules report: {path} defines no SPEC ids (lines starting with '- S1.1')")


def pytest_collection_modifyitems(session, config, items):
    proofs = defaultdict(list)
    for item in items:
        for named in ids_named_by(item):
            proofs[named].append(item.nodeid)
    config._rule_proofs = proofs


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    proofs = getattr(config, "_rule_proofs", {})
    ids = config._spec_ids
    write = terminalreporter.write_line
    proven = [spec_id for spec_id in ids if is_proven(spec_id, proofs)]
    write("")
    write(f"SPEC ids proven by tests: {len(proven)} of {len(ids)}")
    for spec_id in ids:
        tests = [test for named, found in proofs.items() if is_proven(spec_id, [named]) for test in found]
        status = f"{len(tests)} test(s)" if tests else "NOT PROVEN"
        write(f"  {spec_id:<8} {status}")
        for test in tests if config.option.verbose > 0 else ():
            write(f"           {test}")
