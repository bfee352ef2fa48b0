from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package itself, installed for its system checks (``aimodelsmap.checks``)."""

    name = "aimodelsmap"
    verbose_name = "AI Models Map"

    def ready(self):
        import aimodelsmap.checks  # noqa: F401
