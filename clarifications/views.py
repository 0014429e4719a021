"""The clarification register in the admin: the list of cases, one case's record, and registering a new one."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow.tasks import OPEN

from .flows import ClarificationFlow
from .forms import RegisterForm
from .models import Clarification

LIST_TITLE = "澄清虚假信息"


class ClarificationAdminView(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    permission_required = "clarifications.view_clarification"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("clarifications_admin:index"), "label": LIST_TITLE}]
        if self.get_page_title() != LIST_TITLE:
            items.append({"url": "", "label": self.get_header_title()})
        return items


class ClarificationListView(ClarificationAdminView, TemplateView):
    page_title = LIST_TITLE
    template_name = "clarifications/index.html"
    paginate_by = 20
    states = {"open": "办理中", "closed": "已办结", "": "全部"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state, query = self.request.GET.get("state", "open"), self.request.GET.get("q", "").strip()
        cases = Clarification.objects.select_related("department").order_by("-found_on", "-pk")
        if state == "open":
            cases = cases.open()
        elif state == "closed":
            cases = cases.exclude(pk__in=Clarification.objects.open().values("pk"))
        if query:
            cases = cases.filter(Q(title__icontains=query) | Q(content__icontains=query))
        page = Paginator(cases, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            cases=page.object_list, page=page, state=state, query=query, states=self.states.items()
        )
        return context


class ClarificationDetailView(ClarificationAdminView, TemplateView):
    template_name = "clarifications/detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(Clarification, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"澄清事项：{self.case.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            process=self.case,
            open_tasks=self.case.task_set.filter(status__in=OPEN, flow_task_type="HUMAN"),
        )
        return context


class RegisterView(ClarificationAdminView, FormView):
    permission_required = "clarifications.add_clarification"
    page_title = "登记疑似虚假或不完整信息"
    template_name = "clarifications/register.html"
    form_class = RegisterForm

    def get_initial(self):
        return {"found_on": timezone.localdate()}

    def form_valid(self, form):
        case = ClarificationFlow.register.run(details=form.cleaned_data, user=self.request.user)
        messages.success(self.request, f"已登记，交{case.department}研判。")
        return redirect("clarifications_admin:detail", pk=case.pk)
