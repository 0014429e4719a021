"""The request's handling record (S2.10): entries of the one audit trail, never personal data."""

from audit import trail

from ..models import RequestProcess


def note(request, step_label, text, *, user=None, step="", decision=""):
    """One entry of `request`'s handling record: who did what at which step."""
    decision_label = RequestProcess.Decision(decision).label if decision else ""
    return trail.record(
        request, step_label, user=user, step=step, decision=decision, decision_label=decision_label, text=text
    )


def step_note(process, step, text, *, user=None, decision=""):
    """An entry for the flow step `step` (its attribute name), under the step's title."""
    title = str(getattr(process.flow_class, step).task_title)
    return note(process.request, title, text, user=user, step=step, decision=decision)


def decide(process, decision):
    """The decision the flow routes on after the step."""
    process.last_decision = decision
    process.save(update_fields=["last_decision"])


def move_to(request, status):
    """The request's new status, on top of what the clock just wrote (its due date)."""
    request.refresh_from_db()
    request.status = status
    request.save(update_fields=["status", "updated_at"])
