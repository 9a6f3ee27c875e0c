"""`phones`: numbers written like phones or next to a cue, never versions, dates, IPs or IDs."""

import pytest

AS_OF = "2026-11-25"


def phones(linter, text):
    return [f.match for f in linter.lint(text, as_of=AS_OF) if f.code == "PII-PHONE"]


@pytest.mark.parametrize("text, number", [
    ("Yes Graham, we have your number: +44 7700 900456.", "+44 7700 900456"),
    ("Please have the manager call me at 0494 92 82 32", "0494 92 82 32"),
    ("Fax: 9498777106", "9498777106"),
    ("Callback at (898) 666-3621 x0135 please", "(898) 666-3621 x0135"),
    ("Phone:\n0393 1144137", "0393 1144137"),
])
def test_numbers_written_like_phones_or_next_to_a_cue(plain_linter, text, number):
    assert phones(plain_linter, text) == [number]


@pytest.mark.parametrize("text", [
    "Rust 1.64.0 shipped on 2022-09-22 and 1.68.0 on 2023-03-09.",
    "See https://github.com/rust-lang/rust/issues/2695460081#issuecomment-3062406737 for details.",
    "The controller sits at 192.168.40.12 behind firmware 10.4.2.1.",
    "Between 2019-2025 we shipped 2,500,000 robots in 12 countries.",
    "Book club pick: Probabilistic Robotics (ISBN 978-0-262-20162-9).",
    "Questions? Call our support line at +1 800 555 0100.",  # toll-free: a business's public line
    "We moved 2695460081 bytes in the benchmark.",  # a bare count with no cue
])
def test_versions_dates_ids_counts_and_toll_free_lines_are_not_phones(plain_linter, text):
    assert phones(plain_linter, text) == []
