"""Series colours for charts: one distinct colour per series, however many there are. Pure; no Django.

Up to eight series get the Okabe-Ito palette, which stays distinguishable
for the common colour-vision deficiencies. Past eight, repeating those
colours would give two hosts one colour, so the hue wheel is split evenly
instead, and neighbours alternate between a darker and a lighter shade so
that series next to each other in a legend do not look alike.
"""

from __future__ import annotations

import colorsys

# Okabe-Ito, with its yellow (#F0E442, unreadable on white) swapped for a dark ochre.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F"]
# Saturation and the two lightness levels keep every hue readable on white.
SATURATION = 0.70
LIGHTNESS = (0.36, 0.50)


def series_colors(count: int) -> list[str]:
    """``count`` distinct "#rrggbb" colours, in the order the series are drawn and listed."""
    if count <= len(OKABE_ITO):
        return OKABE_ITO[:count]
    colors = []
    for index in range(count):
        hue = index / count
        red, green, blue = colorsys.hls_to_rgb(hue, LIGHTNESS[index % 2], SATURATION)
        colors.append(f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}")
    return colors
