"""Open human tasks left with neither an owner nor a right (a vacant role) go to 综合科, flagged."""

from django.db import migrations
from django.db.models import Q

NOTE = "岗位空缺，已转综合科"


def unowned_tasks_to_general_office(apps, schema_editor):
    Task = apps.get_model("viewflow", "Task")
    unowned = Task.objects.filter(
        Q(owner_permission__isnull=True) | Q(owner_permission=""),
        owner__isnull=True,
        status="NEW",
        flow_task_type="HUMAN",
    )
    for task in unowned:
        task.owner_permission = "workflow.cover_as_general_office"
        task.data = {**(task.data or {}), "vacancy": NOTE}
        task.save(update_fields=["owner_permission", "data"])


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial"), ("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(unowned_tasks_to_general_office, migrations.RunPython.noop)]
