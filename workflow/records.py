"""Process records change only through their process (issue 13, point 7).

A request's status, dates, number, answer kind and handlers are written by its steps; the register
(台账) and Wagtail's other generic views only show them. `ProcessRecordPolicy` is registered for such
models: the generic add, edit, copy and delete views refuse everyone, superusers included, while
`view` follows the model's ordinary right.
"""

from wagtail.permission_policies import ModelPermissionPolicy

READ_ONLY = {"view"}


class ProcessRecordPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in READ_ONLY and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action in READ_ONLY])
