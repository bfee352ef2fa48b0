"""Settings for benchmark processes only: production settings with the bench URLconf."""

from aimodelsmap.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare"
