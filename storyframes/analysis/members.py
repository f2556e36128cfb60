"""Members and places: who the group's members are, where, and which coverage named them."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from storyframes.core.vocab import split_curator_note

from storyframes.core.text import escape_markdown

# `labels` below is the codebook's field -> code -> label (the package's `vocab.code_labels`), so
# roles and evidence eras read the same here as in the codebook.
Labels = Mapping[str, Mapping[str, str]]
MIXED = "mixed"  # a place whose members hold different roles


def _label(labels: Labels, field: str, code: str) -> str:
    return labels.get(field, {}).get(code, code.replace("_", " "))


def _plural(label: str, n: int) -> str:
    """'1 sheriff', '4 sheriffs', '22 police', '2 attorneys general' (English, for the summary)."""
    word = label.lower()
    if n == 1 or word.endswith("police"):
        return word
    head, _, tail = word.partition(" ")
    return f"{head}s {tail}" if tail == "general" else f"{word}s"


def member_places(members: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """One row per mapped place and evidence era: members there, their names and main role.

    Launch-era and later members at the same place get separate marks so the map can show the
    difference; members with no place stay out (the page counts and lists them).
    """
    placed = members[members["place_basis"] != "not_placed"].dropna(subset=["latitude", "longitude"])
    if placed.empty:
        return pd.DataFrame(
            columns=["place_id", "place_name", "place_state", "launch_era", "latitude", "longitude",
                     "n_members", "role_type", "names", "place_basis", "evidence_label", "role_label"]
        )

    def main_role(roles: pd.Series) -> str:
        counts = roles.value_counts()
        return str(counts.index[0]) if counts.iloc[0] * 2 > len(roles) or len(counts) == 1 else MIXED

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
    grouped["evidence_label"] = grouped["launch_era"].map(lambda e: _label(labels, "launch_era", e))
    grouped["role_label"] = grouped["role_type"].map(lambda r: "Mixed" if r == MIXED else _label(labels, "role_type", r))
    grouped["latitude"] = grouped["latitude"].astype(float)
    grouped["longitude"] = grouped["longitude"].astype(float)
    return grouped.sort_values(["n_members", "place_name"], ascending=[False, True]).reset_index(drop=True)


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


def membership_summary(members: pd.DataFrame, cities: pd.DataFrame, labels: Labels) -> str:
    """One paragraph of counts for the page's top, computed from the tables (Markdown; data escaped)."""
    n = len(members)
    launch = int((members["launch_era"] == "yes").sum())
    placed = int((members["place_basis"] != "not_placed").sum())
    roles = members["role_type"].value_counts()
    said = [f"{int(c)} {'is' if int(c) == 1 else 'are'} {escape_markdown(_plural(_label(labels, 'role_type', r), int(c)))}"
            for r, c in roles.items()]
    pairs = [" and ".join(said[i:i + 2]) for i in range(0, len(said), 2)]  # two roles a sentence: a short sentence reads easily
    role_text = "Of these, " + ". ".join(pairs) + "." if pairs else ""
    return (
        f"**{n} people** are tied to the group by the evidence we hold. {role_text} For **{launch}** of them the "
        f"evidence is from the October 2015 launch; for {n - launch} it is later or unsure. {placed} can be placed on the map; "
        f"{n - placed} cannot (no city or state in the source). Coverage also names "
        f"**{len(cities)} cities** ({escape_markdown(', '.join(cities['city']))}) whose chiefs joined, without naming them."
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
    """Who is at one place, in words (Markdown; data escaped)."""
    parts = []
    for r in here.itertuples():
        parts.append(escape_markdown(f"{r.names} — {r.evidence_label.lower()} evidence; place basis: {r.place_basis.replace('_', ' ')}"))
    return "  \n".join(parts)


def readable_member_table(members: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The members with reader-facing headers. A curator's bracketed note ("[agency name not given
    in source]") is moved out of the data into its own Note column, never shown as a value."""
    title = members["title"].map(split_curator_note)
    agency = members["agency"].map(split_curator_note)
    city = members["city"].map(split_curator_note)
    notes = [", ".join(n for n in (t[1], a[1], c[1]) if n) for t, a, c in zip(title, agency, city)]
    title_agency = [" — ".join(x for x in (t[0], a[0] or "agency not recorded") if x) for t, a in zip(title, agency)]
    return pd.DataFrame({
        "Name": members["name"],
        "Title and agency": title_agency,
        # A member we cannot place keeps the state the evidence gives, so a search by state finds them.
        "Place": (members["place_name"] + ", " + members["place_state"]).where(
            members["place_name"] != "", "not placed" + members["state"].map(lambda s: f" ({s})" if s else "")),
        "Role": members["role_type"].map(lambda r: _label(labels, "role_type", r)),
        "Evidence": members["launch_era"].map(lambda e: _label(labels, "launch_era", e)) + " · " + members["confidence"] + " confidence",
        "Note": notes,
        "Source": members["source_url"],
    })


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows of the readable members table matching a query: case-insensitive and literal (the query
    is never a pattern), at the start of a word in the name, title, agency or place, so "TX" finds
    Texas members and "nj" does not find "Benjamin"."""
    q = query.strip().casefold()[:100]
    if not q:
        return table.reset_index(drop=True)
    haystack = table[["Name", "Title and agency", "Place"]].astype(str).agg(" ".join, axis=1).str.casefold()
    pattern = r"(?<!\w)" + re.escape(q) if q[:1].isalnum() else re.escape(q)
    return table[haystack.str.contains(pattern, regex=True)].reset_index(drop=True)


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
        "Role": places["role_label"],
        "Evidence": places["evidence_label"],
        "Who": places["names"],
        "Place basis": places["place_basis"].str.replace("_", " "),
    })
