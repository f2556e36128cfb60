"""The benchmark's floor: the least any page of this app costs on this machine.

It does what every page does at minimum (imports streamlit, pandas and altair, sets the page
config, draws one small Altair chart and one small table) and nothing else. It is served and
timed exactly like the app, in the same benchmark run, and every figure is reported as a ratio
to it. Keep it this small: a heavier floor would flatter the app.
"""

import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(page_title="Benchmark floor", layout="wide")

frame = pd.DataFrame({"day": range(1, 21), "count": [(7 * i) % 11 + 1 for i in range(20)]})
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="day:O", y="count:Q"))
st.dataframe(frame, hide_index=True)
