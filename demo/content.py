"""Demo content: the seed regulation as disclosure items, plausible items in every category,
a filled-in guide, the organisation and one account per role. Idempotent."""

import datetime
import json
from html import escape
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from cms_pages.models import Category, Channel, DisclosureItemPage, GuidePage, StandardPage
from cms_pages.publication import authorised_publication
from cms_pages.setup import ensure_site_structure
from organisation.models import CountyOffice, Department

from .assessment import load_demo_assessment

DEMO_DIR = Path(__file__).parent
REGULATION_FILE = DEMO_DIR / "regulation_2018.txt"
NOTICE_TITLE = "关于印发楚雄州人民政府扶贫开发办公室政府信息公开有关工作制度的通知"
RULE_TITLES = [
    "主动公开制度",
    "依申请公开制度",
    "信息公开发布制度",
    "信息发布保密审查制度",
    "政府信息公开工作年度报告制度",
    "公开时限制度",
    "政府信息与政务公开工作考核评议制度",
    "政府信息发布协调制度",
    "澄清虚假或不完整信息工作办法",
    "政府信息公开责任追究制度",
]
SEED_METADATA = {
    "publisher": "楚雄州乡村振兴局",
    "subject_words": "工作制度",
    "written": datetime.date(2018, 6, 25),
    "formed": datetime.date(2018, 6, 25),
    "published": datetime.date(2018, 7, 3),
}
SEED_INDEX_NUMBER = "11532300015167874P-/2018-1224008"

# The bodies the agency record names (机构与人员 › 机关): 复议机关 since 2024 is the 州人民政府 (行政复议法).
AGENCY_BODIES = {
    "superior_government": "楚雄彝族自治州人民政府",
    "reconsideration_body": "楚雄彝族自治州人民政府",
    "disclosure_authority": "楚雄州人民政府办公室（州政府信息公开主管部门）",
}
DEPARTMENTS = [
    ("综合科", Department.Kind.SECTION, True),
    ("规划财务科", Department.Kind.SECTION, False),
    ("项目管理科", Department.Kind.SECTION, False),
    ("社会帮扶科", Department.Kind.SECTION, False),
    ("考核评估中心", Department.Kind.CENTRE, False),
]
COUNTIES = [
    "楚雄市",
    "双柏县",
    "牟定县",
    "南华县",
    "姚安县",
    "大姚县",
    "永仁县",
    "元谋县",
    "武定县",
    "禄丰市",
]

# username, surname, given name, role code; the officer, head and leader belong to 项目管理科.
ACCOUNTS = [
    ("xinxiyuan", "李", "信息", "information_officer"),
    ("kezhang", "王", "科长", "section_head"),
    ("fenguan", "张", "分管", "leader_in_charge"),
    ("zonghe", "赵", "综合", "general_office"),
    ("baomi", "陈", "保密", "confidentiality_group"),
    ("zhuren", "杨", "主任", "main_leader"),
    ("fabu", "周", "发布", "publishing_officer"),
]
DEMO_DEPARTMENT = "项目管理科"
# The main leader also chairs the disclosure leading group (政务公开领导小组).
EXTRA_ROLES = {"zhuren": "leading_group"}


def paragraphs_to_html(lines):
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())


def split_regulation(text):
    """The notice and each of the ten rules, as (title, body lines)."""
    lines = [line.strip().replace("\xa0", "") for line in text.splitlines()]
    starts = [lines.index(NOTICE_TITLE, lines.index(NOTICE_TITLE) + 1)]
    starts += [lines.index(title) for title in RULE_TITLES]
    sections = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        sections.append((lines[start], [line for line in lines[start + 1 : end] if line]))
    return sections


def ensure_organisation(agency):
    missing = {name: value for name, value in AGENCY_BODIES.items() if not getattr(agency, name)}
    if missing:
        for name, value in missing.items():
            setattr(agency, name, value)
        agency.save(update_fields=list(missing))
    for order, (name, kind, is_general_office) in enumerate(DEPARTMENTS, start=1):
        Department.objects.get_or_create(
            agency=agency,
            name=name,
            defaults={"kind": kind, "is_general_office": is_general_office, "sort_order": order},
        )
    for order, county in enumerate(COUNTIES, start=1):
        CountyOffice.objects.get_or_create(
            name=f"{county}乡村振兴局", defaults={"county": county, "sort_order": order}
        )


def ensure_accounts(groups):
    User = get_user_model()
    users = {}
    for username, surname, given_name, role in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"last_name": surname, "first_name": given_name}
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        user.groups.add(groups[role])
        if username in EXTRA_ROLES:
            user.groups.add(groups[EXTRA_ROLES[username]])
        users[role] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True, "last_name": "管理员"}
    )
    if created:
        admin.set_password(settings.DEMO_PASSWORD)
        admin.save()
    department = Department.objects.get(name=DEMO_DEPARTMENT)
    department.information_officer = users["information_officer"]
    department.head = users["section_head"]
    department.leader_in_charge = users["leader_in_charge"]
    department.save()
    return users


def publish_new_item(catalogue, slug, **fields):
    """Create and publish an item once; a second run finds it by slug and leaves it alone."""
    existing = DisclosureItemPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    item = DisclosureItemPage(slug=slug, live=False, **fields)
    catalogue.add_child(instance=item)
    with authorised_publication("演示内容"):
        item.save_revision().publish()
    item.refresh_from_db()
    item.channels.set(Channel.objects.filter(code__in=["website", "feed", "api"]))
    return item, True


def ensure_regulation_items(catalogue):
    category = Category.objects.get(slug="disclosure-rules")
    sections = split_regulation(REGULATION_FILE.read_text(encoding="utf-8"))
    created = 0
    for number, (title, body) in enumerate(sections):
        extra = {"index_number": SEED_INDEX_NUMBER} if number == 0 else {}
        _, is_new = publish_new_item(
            catalogue,
            slug="rules-2018" if number == 0 else f"rules-2018-{number:02d}",
            title=title,
            category=category,
            summary=f"楚雄州人民政府扶贫开发办公室政府信息公开有关工作制度之{number}：{title}。"
            if number
            else "",
            body=paragraphs_to_html(body),
            **SEED_METADATA,
            **extra,
        )
        created += is_new
    return created


def ensure_sample_items(catalogue):
    created = 0
    categories = {category.slug: category for category in Category.objects.all()}
    for number, row in enumerate(json.loads((DEMO_DIR / "items.json").read_text(encoding="utf-8")), start=1):
        written = datetime.date.fromisoformat(row["written"])
        _, is_new = publish_new_item(
            catalogue,
            slug=f"demo-{number:03d}",
            title=row["title"],
            category=categories[row["category"]],
            publisher="楚雄州乡村振兴局",
            doc_number=row.get("doc_number", ""),
            subject_words=row["subject_words"],
            summary=row["summary"],
            written=written,
            formed=written,
            published=datetime.date.fromisoformat(row["published"]),
            body=paragraphs_to_html([row["summary"], "（演示内容）"]),
        )
        created += is_new
    return created


GUIDE = {
    "office_name": "楚雄州乡村振兴局综合科",
    "address": "云南省楚雄市鹿城南路 楚雄州行政中心（邮编 675000）",
    "hours": "工作日 上午9:00—12:00，下午14:30—17:30（法定节假日除外）",
    "phone": "0878-3123456",
    "fax": "0878-3123457",
    "email": "xxgk@cxfpb.example.cn",
    "classification": "<p>主动公开的政府信息按主题分为九类：扶贫政策法规；扶贫工作动态；扶贫工作规划和工作要点；"
    "脱贫成效及考核信息；扶贫项目资金信息；机构设置、工作职责及联系方式；部门自身建设；法律法规规章规定应主动公开的"
    "其他信息；政府信息公开制度。</p><p>每条信息标注索引号、发布机构、发布日期、文号、主题词、成文日期和有效性，"
    "在公开目录中按发布日期从新到旧排列，可按分类、年份和发布机构筛选。</p>",
    "how_to_obtain": "<p><b>主动公开：</b>在本网站“公开目录”中查阅、检索、下载，也可订阅 RSS/Atom 或通过开放接口获取。</p>"
    "<p><b>依申请公开：</b>公民、法人或者其他组织可以通过信函、传真、电子邮件向综合科提出申请；书面申请确有困难的，"
    "可以口头提出，由工作人员代为填写。申请时请出示有效身份证件或证明文件。本机关自收到申请之日起15个工作日内答复，"
    "需要延长的，经分管领导同意并书面告知，延长期限最长不超过15个工作日。</p>",
    "complaints": "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向楚雄州人民政府、"
    "监察机关或者州政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>",
}

APPLY_BODY = (
    "<p>公民、法人或者其他组织可以向本机关申请获取未主动公开的政府信息。</p>"
    "<p>请在申请中写明：申请人姓名或者名称、身份证件或统一社会信用代码、联系方式；申请公开的政府信息的名称、"
    "文号或者便于查询的其他特征描述；获取信息的方式和途径。</p>"
    '<p>申请可以<a href="/apply/online/">在本网站在线提交</a>，也可以通过信函、传真、电子邮件提交至综合科，'
    "地址和电话见“公开指南”；书面申请确有困难的，可以到综合科口头提出，由工作人员代为填写。</p>"
    '<p>提交后凭申请编号和查询码<a href="/apply/status/">查询办理进度</a>、下载告知书。</p>'
)
REPORTS_BODY = "<p>本机关每年1月31日前公布上一年度政府信息公开工作年度报告。历年报告见公开目录“法律法规规章规定应主动公开的其他信息”。</p>"


def ensure_pages(home, catalogue):
    created = 0
    if not GuidePage.objects.exists():
        guide = GuidePage(title="公开指南", slug="guide", show_in_menus=True, **GUIDE)
        home.add_child(instance=guide)
        guide.save_revision().publish()
        guide.move(catalogue, pos="left")
        created += 1
    for slug, title, body in (
        ("apply", "依申请公开", APPLY_BODY),
        ("annual-reports", "年度报告", REPORTS_BODY),
    ):
        if not StandardPage.objects.filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, show_in_menus=True, body=body)
            home.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    if not home.intro:
        home.intro = "<p>楚雄州乡村振兴局（原楚雄州人民政府扶贫开发办公室）依法主动公开政府信息，受理政府信息公开申请。</p>"
        home.save_revision().publish()
    return created


@transaction.atomic
def load_demo_content():
    agency, home, catalogue, groups = ensure_site_structure()
    ensure_organisation(agency)
    ensure_accounts(groups)
    return {
        "pages": ensure_pages(home, catalogue),
        "regulation_items": ensure_regulation_items(catalogue),
        "sample_items": ensure_sample_items(catalogue),
        "assessment_scheme": load_demo_assessment(),
    }


def account_lines():
    from organisation.roles import ROLES_BY_CODE

    lines = [f"  {username:<10} {ROLES_BY_CODE[role].group_name}" for username, _, _, role in ACCOUNTS]
    lines.append(f"  {'admin':<10} 系统管理员（超级用户）")
    return lines
