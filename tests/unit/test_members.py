"""Members and places (storyframes.analysis.members): tiny hand-made tables, and the real package where the
real names and places are the point."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.analysis import members as M
from storyframes.core.data import DATA_DIR, load_package

PLACE_COLUMNS = ["place_id", "place_name", "place_state", "launch_era", "latitude", "longitude",
                 "n_members", "role_type", "names", "place_basis", "evidence_label", "role_label"]
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


# The codebook's labels for the coded fields, as the package's vocabulary hands them to these functions.
_BOOK = pd.read_csv(DATA_DIR / "codebook.csv", dtype=str, keep_default_na=False)
LABELS = {f: dict(zip(rows["code"], rows["label"])) for f, rows in _BOOK.groupby("field")}


# --- member_places --------------------------------------------------------------------------------


def test_member_places_groups_by_place_and_era(members):
    got = M.member_places(members, LABELS)
    assert sorted(got.columns) == sorted(PLACE_COLUMNS)
    rows = {(r.place_id, r.launch_era): r for r in got.itertuples()}
    assert set(rows) == {("Shelbyville, IN", "yes"), ("Springfield, IL", "yes"), ("Springfield, IL", "no_or_uncertain")}
    shelby = rows[("Shelbyville, IN", "yes")]
    assert shelby.n_members == 3
    assert shelby.role_type == "police"  # 2 of 3: a majority
    assert shelby.names == "Di D; Ed E; Flo F"
    assert shelby.place_basis == "city_in_source, county_seat, office_seat"
    assert shelby.evidence_label == "Launch era"
    assert (shelby.latitude, shelby.longitude) == (39.5, -85.8)
    spring = rows[("Springfield, IL", "yes")]
    assert spring.n_members == 2 and spring.role_type == "mixed"  # 1 police, 1 prosecutor: no majority
    assert spring.names == "Ann A; Bob B"
    later = rows[("Springfield, IL", "no_or_uncertain")]
    assert later.n_members == 1 and later.role_type == "sheriff" and later.evidence_label == "Later or uncertain"


def test_member_places_order_and_types(members):
    got = M.member_places(members, LABELS)
    # most members first, then place name
    assert list(zip(got["place_id"], got["n_members"])) == [("Shelbyville, IN", 3), ("Springfield, IL", 2), ("Springfield, IL", 1)]
    assert got["latitude"].dtype == "float64" and got["longitude"].dtype == "float64"
    assert list(got.index) == [0, 1, 2]


def test_member_places_leaves_out_not_placed_members(members):
    got = M.member_places(members, LABELS)
    assert "Gus G" not in " ".join(got["names"])
    assert int(got["n_members"].sum()) == len(members) - 1


def test_member_places_empty_input_has_the_documented_columns(members):
    got = M.member_places(members.iloc[0:0], LABELS)
    assert got.empty and list(got.columns) == PLACE_COLUMNS
    only_unplaced = M.member_places(members[members["place_basis"] == "not_placed"], LABELS)
    assert only_unplaced.empty and list(only_unplaced.columns) == PLACE_COLUMNS


# --- member_table ---------------------------------------------------------------------------------


def names(table):
    return table["name"].tolist()


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
    codebook = pd.read_csv(DATA_DIR / "codebook.csv", dtype=str, keep_default_na=False)
    text = M.membership_summary(data.members, data.coverage_cities, data.vocab.code_labels)
    n = len(members_csv)
    launch = int((members_csv["launch_era"] == "yes").sum())
    placed = int((members_csv["place_basis"] != "not_placed").sum())
    assert text.startswith(f"**{n} people** are tied to the group")
    assert f"For **{launch}** of them the evidence is from the October 2015 launch; for {n - launch} it is later or unsure." in text
    assert f"{placed} can be placed on the map; {n - placed} cannot" in text
    assert f"**{len(cities)} cities** ({', '.join(cities['city'])})" in text
    for role, count in members_csv["role_type"].value_counts().items():
        label = codebook[(codebook["field"] == "role_type") & (codebook["code"] == role)]["label"].iloc[0].lower()
        noun = label if count == 1 or label == "police" else {"attorney general": "attorneys general"}.get(label, label + "s")
        assert re.search(rf"\b{count} {'is' if count == 1 else 'are'} {noun}\b", text), (role, count)
    # every count in the role list adds up to everyone
    role_part = text[text.index("Of these, "):text.index(" For **")]
    assert sum(int(x) for x in re.findall(r"\d+", role_part)) == n


def test_membership_summary_role_nouns_agree_with_their_counts(data):
    text = M.membership_summary(data.members, data.coverage_cities, data.vocab.code_labels)
    role_part = text[text.index("(") + 1:text.index(")")]
    for count, noun in re.findall(r"(\d+) ([a-z ]+?)(?:,|$)", role_part):
        if int(count) > 1 and noun != "police":
            assert noun.endswith("s") or noun.startswith("attorneys"), f"{count} {noun}"


def test_real_member_places_counts_every_placed_member(data, members_csv):
    places = M.member_places(data.members, data.vocab.code_labels)
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


# --- readable_member_table: curator's notes apart -------------------------------------------------

READABLE_COLUMNS = ["Name", "Title and agency", "Place", "Role", "Evidence", "Note", "Source"]


@pytest.fixture
def noted():
    """Members whose values carry a curator's bracketed note, as members.csv has them."""
    return member_rows([
        ("l-jo", "Joseph L", "Sheriff", "[Sheriff, Las Vegas - agency name not given in source]", "Las Vegas", "NV", "Las Vegas", "NV",
         "city_in_source", 36.2, -115.1, "sheriff", "no_or_uncertain"),
        ("e-ha", "Harry E", "Police Chief", "Gloucester Police Department [Township inferred]", "Gloucester [Township - inferred]", "NJ",
         "", "", "not_placed", None, None, "police", "no_or_uncertain"),
        ("a-ann", "Ann A", "Chief of Police", "Springfield Police Department", "Springfield", "IL", "Springfield", "IL",
         "city_in_source", 39.8, -89.6, "police", "yes"),
    ])


def test_readable_member_table_moves_notes_out_of_the_values(noted):
    got = M.readable_member_table(noted, LABELS)
    assert list(got.columns) == READABLE_COLUMNS
    assert got.to_dict("records") == [
        {"Name": "Joseph L", "Title and agency": "Sheriff — agency not recorded", "Place": "Las Vegas, NV", "Role": "Sheriff",
         "Evidence": "Later or uncertain · high confidence", "Note": "Sheriff, Las Vegas - agency name not given in source",
         "Source": "https://example.org"},
        {"Name": "Harry E", "Title and agency": "Police Chief — Gloucester Police Department", "Place": "not placed (NJ)", "Role": "Police",
         "Evidence": "Later or uncertain · high confidence", "Note": "Township inferred, Township - inferred",
         "Source": "https://example.org"},
        {"Name": "Ann A", "Title and agency": "Chief of Police — Springfield Police Department", "Place": "Springfield, IL",
         "Role": "Police",
         "Evidence": "Launch era · high confidence", "Note": "", "Source": "https://example.org"},
    ]


def test_readable_member_table_of_no_members(noted):
    got = M.readable_member_table(noted.iloc[0:0], LABELS)
    assert got.empty and list(got.columns) == READABLE_COLUMNS


def test_real_readable_member_table_shows_no_bracket_in_the_data(data, members_csv):
    got = M.readable_member_table(data.members, data.vocab.code_labels)
    assert len(got) == len(members_csv) and got["Name"].tolist() == members_csv["name"].tolist()
    for column in ("Name", "Title and agency", "Place"):
        assert not got[column].str.contains(r"[\[\]]").any(), got.loc[got[column].str.contains(r"[\[\]]"), column].tolist()


def test_real_readable_member_table_notes_are_the_curators(data, members_csv):
    """Every bracketed note in members.csv (title, agency, city) is in the member's Note, and only those."""
    got = M.readable_member_table(data.members, data.vocab.code_labels)
    for (_, row), note in zip(members_csv.iterrows(), got["Note"]):
        expected = [n.strip() for col in ("title", "agency", "city") for n in re.findall(r"\[([^\]]*)\]", row[col]) if n.strip()]
        assert note == ", ".join(expected), row["name"]
    lombardo = got[got["Name"] == "Joseph Lombardo"].iloc[0]
    assert lombardo["Note"] == "Sheriff, Las Vegas - agency name not given in source"
    assert lombardo["Title and agency"] == "Sheriff — agency not recorded"
    assert lombardo["Place"] == "Las Vegas, NV"


# --- search ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def readable(data):
    return M.readable_member_table(data.members, data.vocab.code_labels)


def test_search_without_query_lists_everyone(readable):
    for query in ("", "   "):
        got = M.search(readable, query)
        assert got["Name"].tolist() == readable["Name"].tolist() and list(got.index) == list(range(len(readable)))


def test_search_is_case_insensitive(readable):
    got = M.search(readable, "Hennepin")
    assert set(got["Name"]) == {"Rich Stanek", "Michael Freeman"}
    assert M.search(readable, "hENNEPIN")["Name"].tolist() == got["Name"].tolist()
    assert list(got.index) == list(range(len(got)))
    assert list(got.columns) == READABLE_COLUMNS


def test_search_finds_state_codes(readable, members_csv):
    got = M.search(readable, "TX")
    texans = members_csv[members_csv["place_state"] == "TX"]["name"]
    assert len(texans) == 3 and set(texans) <= set(got["Name"])
    haystack = (got["Name"] + " " + got["Title and agency"] + " " + got["Place"]).str.casefold()
    assert haystack.str.contains("tx", regex=False).all()
    assert M.search(readable, "tx")["Name"].tolist() == got["Name"].tolist()


@pytest.mark.parametrize("query", ["(.*", ".*", "[a-z]+", "\\", "*", "(?P<x>"])
def test_search_is_literal_and_never_raises(readable, query):
    got = M.search(readable, query)
    assert got.empty and list(got.columns) == READABLE_COLUMNS


def test_search_matches_regex_characters_literally(readable):
    got = M.search(readable, "(city truncated")
    assert got["Name"].tolist() == ["Anthony Batts"]
    sheriffs = M.search(readable, "sheriff's office")
    assert "Rich Stanek" in sheriffs["Name"].tolist()
    assert sheriffs["Title and agency"].str.casefold().str.contains("sheriff's office", regex=False).all()


def test_search_does_not_look_into_curator_notes(readable):
    """Notes are not data: the agency name a curator could not verify is not searched."""
    assert M.search(readable, "agency name not given").empty
    assert M.search(readable, "UNVERIFIED").empty


def test_search_query_is_cut_at_100_characters():
    table = M.readable_member_table(member_rows([
        ("l-l", "Long L", "Chief", "a" * 100, "", "", "", "", "not_placed", None, None, "police", "yes"),
    ]), LABELS)
    assert M.search(table, "a" * 100 + "zzz")["Name"].tolist() == ["Long L"]
    assert M.search(table, "a" * 99 + "z").empty



def test_search_finds_a_not_placed_member_by_state(readable, data):
    assert data.members.set_index("name").loc["Harry Earle", "state"] == "NJ"
    assert "Harry Earle" in M.search(readable, "NJ")["Name"].tolist()
