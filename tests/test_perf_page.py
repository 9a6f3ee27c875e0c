"""benchmarks/perf.py's page and the README's Performance table: a run replaces the rows of the
sections it measured and keeps the others; the README shows each target with its command."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def perf():
    spec = importlib.util.spec_from_file_location("perf_under_test", ROOT / "benchmarks" / "perf.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def rows(perf, section, ratio):
    found = [perf.row(section, f"{section} figure", 2.0 * ratio, 2.0, ratio, "<= 1.3x", ratio <= 1.3, "s",
                      "`spacy.load()`"),
             perf.row(section, f"{section} detail", 1.0, 1.0, 1.0, "(info)", True, "s", "`spacy.load()`")]
    for r in found:
        r["command"] = f"python benchmarks/perf.py --only {section}"
    return found


def test_a_run_replaces_the_sections_it_measured_and_keeps_the_others(perf):
    first = perf.page(rows(perf, "cold", 1.2) + rows(perf, "rss", 1.5), {}, "run one", {"cold", "rss"}, "")
    second = perf.page(rows(perf, "rss", 1.25), {}, "run two", {"rss"}, first)
    assert "| cold figure | 2.40 s | 2.00 s (`spacy.load()`) | 1.20x | <= 1.3x | yes |" in second
    assert "1.25x" in second and "1.50x" not in second
    assert "kept as they were" in second


def test_the_readme_table_shows_each_target_as_a_ratio_with_its_command(perf):
    written = perf.page(rows(perf, "cold", 1.2) + rows(perf, "rss", 1.5), {}, "run", {"cold", "rss"}, "")
    readme = f"# postlint\n\n{perf.SUMMARY_START}\nold table\n{perf.SUMMARY_END}\n\n## Next\n"
    updated = perf.with_summary(readme, written)
    table = updated.split(perf.SUMMARY_START)[1].split(perf.SUMMARY_END)[0]
    assert "old table" not in table and updated.endswith(f"{perf.SUMMARY_END}\n\n## Next\n")
    assert "| cold figure, against `spacy.load()` | 1.20x | <= 1.3x | yes | `python benchmarks/perf.py --only cold` |" \
        in table
    assert "| rss figure, against `spacy.load()` | 1.50x | <= 1.3x | NO |" in table
    assert "detail" not in table  # figures given for information have no target to show
    assert perf.with_summary(updated, written) == updated
    with pytest.raises(SystemExit, match="no <!-- performance"):
        perf.with_summary("# postlint\n", written)


def test_the_readme_has_the_performance_table(perf):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index(perf.SUMMARY_START) < readme.index(perf.SUMMARY_END)


def test_rows_of_an_older_page_without_commands_are_not_kept(perf):
    old = ("| figure | postlint | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n"
           "| same on 10,000 posts (`perf.py --only workers --worker-posts 10000`) | 362 s | 570 s | 1.57x | "
           ">= 1.7x | NO |\n")
    written = perf.page(rows(perf, "cold", 1.2), {}, "run", {"cold"}, old)
    assert "10,000 posts" not in written and "kept as they were" not in written
