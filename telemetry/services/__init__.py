"""Telemetry writes: probing, sample loading and pruning, rollup refresh."""

from telemetry.services.probing import MissingApiKey, endpoint_probe, endpoints_probe_all
from telemetry.services.rollups import rollups_refresh
from telemetry.services.samples import samples_ingest_file, samples_prune

__all__ = [
    "MissingApiKey",
    "endpoint_probe",
    "endpoints_probe_all",
    "rollups_refresh",
    "samples_ingest_file",
    "samples_prune",
]
