"""Conventions every screen relies on: each field staff can edit says in Chinese what it is and how to fill it."""

import re

from django.apps import apps

PROJECT_APPS = {
    "cms_pages",
    "organisation",
    "workdays",
    "flows",
    "letters",
    "search",
    "disclosure_requests",
    "annual_report",
    "clarifications",
    "accountability",
}
# Bookkeeping tables that no form shows: counters and the search index.
INTERNAL_MODELS = {
    "cms_pages.IndexNumberCounter",
    "letters.LetterNumberCounter",
    "disclosure_requests.RequestCounter",
    "search.SearchEntry",
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def editable_fields():
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in PROJECT_APPS or label in INTERNAL_MODELS:
            continue
        for field in model._meta.get_fields():
            own = getattr(field, "model", None) is model
            if own and field.concrete and not field.auto_created and field.editable:
                if not getattr(field, "parent_link", False):
                    yield label, field


def test_every_editable_field_has_a_chinese_label_and_help_text():
    missing = [
        f"{label}.{field.name}"
        for label, field in editable_fields()
        if not CHINESE.search(str(field.verbose_name)) or not str(field.help_text).strip()
    ]
    assert not missing, "缺少中文名称或填写说明的字段：" + "，".join(missing)


def test_every_project_model_has_a_chinese_name():
    unnamed = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not CHINESE.search(str(model._meta.verbose_name))
    ]
    assert not unnamed, "缺少中文名称的模型：" + "，".join(unnamed)
