"""The technical words a page uses, each said in one plain sentence, and plain names for the
codebook's frames. One place: a page shows a term's sentence where the term appears (a help
tooltip, one tap on a phone), and the vocabulary puts a frame's plain name beside the codebook's
name wherever a frame is named. Each sentence is held at Flesch-Kincaid grade 8 or below by
tests/pages/test_plain_words.py."""

from __future__ import annotations

from types import MappingProxyType

TERMS = MappingProxyType({
    "codebook": "The codebook is the list of codes the coders used, each with its meaning and an example.",
    "frame": "A frame is the angle a sentence takes on the story, such as money, crime or politics.",
    "edge rule": "An edge rule says which code to pick when a sentence could fit two.",
    "kappa": "Kappa says how much more you agree than if you both just guessed: 1 is full agreement, 0 is no better than chance.",
    "lexicon": "The lexicon is our list of the telling words in each article, like slang for police.",
    "register": "The register is the kind of word: formal, neutral, slang, an insult or a figure of speech.",
    "VADER": "VADER is a computer tool that scores how good or bad a sentence sounds, from a list of words.",
    "log-odds": "Log-odds shows which words one outlet uses much more often than the others do.",
    "Flesch-Kincaid grade": "The Flesch-Kincaid grade is about the school year a reader needs to read a text with ease.",
    "precision": "Precision is the share of what the machine found that the people coding by hand found too.",
    "recall": "Recall is the share of what the people coding by hand found that the machine found too.",
    "in-sample": "In-sample means tested on the same articles the rules were written from, so it looks better than it is.",
    "out-of-sample": "Out-of-sample means tested on texts the rules never saw while they were being written.",
})

# A plain name beside a codebook frame name that is not plain already (the codebook's own name stays).
FRAME_PLAIN = MappingProxyType({
    "economic": "money",
    "capacity_resources": "having the means",
    "morality": "right and wrong",
    "fairness_equality": "equal treatment",
    "legality": "courts and rights",
    "policy": "what to do about it",
    "security_defense": "threats and protection",
    "quality_of_life": "daily life",
    "cultural_identity": "customs and values",
    "public_opinion": "what people think",
    "external_regulation": "other countries",
})


def explain(*terms: str) -> str:
    """The plain sentences of these terms, one per line (a help tooltip's text)."""
    return "\n\n".join(TERMS[t] for t in terms)


def frame_name(code: str, label: str) -> str:
    """'Policy prescription and evaluation (what to do about it)': the codebook's name, then the
    plain one; the codebook's name alone where it is plain already."""
    plain = FRAME_PLAIN.get(code)
    return f"{label} ({plain})" if plain else label
