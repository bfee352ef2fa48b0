from django.db import models

PRICE_FIELD = {"max_digits": 20, "decimal_places": 10, "null": True, "blank": True}


class PriceQuerySet(models.QuerySet):
    def list_prices(self):
        """Rows of the list price: no condition (time of day, context tier, batch) attached."""
        return self.filter(conditions={})

    def effective_by(self, on=None):
        """Rows effective on or before ``on`` (every row without it), newest first.

        The first row per endpoint is the one in force then; the rest are its
        history. To get the rows in force, use ``pricing.selectors.prices_in_force``.
        """
        qs = self if on is None else self.filter(effective_from__lte=on)
        return qs.order_by("-effective_from", "-id")


class Price(models.Model):
    """A dated price of an Endpoint. Never edited in place: a change is a new row.

    One exception: a price its source states without a start (``dated_by_release``)
    holds from the model's release, so its row's date follows the release date the
    catalog serves (``ingestion.writers.prices.release_dated_prices_follow``).
    """

    endpoint = models.ForeignKey("models_registry.Endpoint", on_delete=models.CASCADE, related_name="prices")
    input_per_million = models.DecimalField(**PRICE_FIELD)
    output_per_million = models.DecimalField(**PRICE_FIELD)
    cache_read_per_million = models.DecimalField(**PRICE_FIELD)
    cache_write_per_million = models.DecimalField(**PRICE_FIELD)
    image_price = models.DecimalField(**PRICE_FIELD, help_text="USD per generated image.")
    video_per_minute = models.DecimalField(**PRICE_FIELD)
    free_tier_available = models.BooleanField(default=False)
    free_tier_limits = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=50, help_text="Pipeline or 'curator'.")
    effective_from = models.DateField()
    conditions = models.JSONField(
        default=dict,
        blank=True,
        help_text="When this price applies instead of the list price: {'time_window': '16:30-00:30 UTC'}, "
        "{'context_above_tokens': 200000}, {'batch': true}, {'service_tier': 'priority'}. Empty: the list price.",
    )
    withdrawn = models.BooleanField(
        default=False, help_text="The source stopped listing the endpoint on this date: its price series ends here."
    )
    dated_by_release = models.BooleanField(
        default=False,
        help_text="Its source gives no start: it holds from the model's release, and its date follows that date.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PriceQuerySet.as_manager()

    class Meta:
        ordering = ["endpoint_id", "-effective_from", "-id"]
        indexes = [models.Index(fields=["endpoint", "-effective_from"], name="price_endpoint_effective_idx")]

    def __str__(self) -> str:
        return f"{self.endpoint} from {self.effective_from}"
