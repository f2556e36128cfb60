"""Discussion prompts for a class (14–18 year olds), one short list per page, each tied to what
that page shows for the reader's filters: the prompt names the outlet, the word, the number the
page itself shows, read from the page's View (never typed here). Plain text: pages show them
through `render.discussion`, literally."""

from __future__ import annotations

import re


def home(view) -> tuple[str, ...]:
    counts = view.counts_table
    out = []
    if len(counts) >= 2:
        values = sorted(set(counts["value"]), key=lambda v: (len(v), v))
        out.append(f"The outlets counted the members differently ({', '.join(values)}). Which number would you print, "
                   "and how would you say where it comes from?")
    out.append("The timeline puts the launch and the articles side by side. Which outlet was first, and does being first "
               "change how carefully a story is told?")
    return tuple(out)


def principles(view) -> tuple[str, ...]:
    cov = view.coverage
    out = []
    omitted = cov[cov["status"] == "omitted"]
    if not omitted.empty:
        r = omitted.iloc[0]
        out.append(f"{r.outlet} never mentions {r.principle_label}. Read what the others wrote about it: "
                   f"what does a reader of {r.outlet} not learn?")
    quoted, paraphrased = cov[cov["status"] == "quoted"], cov[cov["status"] == "paraphrased"]
    both = sorted(set(quoted["principle_id"]) & set(paraphrased["principle_id"]))
    if both:
        q = quoted[quoted["principle_id"] == both[0]].iloc[0]
        p = paraphrased[paraphrased["principle_id"] == both[0]].iloc[0]
        out.append(f"On {q.principle_label}, {q.outlet} quotes the Statement and {p.outlet} puts it in its own words. "
                   "Which tells you more about what the group itself said?")
    if not out:
        out.append("Choose at least two outlets with a full text to compare what each reported.")
    return tuple(out)


def members(view) -> tuple[str, ...]:
    places = view.places
    states = places["place_state"].nunique() if "place_state" in places else 0
    return (f"The map shows {len(places)} places in {states} states. Which parts of the country have no marker, and "
            "does that change whose story this is?",
            "Most members are police chiefs and prosecutors from large cities. Who else does prison touch, "
            "and is anyone speaking for them?")


def compare(view) -> tuple[str, ...]:
    out = []
    if view.lexicon is not None:
        terms = view.lexicon.terms
        loaded = terms[terms["register"].isin(["slang", "pejorative"])]
        if not loaded.empty:
            r = loaded.iloc[0]
            out.append(f"{r.outlet} uses “{r.term}” ({r.register_label.lower()}, about the {r.target_label.lower()}). "
                       "Rewrite that sentence with a neutral word: what changes for the reader?")
    if view.frames is not None:
        top = view.frames.profile.sort_values("share", ascending=False).drop_duplicates("outlet_id")
        if len(top) >= 2:
            a, b = top.iloc[0], top.iloc[1]
            out.append(f"{a.outlet} mostly frames the launch as {a.frame_label.lower()}, {b.outlet} as {b.frame_label.lower()}. "
                       "It is the same event: how can both be true?")
    if not out:
        out.append("Choose outlets with a full text to compare their words and frames.")
    return tuple(out)


def framing(claims) -> tuple[str, ...]:
    """From the page's "In short" claims (each computed from the coded sentences)."""
    out = [f"Is this claim fair: “{_plain(c.text)}” Open the tab that proves it and check one sentence." for c in tuple(claims)[:1]]
    out.append("The tone codes are one careful reading checked by a second coder. Find a sentence whose tone you would "
               "code differently, and say which words decide it.")
    return tuple(out)


def sources(view) -> tuple[str, ...]:
    out = []
    fig = view.agreement
    if not fig.empty:
        low = fig.sort_values("kappa", na_position="last").iloc[0]
        out.append(f"The two coders agree least on “{low.label.lower()}” (kappa {low.kappa_text}). Pick one disagreement "
                   "from the table: which code would you choose, and which rule decides it?")
    out.append("Every fact here has a source and a confidence. Find one marked less than high: how should a journalist "
               "write about a fact they are not sure of?")
    return tuple(out)


def _plain(markdown: str) -> str:
    """A claim's text without the Markdown the page shows it with (bold, escapes)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))


__all__ = ["compare", "framing", "home", "members", "principles", "sources"]
