from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime, parse_duration

from models_registry.models import Category
from rankings import services


def parse_moment(value: str, option: str) -> datetime:
    try:
        day = parse_date(value)
        moment = datetime.combine(day, datetime.min.time()) if day else parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"{option} must be a date (YYYY-MM-DD) or an ISO datetime, got {value!r}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_step(value: str) -> timedelta:
    units = {"d": "days", "h": "hours", "m": "minutes"}
    if value[-1:] in units and value[:-1].isdigit() and int(value[:-1]) > 0:
        return timedelta(**{units[value[-1]]: int(value[:-1])})
    step = parse_duration(value)
    if step is None or step <= timedelta(0):
        raise CommandError(f"--step must look like 1d, 6h or 30m, got {value!r}")
    return step


class Command(BaseCommand):
    help = (
        "Recompute scores from the signals recorded up to a time (default now) and publish them. "
        "--backfill FROM TO recomputes at every --step between the two (oldest first) to build history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--category", help="Only this category slug (default: every category).")
        parser.add_argument("--at", help="Recompute as of this date or ISO datetime (UTC if no offset).")
        parser.add_argument("--backfill", nargs=2, metavar=("FROM", "TO"), help="Recompute at each step in range.")
        parser.add_argument("--step", default="1d", help="Backfill step: 1d, 6h, 30m (default 1d).")

    def handle(self, *args, category=None, at=None, backfill=None, step="1d", **options):
        if at and backfill:
            raise CommandError("--at and --backfill cannot be combined.")
        try:
            if backfill:
                start, end = (parse_moment(value, "--backfill") for value in backfill)
                if start > end:
                    raise CommandError("--backfill FROM must not be after TO.")
                summaries = services.score_backfill(start=start, end=end, step=parse_step(step), category=category)
            else:
                moment = parse_moment(at, "--at") if at else None
                summaries = [services.score_recompute(category=category, at=moment)]
        except Category.DoesNotExist:
            raise CommandError(f"Unknown category {category!r}.") from None
        except services.RecomputeBusy as exc:
            raise CommandError(str(exc)) from None
        for summary in summaries:
            note = "" if summary.published else " (history only: a newer leaderboard is published)"
            self.stdout.write(
                f"{summary.at:%Y-%m-%d %H:%M:%S} UTC: {summary.scores} scores in {summary.categories} categories "
                f"from {summary.signals} signals in {summary.seconds:.1f}s{note}"
            )
