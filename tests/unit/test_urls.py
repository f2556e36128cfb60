"""storyframes.core.urls.safe_url: the one rule for web addresses from the data (loader and pages)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.core.data import APP_CONTRACT, DATA_DIR
from storyframes.core.urls import safe_url

URL_FIELDS = [(table, name) for table, need in APP_CONTRACT.items() for name, kind in need.fields.items() if kind == "url"]


def test_the_url_fields_are_the_six_source_columns():
    assert sorted(URL_FIELDS) == sorted([("articles", "url"), ("principles", "wording_source_url"), ("members", "source_url"),
                                         ("coverage", "url"), ("facts", "source_url"), ("timeline", "source_url")])


@pytest.mark.parametrize("table, name", URL_FIELDS)
def test_every_address_in_the_package_passes(table, name):
    values = pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)[name]
    assert [v for v in values if v and safe_url(v) != v] == []


@pytest.mark.parametrize("url", [
    "https://ballotpedia.org/California_Proposition_47,_Reduced_Penalties_for_Some_Crimes_Initiative_(2014)",
    "http://www.mapinc.org/drugnews/v15/n590/a01.html",
    "https://x.org",
    "HTTPS://X.ORG/Path?q=1&r=a%20b#frag",
    "https://x.org:8443/a",
    "https://medium.com/@someone/post",
    "https://xn--80ak6aa92e.xn--p1ai/",
])
def test_plain_addresses_pass_unchanged(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "https://x.org/a) ![D9](http://127.0.0.1:8636/D9.png",
    "https://x.org/a)![D9](http://127.0.0.1:8636/D9.png)",
    "http://",
    "https:///path",
    "https:x.org",
    " https://x.org",
    "https://x.org ",
    "https://x.org/a b",
    "https://x.org/\ttab",
    "https://x.org/\x00",
    "https://x.org/\u200b",
    "https://x.org/\u202e",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "file://x.org/etc/passwd",
    "ftp://x.org/file",
    "gopher://x.org/",
    "mailto:a@x.org",
    "//x.org/a",
    "x.org",
    "https://user:pass@x.org/",
    "https://x.org@evil.example/",
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://localhost:8501/",
    "https://x.org:0/",
    "https://x.org:99999/",
    "https://x.org./",
    "https://-x.org/",
    "https://x.o/",
    "https://x.org/%zz",
    "https://x.org/<script>",
    'https://x.org/"onmouseover="alert(1)',
    "https://x.org/'",
    "https://x.org/`",
    "https://x.org/\\..\\",
    "https://x.org/{a}|^",
    "https://x.org/(a",
    "https://x.org/a)(",
    "https://bücher.example/",
    "https://x.org/bücher",
    "https://x.org/" + "a" * 2000,
    "",
    None,
    42,
])
def test_anything_else_is_refused(url):
    assert safe_url(url) is None


def test_the_descriptor_pattern_agrees_on_the_package_and_the_attacks():
    """datapackage.json says the same in a regex frictionless checks (the loader's rule is safe_url)."""
    import json

    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    patterns = {f["constraints"]["pattern"] for r in descriptor["resources"] for f in r.get("schema", {}).get("fields", [])
                if (r["name"], f["name"]) in URL_FIELDS}
    assert len(patterns) == 1
    pattern = re.compile(patterns.pop())
    for table, name in URL_FIELDS:
        for value in pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)[name]:
            assert pattern.fullmatch(value), value
    for attack in ["javascript:alert(1)", "https://x.org/a) ![D9](http://127.0.0.1:8636/D9.png", "http://", "https:///path",
                   " https://x.org", "data:text/html,x", "http://127.0.0.1/", "https://a@b.org/"]:
        assert not pattern.fullmatch(attack), attack
