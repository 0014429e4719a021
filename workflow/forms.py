"""What every task form shares: it is bound to one task and one user; `save(activation)` applies it."""

from django import forms


class ISODateInput(forms.DateInput):
    """The browser's date picker needs ISO dates, whatever the locale's input format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TaskForm(forms.Form):
    """A form bound to one task; `save(activation)` applies it to the process."""

    def __init__(self, *args, task, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.user = user

    def save(self, activation):
        raise NotImplementedError


YES_NO = [("1", "是"), ("0", "否")]


def yes_no_field(label, choices=YES_NO, **kwargs):
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=lambda value: value == "1", widget=forms.RadioSelect, **kwargs
    )
