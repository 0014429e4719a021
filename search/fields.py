"""The site's reading of a query, applied to a few text columns of a small table (the requests register).

For admin lists whose rows are not in the search index: every piece of the query must be found in one
of the columns, through its synonyms too, and a piece found nowhere is split into dictionary words
(the same plan as `query.build_plan`), each looked for as a substring in the database.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .query import build_plan


def _in_any(fields, text):
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))


def _meeting(queryset, fields, requirements):
    for requirement in requirements:
        queryset = queryset.filter(reduce(or_, (_in_any(fields, text) for text in requirement.alternatives)))
    return queryset


def search_fields(queryset, fields, raw):
    """The rows of `queryset` matching the query `raw` in the text columns `fields`."""
    plan = build_plan(
        raw,
        lambda text: queryset.filter(_in_any(fields, text)).exists(),
        lambda key: False,
        lambda requirements: _meeting(queryset, fields, requirements).exists(),
    )
    if not plan.requirements:
        return queryset.none()
    return _meeting(queryset, fields, plan.requirements)


class FieldSearchMixin:
    """For an admin list view (`index_view_class`) searching its model's `search_fields` in the database."""

    def search_queryset(self, queryset):
        return (
            search_fields(queryset, self.search_fields, self.search_query) if self.is_searching else queryset
        )
