"""DESIGN.md decision 4: a fresh install has the 2018–2026 calendar; later years via seed_calendar or by hand."""

from django.db import migrations

from workdays.seeding import seed_year

YEARS = range(2018, 2027)


def seed(apps, schema_editor):
    day_model = apps.get_model("workdays", "CalendarDay")
    year_model = apps.get_model("workdays", "CalendarYear")
    for year in YEARS:
        seed_year(year, day_model, year_model)


def unseed(apps, schema_editor):
    apps.get_model("workdays", "CalendarDay").objects.filter(date__year__in=YEARS, source="imported").delete()
    apps.get_model("workdays", "CalendarYear").objects.filter(year__in=YEARS).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
