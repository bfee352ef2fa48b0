"""Admin for the identity-resolution queue of unresolved source ids.

Each row is an id some source used that no alias or decision resolves. A
curator attaches it to an existing model, creates a new model from it, or
ignores it; every action goes through ``models_registry.services`` and is
remembered as an IdentityDecision that the next ingestion run applies.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from rest_framework.exceptions import ValidationError

from models_registry.admin.catalog import BumpsDataVersion
from models_registry.identity.bulk_attach import (
    BELOW_SAFE_SCORE,
    NO_SUGGESTION,
    OTHER_GENERATION,
    OTHER_MODE,
    OTHER_WORDS,
    SAFE_ATTACH_SCORE,
    Refusal,
    top_suggestion_refusal,
)
from models_registry.models import IdentityDecision, Model, Provider, UnresolvedIdentifier
from models_registry.services import identity_attach, identity_create_model, identity_ignore


def _creator_hint(item: UnresolvedIdentifier) -> Provider | None:
    """The maker the source reported, else the one its id spells out ("anthropic/...", "anthropic.claude-...")."""
    candidates = [(item.context or {}).get("creator_slug") or ""]
    prefix = item.raw_id.lower().split("/", 1)
    if len(prefix) == 2:
        candidates.append(prefix[0])
    candidates.append(item.raw_id.lower().split(".", 1)[0])
    providers = {p.slug: p for p in Provider.objects.filter(slug__in=[c for c in candidates if c])}
    return next((providers[c] for c in candidates if c in providers), None)


def _error_text(exc: ValidationError) -> str:
    detail = exc.detail
    if isinstance(detail, dict):
        return " ".join(str(message) for messages_ in detail.values() for message in messages_)
    return " ".join(str(message) for message in detail)


REFUSAL_ORDER = (NO_SUGGESTION, BELOW_SAFE_SCORE, OTHER_GENERATION, OTHER_MODE, OTHER_WORDS)
REFUSALS_NAMED = 10  # ids a refusal message lists before it only counts the rest


def _refusal_reason(reason: str) -> str:
    return {
        NO_SUGGESTION: "no suggestion; open them to choose a model",
        BELOW_SAFE_SCORE: f"the top suggestion scores below {SAFE_ATTACH_SCORE:g}; open them to check it",
        OTHER_GENERATION: "the top suggestion is another version, size or snapshot",
        OTHER_MODE: "the top suggestion is another mode of the release (a variant is a model of its own)",
        OTHER_WORDS: "the top suggestion's name differs in a word",
    }[reason]


def _refusal_message(reason: str, ids: list[str]) -> str:
    """How many rows one reason held back, why, and the first few of them."""
    rest = len(ids) - REFUSALS_NAMED
    more = f" and {rest} more" if rest > 0 else ""
    return f"{len(ids)} id(s) left pending, {_refusal_reason(reason)}: {', '.join(ids[:REFUSALS_NAMED])}{more}."


@dataclass(frozen=True)
class PlannedDecision:
    """What a bulk action would do to one queue row, said in words, and the call that does it."""

    item: UnresolvedIdentifier
    outcome: str
    decide: Callable[[], object]


# The decision as an instruction; IdentityDecision.Action's labels say what was done, for the record.
DECISION_CHOICES = [
    (IdentityDecision.Action.ATTACH, "Attach to an existing model"),
    (IdentityDecision.Action.CREATE, "Create a new model"),
    (IdentityDecision.Action.IGNORE, "Ignore"),
]


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        help_text="Attach: the id is another name of the chosen model. Create: it is a model we do not have yet. "
        "Ignore: skip it on every run.",
    )
    creator = forms.ModelChoiceField(
        queryset=Provider.objects.all(),
        required=False,
        widget=AutocompleteSelect(Model._meta.get_field("creator"), admin.site),
        help_text="For a new model: who made it.",
    )
    new_name = forms.CharField(required=False, max_length=200, help_text="For a new model; defaults to the id.")
    new_slug = forms.SlugField(required=False, max_length=200, help_text="For a new model; defaults from the name.")
    source_only = forms.BooleanField(
        required=False,
        label="For this source only",
        help_text="Rule for this source's id alone, when it means a different model than the same id elsewhere.",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = UnresolvedIdentifier
        fields = ["resolved_model"]
        labels = {"resolved_model": "Attach to model"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        suggestions = self.instance.suggestions or []
        if suggestions and not self.initial.get("resolved_model"):
            self.initial["resolved_model"] = suggestions[0]["model_id"]
        if self.instance.pk and not self.initial.get("creator"):
            self.initial["creator"] = _creator_hint(self.instance)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == IdentityDecision.Action.ATTACH and not cleaned.get("resolved_model"):
            self.add_error("resolved_model", "Choose the model to attach this id to.")
        if decision == IdentityDecision.Action.CREATE and not cleaned.get("creator"):
            self.add_error("creator", "Choose who made the new model.")
        return cleaned


@admin.register(UnresolvedIdentifier)
class UnresolvedIdentifierAdmin(admin.ModelAdmin):
    form = DecisionForm
    # Narrow enough that the top suggestion stays on screen at 1400 px beside
    # the filters; first seen and the resolved model are on the change page.
    list_display = ["raw_id", "top_suggestion", "occurrences", "source", "last_seen_on", "status"]
    list_filter = ["status", "source"]
    search_fields = ["raw_id", "normalized"]
    search_help_text = "The id as the source wrote it, or its normal form."
    autocomplete_fields = ["resolved_model"]
    readonly_fields = [
        "raw_id",
        "normalized",
        "source",
        "status",
        "occurrences",
        "first_seen_at",
        "last_seen_at",
        "said",
        "suggested_models",
    ]
    # What a curator decides on (the id, what the source said, the suggestions)
    # sits right above the decision, so both fit a 1400x900 screen; the
    # bookkeeping is folded away below.
    fieldsets = [
        ("Seen", {"fields": ["raw_id", "source", "said", "suggested_models"]}),
        (
            "Decision",
            {"fields": ["decision", "resolved_model", "creator", "new_name", "new_slug", "source_only", "note"]},
        ),
        (
            "Record",
            {
                "fields": ["normalized", "status", "occurrences", "first_seen_at", "last_seen_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = ["attach_to_top_suggestion", "create_models", "ignore_ids"]

    class Media:
        # Ids and slugs have no spaces: let them wrap instead of widening the page.
        css = {"all": ["models_registry/identity_queue.css"]}

    def has_add_permission(self, request):
        return False  # rows come from ingestion runs

    @admin.display(description="top suggestion")
    def top_suggestion(self, obj):
        """The best match and its score; the tooltip says whether the bulk attach would take it."""
        if not obj.suggestions:
            return "-"
        top = obj.suggestions[0]
        refusal = top_suggestion_refusal(obj.normalized, obj.suggestions)
        verdict = "Attach to the top suggestion takes it" if refusal is None else _refusal_reason(refusal.reason)
        more = len(obj.suggestions) - 1
        return format_html(
            '<a href="{}" title="{}">{}</a> {}{}',
            reverse("admin:models_registry_model_change", args=[top["model_id"]]),
            verdict,
            top["slug"],
            f"{top['score']:g}",
            f" (+{more})" if more else "",
        )

    @admin.display(description="last seen", ordering="last_seen_at")
    def last_seen_on(self, obj):
        return obj.last_seen_at.date()

    @admin.display(description="the source said")
    def said(self, obj):
        context = obj.context or {}
        if not context:
            return "-"
        return format_html_join(mark_safe("<br>"), "{}: {}", sorted(context.items()))

    @admin.display(description="suggestions")
    def suggested_models(self, obj):
        if not obj.suggestions:
            return "-"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (reverse("admin:models_registry_model_change", args=[s["model_id"]]), s["slug"], f"{s['score']:g}")
                for s in obj.suggestions
            ),
        )

    # -- the change page: one decision ----------------------------------------

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        common = {
            "raw_id": obj.raw_id,
            "source": obj.source,
            "source_only": data["source_only"],
            "decided_by": request.user,
            "note": data["note"],
        }
        try:
            if data["decision"] == IdentityDecision.Action.ATTACH:
                identity_attach(model=data["resolved_model"], **common)
            elif data["decision"] == IdentityDecision.Action.CREATE:
                identity_create_model(creator=data["creator"], name=data["new_name"], slug=data["new_slug"], **common)
            else:
                identity_ignore(**common)
        except ValidationError as exc:
            request._identity_error = _error_text(exc)

    def save_related(self, request, form, formsets, change):
        """The services wrote everything; the form has no relations of its own."""

    def response_change(self, request, obj):
        error = getattr(request, "_identity_error", None)
        if error:
            self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(request.path)
        obj.refresh_from_db()
        self.message_user(request, format_html("{}: {}.", obj.raw_id, obj.get_status_display()), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:models_registry_unresolvedidentifier_changelist"))

    # -- bulk actions ------------------------------------------------------------
    #
    # Each action plans every selected row first: what it would decide, or why
    # the row stays pending. Nothing is written until the curator has seen that
    # plan on a confirmation page and confirmed it; the confirmation re-plans
    # from the rows as they are then, so a row decided meanwhile is skipped.

    def _plan(self, queryset, plan) -> tuple[list[PlannedDecision], dict[str, list[str]], list[str]]:
        """(rows to decide, refusals by reason as "raw id (detail)", failures as "raw id: why")."""
        planned, failures = [], []
        refused: dict[str, list[str]] = defaultdict(list)
        for item in queryset.filter(status=UnresolvedIdentifier.Status.PENDING):
            outcome = plan(item)
            if isinstance(outcome, PlannedDecision):
                planned.append(outcome)
            elif isinstance(outcome, Refusal):
                refused[outcome.reason].append(f"{item.raw_id} ({outcome.detail})" if outcome.detail else item.raw_id)
            else:
                failures.append(f"{item.raw_id}: {outcome}")
        return planned, refused, failures

    def _decide_in_bulk(self, request, queryset, plan, *, title: str):
        """Show the plan for confirmation; on ``post=yes``, decide the planned rows and report the rest.

        Refusals are summed up by reason, one message each, so a long selection
        reads as a few lines rather than one warning per row.
        """
        planned, refused, failures = self._plan(queryset, plan)
        if planned and request.POST.get("post") != "yes":
            return TemplateResponse(
                request,
                "admin/models_registry/unresolvedidentifier/bulk_decision_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": title,
                    "opts": self.model._meta,
                    "action": request.POST["action"],
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "planned": planned,
                    "left_pending": [
                        *(_refusal_message(reason, refused[reason]) for reason in REFUSAL_ORDER if refused[reason]),
                        *failures,
                    ],
                },
            )
        done = 0
        pending = UnresolvedIdentifier.objects.pending()
        for step in planned:
            # An earlier decision in this batch may have closed this row too (same normal form).
            if not pending.filter(pk=step.item.pk).exists():
                continue
            try:
                step.decide()
            except ValidationError as exc:
                failures.append(f"{step.item.raw_id}: {_error_text(exc)}")
                continue
            done += 1
        if done:
            self.message_user(request, f"{done} id(s) decided.", messages.SUCCESS)
        for reason in REFUSAL_ORDER:
            if refused[reason]:
                self.message_user(request, _refusal_message(reason, refused[reason]), messages.WARNING)
        for failure in failures:
            self.message_user(request, failure, messages.WARNING)
        return None

    @admin.action(description=f"Attach to the top suggestion (score {SAFE_ATTACH_SCORE:g}+, same generation)")
    def attach_to_top_suggestion(self, request, queryset):
        def plan(item):
            refusal = top_suggestion_refusal(item.normalized, item.suggestions)
            if refusal is not None:
                return refusal
            top = item.suggestions[0]
            model = Model.objects.filter(pk=top["model_id"]).first()
            if model is None:
                return "the suggested model no longer exists"
            return PlannedDecision(
                item=item,
                outcome=f"attach to {model.slug} (score {top['score']:g})",
                decide=lambda: identity_attach(
                    raw_id=item.raw_id, source=item.source, model=model, decided_by=request.user
                ),
            )

        return self._decide_in_bulk(request, queryset, plan, title="Attach ids to their top suggestion?")

    @admin.action(description="Create a new model from each id")
    def create_models(self, request, queryset):
        def plan(item):
            creator = _creator_hint(item)
            if creator is None:
                return "the source did not say who made it; open it to choose a creator"
            name = (item.context or {}).get("name") or ""
            return PlannedDecision(
                item=item,
                outcome=f"create a model{f' named {name!r}' if name else ''} made by {creator.name}",
                decide=lambda: identity_create_model(
                    raw_id=item.raw_id, source=item.source, creator=creator, name=name, decided_by=request.user
                ),
            )

        return self._decide_in_bulk(request, queryset, plan, title="Create a model from each id?")

    @admin.action(description="Ignore these ids on every run")
    def ignore_ids(self, request, queryset):
        def plan(item):
            return PlannedDecision(
                item=item,
                outcome="ignore on every run",
                decide=lambda: identity_ignore(raw_id=item.raw_id, source=item.source, decided_by=request.user),
            )

        return self._decide_in_bulk(request, queryset, plan, title="Ignore these ids on every run?")


@admin.register(IdentityDecision)
class IdentityDecisionAdmin(BumpsDataVersion, admin.ModelAdmin):
    # Deleting a ruling (or editing its note) changes what GET /v1/resolve answers.
    list_display = ["raw_id", "normalized", "action", "model", "source", "source_only", "decided_by", "decided_at"]
    list_filter = ["action", "source", "source_only"]
    list_select_related = ["model", "decided_by"]
    search_fields = ["raw_id", "normalized", "model__slug", "model__name"]
    readonly_fields = ["normalized", "raw_id", "source", "source_only", "action", "model", "decided_by", "decided_at"]
    fields = [*readonly_fields, "note"]

    def has_add_permission(self, request):
        return False  # decisions are made in the queue
