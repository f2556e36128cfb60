"""Colours: the only file in the package that holds colour values.

Outlets take Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008), handed out in the order
of `outlets.csv` to the outlets with a full text, so an added article gets the next colour and no
outlet id is typed here. Principles take Paul Tol's "muted" scheme, handed out in the order of
`principles.csv`. Every colour used for text has at least 4.5:1 contrast on white, so labels stay
legible on a projector. Codes (tone, status, register…) are keyed by their codebook code.
"""

from __future__ import annotations

# Darkened where needed to keep 4.5:1 on white; the first three are the curated full texts.
OUTLET_SERIES: tuple[str, ...] = ("#AD5E00", "#A0467F", "#0072B2", "#007A5A", "#C03D00", "#5A5A9E", "#7A6A00")
OTHER_OUTLET = "#6B6B6B"  # headline-only outlets share a neutral grey: the eye goes to the full texts

PRINCIPLE_SERIES: tuple[str, ...] = ("#117733", "#AA4499", "#332288", "#886600", "#2B7A6E", "#882255")
NO_PRINCIPLE = "#6B6B6B"

# Principle coverage statuses: quoting the Statement is the strongest, omission is a finding.
STATUS = {"quoted": "#0072B2", "paraphrased": "#56B4E9", "omitted": "#E8E8E8"}

# Tone toward law enforcement, diverging from mocking (vermillion) to favourable (bluish green).
TONE = {"mocking": "#D55E00", "critical": "#E69F00", "neutral": "#8C8C8C", "favourable": "#009E73", "not_applicable": "#D9D9D9"}

ROLE = {"police": "#0072B2", "sheriff": "#009E73", "prosecutor": "#D55E00", "attorney_general": "#CC79A7", "other": "#6B6B6B",
        "mixed": "#000000"}

# Registers and quote channels avoid the outlet colours, so colour keeps one meaning per chart family.
REGISTER = {"formal": "#3B3B3B", "neutral": "#9E9E9E", "figurative": "#44AA99", "slang": "#DDCC77", "pejorative": "#CC3311"}
QUOTE_CHANNEL = {"own_words": "#3B3B3B", "statement": "#44AA99", "other_outlet": "#DDCC77"}

TIMELINE_KIND = {"event": "#0072B2", "press": "#AD5E00"}
AGREEMENT = {"disagree": "#1A1A1A", "equal": "#BDBDBD"}

INK = "#1A1A1A"  # text drawn on charts
# Where the two coders differ (on request): an ink outline, over a white veil on a bar's disputed part.
DISPUTE_STROKE, DISPUTE_VEIL = "#1A1A1A", "#FFFFFF"
RULE = "#8C8C8C"  # reference lines
MAP_LAND, MAP_BORDER = "#F2F2F2", "#9A9A9A"

# The sidebar's filter pills (sidebar.FILTER_STYLE): a chosen one filled with the theme's accent
# (.streamlit/config.toml), white text on it; an unchosen one white with ink text and a grey outline.
FILTER_ON, FILTER_ON_TEXT = "#005A8C", "#FFFFFF"
FILTER_OFF, FILTER_OFF_TEXT, FILTER_OFF_BORDER = "#FFFFFF", "#1A1A1A", "#8C8C8C"

# Highlight backgrounds for the parallel reading and the search (Streamlit's named Markdown colours).
HIGHLIGHT = {"principle": "green", "quote": "blue", "lexicon": "orange", "search": "yellow"}
# The search's matches, on a stronger yellow than Streamlit's pale one (shell.py's style): 9:1 with the body text.
SEARCH_MATCH = "#FFE066"

# The printed handout (storyframes/present/handout.py): black text and a black-on-white QR code print on any printer.
PRINT = {"ink": "#111111", "muted": "#444444", "rule": "#BBBBBB", "qr_dark": "#000000", "qr_light": "#FFFFFF"}
