"""One audit trail for every process record: who did what at which step, when, with what opinion.

Entries are Wagtail's model log entries (action `gongkai.step`), so they also appear in the admin's
site history. Write them with `record()`, read them with `entries()` (a queryset, oldest first) or
`history()` (ready to show), and show them with the `{% audit_history record %}` tag.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

ACTION = "gongkai.step"
SYSTEM = "系统"


def record(
    instance,
    step_label,
    *,
    user=None,
    step="",
    decision="",
    decision_label="",
    text="",
    changes=(),
    revision=None,
    **extra,
):
    """Append one entry to `instance`'s trail; `changes` is a list of (field label, before, after)."""
    data = {
        "step": step,
        "step_label": step_label,
        "decision": decision,
        "decision_label": decision_label,
        "text": text,
        "changes": [[str(label), str(before), str(after)] for label, before, after in changes],
        **extra,
    }
    return log(instance, ACTION, user=user, data=data, revision=revision)


def entries(instance):
    """The trail of `instance`, oldest first; filter on `data__decision`, `data__step`…"""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        action=ACTION,
    ).order_by("timestamp", "pk")


def actor_name(user):
    """Family name first (李信息), as every page of the product writes a person's name."""
    if user is None:
        return SYSTEM
    return f"{user.last_name}{user.first_name}" or user.get_username()


@dataclass
class Entry:
    at: object
    actor: str
    step_label: str
    decision_label: str
    text: str
    changes: list = field(default_factory=list)
    step: str = ""
    decision: str = ""

    @property
    def change_lines(self):
        return [f"{label}：{before} → {after}" for label, before, after in self.changes]


def as_entry(log_entry):
    data = log_entry.data
    return Entry(
        at=timezone.localtime(log_entry.timestamp),
        actor=actor_name(log_entry.user),
        step_label=data.get("step_label", ""),
        decision_label=data.get("decision_label", ""),
        text=data.get("text", ""),
        changes=data.get("changes", []),
        step=data.get("step", ""),
        decision=data.get("decision", ""),
    )


def history(instance):
    return [as_entry(log_entry) for log_entry in entries(instance).select_related("user")]
