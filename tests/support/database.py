"""Rows built once for a whole test module instead of once per test.

The rows are created inside a transaction that stays open while the module's tests run; each test's own
transaction (pytest-django's `db`) is a savepoint inside it, so a test sees the rows and its changes go
with it, and the rows go when the module is done. Only for modules without transactional or browser
tests: those commit and flush, which a surrounding transaction would not survive.
"""

import itertools

import pytest
from django.db import transaction

ROW_FIXTURES = {"office_rows", "demo_rows"}
modules_with_rows = set()


def rows_kept_for_the_module(request, django_db_blocker, build):
    """A generator for a module-scoped fixture: runs `build()` in an open transaction, rolls it back at the end."""
    modules_with_rows.add(request.module.__name__)
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            built = build()
        except BaseException as error:
            module_transaction.__exit__(type(error), error, error.__traceback__)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
        modules_with_rows.discard(request.module.__name__)


def tests_without_rows_first(items):
    """In each run of consecutive tests of one module, those that do not ask for its rows come before those
    that do (which build them), so that none sees rows it did not ask for. Runs stay where pytest-django's
    ordering put them (plain database tests, then transactional ones, then the rest)."""
    runs = [list(run) for _, run in itertools.groupby(items, key=lambda item: item.nodeid.split("::")[0])]
    return [item for run in runs for item in sorted(run, key=asks_for_rows)]


def asks_for_rows(item):
    return bool(ROW_FIXTURES & set(getattr(item, "fixturenames", ())))


def refuse_tests_that_would_see_rows_they_did_not_ask_for(request):
    """Once a module's rows exist every later test of the module sees them: each must ask for them."""
    if request.module.__name__ in modules_with_rows and not asks_for_rows(request):
        pytest.fail(f"{request.node.nodeid} 须请求 office_rows 或 demo_rows：本模块已建好的数据对它可见。")
