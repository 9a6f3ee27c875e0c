"""`postlint policy` and `postlint train`: documents and practice made from the policy in force."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..config import Config
from ..languages import LANGUAGES
from .common import config_for, config_option, fail, notify


@click.command(name="policy")
@config_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="md: Markdown, to keep in a repository; html: one self-contained page with a table "
                   "of contents, to read or print.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the document (default: the config's lang; with lang: auto, its default_lang).")
@click.option("--internal", is_flag=True,
              help="The staff edition: name the codenames, confidential customers, internal domains and "
                   "values marked !confidential that the default (public) edition only describes. "
                   "Never publish it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the policy to FILE instead of standard output.")
def policy_command(config_path: str | None, fmt: str, lang: str | None, internal: bool, output: str | None) -> None:
    """Write the social-media policy in force: the ten usual steps, with every enabled rule."""
    from ..cache import default_cache_dir
    from ..packs import load_rules
    from ..policy import render_policy

    config = config_for(config_path)
    text = render_policy(config, load_rules(config, default_cache_dir()), lang=_document_lang(config, lang), fmt=fmt,
                         internal=internal, notify=notify)
    _write_document(config, text, output, "the staff edition of the policy" if internal
                    else "the public edition of the policy", internal)


def _document_lang(config: Config, lang: str | None) -> str:
    """The language of a document for readers: the one asked for, else the config's (with lang:
    auto, its default_lang)."""
    return lang or (config.lang if config.lang in LANGUAGES else config.default_lang)


def _write_document(config: Config, text: str, output: str | None, what: str, internal: bool) -> None:
    """Print a generated document, or write it to `output` (never over the config or a pack)."""
    from ..fileio import write_atomically

    warning = ": it names confidential values, do not publish it" if internal else ""
    if output is None:
        click.echo(text, nl=False)
        if internal:
            notify("notice", f"this is {what}{warning}")
        return
    target = Path(output).resolve()
    if target in {p.resolve() for p in (config.path, *(ref.path for ref in config.packs)) if p is not None}:
        fail(f"{output} is the config or one of its rule packs; write {what} elsewhere")
    try:
        write_atomically(target, text, strict=True)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    notify("notice", f"wrote {what} to {output}{warning}")


@click.command(name="train")
@config_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="The employee's language: the posts, questions and answers (default: the config's lang; "
                   "with lang: auto, its default_lang).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]),
              help="Write a printable handout (the posts, then the answers) instead of asking the questions: "
                   "md to keep in a repository, html to print.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the handout to FILE instead of standard output (in HTML when FILE ends in .html "
                   "and no --format is given).")
@click.option("--internal", is_flag=True,
              help="In a handout, name the codenames, confidential customers and internal hosts that the "
                   "default handout describes, as the staff edition of the policy does. Never publish it. "
                   "(The session in a terminal always names them: only you see it.)")
@click.option("--seed", type=int, metavar="N",
              help="Choose the same posts in the same order every time (one handout for a whole class).")
def train_command(config_path: str | None, lang: str | None, fmt: str | None, output: str | None, internal: bool,
                  seed: int | None) -> None:
    """Practise the policy: decide whether short posts may be published, then see why.

    In a terminal, a short session covers every category of the policy in force, in your language,
    with the company's own codenames and customers, and ends with the categories to read again.
    Nothing about you or your answers is stored or sent. With --format or -o, it writes a printable
    handout instead.
    """
    from ..packs import load_rules
    from ..training import TEXTS, build_session, render_handout
    from ..training.terminal import run_session

    if fmt is None and output is not None:
        fmt = "html" if Path(output).suffix.lower() in (".html", ".htm") else "md"
    if fmt is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail("postlint train asks questions: run it in a terminal, or write a printable handout with "
              "--format md or --format html")
    config = config_for(config_path)
    lang = _document_lang(config, lang)
    rules = load_rules(config)  # no cache folder: a session writes no file, not even the prepared rules
    if fmt is not None:
        session = build_session(config, rules, lang, seed=seed, internal=internal)
        _write_document(config, render_handout(session, TEXTS[lang], fmt), output,
                        "the staff edition of the training handout" if internal else "the training handout", internal)
        return
    session = build_session(config, rules, lang, seed=seed)
    plain = "NO_COLOR" in os.environ
    run_session(session, TEXTS[lang], ask=input, say=click.echo,
                style=(lambda text, **_: text) if plain else click.style)
