"""Claiming and completing human tasks, for the admin views and for code (tests, imports)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .registry import inbox_flows
from .routing import author_refusal

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
UNOWNED = Q(owner_permission__isnull=True) | Q(owner_permission="")


class AuthorRefused(PermissionDenied):
    """The user submitted, drafted or registered the item this step approves."""


def inbox(user):
    return Task.objects.inbox(inbox_flows(), user).select_related("process").order_by("created")


def queue(user):
    """Pooled tasks this user may claim; a task with neither owner nor right is nobody's to claim."""
    pooled = Task.objects.queue(inbox_flows(), user).exclude(UNOWNED)
    return pooled.select_related("process").order_by("created")


def waiting_count(user):
    return inbox(user).count() + queue(user).count()


def refuse_author(task, user):
    reason = author_refusal(task, user)
    if reason:
        raise AuthorRefused(reason)


def claim(task, user):
    with task.activation() as activation:
        refuse_author(activation.task, user)
        if not activation.flow_task.can_assign(user, activation.task):
            raise PermissionDenied("该任务已被他人认领，或您无权办理。")
        activation.assign(user)


def can_handle(task, user):
    return task.status == STATUS.ASSIGNED and task.flow_task.can_execute(user, task)


def complete(task, user, form):
    """Run the form's effect on the process and move the flow on, under the process lock."""
    with task.activation() as activation:
        refuse_author(activation.task, user)
        if not can_handle(activation.task, user):
            raise PermissionDenied("该任务不在您的待办中。")
        activation.start(None)
        form.save(activation)
        activation.execute()
