"""Every time limit in one admin setting, 期限设置, for both regimes: the defaults are the regulations'
numbers, each process reads them through workdays.limits.time_limits(), and only 综合科 changes them."""

import datetime

import pytest
from django.urls import reverse

from publication_review.deadlines import review_deadline
from publication_review.documents import reply_deadline
from publication_review.models import PublicationReview
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.people import user
from workdays.calendar import add_working_days
from workdays.limits import time_limits
from workdays.models import Limits, TimeLimits

D = datetime.date


def edit_url():
    return reverse("wagtailsettings:edit", args=["workdays", "timelimits", TimeLimits.load().pk])


@pytest.fixture
def office(office_rows, db):
    return office_rows


@pytest.mark.rule("S1.4", "S2.6", "S6.1", "S6.2")
def test_the_defaults_are_the_numbers_of_the_seed_and_of_the_2019_regulation(db):
    # seed 制度一/六: 20 days to publish; 制度六第二条: 15 days to answer, at most 15 more
    assert time_limits("seed") == Limits(
        regime="seed",
        proactive=20,
        consultation_reply=15,
        answer=15,
        extension=15,
        third_party=15,
        supplement=10,
    )
    # 2019 条例 第二十六条 20; 第三十三条 20 + 20; 第三十二条 third party 15; 第三十四条 other organ 15
    assert time_limits("2019") == Limits(
        regime="2019",
        proactive=20,
        consultation_reply=15,
        answer=20,
        extension=20,
        third_party=15,
        supplement=10,
    )
    assert time_limits().regime == "seed"


@pytest.mark.rule("S1.4", "S6.1", "S8.5")
def test_the_review_and_the_consultation_read_the_limits_in_force(db):
    setting = TimeLimits.load()
    setting.regime = TimeLimits.Regime.NATIONAL_2019
    setting.national_proactive_days = 10
    setting.national_consultation_reply_days = 7
    setting.save()
    formed, sent = D(2025, 3, 3), D(2025, 3, 10)
    assert review_deadline(PublicationReview(formed=formed)).due == add_working_days(formed, 10)
    assert review_deadline(
        PublicationReview(formed=formed, deadline_override_days=30)
    ).due == add_working_days(formed, 30)
    assert reply_deadline(sent) == add_working_days(sent, 7)
    setting.regime = TimeLimits.Regime.SEED
    setting.save()
    assert review_deadline(PublicationReview(formed=formed)).due == add_working_days(formed, 20)
    assert reply_deadline(sent) == add_working_days(sent, 15)


def test_the_general_office_sets_the_limits_with_help_text_on_every_field(office, client):
    client.force_login(user("zonghe"))
    page = client.get(edit_url()).content.decode()
    assert "2019年条例第三十三条：20个工作日" in page and "制度六第二条：15个工作日" in page
    for field in TimeLimits._meta.get_fields():
        if field.name != "id" and hasattr(field, "help_text"):
            assert field.help_text, field.name
    form = {"regime": "2019"}
    for name in TimeLimits.LIMITS:
        form[f"seed_{name}_days"] = getattr(time_limits("seed"), name)
        form[f"national_{name}_days"] = getattr(time_limits("2019"), name)
    form["national_supplement_days"] = 15
    assert client.post(edit_url(), form).status_code == 302
    assert (time_limits().regime, time_limits().supplement) == ("2019", 15)

    form["national_answer_days"] = 0
    response = client.post(edit_url(), form)
    assert response.status_code == 200 and time_limits().answer == 20
    assert "确保该值大于或等于1。" in response.content.decode()


def test_an_information_officer_cannot_change_a_limit(office, client):
    client.force_login(user("xinxiyuan"))
    assert outcome(client.post(edit_url(), {"regime": "2019", "seed_answer_days": 60})) == REFUSED_BY_ADMIN
    assert time_limits().regime == "seed" and time_limits("seed").answer == 15
