"""The seeded category tree and mappings, and the pure signal arithmetic."""

import pytest

from ingestion import normalize
from ingestion.models import ArenaBoardMapping, BenchmarkMapping
from ingestion.services import taxonomy_ensure
from ingestion.taxonomy import arena_board_category, arena_board_defaults
from models_registry.models import Capability, Category


@pytest.mark.django_db
def test_it_seeds_the_category_tree_in_display_order():
    taxonomy_ensure()

    overall = Category.objects.get(slug="overall")
    assert (overall.display_order, overall.parent) == (0, None)
    coding = Category.objects.get(slug="coding")
    assert set(coding.children.values_list("slug", flat=True)) == {
        "coding-generation",
        "coding-debugging",
        "coding-explanation",
    }
    roots = list(Category.objects.roots().values_list("slug", flat=True))
    assert roots[:4] == ["overall", "coding", "math", "reasoning"]
    assert {"vision", "image-generation", "embeddings", "speech-audio", "video", "long-context"} <= set(roots)
    assert all(c.description for c in Category.objects.all())
    assert Capability.objects.filter(slug="tools").exists()
    assert ArenaBoardMapping.objects.get(arena="text", board="coding").category == coding
    assert ArenaBoardMapping.objects.get(arena="text", board="full").category is None
    assert BenchmarkMapping.objects.get(benchmark="SWE-Bench Verified").category.slug == "coding-debugging"


@pytest.mark.django_db
def test_seeding_again_keeps_curators_edits():
    taxonomy_ensure()
    Category.objects.filter(slug="math").update(name="Mathematics", display_order=5)
    ArenaBoardMapping.objects.filter(arena="text", board="coding").update(category=None, enabled=False)

    taxonomy_ensure()

    assert Category.objects.get(slug="math").name == "Mathematics"
    assert Category.objects.get(slug="math").display_order == 5
    mapping = ArenaBoardMapping.objects.get(arena="text", board="coding")
    assert (mapping.category, mapping.enabled) == (None, False)


def test_board_ratings_are_rescaled_within_the_board():
    assert normalize.min_max([1200.0, 1300.0, 1250.0]) == [0.0, 1.0, 0.5]
    assert normalize.min_max([1200.0]) == [1.0]


def test_narrow_intervals_give_high_confidence():
    assert normalize.ci_confidence(1440.0, 1450.0) == 0.9
    assert normalize.ci_confidence(1300.0, 1500.0) == normalize.MIN_CONFIDENCE
    assert normalize.ci_confidence(None, None) == normalize.UNKNOWN_CI_CONFIDENCE


def test_benchmark_scores_are_read_as_percentages_or_fractions():
    assert normalize.benchmark_normalized(74.4) == 0.744
    assert normalize.benchmark_normalized(0.5) == 0.5
    assert normalize.benchmark_normalized(130.0) == 1.0


def test_cheaper_models_score_higher_on_cost():
    scores = normalize.cost_normalized([0.1, 1.0, 10.0])
    assert scores[0] == 1.0 and scores[2] == 0.0 and 0 < scores[1] < 1
    assert normalize.blended_price(3.0, 15.0) == 6.0


def test_more_hosts_mean_more_demand():
    assert normalize.demand_normalized([1, 3, 7]) == [pytest.approx(0.333333), pytest.approx(0.666667), 1.0]


@pytest.mark.parametrize(
    ("arena", "board", "expected"),
    [
        # Boards the project does not ship: the rule, not a list of names, maps them.
        ("text", "italian", ("multilingual", True)),
        ("text", "portuguese", ("multilingual", True)),
        ("text-style-control", "greek", ("multilingual", True)),
        ("text", "hard_arabic", ("multilingual", True)),
        ("text", "industry_software_engineering", ("coding", True)),
        ("text", "occupational_programming", ("coding", True)),
        ("text", "industry_mathematics_and_statistics", ("math", True)),
        ("text", "longer_query", ("long-context", True)),
        ("text", "creative_fiction", ("writing", True)),
        # The general board, and filters of another board (English, no ties): a curator's call.
        ("text", "full", (None, True)),
        ("text", "english", (None, False)),
        ("text", "hard_english_6", (None, False)),
        ("text", "no_tie", (None, False)),
        # An occupation we have no category for, and words of two categories: left for a curator.
        ("text", "industry_legal_and_government", (None, False)),
        ("text", "industry_computer_and_mathematical", (None, False)),
        # An arena measuring one category maps every board to it; search measures none.
        ("vision", "chinese", ("vision", True)),
        ("webdev", "full", ("coding-generation", True)),
        ("search", "full", (None, False)),
    ],
)
def test_an_arena_board_maps_to_a_category_by_the_general_rule(arena, board, expected):
    assert arena_board_category(arena, board) == expected


def test_the_seeded_text_boards_are_mapped_by_the_same_rule():
    seeded = {(arena, board): (slug, on) for arena, board, slug, on in arena_board_defaults()}
    assert seeded[("text", "russian")] == ("multilingual", True)
    assert seeded[("text", "industry_software_and_it_services")] == ("coding", True)
    assert seeded[("text-style-control", "hard_6")] == ("reasoning", True)
    assert all(seeded[key] == arena_board_category(*key) for key in seeded)
