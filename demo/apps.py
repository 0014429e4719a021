from django.apps import AppConfig


class DemoConfig(AppConfig):
    """演示内容: `load_demo` fills a development site; no other app imports it (GONGKAI_DEMO_ALLOWED)."""

    name = "demo"
    label = "demo"
    verbose_name = "演示内容"
