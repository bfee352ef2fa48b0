"""``manage.py merge_models A B``: merge model A into model B (the curator's merge; see models_registry.merge)."""

from django.core.management.base import BaseCommand, CommandError

from models_registry.merge import MergeRefused
from models_registry.selectors import model_by_slug_or_alias
from models_registry.services import model_merge_by_curator


class Command(BaseCommand):
    help = (
        "Merge model A into model B: A's aliases, endpoints, prices, signals, scores, reviews and variants move "
        "to B, A's slug becomes an alias of B, and A is deleted. Refused when the rules of identity keep them apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("merged", help="Slug or alias of the model merged away (A).")
        parser.add_argument("kept", help="Slug or alias of the model kept (B).")

    def handle(self, *args, merged, kept, **options):
        found = {}
        for argument, text in (("A", merged), ("B", kept)):
            found[argument] = model_by_slug_or_alias(text)
            if found[argument] is None:
                raise CommandError(f'No model has the slug or alias "{text}" ({argument}).')
        try:
            result = model_merge_by_curator(merged=found["A"], kept=found["B"])
        except MergeRefused as refusal:
            raise CommandError(f"Refused: {refusal}") from None
        self.stdout.write(result.summary())
