from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("disclosure_requests", "0008_notes_to_trail")]

    operations = [migrations.DeleteModel(name="HandlingNote")]
