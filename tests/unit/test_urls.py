"""storyframes.core.urls.link_address: the one rule for web addresses from the data or a reader
(the loader refuses what it refuses; the renderer links what it returns)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd
import pytest

from storyframes.core.data import APP_CONTRACT, DATA_DIR
from storyframes.core.urls import link_address

URL_FIELDS = [(table, name) for table, need in APP_CONTRACT.items() for name, kind in need.fields.items() if kind == "url"]


def test_the_url_fields_are_the_six_source_columns():
    assert sorted(URL_FIELDS) == sorted([("articles", "url"), ("principles", "wording_source_url"), ("members", "source_url"),
                                         ("coverage", "url"), ("facts", "source_url"), ("timeline", "source_url")])


@pytest.mark.parametrize("table, name", URL_FIELDS)
def test_every_address_in_the_package_passes(table, name):
    values = pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)[name]
    assert [v for v in values if v and link_address(v) is None] == []


@pytest.mark.parametrize(("url", "linked"), [
    ("http://www.mapinc.org/drugnews/v15/n590/a01.html", "http://www.mapinc.org/drugnews/v15/n590/a01.html"),
    ("https://www.congress.gov/bill/114th-congress/senate-bill/2123", "https://www.congress.gov/bill/114th-congress/senate-bill/2123"),
    ("https://x.org", "https://x.org"),
    ("https://x.org:8443/a", "https://x.org:8443/a"),
    ("https://medium.com/@someone/post", "https://medium.com/@someone/post"),
    ("https://xn--80ak6aa92e.xn--p1ai/", "https://xn--80ak6aa92e.xn--p1ai/"),
    ("https://x.org/a%20b?q=%E2%80%94&r=1#top", "https://x.org/a%20b?q=%E2%80%94&r=1#top"),  # encoded stays encoded
    # scheme and host in lower case; the path, query and fragment keep their case
    ("HTTPS://X.ORG/Path?q=1&r=a%20b#frag", "https://x.org/Path?q=1&r=a%20b#frag"),
    # round brackets and ":" after the host could end a Markdown link or spell an icon: encoded
    ("https://ballotpedia.org/California_Proposition_47,_Reduced_Penalties_for_Some_Crimes_Initiative_(2014)",
     "https://ballotpedia.org/California_Proposition_47,_Reduced_Penalties_for_Some_Crimes_Initiative_%282014%29"),
    ("https://x.org/:material/warning:?s=:streamlit:#:smile:", "https://x.org/%3Amaterial/warning%3A?s=%3Astreamlit%3A#%3Asmile%3A"),
    ("https://x.org/a_(b)/!(P1X)*x*?q=$y$&r=:red", "https://x.org/a_%28b%29/!%28P1X%29*x*?q=$y$&r=%3Ared"),
])
def test_plain_addresses_pass_and_are_linked_encoded(url, linked):
    got = link_address(url)
    assert got == linked
    parts = urlsplit(got)
    after_host = got[len(parts.scheme) + len("://") + len(parts.netloc):]
    assert not set(after_host) & set(" ()<>\"'`\\{}|^[]:"), got
    assert ":material/" not in got and ":streamlit:" not in got and ":smile:" not in got
    assert link_address(got) == got  # what is linked passes the rule again, unchanged


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
    # cases of the renderer's former, looser rule (some of which it linked, encoded): refused by the one rule
    "vbscript:x", "https://?q=1", "https://#f", "http://:80/", "https://[::1/", "http://[::1]:8501/x", "https://x.org\n/a",
    "https://x y.org/", "https://<script>/", "https://x.org)![p](http://127.0.0.1:9/p.png)", "https://x.org/100%",
    "https://x.org/<b>\\`'{}|^", "https://x.org/:material/x:/(a",
    "",
    None,
    42,
])
def test_anything_else_is_refused(url):
    assert link_address(url) is None


def test_the_descriptor_pattern_agrees_on_the_package_and_the_attacks():
    """datapackage.json says the same in a regex frictionless checks (the loader's rule is link_address)."""
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
