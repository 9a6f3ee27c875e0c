"""`postlint rules`, `explain` and `eval`: the rules in force, one rule's documentation, and the
linter's scores on labelled posts."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from ..languages import LANGUAGES
from .common import config_for, config_option, echo, fail, output_option, outside_packs_option


@click.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True), metavar="FILE.jsonl|DIR...")
@config_option
@output_option
@outside_packs_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the scores table and each disagreement; json: scores and every post's result.")
def eval_command(files: tuple[str, ...], config_path: str | None, allow_outside_packs: bool, fmt: str) -> None:
    """Score the linter on labelled posts (JSONL: id, text, expect, as_of, lang).

    Give one or more files, or folders (their *.jsonl files, recursively): all their posts are
    scored together. A post without `lang` is read in the config's language (auto: detected).
    """
    import json

    from ..engine import Linter
    from ..evaluate import evaluate, read_many, render_text

    posts = read_many(Path(f) for f in files)
    report = evaluate(Linter(config_for(config_path, Path(files[0]).resolve(), allow_outside_packs)), posts)
    if fmt == "json":
        echo(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        echo(render_text(report))


@click.command()
@config_option
@outside_packs_option
@click.option("--all", "show_all", is_flag=True, help="Also list rules the config turns off.")
@output_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Only the rules that apply to posts in this language, with their summary in it.")
def rules(config_path: str | None, allow_outside_packs: bool, show_all: bool, lang: str | None) -> None:
    """List every rule: code, category, severity and summary."""
    from ..cache import default_cache_dir
    from ..report.finish import rules_in_force

    in_force = rules_in_force(config_for(config_path, allow_outside_packs=allow_outside_packs), default_cache_dir())
    listed = [r for r in in_force.values() if (r.enabled or show_all) and (lang is None or lang in r.languages)]
    width = max((len(r.code) for r in listed), default=10)
    echo("".join(f"{rule.code:<{width}}  {rule.category:<12}  {rule.severity:<7}  {rule.text(lang).summary}"
                 f"{'' if rule.enabled else '  (off)'}\n" for rule in listed))


@click.command()
@click.argument("code")
@config_option
@output_option
@outside_packs_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Show the rule as it reads for posts in this language (default: its own text).")
def explain(code: str, config_path: str | None, allow_outside_packs: bool, lang: str | None) -> None:
    """Print a rule's full documentation: why, message, suggestion, examples."""
    from ..cache import default_cache_dir
    from ..checks import KINDS
    from ..examples import company_values, examples_for
    from ..packs import retired_codes
    from ..report.finish import rules_in_force

    config = config_for(config_path, allow_outside_packs=allow_outside_packs)
    known = rules_in_force(config, default_cache_dir())
    rule = known.get(code.upper())
    if rule is None and code.upper() in retired_codes():
        fail(retired_codes()[code.upper()].describe())
    if rule is None:
        close = difflib.get_close_matches(code.upper(), known, n=3)
        fail(f"no rule '{code}'" + (f"; did you mean {', '.join(close)}?" if close else "; see `postlint rules`"))
    wrap = lambda text: "\n".join("  " + line for line in click.wrap_text(text, 96).splitlines())  # noqa: E731
    text = rule.text(lang)
    out = [f"{rule.code} ({rule.category}, {rule.severity}){'' if rule.enabled else ' [off]'}",
           f"  {text.summary}", "", "Why", wrap(text.why), "", "Message", f"  {text.message}"]
    for name, template in rule.in_language(lang).templates.items() if lang else rule.templates.items():
        if name != "message":
            out += [f"  {name.replace('_message', '').replace('_', ' ')}: {template}"]
    if text.suggestion:
        out += ["", "Instead", wrap(text.suggestion)]
    if text.replacement:
        out += ["", "Quick fix (postlint lsp)", f"  write {text.replacement} in its place"]
    if rule.kind in KINDS:
        out += ["", "How it is found", wrap(f"{rule.kind}: {KINDS[rule.kind].doc}")]
        out += [wrap(line) for line in KINDS[rule.kind].describe(rule.options)]
    examples = examples_for(text, company_values(config))  # the company's own codenames, customers, ...
    if examples.bad or examples.good:
        out += ["", "Examples"]
        out += [f"  bad:  {e}" for e in examples.bad] + [f"  good: {e}" for e in examples.good]
    if examples.missing:
        out += [f"  (examples that need {', '.join('{' + name + '}' for name in examples.missing)} are left out: "
                "the config gives none)"]
    out += ["", "Languages", "  " + ", ".join(
        f"{code} ({'own text' if rule.translated(code) else 'default text'})" for code in rule.languages)]
    if rule.references:
        out += ["", "References"] + [f"  {r}" for r in rule.references]
    out += ["", f"Defined in {rule.location}"]
    echo("\n".join(out) + "\n")
