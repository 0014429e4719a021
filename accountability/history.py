"""A case's history in the one audit trail: every change, by whom and when, as 字段：旧 → 新 (S10.3).

Entries are appended, never edited or deleted (see `signals.keep_case_history`).
"""

from audit.trail import record

from .models import AccountabilityCase

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


def changes_since(before, case):
    """[(field label, before, after)] of every tracked field that differs from the snapshot `before`."""
    after = snapshot(case)
    return [
        (field.verbose_name, before[field.name], after[field.name])
        for field in TRACKED
        if before[field.name] != after[field.name]
    ]


def record_changes(case, action, before, user=None):
    """Record what changed since `before`; a save that changed nothing leaves no entry."""
    changes = changes_since(before, case)
    return record(case, action, user=user, changes=changes) if changes else None
