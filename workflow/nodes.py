"""Flow nodes whose screens live inside the Wagtail admin (DESIGN.md decision 2).

Every human task has an owner (issue 13, point 6): a step assigned to a role that is vacant in the
section, or to the person who submitted the item, goes to the fallback of 设置 › 待办分派 and is
flagged; a step with neither an owner nor a right is never offered to everyone.
"""

from viewflow.workflow import flow

from .routing import author_ids, fallback, vacancy_note


def _not_mounted(request, *args, **kwargs):  # pragma: no cover - viewflow's own URLs are not mounted
    raise NotImplementedError("审批在管理后台的待办中办理")


class FormTask(flow.View):
    """A human task: the assignee fills `form_class` in the admin inbox, and the flow moves on.

    `approves`: the step approves the item, so whoever submitted, drafted or registered it may not take it.
    `drafts`: whoever does this step becomes an author of the item (a drafter, a registrant).
    """

    _owner_permission_obj = None  # set by .Permission(); read for the fallback's right too

    def __init__(self, form_class, approves=False, drafts=False, **kwargs):
        super().__init__(view=_not_mounted, **kwargs)
        self.form_class = form_class
        self.approves = approves
        self.drafts = drafts

    def assigned_person(self, activation):
        """Who the flow names for this step, unless they wrote the item and the step approves it."""
        owner = super().calc_owner(activation)
        if owner is not None and self.approves and owner.pk in author_ids(activation.process):
            return None
        return owner

    def calc_owner(self, activation):
        return self.assigned_person(activation)

    def calc_owner_permission(self, activation):
        permission = super().calc_owner_permission(activation)
        if permission or self.assigned_person(activation) is not None:
            return permission
        named = super().calc_owner(activation)
        permission, label = fallback()
        activation.task.data = {**activation.task.data, "vacancy": vacancy_note(named, label)}
        return permission

    def can_assign(self, user, task):
        """Never claimable by everyone: a task without an owner needs a right (its role or the fallback's)."""
        return bool(task.owner_permission) and super().can_assign(user, task)


def decided(decision):
    """A branch condition: the last task's form recorded `decision` on the process."""
    return lambda activation: activation.process.last_decision == decision
