"""Colours: defined once, used on every page and chart.

Outlets take Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008); principles take Paul
Tol's "muted" scheme, which stays distinct for the common colour-vision deficiencies. Every text
colour here has at least 4.5:1 contrast on white, so labels stay legible on a projector.
"""

from __future__ import annotations

# The three full-text outlets get strong colours; headline-only outlets share a neutral grey so
# the eye goes to the comparison the page is about.
OUTLET_COLOURS: dict[str, str] = {
    "dabs": "#AD5E00",  # Okabe-Ito orange, darkened to 4.8:1 contrast on white
    "gawker": "#A0467F",  # Okabe-Ito reddish purple, darkened
    "cbs": "#0072B2",  # Okabe-Ito blue
}
OTHER_OUTLET_COLOUR = "#6B6B6B"

PRINCIPLE_COLOURS: dict[str, str] = {
    "P1": "#117733",  # Tol green
    "P2": "#AA4499",  # Tol purple
    "P3": "#332288",  # Tol indigo
    "P4": "#886600",  # Tol olive, darkened
    "none": "#6B6B6B",
}

# Principle coverage statuses: quoting the Statement is the strongest, omission is a finding.
STATUS_COLOURS: dict[str, str] = {"quoted": "#0072B2", "paraphrased": "#56B4E9", "omitted": "#E8E8E8"}

# Tone toward law enforcement, diverging from mocking (vermillion) to favourable (bluish green).
TONE_COLOURS: dict[str, str] = {
    "mocking": "#D55E00",
    "critical": "#E69F00",
    "neutral": "#8C8C8C",
    "favourable": "#009E73",
    "not_applicable": "#D9D9D9",
}

ROLE_COLOURS: dict[str, str] = {
    "police": "#0072B2",
    "sheriff": "#009E73",
    "prosecutor": "#D55E00",
    "attorney_general": "#CC79A7",
    "other": "#6B6B6B",
}

# Highlight backgrounds for the parallel reading (Streamlit's coloured-background markdown).
HIGHLIGHT_BACKGROUNDS: dict[str, str] = {"principle": "green", "quote": "blue", "lexicon": "orange"}


def outlet_colour(outlet_id: str) -> str:
    """The outlet's colour; grey for outlets we only have a headline from."""
    return OUTLET_COLOURS.get(outlet_id, OTHER_OUTLET_COLOUR)


def colour_scale(mapping: dict[str, str], domain: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(domain, range) for an Altair scale, in the given domain order."""
    keys = domain if domain is not None else list(mapping)
    return keys, [mapping.get(k, OTHER_OUTLET_COLOUR) for k in keys]
