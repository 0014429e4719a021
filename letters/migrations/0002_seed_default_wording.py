"""The default wording of every letter (letters/defaults.py), so 文书模板 is complete after install."""

from django.db import migrations

from letters.defaults import DEFAULT_TEMPLATES


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, fields in DEFAULT_TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
