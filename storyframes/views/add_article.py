"""The Add an article page's words and files: what the automatic coding found, in words; the
earliest date a launch article can have; the size limit; the rows to take home as a zip (made in
memory); how well the machine codes, in-sample and out-of-sample. The pipeline is
`storyframes.autocode`; the session's articles, `storyframes.app.added_articles`."""

import pandas as pd

from storyframes.autocode import accuracy

from storyframes.autocode.added import EARLIEST, found_lines  # noqa: F401 - what the page draws with
from storyframes.autocode.package import added_article_zip  # noqa: F401 - an added article's rows, zipped in memory
from storyframes.autocode.reading import LIMIT_TEXT, MAX_BYTES, MAX_UPLOAD_MB  # noqa: F401

SAMPLE_COLUMNS = accuracy.SAMPLE_COLUMNS  # the figures' columns, as the page labels them


def coding_accuracy(data) -> tuple[str, pd.DataFrame]:
    """(the figures in words, the figures per sample with the sentences behind each), as the data
    package stores them (data/autocode_accuracy.csv): the same numbers Sources & method shows."""
    figures = data.memo("autocode_figures", accuracy.stored)
    return accuracy.summary(figures), accuracy.samples_table(figures)
