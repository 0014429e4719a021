from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clarifications", "0004_steps_to_trail")]

    operations = [migrations.DeleteModel(name="ClarificationStep")]
