from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingestion.errors import IngestError
from ingestion.services import data_source_for, pipeline_run
from ingestion.sources import PIPELINES
from ingestion.taxonomy import ARENAS


class Command(BaseCommand):
    help = "Run one ingestion pipeline over a file or URL, in one transaction, and print what it changed."

    def add_arguments(self, parser):
        parser.add_argument("source", choices=PIPELINES)
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--file", type=Path, help="Local file (models-dev: the .tar.gz or an unpacked directory).")
        where.add_argument("--url", help="Fetched safely (https, public addresses, size cap).")
        parser.add_argument("--as-of", type=date.fromisoformat, help="Snapshot date (default: from the file name).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, write nothing.")
        parser.add_argument(
            "--arena",
            choices=list(ARENAS),
            help="arena only: which LMArena arena the file is (default: from the file name, else text).",
        )

    def handle(self, *args, source, file, url, as_of, dry_run, arena, **options):
        try:
            result = pipeline_run(
                source=data_source_for(source),
                path=file,
                url=url,
                as_of=as_of,
                dry_run=dry_run,
                progress=True,
                arena=arena,
            )
        except IngestError as exc:
            raise CommandError(f"{source}: {exc}") from exc
        run = result.run
        heading = "dry run (nothing written)" if dry_run else "done"
        self.stdout.write(f"{source} as of {run.as_of}: {heading} in {run.duration_ms / 1000:.1f}s")
        outcomes = ["created", "updated", "unchanged", "unresolved"]
        for counter in result.counts.values():
            outcomes += [o for o in counter if o not in outcomes]
        self.stdout.write(f"{'kind':<18}" + "".join(f"{o:>12}" for o in outcomes))
        for kind, counter in result.counts.items():
            self.stdout.write(f"{kind:<18}" + "".join(f"{counter.get(o, 0):>12}" for o in outcomes))
        for other in result.caught_up:
            what = "wrote what it said of them" if other.changed else "changed nothing"
            self.stdout.write(
                f"read again: {other.run.source.pipeline} {other.run.input} as of {other.run.as_of}"
                f" (ids it queued now resolve): {what}"
            )
