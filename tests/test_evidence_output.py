"""A finding's evidence in every output (JSON, SARIF, text under --verbose), through the findings
cache and --redact, and the publisher's identity derived from the repository (`--show-config`)."""

from __future__ import annotations

import json
import subprocess

import pytest

POST = "Reach Dana at dana.ruiz@gmail.com for the beta.\n"
POST_ES = "---\nlang: es\n---\nEscríbele a Dana a dana.ruiz@gmail.com, su móvil es el 612 345 678.\n"


def only(out: str) -> dict:
    findings = json.loads(out)["findings"]
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize("post, lang_words", [(POST, "a personal webmail domain"),
                                              (POST_ES, "un dominio de correo web personal")])
def test_json_carries_the_evidence_in_the_posts_language(run, tmp_path, post, lang_words):
    path = tmp_path / "post.md"
    path.write_text(post, encoding="utf-8")
    code, out, _ = run("check", path, "--format", "json", "--no-cache")
    email = [f for f in json.loads(out)["findings"] if f["code"] == "PII-EMAIL"][0]
    assert {"side": "for", "reason": "webmail", "text": lang_words} in email["evidence"]
    assert all("dana" not in e["text"] for f in json.loads(out)["findings"] for e in f["evidence"])


def test_a_finding_without_evidence_has_an_empty_list(run, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("This release is f*cking amazing.\n", encoding="utf-8")
    _, out, _ = run("check", path, "--format", "json", "--no-cache")
    assert only(out)["evidence"] == []


def test_sarif_puts_the_evidence_in_the_results_properties(run, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    _, out, _ = run("check", path, "--format", "sarif", "--no-cache")
    result, = json.loads(out)["runs"][0]["results"]
    assert result["properties"]["evidence"] == [{"side": "for", "reason": "webmail", "text": "a personal webmail domain"}]


def test_text_shows_the_evidence_only_when_verbose(run, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("Questions? Call us at 212-867-0147 before Friday.\n", encoding="utf-8")
    _, plain, _ = run("check", path, "--no-cache")
    _, verbose, _ = run("check", path, "--no-cache", "-v")
    assert "a word beside it" not in plain
    assert "        for: a word beside it says what it is\n" in verbose
    assert "        against: offered to readers as a way to get in touch\n" in verbose


def test_the_cache_rebuilds_the_evidence_and_stores_only_its_place(run, tmp_path):
    from linter.cache import REASON_KEYS

    path = tmp_path / "post.md"
    path.write_text(POST_ES, encoding="utf-8")
    cache = tmp_path / "cache"
    first = run("check", path, "--format", "json", "--cache-dir", cache)[1]
    stored = "".join(p.read_text(encoding="utf-8") for p in (cache / "findings").rglob("*.json"))
    places = [REASON_KEYS.index("webmail"), REASON_KEYS.index("cue"), REASON_KEYS.index("owner")]
    assert f'"evidence":[{places[0]}]' in stored.replace(" ", "")  # the address
    assert f'"evidence":[{places[1]},{places[2]}]' in stored.replace(" ", "")  # "su móvil"
    assert "dana" not in stored and "webmail" not in stored and "dominio" not in stored
    second = run("check", path, "--format", "json", "--cache-dir", cache)[1]
    assert second == first


def test_redact_masks_the_match_and_keeps_the_evidence(run, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    _, out, _ = run("check", path, "--format", "json", "--no-cache", "--redact")
    finding = only(out)
    assert finding["match"] == "[redacted]" and "dana" not in out
    assert finding["evidence"][0]["reason"] == "webmail"


# -- The publisher's identity, derived from the repository ------------------------------------

SITES = {
    "CNAME": ("CNAME", "blog.northwind-robotics.com\n", "blog.northwind-robotics.com"),
    "jekyll": ("_config.yml", 'title: Northwind Blog\nurl: "https://northwind-robotics.com"\n', "northwind-robotics.com"),
    "hugo": ("hugo.toml", 'baseURL = "https://www.northwind-robotics.com/"\ntitle = "Northwind"\n', "northwind-robotics.com"),
    "docusaurus": ("docusaurus.config.js", "module.exports = {\n  title: 'Northwind',\n  url: 'https://northwind-robotics.com',\n};\n",
                   "northwind-robotics.com"),
    "package.json": ("package.json", '{"name": "site", "homepage": "https://northwind-robotics.com/blog"}', "northwind-robotics.com"),
}


def site(tmp_path, name: str, content: str):
    repo = tmp_path / "site"
    (repo / "content" / "posts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / name).write_text(content, encoding="utf-8")
    return repo


@pytest.mark.parametrize("kind", list(SITES))
def test_the_publishers_domain_is_derived_from_the_sites_files(tmp_path, kind):
    from linter.publisher import publisher_of

    name, content, domain = SITES[kind]
    repo = site(tmp_path, name, content)
    publisher = publisher_of(str(repo / "content" / "posts" / "hello.md"))
    assert domain in publisher.domains and str(repo / name) in publisher.sources


@pytest.mark.parametrize("lang, text", [
    ("en", "Dana Ruiz (dana.ruiz@{domain}) will host the workshop.\n"),
    ("es", "---\nlang: es\n---\nDana Ruiz (dana.ruiz@{domain}) presentará el taller.\n"),
])
def test_an_address_at_the_publishers_own_domain_is_public(plain_linter, tmp_path, lang, text):
    repo = site(tmp_path, "CNAME", "northwind-robotics.com\n")
    inside = repo / "content" / "posts" / "hello.md"
    outside = tmp_path / "elsewhere" / "hello.md"
    outside.parent.mkdir()
    post = text.format(domain="northwind-robotics.com")
    assert [f.code for f in plain_linter.lint(post, path=str(inside))] == []
    assert [(f.code, str(f.severity)) for f in plain_linter.lint(post, path=str(outside))] == [("PII-EMAIL", "warning")]


def test_company_domains_win_over_the_derived_ones(tmp_path):
    from linter import Linter

    repo = site(tmp_path, "CNAME", "northwind-robotics.com\n")
    post = "Dana Ruiz (dana.ruiz@northwind-robotics.com) will host the workshop.\n"
    configured = Linter({"company": {"domains": ["acme.example"]}})
    assert [f.code for f in configured.lint(post, path=str(repo / "content" / "posts" / "a.md"))] == ["PII-EMAIL"]


def test_a_site_file_that_does_not_parse_is_skipped(tmp_path):
    from linter.publisher import publisher_of

    repo = site(tmp_path, "_config.yml", "url: [unclosed\n")
    assert not publisher_of(str(repo / "content" / "posts" / "a.md"))


def test_show_config_prints_the_derived_publisher(run, tmp_path):
    repo = site(tmp_path, "_config.yml", 'title: Northwind Blog\nurl: "https://northwind-robotics.com"\n')
    code, out, _ = run("check", "--show-config", repo / "content" / "posts")
    assert code == 0
    assert f"publisher 'Northwind Blog': northwind-robotics.com (derived from {repo / '_config.yml'}" in out
    (repo / "postlint.yaml").write_text("company:\n  domains: [acme.example]\n  networks: [10.20.0.0/16]\n")
    _, out, _ = run("check", "--show-config", repo / "content" / "posts")
    assert "publisher" not in out and "1 network" in out and "10.20" not in out
