"""Conventions every screen relies on: each field staff can edit says in Chinese what it is and how to fill it."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

PROJECT_APPS = {
    "cms_pages",
    "organisation",
    "workdays",
    "flows",
    "workflow",
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


# -- app-level imports go one way (issue 12, point 5) -----------------------------------------------

# The workflow engine knows the processes only through its registry (issue 12, point 2).
PROCESS_APPS = {
    "publication_review",
    "disclosure_requests",
    "clarifications",
    "annual_report",
    "withdrawals",
    "accountability",
    "cms_pages",
}


def project_apps():
    """The repository's own apps by package name (an import names the package, not the app label)."""
    return {
        config.name: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and not any(part.startswith(".venv") for part in Path(config.path).parts)
    }


def imported_modules(path):
    """Every absolute import of a module, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_imports():
    """{app: {other apps it imports}}; migrations are left out (they name other apps by label)."""
    folders = project_apps()
    graph = {}
    for app, folder in folders.items():
        sources = [
            path for path in folder.rglob("*.py") if "migrations" not in path.relative_to(folder).parts
        ]
        modules = {module.split(".")[0] for path in sources for module in imported_modules(path)}
        graph[app] = (modules & folders.keys()) - {app}
    return graph


def cycles(graph):
    """The pairs of apps that reach each other, each as a frozenset."""

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for target in graph[todo.pop()] - seen:
                seen.add(target)
                todo.append(target)
        return seen

    reach = {app: reachable(app) for app in graph}
    return {frozenset({a, b}) for a in graph for b in reach[a] if a != b and a in reach[b]}


def test_apps_import_each_other_in_one_direction_only():
    graph = app_imports()
    found = sorted(" ↔ ".join(sorted(pair)) for pair in cycles(graph))
    assert not found, "应用之间出现循环导入：" + "，".join(found)


def test_the_workflow_engine_imports_no_process_or_domain_app():
    imported = sorted(app_imports()["workflow"] & PROCESS_APPS)
    assert imported == [], "工作流引擎不得导入具体流程或业务应用：" + "，".join(imported)


def test_the_engine_check_sees_a_function_local_import(tmp_path):
    module = tmp_path / "engine.py"
    module.write_text("def rows():\n    from publication_review.models import PublicationReview\n")
    assert set(imported_modules(module)) == {"publication_review.models"}


def test_no_domain_app_imports_the_demo():
    importers = sorted(app for app, imported in app_imports().items() if "demo" in imported)
    assert importers == [], "演示内容只能由 demo 应用使用：" + "，".join(importers)


def test_the_cycle_check_sees_a_cycle_through_a_third_app():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {
        frozenset({"a", "b"}),
        frozenset({"b", "c"}),
        frozenset({"a", "c"}),
    }
