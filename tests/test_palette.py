"""Series colours: distinct for any number of series. No database."""

import re

import pytest

from aimodelsmap.palette import OKABE_ITO, series_colors


def test_a_few_series_get_the_colour_blind_safe_palette():
    assert series_colors(3) == OKABE_ITO[:3]
    assert series_colors(0) == []


@pytest.mark.parametrize("count", [9, 26, 60, 300])
def test_many_series_each_get_a_distinct_colour(count):
    colors = series_colors(count)
    assert len(colors) == count
    assert len(set(colors)) == count
    assert all(re.fullmatch(r"#[0-9a-f]{6}", color) for color in colors)


def test_neighbours_differ_in_lightness_so_adjacent_legend_entries_stand_apart():
    first, second = series_colors(26)[:2]
    brightness = [sum(int(color[i : i + 2], 16) for i in (1, 3, 5)) for color in (first, second)]
    assert abs(brightness[0] - brightness[1]) > 60
