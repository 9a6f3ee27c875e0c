"""`postlint check --show-config`: which config governs each path, and what it sets.

A config beside a post replaces the team's policy for that folder; this shows it before anything
is checked. Company values (codenames, customers, networks) are counted, never printed: the output
is meant for CI logs. With no `company.domains`, it prints the publisher's identity derived from the
repository of each path (`publisher.py`): public domains and a site's name, and the files read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .config import Config
from .fileio import format_size
from .publisher import Publisher, publisher_of
from .report.results import display
from .sources import Configs


def show_config(paths: Sequence[str], *, config_path: Path | None = None, stdin_filename: str | None = None,
                allow_outside_packs: bool = False) -> str:
    """One block per config in force: the paths it governs and the settings it makes."""
    from .packs import load_rules

    configs = Configs(config_path, allow_outside_packs=allow_outside_packs)
    governed: dict[Path | None, list[str]] = {}
    for raw in paths:
        shown = stdin_filename if raw == "-" and stdin_filename else raw
        target = Path(shown) / "x" if shown != "-" and Path(shown).is_dir() else shown
        governed.setdefault(configs.key_for(target), []).append(raw)
    blocks = []
    for key, members in governed.items():
        config = configs.get(key)
        rules = load_rules(config)
        blocks.append(_describe(key, config, members, rules))
    return "\n".join(blocks)


def _publishers(members: list[str]) -> list[str]:
    """What the repository of each path says of its publisher (`publisher.py`), once per identity."""
    lines: dict[Publisher, list[str]] = {}
    for member in members:
        target = str(Path(member) / "x") if member != "-" and Path(member).is_dir() else member
        lines.setdefault(publisher_of(target), []).append(member)
    out = []
    for publisher, paths in lines.items():
        if not publisher:
            out.append(f"  publisher: none derived for {', '.join(display(p) for p in paths)} (no CNAME, site "
                       "config or package.json up to the repository root)")
            continue
        name = f" '{display(publisher.name)}'" if publisher.name else ""
        out.append(f"  publisher{name}: {', '.join(publisher.domains) or 'no domain'} (derived from "
                   f"{', '.join(display(s) for s in publisher.sources)}; company.domains overrides it)")
    return out


def _describe(key: Path | None, config: Config, members: list[str], rules: Sequence[object]) -> str:
    enabled = sum(1 for r in rules if getattr(r, "enabled", False))
    lines = [f"config: {display(str(key)) if key else 'none (built-in rules, no company policy)'}"
             + (" (root: true, configs in subfolders are errors)" if config.is_root else ""),
             f"  for: {', '.join(display(m) for m in members)}",
             "  packs: " + ", ".join(ref.name if ref.path is None else f"{display(ref.name)} ({display(str(ref.path))})"
                                     for ref in config.packs),
             f"  rules: {enabled} on, {len(rules) - enabled} off"]
    if config.overrides:
        lines.append("  overrides: " + ", ".join(
            f"{code}: {'off' if not o.enabled else o.severity or 'on'}" for code, o in config.overrides.items()))
    company = config.company
    counts = [(len(company.codenames), "codename", "codenames"), (len(company.customers), "customer", "customers"),
              (len(company.internal_domains), "internal domain", "internal domains"),
              (len(company.domains), "public domain", "public domains"),
              (len(company.spokespeople), "spokesperson", "spokespeople"),
              (len(company.networks), "network", "networks")]
    lines.append("  company: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
                 + " (names not shown)")
    if not company.domains:
        lines += _publishers(members)
    lines.append(f"  lang: {config.lang}; max_bytes: {format_size(config.max_bytes)}; "
                 f"report.redact: {'true' if config.redact else 'false'}")
    if config.exclude:
        lines.append("  exclude: " + ", ".join(display(g) for g in config.exclude))
    return "\n".join(lines) + "\n"
