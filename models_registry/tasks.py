"""The daily lifecycle pass (schedule in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from models_registry.lifecycle import model_statuses_expire


@shared_task(name="models_registry.tasks.expire_model_statuses")
def expire_model_statuses() -> int:
    """Deprecate the models whose deprecation date has come today."""
    return model_statuses_expire()
