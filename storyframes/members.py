"""Members and places: who the group's members are, where, and which coverage named them."""

from __future__ import annotations

import pandas as pd

LAUNCH_LABELS = {"yes": "Launch-era evidence (Oct 2015)", "no_or_uncertain": "Later or uncertain evidence"}
ROLE_PLURALS = {"police": "police", "sheriff": "sheriffs", "prosecutor": "prosecutors",
                "attorney_general": "attorneys general", "other": "others"}
ROLE_LABELS = {
    "police": "Police",
    "sheriff": "Sheriff",
    "prosecutor": "Prosecutor",
    "attorney_general": "Attorney general",
    "other": "Other",
}


def member_places(members: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped place and evidence era: members there, their names and main role.

    Launch-era and later members at the same place get separate marks so the map can show the
    difference; members with no place stay out (the page counts and lists them).
    """
    placed = members[members["place_basis"] != "not_placed"].dropna(subset=["latitude", "longitude"])
    if placed.empty:
        return pd.DataFrame(
            columns=["place_id", "place_name", "place_state", "launch_era", "latitude", "longitude",
                     "n_members", "role_type", "names", "place_basis", "evidence_label"]
        )

    def main_role(roles: pd.Series) -> str:
        counts = roles.value_counts()
        return str(counts.index[0]) if counts.iloc[0] * 2 > len(roles) or len(counts) == 1 else "mixed"

    grouped = (
        placed.groupby(["place_name", "place_state", "launch_era"], as_index=False)
        .agg(
            latitude=("latitude", "first"),
            longitude=("longitude", "first"),
            n_members=("member_id", "size"),
            role_type=("role_type", main_role),
            names=("name", lambda s: "; ".join(sorted(s))),
            place_basis=("place_basis", lambda s: ", ".join(sorted(set(s)))),
        )
    )
    grouped["place_id"] = grouped["place_name"] + ", " + grouped["place_state"]
    grouped["evidence_label"] = grouped["launch_era"].map(LAUNCH_LABELS)
    grouped["latitude"] = grouped["latitude"].astype(float)
    grouped["longitude"] = grouped["longitude"].astype(float)
    return grouped.sort_values(["n_members", "place_name"], ascending=[False, True]).reset_index(drop=True)


def member_table(members: pd.DataFrame, query: str = "") -> pd.DataFrame:
    """The searchable members table: a case-insensitive match on name, title, agency or place."""
    cols = ["name", "title", "agency", "place_name", "place_state", "role_type", "launch_era", "confidence", "evidence", "source_url"]
    table = members[cols + ["city", "state"]]
    q = query.strip().casefold()[:100]
    if q:
        haystack = table[["name", "title", "agency", "place_name", "place_state", "city", "state"]].astype(str).agg(" ".join, axis=1).str.casefold()
        table = table[haystack.str.contains(q, regex=False)]
    return table[cols].reset_index(drop=True)


def outlets_naming_members(
    members: pd.DataFrame,
    passage_people: pd.DataFrame,
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    coverage_people: pd.DataFrame,
    coverage: pd.DataFrame,
) -> pd.DataFrame:
    """Which outlets named which members: full texts (from the coded sentences) and the coverage index."""
    from_text = (
        passage_people[passage_people["member_id"] != ""]
        .merge(passages[["passage_id", "article_id"]], on="passage_id")
        .merge(articles[["article_id", "outlet_id", "outlet"]], on="article_id")
        .groupby(["member_id", "outlet_id", "outlet"], as_index=False)
        .agg(how=("mention", lambda s: "quoted" if (s == "quoted").any() else "named"), passages=("passage_id", lambda s: ", ".join(sorted(set(s)))))
    )
    from_text["basis"] = "full text"
    from_index = coverage_people.merge(coverage[["coverage_id", "outlet_id", "outlet"]], on="coverage_id")
    from_index = from_index.assign(how="named", passages="", basis="coverage index: " + from_index["evidence"])
    both = pd.concat([from_text, from_index[from_text.columns]], ignore_index=True)
    both = both.merge(members[["member_id", "name", "place_name", "place_state"]], on="member_id")
    return both.sort_values(["name", "outlet"]).reset_index(drop=True)[
        ["name", "outlet", "how", "basis", "passages", "member_id", "outlet_id", "place_name", "place_state"]
    ]


def local_coverage(place_state: str, outlets: pd.DataFrame, coverage: pd.DataFrame, naming: pd.DataFrame, place_name: str = "") -> pd.DataFrame:
    """The local angle: coverage from outlets based in the selected place's state, or naming its members."""
    home = outlets[outlets["home_state"] == place_state]["outlet_id"]
    naming_here = naming[(naming["place_state"] == place_state) & ((naming["place_name"] == place_name) | (place_name == ""))]
    ids = set(home) | set(naming_here["outlet_id"])
    local = coverage[coverage["outlet_id"].isin(ids)].copy()
    local["why"] = local["outlet_id"].map(
        lambda o: "home outlet" + (" and names a member here" if o in set(naming_here["outlet_id"]) else "")
        if o in set(home)
        else "names a member here"
    )
    return local[["outlet", "headline", "published", "why", "url"]].reset_index(drop=True)


def membership_summary(members: pd.DataFrame, cities: pd.DataFrame) -> str:
    """One paragraph of counts for the page's top, computed from the tables."""
    n = len(members)
    launch = int((members["launch_era"] == "yes").sum())
    placed = int((members["place_basis"] != "not_placed").sum())
    roles = members["role_type"].value_counts()
    role_text = ", ".join(f"{int(c)} {ROLE_LABELS[r].lower() if c == 1 else ROLE_PLURALS[r]}" for r, c in roles.items())
    return (
        f"**{n} people** are tied to the group by the evidence we hold ({role_text}); **{launch}** of them by evidence from "
        f"the October 2015 launch, {n - launch} by later or uncertain evidence. {placed} can be placed on the map; "
        f"{n - placed} cannot (no city or state in the source). Coverage also names "
        f"**{len(cities)} cities** ({', '.join(cities['city'])}) whose chiefs joined, without naming them."
    )


def map_title(members: pd.DataFrame) -> str:
    placed = members[members["place_basis"] != "not_placed"]
    top = placed.groupby("place_state").size().sort_values(ascending=False)
    states = placed["place_state"].nunique()
    lead = f"{top.index[0]} has the most known members ({int(top.iloc[0])})" if len(top) else "No member can be placed"
    return f"Known members serve in {states} states; {lead}"


def map_alt_text(places: pd.DataFrame, cities: pd.DataFrame) -> str:
    parts = [f"{r.place_id}: {r.n_members} member{'s' if r.n_members != 1 else ''} ({r.evidence_label.lower()})" for r in places.itertuples()]
    return ("Map of the United States with a mark per member place. " + "; ".join(parts)
            + ". Cities named by coverage without a named member: " + ", ".join(cities["city"] + ", " + cities["state"]) + ".")


def place_sentence(here: pd.DataFrame) -> str:
    """Who is at one place, in words (escaped by the caller's choice of plain names)."""
    from storyframes.text import escape_markdown

    parts = []
    for r in here.itertuples():
        parts.append(f"{escape_markdown(r.names)} — {r.evidence_label.lower()}; place basis: {r.place_basis.replace('_', ' ')}")
    return "  \n".join(parts)


def readable_member_table(table: pd.DataFrame) -> pd.DataFrame:
    """The member table with reader-facing headers and the columns that fit a projector."""
    return pd.DataFrame({
        "Name": table["name"],
        "Title and agency": table["title"] + " — " + table["agency"],
        "Place": (table["place_name"] + ", " + table["place_state"]).where(table["place_name"] != "", "not placed"),
        "Role": table["role_type"].map(ROLE_LABELS),
        "Evidence": table["launch_era"].map(LAUNCH_LABELS) + " · " + table["confidence"] + " confidence",
        "Source": table["source_url"],
    })


def readable_naming_table(naming: pd.DataFrame) -> pd.DataFrame:
    """Which outlet named which member, with the basis in plain words."""
    basis = naming["basis"].str.replace(r"coverage index:.*", "coverage index", regex=True)
    return pd.DataFrame({
        "Member": naming["name"],
        "Outlet": naming["outlet"],
        "How": naming["how"],
        "Known from": basis + naming["passages"].map(lambda p: f" ({p})" if p else ""),
    })


def readable_places_table(places: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Place": places["place_id"],
        "Members": places["n_members"],
        "Role": places["role_type"].map(lambda r: ROLE_LABELS.get(r, r)),
        "Evidence": places["evidence_label"],
        "Who": places["names"],
        "Place basis": places["place_basis"].str.replace("_", " "),
    })
