"""The request limits move from 依申请公开规则 into 期限设置 (workdays.TimeLimits), which holds every time limit
of both regimes: the office's values go to the regime it had chosen, which stays the one in force."""

from django.db import migrations

PREFIX = {"seed": "seed", "2019": "national"}
LIMITS = ("answer", "extension", "third_party", "supplement")


def limits_to_workdays(apps, schema_editor):
    RequestPolicy = apps.get_model("disclosure_requests", "RequestPolicy")
    TimeLimits = apps.get_model("workdays", "TimeLimits")
    for policy in RequestPolicy.objects.all():
        limits, _ = TimeLimits.objects.get_or_create()
        limits.regime = policy.regime
        for name in LIMITS:
            setattr(limits, f"{PREFIX[policy.regime]}_{name}_days", getattr(policy, f"{name}_days"))
        limits.save()


def limits_back(apps, schema_editor):
    RequestPolicy = apps.get_model("disclosure_requests", "RequestPolicy")
    TimeLimits = apps.get_model("workdays", "TimeLimits")
    limits = TimeLimits.objects.first()
    if limits is None:
        return
    for policy in RequestPolicy.objects.all():
        policy.regime = limits.regime
        for name in LIMITS:
            setattr(policy, f"{name}_days", getattr(limits, f"{PREFIX[limits.regime]}_{name}_days"))
        policy.save()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure_requests", "0009_delete_handlingnote"),
        ("workdays", "0004_time_limits"),
    ]

    operations = [migrations.RunPython(limits_to_workdays, limits_back)]
