from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accountability", "0004_history_to_trail")]

    operations = [migrations.DeleteModel(name="CaseEvent")]
