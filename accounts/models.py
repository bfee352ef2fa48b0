from django.db import models
from django.db.models import Q
from django.utils import timezone


class Plan(models.Model):
    """What a key may do: its daily request quota and whether it may write."""

    ANONYMOUS = "anonymous"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    daily_request_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Requests per UTC day. Empty means unlimited."
    )
    can_write = models.BooleanField(default=False, help_text="May submit reviews and votes.")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_anonymous(self) -> bool:
        return self.slug == self.ANONYMOUS


class Account(models.Model):
    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(blank=True)
    is_verified = models.BooleanField(
        default=False, help_text="Set by curators; reviews by verified accounts are marked verified."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        """Keys that authenticate right now: not revoked and not expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiKey(models.Model):
    """An API key. Only the SHA-256 of the raw key is stored; the prefix is public."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="api_keys")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, unique=True, help_text="Public part of the key; identifies a leaked key.")
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix} ({self.account})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
