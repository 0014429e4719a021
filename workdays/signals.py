"""`calendar_changed` is sent once after a transaction that changed the calendar has committed.

Apps that store dates counted in working days (a request's due date…) connect to it and recompute
their open deadlines, so nothing is ever judged on a stale date (DESIGN.md decision 14).
"""

from django.db import connection, transaction
from django.dispatch import Signal

calendar_changed = Signal()


def _send():
    calendar_changed.send(sender=announce_calendar_change)


def announce_calendar_change():
    """Send `calendar_changed` after the current transaction commits, once however many rows changed."""
    if any(callback is _send for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_send)
