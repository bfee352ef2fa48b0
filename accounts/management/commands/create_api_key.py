from datetime import UTC, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime

from accounts.models import Account, Plan
from accounts.services import api_key_create


def parse_expiry(value: str) -> datetime:
    try:
        # A bare date means "valid through that day"; parse_datetime would
        # read it as its first instant.
        day = parse_date(value)
        moment = datetime.combine(day, time.max) if day else parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"--expires must be a date (YYYY-MM-DD) or an ISO datetime, got {value!r}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = "Create an API key for an account (created if new). The raw key is printed once, as the last line."

    def add_arguments(self, parser):
        parser.add_argument("--account", required=True, help="Account name; created if it does not exist.")
        parser.add_argument("--plan", required=True, help="Plan slug: anonymous, free, pro, internal, ...")
        parser.add_argument("--expires", help="Expiry date (YYYY-MM-DD, end of that day UTC) or ISO datetime.")
        parser.add_argument("--name", default="", help="A label for the key.")

    def handle(self, *args, account, plan, expires=None, name="", **options):
        try:
            plan_row = Plan.objects.get(slug=plan)
        except Plan.DoesNotExist:
            choices = ", ".join(Plan.objects.values_list("slug", flat=True))
            raise CommandError(f"Unknown plan {plan!r}. Plans: {choices}") from None
        expires_at = parse_expiry(expires) if expires else None
        account_row, _ = Account.objects.get_or_create(name=account)
        api_key, raw_key = api_key_create(account=account_row, plan=plan_row, name=name, expires_at=expires_at)
        expiry = f", expires {api_key.expires_at:%Y-%m-%d %H:%M} UTC" if api_key.expires_at else ""
        self.stdout.write(
            f"Created key {api_key.prefix} for account {account_row.name!r} on plan {plan_row.slug}{expiry}."
        )
        self.stdout.write("Store it now: it is shown once and never stored.")
        self.stdout.write(raw_key)
