"""Flow nodes whose screens live inside the Wagtail admin (DESIGN.md decision 2)."""

from viewflow.workflow import flow


def _not_mounted(request, *args, **kwargs):  # pragma: no cover - viewflow's own URLs are not mounted
    raise NotImplementedError("审批在管理后台的待办中办理")


class FormTask(flow.View):
    """A human task: the assignee fills `form_class` in the admin inbox, and the flow moves on."""

    def __init__(self, form_class, **kwargs):
        super().__init__(view=_not_mounted, **kwargs)
        self.form_class = form_class


def decided(decision):
    """A branch condition: the last task's form recorded `decision` on the process."""
    return lambda activation: activation.process.last_decision == decision
