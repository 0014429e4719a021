"""Serial numbers that must never repeat: 索引号, 文号, 申请编号.

Each kind keeps one counter row per key (a prefix, a year…). The row is locked while the next
value is taken and stays locked until the caller's transaction ends, so two people issuing at the
same instant get consecutive numbers, and a rolled-back issue leaves no gap.
"""

from django.db import transaction


def take_next_value(counter_model, **key):
    """Increment `counter_model`'s `last_value` for `key` under a row lock and return it."""
    with transaction.atomic():
        counter, _ = counter_model.objects.select_for_update().get_or_create(**key)
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
    return counter.last_value
