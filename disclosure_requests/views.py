"""The public pages: apply online (依申请公开) and follow a request with its number and code."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from gongkai_site import private_files

from . import guard, services
from .forms import OnlineRequestForm, OnlineSupplementForm, StatusForm
from .models import DisclosureRequest, RequestPolicy

SESSION_KEY = private_files.STATUS_SESSION_KEY
TOO_MANY = "提交过于频繁，请稍后再试；也可以通过信函、传真或电子邮件提交申请。"


def form_context(form):
    return {"form": form, "policy": RequestPolicy.current(), "page_title": "在线提交政府信息公开申请"}


@require_http_methods(["GET", "POST"])
def apply_online(request):
    if request.method == "GET":
        return render(request, "disclosure_requests/apply.html", form_context(OnlineRequestForm()))
    if not guard.allow(request, "apply"):
        context = {**form_context(OnlineRequestForm(request.POST)), "refused": TOO_MANY}
        return render(request, "disclosure_requests/apply.html", context, status=429)
    form = OnlineRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "disclosure_requests/apply.html", form_context(form), status=400)
    applied, code = services.submit(form, DisclosureRequest.Channel.ONLINE)
    emailed = services.notify_applicant(applied, code, request.build_absolute_uri("/").rstrip("/"))
    return render(
        request,
        "disclosure_requests/submitted.html",
        {"applied": applied, "access_code": code, "emailed": emailed, "page_title": "申请已提交"},
    )


@require_http_methods(["GET", "POST"])
def status(request):
    """Number and code are posted, not put in the address, so they stay out of logs and history."""
    context = {"page_title": "申请办理进度查询"}
    if request.method == "GET":
        return render(request, "disclosure_requests/status.html", {**context, "form": StatusForm()})
    form = StatusForm(request.POST)
    context["form"] = form
    if not guard.allow(request, "status"):
        return render(
            request, "disclosure_requests/status.html", {**context, "refused": TOO_MANY}, status=429
        )
    if form.is_valid():
        found = services.find_for_applicant(
            form.cleaned_data["tracking_number"], form.cleaned_data["access_code"]
        )
        if found is None:
            context["not_found"] = services.NOT_FOUND
        else:
            context.update(result_context(found))
            request.session[SESSION_KEY] = found.pk
    return render(request, "disclosure_requests/status.html", context, status=200 if form.is_valid() else 400)


def result_context(found, supplement_form=None):
    result = services.public_status(
        found, lambda letter: reverse("disclosure_requests:letter", args=[letter.pk]) if letter.pdf else ""
    )
    if result["supplement"]:
        supplement_form = supplement_form or OnlineSupplementForm()
    return {"result": result, "supplement_form": supplement_form}


@require_http_methods(["POST"])
def supplement(request):
    """补正 online, for the request whose number and code were given in this session."""
    seen = request.session.get(SESSION_KEY)
    found = DisclosureRequest.objects.filter(pk=seen).first() if seen else None
    if found is None:
        raise Http404
    context = {"page_title": "申请办理进度查询", "form": StatusForm()}
    if not guard.allow(request, "status"):
        return render(
            request, "disclosure_requests/status.html", {**context, "refused": TOO_MANY}, status=429
        )
    form = OnlineSupplementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.supplement_online(found, form.cleaned_data["text"], form.cleaned_data["upload"])
        except ValidationError as error:
            form.add_error(None, error)
            context["refused"] = " ".join(error.messages)  # shown even where the 补正 form no longer is
    if form.errors:
        return render(
            request, "disclosure_requests/status.html", {**context, **result_context(found, form)}, status=400
        )
    found.refresh_from_db()
    context["supplemented"] = "已收到您的补正，答复期限自今日起重新计算。"
    return render(request, "disclosure_requests/status.html", {**context, **result_context(found)})
