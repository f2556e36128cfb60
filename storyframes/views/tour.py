"""The Guided tour page's steps (`storyframes.classroom.tour`): each step shows a piece of another
page's View, built through the same cache, so a step and its page show the same numbers."""

from storyframes.classroom.tour import STEPS, Step, progress  # noqa: F401 - what the page draws with
