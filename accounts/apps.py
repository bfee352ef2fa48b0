from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and API keys"

    def ready(self):
        # Registers the X-API-Key security scheme with drf-spectacular.
        import accounts.signals  # noqa: F401
        import aimodelsmap.api.schema  # noqa: F401
