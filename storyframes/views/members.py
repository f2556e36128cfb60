"""The Members & cities page: where the group's known members serve, and the local coverage."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from storyframes.present import charts

from storyframes.analysis import members
from storyframes.analysis.members import place_sentence, search  # noqa: F401 - what the page draws with

from storyframes.core import palette
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.present.handout import Handout, plain
from storyframes.present.handout import for_selection as handout_for
from storyframes.core.filters import Filters
from storyframes.views import Chart, Scope
from storyframes.views.common import Selection, select


@dataclass(frozen=True)
class MembersView:
    selection: Selection
    summary: str
    map: Chart
    places: pd.DataFrame
    place_ids: tuple[str, ...]
    members: pd.DataFrame  # the readable members table (all members), curator notes apart
    naming: pd.DataFrame  # which chosen outlet named which member
    local: dict[str, pd.DataFrame]  # place id -> coverage from chosen outlets there or naming its members
    naming_passages: tuple[str, ...]  # the chosen full texts' sentences that name a member (the naming table's "full text" rows)
    scopes: dict[str, str]


def _map(data: StoryData) -> tuple[pd.DataFrame, Chart]:
    """The member map, once per package: its inputs do not depend on the filters."""
    def build(d: StoryData):
        v = d.vocab
        places = members.member_places(d.members, v.code_labels)
        roles = v.code_scale("role_type", palette.ROLE)
        roles = ([*roles[0], "Mixed"], [*roles[1], palette.ROLE[members.MIXED]])
        named = v.code("status", "named_by_coverage_member_not_named")
        cities = d.coverage_cities.assign(place_id=d.coverage_cities["city"] + ", " + d.coverage_cities["state"], evidence_label=named)
        evidence = [*(v.code("launch_era", e) for e in v.codes("launch_era")), named]
        chart = charts.members_map(d.geo, places, cities, members.map_title(d.members), roles, evidence)
        return places, Chart("member_map", charts.spec(chart), members.map_alt_text(places, d.coverage_cities),
                             members.readable_places_table(places), "place", ("place_id",))
    return data.memo("members_map", build)


def build(data: StoryData, filters: Filters) -> MembersView:
    sel = select(data, filters)
    places, chart = _map(data)
    naming = data.memo("naming", lambda d: members.outlets_naming_members(d.members, d.passage_people, d.passages, d.articles,
                                                                           d.coverage_people, d.coverage))
    chosen_naming = naming[naming["outlet_id"].isin(filters.outlets)]
    chosen_coverage = filters.coverage(data.coverage)
    local = {}
    for pid, here in places.groupby("place_id", sort=False):
        rows = members.local_coverage(here["place_state"].iloc[0], data.outlets, chosen_coverage, chosen_naming, here["place_name"].iloc[0])
        local[pid] = rows
    map_scope = Scope(outlets=False, principles=False, why="The map shows who joined, not how it was told.").note
    list_scope = Scope(principles=False, why="Members and headlines have no principle codes.").note
    return MembersView(
        selection=sel, summary=members.membership_summary(data.members, data.coverage_cities, data.vocab.code_labels), map=chart,
        places=places, place_ids=tuple(dict.fromkeys(places["place_id"])), members=members.readable_member_table(data.members, data.vocab.code_labels),
        naming=members.readable_naming_table(chosen_naming), local=local,
        naming_passages=tuple(dict.fromkeys(p for cell in chosen_naming["passages"] for p in cell.split(", ") if p)),
        scopes={"map": map_scope, "lists": list_scope},
    )


HANDOUT_TITLE = "Who was behind it, and where"
PLACE_COLUMNS = ["Place", "Members", "Role", "Who"]


def handout(view: MembersView, address: str = "") -> Handout:
    """The page as a printable handout: the membership in numbers, the places on the map with
    their members, which chosen outlets named which members, the chosen full texts' sentences that
    name one, the sources and the address of this view. (The place a reader picks for its local
    angle is not in the address, so it is not in the handout either.)"""
    places = view.map.table[[c for c in PLACE_COLUMNS if c in view.map.table.columns]]
    made = handout_for(HANDOUT_TITLE, view.selection, places, view.naming_passages, address)
    return replace(made, lead=(plain(view.summary),), numbers_heading="Where the known members serve",
                   tables=(("Which outlets named which members", view.naming),), sentences_heading="Sentences that name a member",
                   rows_shown=10, sentences_shown=6)  # two tables of people and places: what fits on two pages


def discussion(view) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from this View (`present.prompts`)."""
    return _prompts.members(view)


def handout_html(view, address: str = "") -> bytes:
    """The printable handout of this View, with the page's address and its QR code, as HTML."""
    return _handout_html(handout(view, address)).encode("utf-8")
