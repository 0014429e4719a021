"""A case's history: every change, by whom and when, as readable 字段：旧 → 新 lines (S10.3)."""

from .models import AccountabilityCase, CaseEvent

TRACKED = [
    field
    for field in AccountabilityCase._meta.get_fields()
    if field.concrete and field.editable and field.name not in ("id",) and not field.auto_created
]


def display(case, field):
    if field.many_to_many:
        if not case.pk:
            return ""
        return "、".join(sorted(str(person) for person in getattr(case, field.name).all()))
    value = getattr(case, field.name)
    if value in (None, ""):
        return "（空）"
    if field.choices:
        return str(getattr(case, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def snapshot(case):
    return {field.name: display(case, field) for field in TRACKED}


def record(case, actor, action, before=None):
    """Append one event; with `before` (a snapshot), list what changed since."""
    after = snapshot(case)
    lines = [
        f"{field.verbose_name}：{before[field.name]} → {after[field.name]}"
        for field in TRACKED
        if before is not None and before[field.name] != after[field.name]
    ]
    if before is not None and not lines:
        return None
    return CaseEvent.objects.create(case=case, actor=actor, action=action, changes="\n".join(lines))
