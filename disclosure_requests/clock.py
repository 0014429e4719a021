"""The answer clock of a request (S6.2), derived from its ledger of typed entries.

* start (收到申请之日, with the limit in force then): counting begins the next working day;
* supplement_stop (补正告知书 sent): the clock stops; supplement_restart (补正 received): it starts
  again from nothing on that day, with the same limit (2019 Art 30: a restart, not a pause);
* pause (征求第三方意见) … resume (reply received or reply period over): the days in between are not counted;
* extension: the limit grows once, by at most the policy's extension limit, with the leader's approval.

Every working day is counted by `workdays.calendar`, so holidays and 调休 come from the office's table.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from workdays.calendar import explain, provisional_text, unconfirmed_years, working_days_between
from workdays.limits import time_limits

from .models import ClockEntry, DisclosureRequest

Kind = ClockEntry.Kind


@dataclass(frozen=True)
class Line:
    """One line of the explanation: an event from the ledger, or a calendar day."""

    day: object
    text: str
    count: int | None = None  # the working day's number within the limit; None for events and days off
    event: bool = False


@dataclass
class Clock:
    received: object = None
    limit: int = 0
    used: int = 0
    due: object = None
    running: bool = False
    stopped_reason: str = ""
    extended: bool = False
    lines: list = field(default_factory=list)
    unconfirmed_years: tuple = ()

    @property
    def remaining(self):
        return self.limit - self.used

    @property
    def warning_text(self):
        return provisional_text(self.unconfirmed_years)


def _counted_days(anchor, n, used_before):
    """The calendar lines of `n` working days after `anchor`, numbered on from `used_before`."""
    lines = []
    for entry in explain(anchor, n).entries[1:]:
        count = used_before + entry.count if entry.count else None
        lines.append(Line(entry.day, entry.reason, count))
    return lines


def derive(entries):
    """The clock from ledger entries in order: due date, days used, and the explanation day by day."""
    clock = Clock()
    anchor = None  # the day after which counting runs, while running
    first_day = None
    for entry in sorted(entries, key=lambda e: (e.date, e.pk or 0)):
        label = entry.get_kind_display()
        basis = f"（{entry.basis}）" if entry.basis else ""
        if entry.kind in (Kind.START, Kind.SUPPLEMENT_RESTART):
            if entry.kind == Kind.START:
                clock.received = entry.date
                clock.limit = entry.days or clock.limit
            clock.used, anchor, clock.running, clock.stopped_reason = 0, entry.date, True, ""
            first_day = first_day or entry.date
            text = f"{label}：答复期限{clock.limit}个工作日，当日不计{basis}"
        elif entry.kind in (Kind.PAUSE, Kind.SUPPLEMENT_STOP) and clock.running:
            used_here = max(0, working_days_between(anchor, entry.date))
            clock.lines.extend(_counted_days(anchor, used_here, clock.used))
            clock.used += used_here
            clock.running, anchor = False, None
            clock.stopped_reason = (
                "待申请人补正" if entry.kind == Kind.SUPPLEMENT_STOP else "征求意见期间不计入"
            )
            text = f"{label}{basis}：已用{clock.used}个工作日"
        elif entry.kind == Kind.RESUME and not clock.running and clock.stopped_reason:
            anchor, clock.running, clock.stopped_reason = entry.date, True, ""
            text = f"{label}{basis}：当日不计，自次日续算"
        elif entry.kind == Kind.EXTENSION:
            clock.limit += entry.days or 0
            clock.extended = True
            text = f"{label}{entry.days}个工作日{basis}：期限共{clock.limit}个工作日"
        else:
            text = f"{label}{basis}（不改变期限）"
        clock.lines.append(Line(entry.date, text, event=True))
    if clock.running:
        remaining = max(0, clock.limit - clock.used)
        explanation = explain(anchor, remaining)
        clock.lines.extend(_counted_days(anchor, remaining, clock.used))
        clock.due = explanation.due
        clock.unconfirmed_years = unconfirmed_years(first_day, clock.due) if remaining else ()
    return clock


def clock_for(request):
    return derive(list(request.clock_entries.all()))


def _append(request, kind, date, *, days=None, basis="", user=None):
    entry = ClockEntry.objects.create(
        request=request, kind=kind, date=date, days=days, basis=basis, created_by=user
    )
    request.due_date = clock_for(request).due
    request.save(update_fields=["due_date", "updated_at"])
    return entry


@transaction.atomic
def start(request, *, user=None):
    """Start the clock on the receipt date, with the answer limit in force today."""
    if request.received_date is None:
        raise ValidationError("收到申请之日尚未确定（需签收或双方确认），不能开始计时。")
    if request.clock_entries.exists():
        raise ValidationError("该申请已开始计时。")
    return _append(
        request, Kind.START, request.received_date, days=time_limits().answer, basis="收到申请", user=user
    )


def stop_for_supplement(request, date, *, user=None, basis="发出补正告知书"):
    return _append(request, Kind.SUPPLEMENT_STOP, date, basis=basis, user=user)


def restart_after_supplement(request, date, *, user=None, basis="收到补正材料"):
    return _append(request, Kind.SUPPLEMENT_RESTART, date, basis=basis, user=user)


def pause(request, date, *, user=None, basis="征求第三方意见"):
    if not clock_for(request).running:
        raise ValidationError("计时未在进行中，不能暂停。")
    return _append(request, Kind.PAUSE, date, basis=basis, user=user)


def resume(request, date, *, user=None, basis="第三方答复或答复期满"):
    return _append(request, Kind.RESUME, date, basis=basis, user=user)


@transaction.atomic
def extend(request, days, date, *, user=None, basis="分管领导批准延期"):
    """Extend once, by at most the limit in force (S6.2)."""
    DisclosureRequest.objects.select_for_update().filter(pk=request.pk).first()
    limit = time_limits().extension
    if request.clock_entries.filter(kind=Kind.EXTENSION).exists():
        raise ValidationError("答复期限只能延长一次。")
    if not 0 < days <= limit:
        raise ValidationError(f"延长期限最长不得超过{limit}个工作日。")
    return _append(request, Kind.EXTENSION, date, days=days, basis=basis, user=user)
