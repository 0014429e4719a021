"""Moving a process on from the tests: find a step's open task, claim it, fill its form, complete it."""

from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from workflow import tasks

from .people import user

# Tasks waiting for a person; workflow.tasks.OPEN also counts STARTED ones, which no test step may pick up.
OPEN = [STATUS.NEW, STATUS.ASSIGNED]


def processes_of(subject):
    """A review, consultation or clarification is its process; a request has one, an annual report several."""
    if isinstance(subject, Process):
        return [subject]
    if hasattr(subject, "processes"):
        return list(subject.processes.all())
    return [subject.process]


def open_task(subject, step):
    """The task of `step` (the flow's attribute name) still to be done for `subject`."""
    processes = processes_of(subject)
    flow_task = getattr(processes[0].flow_class, step)
    return Task.objects.get(process__in=processes, flow_task=flow_task, status__in=OPEN)


def perform(task, username, data, files=None):
    """`username` claims the task if it is pooled and submits its form; the form, completed if valid."""
    person = user(username)
    if task.status == STATUS.NEW:
        tasks.claim(task, person)
        task.refresh_from_db()
    form = task.flow_task.form_class(data=data, files=files, task=task, user=person)
    if form.is_valid():
        tasks.complete(task, person, form)
    return form


def form_errors(subject, step, username, **data):
    """The errors of a step's form filled with `data` (which must be refused)."""
    task = open_task(subject, step)
    form = task.flow_task.form_class(data=data, task=task, user=user(username))
    assert not form.is_valid()
    return form.errors
