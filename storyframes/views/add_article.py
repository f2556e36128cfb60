"""The Add an article page's words and files: what the automatic coding found, in words; the
earliest date a launch article can have; the size limit; the rows to take home as a zip (made in
memory). The pipeline is `storyframes.autocode`; the session's articles, `storyframes.app.added_articles`."""

from storyframes.autocode.added import EARLIEST, found_lines  # noqa: F401 - what the page draws with
from storyframes.autocode.package import added_article_zip  # noqa: F401 - an added article's rows, zipped in memory
from storyframes.autocode.reading import LIMIT_TEXT, MAX_BYTES, MAX_UPLOAD_MB  # noqa: F401
