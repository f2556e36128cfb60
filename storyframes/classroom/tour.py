"""The guided tour: eight steps through the story for a lesson, each shown with a live piece of
the data (a page's View, built for the reader's filters), never a picture of one.

The steps' words are ours (what to look at, one question for the class); everything the steps
show is read from the Views the other pages use, through the same cache, so a step and its page
always show the same numbers. A step is named in the address (`?step=words`) so a teacher can
send the class to it.
"""

from __future__ import annotations

from dataclasses import dataclass

STEP_PARAM = "step"


@dataclass(frozen=True)
class Step:
    key: str  # its name in the address
    title: str
    look: str  # what to look at (Markdown: our own words only)
    ask: str  # one question for the class
    page: str  # the page that tells the rest (its key in storyframes.app.site)


STEPS: tuple[Step, ...] = (
    Step("event", "What happened",
         "On 21 October 2015 more than 130 police chiefs, sheriffs and prosecutors started a group. It wants **less "
         "crime and fewer people in prison**, both at once. The cards and the timeline show what is known, each fact with its source.",
         "Why is it news when police chiefs, of all people, ask for fewer people in prison?", "home"),
    Step("principles", "The four principles",
         "The group published a *Statement of Principles* with four priorities. Read them in the Statement's own words: "
         "every later step compares the articles with these.",
         "Which of the four would be hardest to explain in a headline?", "principles"),
    Step("members", "Who joined, and where",
         "The map shows the people the sources tie to the group and where they serve. Big cities dominate: "
         "click a place to see its members and local coverage.",
         "Whose voices are missing from the map, and does that matter for how the story was told?", "members"),
    Step("told", "The same fact, told three ways",
         "Even a simple number came out differently: how many members did the group have? Each outlet's count "
         "is shown with its source.",
         "If three outlets give three numbers, how do you decide which one to trust?", "home"),
    Step("words", "Word choice",
         "Each outlet names the same people and the same reform in its own words: formal, neutral, slang or insulting. "
         "Read across a row to see one idea in each outlet's words.",
         "Pick one word from the table: what does it make a reader feel about the police?", "compare"),
    Step("omitted", "What was left out",
         "An empty cell is a finding: the outlet never mentioned that principle. Click a cell to read the sentences "
         "behind it.",
         "Why might an outlet leave a principle out: space, audience, or a point of view?", "principles"),
    Step("voices", "Who gets to speak",
         "Who is quoted in their own words, who through a statement, and who only through another outlet. "
         "Click a bar for the sentences.",
         "Who is never quoted? How would the story change if they were?", "framing"),
    Step("your-turn", "Your turn",
         "Now judge for yourself. Guess which outlet wrote a sentence, or code a few sentences and compare "
         "your reading with ours.",
         "Where did you disagree with the codes, and who was right?", "framing"),
)
KEYS = tuple(s.key for s in STEPS)


@dataclass(frozen=True)
class StepChoice:
    index: int  # 0-based
    notice: str  # a notice for the reader when the address named no step we know ("" if fine)


def parse_step(raw: str | None) -> StepChoice:
    """The step an address names: its key ('words') or its number ('5', 1-based); none means the
    first; anything else the first, with a notice (never an exception)."""
    if raw is None or not raw.strip():
        return StepChoice(0, "")
    value = raw.strip().casefold()
    if value in KEYS:
        return StepChoice(KEYS.index(value), "")
    if value.isascii() and value.isdigit() and 1 <= int(value) <= len(STEPS):
        return StepChoice(int(value) - 1, "")
    return StepChoice(0, f"The address names a tour step this tour does not have; starting at step 1 of {len(STEPS)}. "
                         f"Steps are numbered 1–{len(STEPS)} or named: {', '.join(KEYS)}.")


def progress(index: int) -> str:
    return f"Step {index + 1} of {len(STEPS)}"
