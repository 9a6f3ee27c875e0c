"""The images a post shows (linter/images/references.py), and which files they are: inside the
repository only, never fetched."""

from __future__ import annotations

import os

import pytest

from linter.images.references import references, resolve

MARKDOWN = """---
title: Launch day
image: /img/cover.jpg
seo:
  social: ./social.png
---
# Launch

![The dashboard](./shot.png "after the fix") and ![the team][team]

<img src="a/b.webp" srcset="a/b@2x.webp 2x">

Our logo file is logo.png, and [the chart](chart.png) is linked, not shown.

```md
![in a code block](code.png)
```

[team]: ../photos/team.jpg
"""


def targets(source: str, markup: str) -> list[str]:
    return [r.target for r in references(source, markup)]


def test_markdown_images_front_matter_and_inline_html():
    assert targets(MARKDOWN, "markdown") == ["/img/cover.jpg", "./social.png", "./shot.png", "../photos/team.jpg",
                                             "a/b.webp", "a/b@2x.webp"]


def test_what_is_named_or_linked_but_not_shown_is_no_reference():
    found = targets(MARKDOWN, "markdown")
    assert not {"logo.png", "chart.png", "code.png"} & set(found)


def test_lines_point_at_the_reference():
    lines = {r.target: r.line for r in references(MARKDOWN, "markdown")}
    assert lines["/img/cover.jpg"] == 3 and lines["./shot.png"] == 9 and lines["a/b.webp"] == 11


def test_mdx_imports_requires_and_components():
    mdx = ('import hero from "./hero.jpg"\nimport Chart from "./Chart.jsx"\n\n# Hi\n\n'
           '<Figure src="./fig.png" caption="Q3" />\n\n<Image src={require("./req.png")} />\n')
    assert set(targets(mdx, "mdx")) == {"./hero.jpg", "./fig.png", "./req.png"}


def test_html_page_images_poster_and_social_card():
    html = ('<html><head><meta property="og:image" content="/og.png"><meta name="description" content="x.png?">'
            '</head><body><picture><source srcset="p.webp"><img src="p.jpg" alt=""></picture>'
            '<video poster="poster.png"></video><a href="linked.png">file</a></body></html>')
    assert targets(html, "html") == ["/og.png", "p.webp", "p.jpg", "poster.png"]


def test_toml_front_matter():
    assert targets('+++\ntitle = "x"\n[extra]\ncover = "pics/cover.png"\n+++\nBody\n', "markdown") == ["pics/cover.png"]


def test_plain_text_shows_no_images():
    assert targets("See shot.png and ![x](y.png)", "text") == []


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "site"
    (root / ".git").mkdir(parents=True)
    (root / "posts").mkdir()
    (root / "static" / "img").mkdir(parents=True)
    (root / "posts" / "shot.png").write_bytes(b"x")
    (root / "static" / "img" / "cover.jpg").write_bytes(b"x")
    (tmp_path / "outside.png").write_bytes(b"x")
    return root


def test_relative_and_site_absolute_targets_resolve_inside_the_repository(repo):
    post = repo / "posts" / "launch.md"
    assert resolve("shot.png", post, repo).path == repo / "posts" / "shot.png"
    assert resolve("./shot.png?v=2#top", post, repo).path == repo / "posts" / "shot.png"
    assert resolve("/img/cover.jpg", post, repo).path == repo / "static" / "img" / "cover.jpg"


def test_remote_and_inline_images_are_never_fetched(repo):
    post = repo / "posts" / "launch.md"
    for target in ("https://cdn.example.com/a.png", "//cdn.example.com/a.png", "http://x/a.jpg"):
        where = resolve(target, post, repo)
        assert where.path is None and where.remote and "never fetches" in where.reason
    assert resolve("data:image/png;base64,iVBORw0KGgo=", post, repo).path is None


def test_nothing_outside_the_repository_is_read(repo):
    post = repo / "posts" / "launch.md"
    assert "outside the repository" in resolve("../../outside.png", post, repo).reason
    os.symlink(repo.parent / "outside.png", repo / "posts" / "link.png")
    assert "outside the repository" in resolve("link.png", post, repo).reason
    assert resolve("missing.png", post, repo).reason == "no such file in the repository"
