"""S1.3: the eight categories of rule 1 plus 政府信息公开制度, and the channels of S1.5."""

from django.db import migrations

CATEGORIES = [
    ("policy", "扶贫政策法规"),
    ("news", "扶贫工作动态"),
    ("plans", "扶贫工作规划和工作要点"),
    ("results", "脱贫成效及考核信息"),
    ("funds", "扶贫项目资金信息"),
    ("organisation", "机构设置、工作职责及联系方式"),
    ("self-building", "部门自身建设：权责清单、财务预决算、人事信息"),
    ("other", "法律法规规章规定应主动公开的其他信息"),
    ("disclosure-rules", "政府信息公开制度"),
]

CHANNELS = [
    ("website", "门户网站"),
    ("feed", "RSS/Atom 订阅"),
    ("api", "开放接口"),
    ("wechat", "微信公众号"),
    ("press", "报刊"),
    ("broadcast", "广播电视"),
    ("bulletin", "公开栏"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("cms_pages", "Category")
    Channel = apps.get_model("cms_pages", "Channel")
    for order, (slug, name) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (code, name) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("cms_pages", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
