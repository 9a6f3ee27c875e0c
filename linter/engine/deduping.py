"""One finding per fact: overlapping findings of a category reduced to the strongest (`dedupe`),
and a value reported twice (a link's target and its text, a name inside an address) to one
(`same_fact`)."""

from __future__ import annotations

import bisect

from ..finding import Finding


def dedupe(findings: list[Finding], source: str | None = None,
           generic: frozenset[str] = frozenset(), readers: frozenset[str] = frozenset()) -> list[Finding]:
    """Keep one finding per overlapping stretch of a category: the most severe, then the longest.

    With the `source`, one fact reported twice is also reported once (`same_fact`). A `generic`
    finding (a model's: "this sentence reads as offensive") is dropped where a derogatory or
    profanity rule reports words inside it: the rule says what is wrong and why ("'shit' is
    profanity"), and the same words are not reported twice. A `readers` finding (a statement read
    whole: "X are vermin") likewise gives way to a word rule of at least its severity that reports
    words inside it ("'vermin' compares people to ...").
    """
    specific = sorted((f.start, f.end) for f in findings
                      if f.code not in generic and f.category in ("derogatory", "profanity"))
    if generic and specific:
        findings = [f for f in findings if f.code not in generic or not _overlaps(specific, f.start, f.end)]
    if readers:
        words = [f for f in findings if f.code not in generic | readers and f.category in ("derogatory", "profanity")]
        findings = [f for f in findings if f.code not in readers or not any(
            w.severity.rank >= f.severity.rank and w.start < f.end and f.start < w.end for w in words)]
    by_priority = sorted(findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start, f.code))
    taken: dict[str, list[tuple[int, int]]] = {}
    kept = []
    for finding in by_priority:
        spans = taken.setdefault(finding.category, [])
        i = bisect.bisect_left(spans, (finding.start, finding.end))
        neighbours = spans[max(i - 1, 0):i + 1]
        if any(s < finding.end and finding.start < e for s, e in neighbours):
            continue
        spans.insert(i, (finding.start, finding.end))
        kept.append(finding)
    if source is not None:
        kept = same_fact(kept, source)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted `spans` overlaps [start, end)."""
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[:i])


VALUE_CATEGORIES = frozenset({"pii", "confidential"})  # findings about a value: an address, a number, a name
LINK_SCHEMES = ("mailto:", "tel:", "callto:", "sms:")
LINK_SCHEME_LENGTH = max(map(len, LINK_SCHEMES))
LINK_REACH = 2000  # source characters between a link's visible text and its target


def same_fact(findings: list[Finding], source: str) -> list[Finding]:
    """One fact, one finding: a `mailto:` or `tel:` link's target when its visible text says the
    same value nearby, and a value inside another value (a customer's name in an address's
    domain) are dropped in favour of the finding that holds them. `findings` are `dedupe`'s: no two
    of one category overlap, so a value can only sit inside its nearest neighbour before it of each
    category (linear in the findings, however many a hostile post holds)."""
    values = [f for f in findings if str(f.category) in VALUE_CATEGORIES]
    by_category: dict[str, list[Finding]] = {}
    for f in sorted(values, key=lambda f: (f.start, -f.end)):
        by_category.setdefault(str(f.category), []).append(f)
    starts = {category: [f.start for f in group] for category, group in by_category.items()}
    unlinked: dict[tuple[str, str], list[int]] = {}  # (code, value) -> starts of its findings outside a link
    for f in sorted(values, key=lambda f: f.start):
        if not _in_link(source, f.start):
            unlinked.setdefault((f.code, _fact_key(f.match)), []).append(f.start)
    dropped: set[int] = set()
    for f in values:
        for category, group in by_category.items():
            i = bisect.bisect_right(starts[category], f.start) - 1
            while i >= 0 and group[i] is f:
                i -= 1
            outer = group[i] if i >= 0 else None
            if outer is not None and outer.start <= f.start and f.end <= outer.end and \
                    (outer.end - outer.start) > (f.end - f.start) and outer.severity.rank >= f.severity.rank:
                dropped.add(id(f))
                break
        if id(f) in dropped or not _in_link(source, f.start):
            continue
        near = unlinked.get((f.code, _fact_key(f.match)), [])
        i = bisect.bisect_left(near, f.start - LINK_REACH)
        if i < len(near) and near[i] <= f.start + LINK_REACH:
            dropped.add(id(f))
    return [f for f in findings if id(f) not in dropped]


def _in_link(source: str, start: int) -> bool:
    """Whether the value at `start` is a link's target (`mailto:jane@...`)."""
    return source[max(0, start - LINK_SCHEME_LENGTH):start].lower().endswith(LINK_SCHEMES)


def _fact_key(value: str) -> str:
    """What makes two spellings one value: case for addresses, the last ten digits for numbers."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) >= 7 and len(digits) * 2 > len(value.replace(" ", "")):
        return digits[-10:]
    return value.strip().lower()
