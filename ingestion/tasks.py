from celery import shared_task

from ingestion.services import data_sources_ingest_due


@shared_task(name="ingestion.tasks.ingest_due_sources")
def ingest_due_sources() -> dict[str, str]:
    """Run every enabled DataSource whose schedule is due (beat calls this every 15 minutes)."""
    return data_sources_ingest_due()
