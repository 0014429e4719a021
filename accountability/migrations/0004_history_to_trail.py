"""Case histories (CaseEvent) and the score log (action accountability.score) move into the one audit trail."""

from django.db import migrations

from audit.migration_support import copy_to_trail
from audit.trail import ACTION

OLD_SCORE_ACTION = "accountability.score"


def change_line(line):
    label, _, values = line.partition("：")
    before, _, after = values.partition(" → ")
    return [label, before, after]


def events_to_trail(apps, schema_editor):
    CaseEvent = apps.get_model("accountability", "CaseEvent")
    for event in CaseEvent.objects.order_by("at", "pk"):
        copy_to_trail(
            apps,
            "accountability.AccountabilityCase",
            event.case_id,
            f"第{event.case_id}号",
            event.at,
            event.actor_id,
            {"step_label": event.action, "changes": [change_line(line) for line in event.changes.splitlines()]},
        )


def scores_to_trail(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for entry in ModelLogEntry.objects.filter(action=OLD_SCORE_ACTION):
        data = entry.data
        entry.action = ACTION
        entry.data = {
            "step": "score",
            "step_label": "考核评分",
            "decision": "",
            "decision_label": "",
            "text": data.get("basis", ""),
            "changes": [[data.get("indicator", ""), data.get("before", ""), data.get("after", "")]],
        }
        entry.save(update_fields=["action", "data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0003_leading_group_transfers"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(events_to_trail, migrations.RunPython.noop),
        migrations.RunPython(scores_to_trail, migrations.RunPython.noop),
    ]
