"""Who may take a step: the fallback for vacant roles, and the authors of an item, who may not approve it."""

from viewflow.workflow.status import STATUS

from .registry import kind_of

AUTHOR_REFUSED = "您是该事项的报送人、起草人或登记人，不能审批本人经手的事项（谁审查、谁负责）。"


def fallback():
    """(right, name) of the fallback chosen in 设置 › 待办分派."""
    from .models import TaskRouting

    return TaskRouting.load().fallback()


def vacancy_note(named, fallback_name):
    reason = "报送人回避" if named is not None else "岗位空缺"
    return f"{reason}，已转{fallback_name}"


def author_ids(process):
    """Ids of whoever submitted, drafted or registered the item: its kind's authors and the doers of
    its finished drafting steps."""
    process = process.coerced if hasattr(process, "coerced") else process
    flow_class = process.flow_class
    ids = set(kind_of(flow_class).authors(process))
    drafting = [node for node in flow_class.instance.nodes() if getattr(node, "drafts", False)]
    if drafting:
        done = process.task_set.filter(flow_task__in=drafting, status=STATUS.DONE, owner__isnull=False)
        ids.update(done.values_list("owner_id", flat=True))
    return ids - {None}


def author_refusal(task, user):
    """The reason `user` may not take `task` (a step approving an item they wrote), or ""."""
    if not getattr(task.flow_task, "approves", False):
        return ""
    return AUTHOR_REFUSED if user.pk in author_ids(task.process) else ""
