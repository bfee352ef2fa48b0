"""Cache hygiene that must follow every way a key row disappears."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from accounts.models import ApiKey
from accounts.services import api_key_forget


@receiver(post_delete, sender=ApiKey)
def forget_deleted_key(sender, instance: ApiKey, **kwargs):
    # Deleting an account (or a key) in the admin cascades here; without this
    # the cached lookup would keep authenticating the key until it expired.
    api_key_forget(prefix=instance.prefix)
