"""A tiny app for one behaviour (as Streamlit's own e2e tests do): a hostile sentence goes
through the parallel reading's highlighter with every layer on and must be shown literally."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from storyframes.analysis.evidence import reading_markup, safe  # noqa: E402
from storyframes.app.render import link  # noqa: E402

HOSTILE = ("Chiefs <script>alert('x')</script> cut $5$ of *the* _mass_ [incarceration](http://evil.example) rate :red[now] `code` \\ ok. "
           "See www.evil.example, write to me@evil.example :smile: :material_home: :streamlit: -- or -> not.")
QUOTE = "*the* _mass_ [incarceration]"
# A legal address full of Markdown characters and icon names (linked, encoded), one that ends the
# Markdown link and adds an image, and one that is no web address (both shown as text).
LINKED = "https://x.org/a_(b)/!(P1X)*x*/:material/home:?q=$y$&lt;b&gt;&r=:red"
BREAKOUT = "https://x.org/a)![P1X](http://127.0.0.1:9/pixel.png)"
NOT_WEB = "javascript:alert(1)"
TERM = "<script>alert('x')</script>"

# Each rendering sits in a keyed container (CSS class st-key-<key>) so the test can find it.
with st.container(key="reading"):
    st.markdown(reading_markup(HOSTILE, [QUOTE], [TERM], show_quotes=True, show_terms=True))
with st.container(key="safe"):
    st.markdown(safe(HOSTILE))
with st.container(key="furniture"):
    st.markdown(reading_markup(HOSTILE, [], [], show_quotes=False, show_terms=False, furniture=True))
with st.container(key="link"):
    st.markdown(link("Source " + HOSTILE, LINKED))
with st.container(key="breakout"):
    st.markdown(link("Source " + HOSTILE, BREAKOUT))
with st.container(key="not_web"):
    st.markdown(link("Source " + HOSTILE, NOT_WEB))
