"""Bring your own article: read a pasted text or a saved file, cut it as the curated articles are
cut, code it automatically, and write its rows in the data package's format.

The contract with the page (issue 11): these names, nothing else. `read_text` / `read_file` give
an `Extracted` (plain paragraphs and the metadata the file states); `code_article` gives an
`AutoCoded` (the rows of every coded table, typed as the loader types them); `write_package_rows`
writes them for review. Every refusal is an `InputError` with a message for the reader.
"""

from storyframes.autocode.coding import AutoCoded, code_article
from storyframes.autocode.package import write_package_rows
from storyframes.autocode.reading import MAX_BYTES, ArticleMeta, Extracted, InputError, read_file, read_text

__all__ = ["MAX_BYTES", "ArticleMeta", "AutoCoded", "Extracted", "InputError", "code_article", "read_file", "read_text",
           "write_package_rows"]
