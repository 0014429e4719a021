"""The case history (ClarificationStep) moves into the one audit trail (audit.trail, DESIGN 9)."""

from django.db import migrations

from audit.migration_support import copy_to_trail

# The flow node behind each title a step was recorded under.
STEP_OF_LABEL = {
    "登记": "register",
    "科室研判": "assess",
    "制定澄清方案": "draft_plan",
    "征得涉及单位同意": "other_units_consent",
    "拟移送职责单位": "draft_transfer",
    "拟报上级主管部门": "draft_report",
    "报州人民政府审批": "prefecture_approval",
    "主要领导审批": "main_leader_approval",
    "发布澄清公告": "publish",
    "登记其他渠道发布情况": "record_other_channels",
    "移送职责单位": "transfer",
    "报上级主管部门": "report",
}


def steps_to_trail(apps, schema_editor):
    ClarificationStep = apps.get_model("clarifications", "ClarificationStep")
    for step in ClarificationStep.objects.select_related("clarification").order_by("at", "pk"):
        copy_to_trail(
            apps,
            "clarifications.Clarification",
            step.clarification_id,
            step.clarification.title,
            step.at,
            step.user_id,
            {
                "step": STEP_OF_LABEL.get(step.step_label, ""),
                "step_label": step.step_label,
                "decision_label": step.action,
                "text": step.note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clarifications", "0001_squashed_0003_help_text"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(steps_to_trail, migrations.RunPython.noop)]
