from django import forms

from workflow.forms import TaskForm

from . import services
from .models import Withdrawal

Decision = Withdrawal.Decision


class RequestForm(forms.ModelForm):
    """撤回公开申请: which section's head reviews it, and why the item comes down."""

    class Meta:
        model = Withdrawal
        fields = ["department", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError("请写明撤回理由（至少5个字）。")
        return reason


class DecisionForm(TaskForm):
    """Agree to take the item down, or refuse with the reason."""

    decision = forms.ChoiceField(
        label="审核结论",
        choices=[
            (Decision.APPROVE.value, Decision.APPROVE.label),
            (Decision.REFUSE.value, Decision.REFUSE.label),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="不同意撤回时请写明理由",
    )

    def clean(self):
        cleaned = super().clean()
        if self.task.process.coerced.requested_by_id == self.user.pk:
            raise forms.ValidationError("不能审核本人提出的撤回申请。")
        if cleaned.get("decision") == Decision.REFUSE and not cleaned.get("opinion", "").strip():
            self.add_error("opinion", "不同意撤回时，请写明理由。")
        return cleaned

    def save(self, activation):
        data = self.cleaned_data
        services.decide(
            activation.process, activation.flow_task, self.user, data["decision"], data["opinion"]
        )
