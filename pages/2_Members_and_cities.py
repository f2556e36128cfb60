"""Members & cities: where the group's known members serve, and the local coverage of each place."""

import streamlit as st




from storyframes.app import render
from storyframes.app.shell import pick_from_chart, setup_page
from storyframes.app.render import literal
from storyframes.views import members as members_view

ctx = setup_page("members")
view = ctx.view(members_view.build)

st.title("Who was behind it, and where")
st.markdown(view.summary)
st.caption("We could not get the full launch list of 130 names offline. The map shows the people that sources tie to the group, "
           "each with its evidence.")
render.scope(view.scopes["map"])

PLACE_KEY = "members_place"
place_ids = list(view.place_ids)
ctx.address_choice("place", place_ids, PLACE_KEY, what="place")
render.vega_lite(view.map.spec, key=view.map.key, on_select=pick_from_chart(view.map.key, "place", "place_id", PLACE_KEY), alt=view.map.alt)
render.table_alternative(view.map.table, "Show the places as a table", chart=view.map)

place = st.selectbox("Local angle: choose a place (or click one on the map)", place_ids, index=None, key=PLACE_KEY,
                     placeholder="Choose a place…")
ctx.wrote("place", place)
render.scope(view.scopes["lists"])
if place:
    here = view.places[view.places["place_id"] == place]
    st.subheader(literal(place))
    st.markdown(members_view.place_sentence(here))
    local = view.local[place]
    if local.empty:
        st.info("No piece in the coverage index (among the selected outlets) comes from this place's outlets or names its members.", icon=":material/search_off:")
    else:
        render.table(local, links={"url": "open"}, labels={"outlet": "Outlet", "headline": "Headline", "published": "Published", "why": "Why here", "url": "Address"})

st.header("Search the members")
limit = ctx.address_text("search", "members_search")
query = st.text_input("Name, agency, city or state", max_chars=limit, placeholder="e.g. Hennepin, sheriff, TX", key="members_search")
ctx.wrote("search", query.strip() or None)
table = members_view.search(view.members, query)
st.caption(f"{len(table)} of {len(view.members)} members match." if query else f"{len(table)} members.")
render.table(table, links={"Source": "open"})

st.header("Which outlets named which members")
if view.naming.empty:
    st.info("None of the selected outlets names a member.", icon=":material/filter_alt_off:")
else:
    render.table(view.naming)
address = ctx.address_of()
render.discussion(members_view.discussion(view), handout=lambda: members_view.handout_html(view, address),
                  handout_name="members-and-cities-handout.html")
render.footer()
