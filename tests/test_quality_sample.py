"""Small regressions on real public text (../shared/corpora); the full runs are benchmarks/quality.py."""

from __future__ import annotations

import json

import pytest

from conftest import CORPORA, NEEDS_CORPORA

pytestmark = [pytest.mark.skipif(not CORPORA.is_dir(), reason=NEEDS_CORPORA), pytest.mark.slow]

# Published posts that once drew false errors: issue ids and versions as phones, Rust paths as
# IPv6, `Tier 2` as a person, Cargo.toml author lines as leaked addresses.
RUST_POSTS = ["cargo-pillars.md", "Rust-1.30.0.md", "Rust-1.64.0.md", "Increasing-glibc-kernel-requirements.md",
              "Rust-1.84.1.md"]


def test_published_rust_posts_draw_no_errors(plain_linter):
    from linter.engine import Post

    paths = [CORPORA / "blog_rust_lang" / "posts" / name for name in RUST_POSTS]
    posts = [Post(p.read_text(encoding="utf-8"), path=p.name) for p in paths]
    errors = [(p.name, f.code, f.match) for p, found in zip(paths, plain_linter.lint_many(posts))
              for f in found if f.severity == "error"]
    assert errors == []


def test_presidio_synth_sample_recall(plain_linter):
    data = json.loads((CORPORA / "presidio_synth" / "synth_dataset_v2.json").read_text(encoding="utf-8"))[:300]
    wanted = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS"}
    found = total = 0
    for item, findings in zip(data, plain_linter.lint_many(d["full_text"] for d in data)):
        for span in item["spans"]:
            if span["entity_type"] in wanted:
                total += 1
                found += any(f.category == "pii" and f.start < span["end_position"] and span["start_position"] < f.end
                             for f in findings)
    assert total >= 40 and found / total >= 0.95
