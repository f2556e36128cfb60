"""Members and places (storyframes.members): tiny hand-made tables, and the real package where the
real names and places are the point."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes import members as M
from storyframes.data import DATA_DIR, load_package

PLACE_COLUMNS = ["place_id", "place_name", "place_state", "launch_era", "latitude", "longitude",
                 "n_members", "role_type", "names", "place_basis", "evidence_label"]
TABLE_COLUMNS = ["name", "title", "agency", "place_name", "place_state", "role_type", "launch_era", "confidence",
                 "evidence", "source_url"]


def member_rows(rows):
    """(member_id, name, title, agency, city, state, place_name, place_state, basis, lat, lon, role, era)"""
    cols = ["member_id", "name", "title", "agency", "city", "state", "place_name", "place_state", "place_basis",
            "latitude", "longitude", "role_type", "launch_era"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["latitude"] = frame["latitude"].astype("Float64")
    frame["longitude"] = frame["longitude"].astype("Float64")
    return frame.assign(confidence="high", evidence="evidence", source_url="https://example.org", geonames_id="")


@pytest.fixture
def members():
    return member_rows([
        ("a-ann", "Ann A", "Chief of Police", "Springfield Police Department", "Springfield", "IL", "Springfield", "IL",
         "city_in_source", 39.8, -89.6, "police", "yes"),
        ("b-bob", "Bob B", "State's Attorney", "Sangamon County (Office)", "", "IL", "Springfield", "IL",
         "county_seat", 39.8, -89.6, "prosecutor", "yes"),
        ("c-cy", "Cy C", "Sheriff", "Sangamon County Sheriff", "", "IL", "Springfield", "IL",
         "county_seat", 39.8, -89.6, "sheriff", "no_or_uncertain"),
        ("d-di", "Di D", "Chief", "Shelbyville PD", "Shelbyville", "IN", "Shelbyville", "IN",
         "city_in_source", 39.5, -85.8, "police", "yes"),
        ("e-ed", "Ed E", "Chief", "Shelbyville PD (former)", "Shelbyville", "IN", "Shelbyville", "IN",
         "office_seat", 39.5, -85.8, "police", "yes"),
        ("f-flo", "Flo F", "District Attorney", "Shelbyville DA", "Shelbyville", "IN", "Shelbyville", "IN",
         "county_seat", 39.5, -85.8, "prosecutor", "yes"),
        ("g-gus", "Gus G", "Attorney General", "UNVERIFIED agency", "", "", "", "", "not_placed", None, None,
         "attorney_general", "yes"),
    ])


# --- member_places --------------------------------------------------------------------------------


def test_member_places_groups_by_place_and_era(members):
    got = M.member_places(members)
    assert sorted(got.columns) == sorted(PLACE_COLUMNS)
    rows = {(r.place_id, r.launch_era): r for r in got.itertuples()}
    assert set(rows) == {("Shelbyville, IN", "yes"), ("Springfield, IL", "yes"), ("Springfield, IL", "no_or_uncertain")}
    shelby = rows[("Shelbyville, IN", "yes")]
    assert shelby.n_members == 3
    assert shelby.role_type == "police"  # 2 of 3: a majority
    assert shelby.names == "Di D; Ed E; Flo F"
    assert shelby.place_basis == "city_in_source, county_seat, office_seat"
    assert shelby.evidence_label == "Launch-era evidence (Oct 2015)"
    assert (shelby.latitude, shelby.longitude) == (39.5, -85.8)
    spring = rows[("Springfield, IL", "yes")]
    assert spring.n_members == 2 and spring.role_type == "mixed"  # 1 police, 1 prosecutor: no majority
    assert spring.names == "Ann A; Bob B"
    later = rows[("Springfield, IL", "no_or_uncertain")]
    assert later.n_members == 1 and later.role_type == "sheriff" and later.evidence_label == "Later or uncertain evidence"


def test_member_places_order_and_types(members):
    got = M.member_places(members)
    # most members first, then place name
    assert list(zip(got["place_id"], got["n_members"])) == [("Shelbyville, IN", 3), ("Springfield, IL", 2), ("Springfield, IL", 1)]
    assert got["latitude"].dtype == "float64" and got["longitude"].dtype == "float64"
    assert list(got.index) == [0, 1, 2]


def test_member_places_leaves_out_not_placed_members(members):
    got = M.member_places(members)
    assert "Gus G" not in " ".join(got["names"])
    assert int(got["n_members"].sum()) == len(members) - 1


def test_member_places_empty_input_has_the_documented_columns(members):
    got = M.member_places(members.iloc[0:0])
    assert got.empty and list(got.columns) == PLACE_COLUMNS
    only_unplaced = M.member_places(members[members["place_basis"] == "not_placed"])
    assert only_unplaced.empty and list(only_unplaced.columns) == PLACE_COLUMNS


# --- member_table ---------------------------------------------------------------------------------


def names(table):
    return table["name"].tolist()


def test_member_table_without_query_lists_everyone(members):
    got = M.member_table(members)
    assert list(got.columns) == TABLE_COLUMNS
    assert names(got) == names(members)
    assert names(M.member_table(members, "   ")) == names(members)


def test_member_table_search_is_case_insensitive_on_name_title_agency_place(members):
    assert names(M.member_table(members, "ANN")) == ["Ann A"]
    assert names(M.member_table(members, "sheriff")) == ["Cy C"]  # title and agency
    assert names(M.member_table(members, "shelbyville pd")) == ["Di D", "Ed E"]  # agency
    assert names(M.member_table(members, "  springfield ")) == ["Ann A", "Bob B", "Cy C"]  # place, trimmed


def test_member_table_search_matches_state_and_city_columns():
    frame = member_rows([
        ("x-x", "Xavier X", "Prosecutor", "Office", "Tinytown", "WY", "", "", "not_placed", None, None, "prosecutor", "yes"),
        ("y-y", "Yara Y", "Chief", "Police", "Bigcity", "OR", "Bigcity", "OR", "city_in_source", 45.0, -122.0, "police", "yes"),
    ])
    assert names(M.member_table(frame, "wy")) == ["Xavier X"]  # state column only
    assert names(M.member_table(frame, "tinytown")) == ["Xavier X"]  # city column only


def test_member_table_treats_regex_metacharacters_literally(members):
    assert names(M.member_table(members, "(former)")) == ["Ed E"]
    assert names(M.member_table(members, "(office)")) == ["Bob B"]
    assert names(M.member_table(members, "(")) == ["Bob B", "Ed E"]
    assert names(M.member_table(members, ".*")) == []
    assert names(M.member_table(members, "[a-z]+")) == []
    assert names(M.member_table(members, "state's")) == ["Bob B"]


def test_member_table_query_is_cut_at_100_characters():
    frame = member_rows([
        ("l-l", "Long L", "Chief", "a" * 100, "", "", "", "", "not_placed", None, None, "police", "yes"),
    ])
    assert names(M.member_table(frame, "a" * 100 + "zzz")) == ["Long L"]  # the tail after 100 characters is ignored
    assert names(M.member_table(frame, "a" * 99 + "z")) == []


def test_member_table_no_match_is_empty_with_columns(members):
    got = M.member_table(members, "nobody-here")
    assert got.empty and list(got.columns) == TABLE_COLUMNS


# --- the real package -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def members_csv():
    return pd.read_csv(DATA_DIR / "members.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def naming(data):
    return M.outlets_naming_members(data.members, data.passage_people, data.passages, data.articles,
                                    data.coverage_people, data.coverage)


def test_membership_summary_numbers_match_members_csv(data, members_csv):
    cities = pd.read_csv(DATA_DIR / "coverage_cities.csv", dtype=str, keep_default_na=False)
    text = M.membership_summary(data.members, data.coverage_cities)
    n = len(members_csv)
    launch = int((members_csv["launch_era"] == "yes").sum())
    placed = int((members_csv["place_basis"] != "not_placed").sum())
    assert text.startswith(f"**{n} people** are tied to the group")
    assert f"**{launch}** of them by evidence from the October 2015 launch, {n - launch} by later or uncertain evidence." in text
    assert f"{placed} can be placed on the map; {n - placed} cannot" in text
    assert f"**{len(cities)} cities** ({', '.join(cities['city'])})" in text
    for role, count in members_csv["role_type"].value_counts().items():
        noun = M.ROLE_LABELS[role].lower() if count == 1 else M.ROLE_PLURALS[role]
        assert re.search(rf"\b{count} {noun}\b", text), (role, count)
    # every count in the role list adds up to everyone
    role_part = text[text.index("(") + 1:text.index(")")]
    assert sum(int(x) for x in re.findall(r"\d+", role_part)) == n


def test_membership_summary_role_nouns_agree_with_their_counts(data):
    text = M.membership_summary(data.members, data.coverage_cities)
    role_part = text[text.index("(") + 1:text.index(")")]
    for count, noun in re.findall(r"(\d+) ([a-z ]+?)(?:,|$)", role_part):
        if int(count) > 1 and noun != "police":
            assert noun.endswith("s") or noun.startswith("attorneys"), f"{count} {noun}"


def test_real_member_places_counts_every_placed_member(data, members_csv):
    places = M.member_places(data.members)
    placed = members_csv[members_csv["place_basis"] != "not_placed"]
    assert int(places["n_members"].sum()) == len(placed)
    expected = placed.groupby(["place_name", "place_state", "launch_era"]).size()
    got = places.set_index(["place_name", "place_state", "launch_era"])["n_members"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    unplaced = members_csv[members_csv["place_basis"] == "not_placed"]["name"]
    for name in unplaced:
        assert all(name not in n.split("; ") for n in places["names"])


def test_outlets_naming_members_gawker_misspelling_still_resolves(naming, data):
    people = data.passage_people
    assert ((people["name_in_source"] == "McCarty") & (people["member_id"] == "mccarthy-garry")).any()
    rows = naming[(naming["outlet_id"] == "gawker") & (naming["member_id"] == "mccarthy-garry")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["name"] == "Garry F. McCarthy" and row["how"] == "quoted" and row["basis"] == "full text"
    assert "gawker-11" in row["passages"].split(", ")  # the sentence that spells him "McCarty"


def test_outlets_naming_members_star_tribune_names_stanek(naming):
    rows = naming[(naming["outlet_id"] == "startribune") & (naming["member_id"] == "stanek-rich")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["outlet"] == "Star Tribune" and row["how"] == "named" and row["basis"].startswith("coverage index: ")
    assert (row["place_name"], row["place_state"]) == ("Minneapolis", "MN")


def test_outlets_naming_members_matches_the_csv_files(naming):
    pe = pd.read_csv(DATA_DIR / "passage_people.csv", dtype=str, keep_default_na=False)
    cp = pd.read_csv(DATA_DIR / "coverage_people.csv", dtype=str, keep_default_na=False)
    arts = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)
    cov = pd.read_csv(DATA_DIR / "coverage.csv", dtype=str, keep_default_na=False)
    outlet_of_article = dict(zip(arts["article_id"], arts["outlet_id"]))
    text_pairs = {(m, outlet_of_article[p.rsplit("-", 1)[0]]) for m, p in zip(pe["member_id"], pe["passage_id"]) if m}
    index_pairs = set(zip(cp["member_id"], cp["coverage_id"].map(dict(zip(cov["coverage_id"], cov["outlet_id"])))))
    got = naming[["member_id", "outlet_id", "basis"]]
    assert set(map(tuple, got[got["basis"] == "full text"][["member_id", "outlet_id"]].values)) == text_pairs
    assert set(map(tuple, got[got["basis"] != "full text"][["member_id", "outlet_id"]].values)) == index_pairs
    assert list(naming.columns) == ["name", "outlet", "how", "basis", "passages", "member_id", "outlet_id", "place_name", "place_state"]


def test_local_coverage_minneapolis_lists_the_star_tribune_as_home_outlet(data, naming):
    local = M.local_coverage("MN", data.outlets, data.coverage, naming, "Minneapolis")
    assert list(local.columns) == ["outlet", "headline", "published", "why", "url"]
    why = dict(zip(local["outlet"], local["why"]))
    assert why["Star Tribune"] == "home outlet and names a member here"


def test_local_coverage_wilmington_lists_wect(data, naming):
    local = M.local_coverage("NC", data.outlets, data.coverage, naming, "Wilmington")
    why = dict(zip(local["outlet"], local["why"]))
    assert why["WECT"] == "home outlet and names a member here"
    # the national outlets that name Ben David are there for naming him, not as home outlets
    assert why.get("TIME") == "names a member here"
    assert why.get("The New York Times") == "names a member here"


def test_local_coverage_home_outlet_without_naming_and_none_for_an_empty_state(data, naming):
    outlets = pd.DataFrame({"outlet_id": ["h", "n"], "home_state": ["ZZ", ""]})
    coverage = pd.DataFrame({"outlet_id": ["h", "n"], "outlet": ["Home", "National"], "headline": ["x", "y"],
                             "published": ["2015-10-21", "2015-10-21"], "url": ["https://h", "https://n"]})
    empty_naming = naming.iloc[0:0]
    local = M.local_coverage("ZZ", outlets, coverage, empty_naming, "Somewhere")
    assert local.to_dict("records") == [
        {"outlet": "Home", "headline": "x", "published": "2015-10-21", "why": "home outlet", "url": "https://h"}]
    assert M.local_coverage("QQ", outlets, coverage, empty_naming, "Elsewhere").empty


def test_map_title_real(data, members_csv):
    placed = members_csv[members_csv["place_basis"] != "not_placed"]
    top = placed["place_state"].value_counts()
    assert M.map_title(data.members) == (f"Known members serve in {placed['place_state'].nunique()} states; "
                                         f"{top.index[0]} has the most known members ({top.iloc[0]})")
    assert top.iloc[0] > top.iloc[1]  # no tie, so the title names one state for sure
