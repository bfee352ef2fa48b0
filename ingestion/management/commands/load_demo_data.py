from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingestion.errors import IngestError
from ingestion.services import demo_data_load, demo_scores_compute


class Command(BaseCommand):
    help = "Load the demo catalog: excerpts of the real sources in demo_data/, through the ingest pipelines."

    def handle(self, *args, **options):
        try:
            results = demo_data_load(directory=settings.BASE_DIR / "demo_data", progress=True)
        except IngestError as exc:
            raise CommandError(f"demo data: {exc}") from exc
        for result in results:
            run = result.run
            changed = "changed" if result.changed else "unchanged"
            self.stdout.write(f"{run.source.name:<14} {run.as_of}  {changed:<9}  {run.duration_ms:>6} ms")
        recomputes = demo_scores_compute(results=results)
        if recomputes:
            self.stdout.write(f"scores computed at {recomputes} moments")
        else:
            self.stdout.write("scoring not available: scores not computed")
