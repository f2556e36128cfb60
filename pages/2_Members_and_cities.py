"""Members & cities: where the group's known members serve, and the local coverage of each place."""

import streamlit as st

from storyframes import derived, evidence, members
from storyframes.page import footer, setup_page, table_alternative

ctx = setup_page("Members & cities", ":material/map:")
data, filters = ctx.data, ctx.filters

st.title("Who was behind it, and where")
summary = members.membership_summary(data.members, data.coverage_cities)
st.markdown(summary)
st.caption(
    "The full 130-name launch roster could not be recovered offline: the map shows the people sources tie to the "
    "group, each with its evidence. The outlet filter applies to the coverage lists; the principle filter does not apply here."
)

places = derived.member_places()
st.vega_lite_chart(
    derived.members_map_spec(),
    key="member_map",
    on_select="rerun",
    alt=members.map_alt_text(places, data.coverage_cities),
)
table_alternative(members.readable_places_table(places), "Show the places as a table")

clicked = evidence.picked(st.session_state.get("member_map"), "place")
place_ids = places["place_id"].drop_duplicates().tolist()
place = st.selectbox(
    "Local angle: choose a place (or click one on the map)",
    place_ids,
    index=place_ids.index(clicked[0]["place_id"]) if clicked and clicked[0].get("place_id") in place_ids else None,
    placeholder="Choose a place…",
)
naming = derived.outlets_naming_members()
if place:
    here = places[places["place_id"] == place]
    st.subheader(place)
    st.markdown(members.place_sentence(here))
    local = members.local_coverage(here["place_state"].iloc[0], data.outlets, data.coverage, naming, here["place_name"].iloc[0])
    local = local[local["outlet"].isin(data.outlets[data.outlets["outlet_id"].isin(filters.outlets)]["outlet"])]
    if local.empty:
        st.info("No piece in the coverage index (among the selected outlets) comes from this place's outlets or names its members.", icon=":material/search_off:")
    else:
        st.dataframe(local, hide_index=True, width="stretch",
                     column_config={"outlet": st.column_config.TextColumn("Outlet", width=140), "headline": st.column_config.TextColumn("Headline", width=300),
                                    "published": st.column_config.TextColumn("Published", width=90), "why": st.column_config.TextColumn("Why here", width=190),
                                    "url": st.column_config.LinkColumn("Address", width=60, display_text="open")})

st.header("Search the members")
query = st.text_input("Name, agency, city or state", max_chars=100, placeholder="e.g. Hennepin, sheriff, TX")
table = members.member_table(data.members, query)
st.caption(f"{len(table)} of {len(data.members)} members match." if query else f"{len(table)} members.")
# Column widths sum to the 1280x720 content box, so no column is cut off on a projector.
st.dataframe(members.readable_member_table(table), hide_index=True, width="stretch", row_height=48,
             column_config={"Name": st.column_config.TextColumn(width=150), "Title and agency": st.column_config.TextColumn(width=220),
                            "Place": st.column_config.TextColumn(width=120), "Role": st.column_config.TextColumn(width=80),
                            "Evidence": st.column_config.TextColumn(width=150),
                            "Source": st.column_config.LinkColumn("Source", width=60, display_text="open")})

st.header("Which outlets named which members")
chosen_naming = naming[naming["outlet_id"].isin(filters.outlets)]
if chosen_naming.empty:
    st.info("None of the selected outlets names a member.", icon=":material/filter_alt_off:")
else:
    st.dataframe(members.readable_naming_table(chosen_naming), hide_index=True, width="stretch",
                 column_config={"Member": st.column_config.TextColumn(width=180), "Outlet": st.column_config.TextColumn(width=180),
                                "How": st.column_config.TextColumn(width=70), "Known from": st.column_config.TextColumn(width=340)})
footer(data)
