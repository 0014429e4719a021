from django.apps import AppConfig


class WithdrawalsConfig(AppConfig):
    name = "withdrawals"
    verbose_name = "撤回公开"

    def ready(self):
        from workflow import registry

        from .flows import WithdrawalFlow

        registry.register(WithdrawalFlow, registry.ProcessKind(related=("page",)))
