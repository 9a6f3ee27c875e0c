"""Rule packs: YAML files of rules, loaded strictly and turned into `Rule` objects.

A pack is data, never code. Each rule is validated against the common rule fields and against its
kind's own options (`linter/checks/<kind>.py`); every problem of every file is collected and
reported at once as `path:line:col: CODE message (hint)`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import schema as s
from .config import BUILTIN_PACKS, Config
from .errors import ConfigError, Problem
from .fileio import git_root, resolved
from .finding import Category, Severity
from .languages import LANGUAGES
from .rule import Localized, Rule, RuleText
from .yamlio import Mark, MarkedDict, MarkedList, load_yaml_file

CODE_SHAPE = r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$"


RETIRED_FILE = "retired.yaml"  # in the built-in rules folder: codes never to be used again


@dataclass(frozen=True)
class Retired:
    """A rule code that was shipped once and retired: it may never name another rule."""

    code: str
    retired: dt.date
    reason: str
    replaced_by: str = ""

    def describe(self) -> str:
        now = f"; use {self.replaced_by}" if self.replaced_by else ""
        return f"{self.code} was retired on {self.retired.isoformat()} ({self.reason}){now}"


def builtin_rules_dir() -> Path:
    """`rules/` beside the package in a checkout, or `linter/rules/` inside an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("postlint's built-in rules/ folder is missing; reinstall postlint")


def _example(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    """One example post: a string whose `{placeholders}` name company values (`examples.py`)."""
    from .examples import template_problems  # imports regex: a re-check from the cache never validates packs

    text = s.string()(value, mark, problems)
    if isinstance(text, str):
        problems += [mark.problem("E104", problem, "write a company value as {codename}, {customer}, ...")
                     for problem in template_problems(text)]
    return text


_EXAMPLE_LISTS = {
    "bad": s.Field(s.list_of(_example, allow_single=True), default_factory=list,
                   doc="posts this rule must flag"),
    "good": s.Field(s.list_of(_example, allow_single=True), default_factory=list,
                    doc="near misses this rule must leave alone"),
}
_EXAMPLES = {
    **_EXAMPLE_LISTS,
    "tests": s.Field(s.mapping_of(_EXAMPLE_LISTS, what="tests"), default_factory=dict,
                     doc="more bad and good posts the tests run with the sample company; never shown"),
}

RULE_FIELDS: dict[str, s.Field] = {
    "code": s.Field(s.string(), required=True, doc="unique, stable, prefixed by category (CONF-...)"),
    "category": s.Field(s.choice(*(str(c) for c in Category)), required=True),
    "severity": s.Field(s.choice(*(str(v) for v in Severity)), required=True),
    "kind": s.Field(s.string(), required=True, doc="which check runs the rule"),
    "message": s.Field(s.string(), required=True, doc="one line shown with the finding; may use {match}"),
    "why": s.Field(s.string(), required=True, doc="the policy reason, in plain words"),
    "summary": s.Field(s.string(), doc="one line for `postlint rules`"),
    "suggestion": s.Field(s.string(), default="", doc="a better wording or the fix"),
    "replacement": s.Field(s.string(), default="",
                           doc="text an editor's quick fix writes in place of the match (a placeholder)"),
    "examples": s.Field(s.mapping_of(_EXAMPLES, what="examples"), default_factory=dict),
    "references": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list),
    "lang": s.Field(s.list_of(s.choice(*LANGUAGES), allow_single=True), default=None,
                    doc="languages the rule applies to (default: all)"),
    "enabled": s.Field(s.boolean(), default=True, doc="false: off unless the config turns it on"),
}

# What a language block (`es:` in a rule) may hold besides the kind's options: the rule's text there.
LOCAL_TEXT_FIELDS: dict[str, s.Field] = {
    key: replace(RULE_FIELDS[key], required=False, default=None)
    for key in ("summary", "message", "why", "suggestion", "replacement", "examples")
}

PACK_FIELDS: dict[str, s.Field] = {
    "name": s.Field(s.string(), doc="shown in `postlint rules`"),
    "description": s.Field(s.string(), default=""),
    "license": s.Field(s.string(), default="", doc="attribution for word lists the pack uses"),
    "rules": s.Field(lambda v, m, p: v if isinstance(v, list) else s.wrong_type(v, "a list of rules", m, p),
                     required=True),
}


def _check_placeholders(template: str, allowed: Iterable[str], mark: Mark, problems: list[Problem],
                        key: str) -> None:
    """Only `{name}` of known names: no format spec, conversion, index or attribute, which could
    fail at run time or print more of a value than the name says."""
    allowed = set(allowed)
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError as exc:
        problems.append(mark.problem("E104", f"{key}: {exc}", "write a literal brace as {{ or }}"))
        return
    available = "available: " + ", ".join("{" + a + "}" for a in sorted(allowed))
    for name, spec, conversion in fields:
        if name not in allowed:
            problems.append(mark.problem(
                "E104", f"{key} uses the unknown placeholder {s.shown('{' + name + '}')}", available))
        elif spec or conversion:
            problems.append(mark.problem(
                "E104", f"{key}: the placeholder {{{name}}} may not carry a format or conversion",
                f"write it as {{{name}}}"))


def parse_rule(raw: Any, mark: Mark, pack: str, problems: list[Problem]) -> Rule | None:
    import regex

    from .checks import load_kinds  # rules read prepared need neither the kinds nor `regex`

    kinds = load_kinds()
    if not isinstance(raw, dict):
        s.wrong_type(raw, "a rule (a mapping with code, category, ...)", mark, problems)
        return None
    kind = raw.get("kind")
    cls = kinds.get(kind) if isinstance(kind, str) else None
    before = len(problems)
    where = (lambda key: raw.mark_of(key)) if isinstance(raw, MarkedDict) else (lambda key: mark)
    if isinstance(kind, str) and cls is None:
        close = difflib.get_close_matches(kind, kinds, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "kinds: " + ", ".join(sorted(kinds))
        problems.append(where("kind").problem("E111", f"unknown rule kind '{kind}'", hint))
        # which other keys are allowed depends on the kind: do not guess
        extra = frozenset(k for k in raw if k not in RULE_FIELDS)
    else:
        extra = frozenset(cls.options) if cls else frozenset()
    extra |= frozenset(LANGUAGES)  # language blocks, read by `_parse_local`
    common = s.check_mapping(raw, mark, RULE_FIELDS, problems, what="rule", extra_keys=extra)
    options: dict[str, Any] = {}
    if cls is not None:
        opts_raw = {k: v for k, v in raw.items() if k in cls.options}
        if isinstance(raw, MarkedDict):
            opts_raw = MarkedDict(opts_raw)
            opts_raw.mark, opts_raw.key_marks, opts_raw.value_marks = raw.mark, raw.key_marks, raw.value_marks
        options = s.check_mapping(opts_raw, mark, cls.options, problems, what=f"'{kind}' rule")
        if options is not s.INVALID:
            cls.validate(options, where, problems)
    if common is s.INVALID or options is s.INVALID or len(problems) > before:
        return None
    code, category = common["code"], Category(common["category"])
    code_mark = where("code")
    if not regex.match(CODE_SHAPE, code):
        problems.append(code_mark.problem("E104", f"rule code '{code}' is not shaped like CONF-CODENAME",
                                          "capital letters and digits in parts joined by '-'"))
    elif not code.startswith(category.prefix):
        problems.append(code_mark.problem("E104", f"rule code '{code}' must start with '{category.prefix}'",
                                          f"codes are prefixed by their category ({category})"))
    placeholders = {"match", *(cls.placeholders if cls else ())}
    for key in ("message", "suggestion"):
        _check_placeholders(common[key] or "", placeholders, where(key), problems, key)
    for key, value in options.items():
        if key.endswith("_message") and isinstance(value, str):
            _check_placeholders(value, placeholders, where(key), problems, key)
    if len(problems) > before:
        return None
    assert cls is not None
    examples = common["examples"] or {}
    summary = common["summary"] or _summary_of(common["message"])
    languages = tuple(common["lang"]) if common["lang"] else LANGUAGES
    local = {}
    for lang in LANGUAGES:
        if lang in raw:
            block = _parse_local(raw, lang, cls, languages, where(lang), placeholders, problems)
            if block is not None:
                local[lang] = block
    if len(problems) > before:
        return None
    return Rule(
        code=code, category=category, severity=Severity(common["severity"]), kind=kind,
        message=common["message"], why=common["why"].strip(), summary=summary,
        suggestion=(common["suggestion"] or "").strip(), replacement=common["replacement"] or "", options=options,
        **_example_fields(examples), references=tuple(common["references"]), languages=languages,
        enabled=common["enabled"], pack=pack, mark=mark, local=local,
    )


def _example_fields(examples: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """A validated `examples:` block as the fields of `Rule` and `RuleText`."""
    tests = examples.get("tests") or {}
    return {"examples_bad": tuple(examples.get("bad", ())), "examples_good": tuple(examples.get("good", ())),
            "tests_bad": tuple(tests.get("bad", ())), "tests_good": tuple(tests.get("good", ()))}


def _summary_of(message: str) -> str:
    import regex

    return regex.sub(r"'?\{[a-z_]+\}'?", "…", message)


def _parse_local(raw: Any, lang: str, cls: type[Any], languages: tuple[str, ...], mark: Mark,
                 placeholders: set[str], problems: list[Problem]) -> Localized | None:
    """A rule's block for `lang`: its text there (each field falls back to the rule's own) and the
    kind's options there (the rule's own, with the block's replacing them, validated as a whole)."""
    block = raw[lang]
    before = len(problems)
    if lang not in languages:
        problems.append(mark.problem("E104", f"a '{lang}' block in a rule that does not apply to '{lang}'",
                                     "add it to the rule's `lang:` list, or remove the block"))
        return None
    text = s.check_mapping(block, mark, LOCAL_TEXT_FIELDS, problems, what=f"'{lang}' block",
                           extra_keys=frozenset(cls.options))
    if not isinstance(block, dict):
        return None
    where = (lambda key: block.mark_of(key)) if isinstance(block, MarkedDict) else (lambda key: mark)
    for key in ("message", "suggestion"):
        if text is not s.INVALID and text[key]:
            _check_placeholders(text[key], placeholders, where(key), problems, f"{lang}.{key}")
    for key, value in block.items():  # the kind's other messages (own_message) in this language
        if key in cls.options and key.endswith("_message") and isinstance(value, str):
            _check_placeholders(value, placeholders, where(key), problems, f"{lang}.{key}")
    merged_raw = {k: v for k, v in raw.items() if k in cls.options}
    merged_raw.update({k: v for k, v in block.items() if k in cls.options})
    marked = MarkedDict(merged_raw)
    marked.mark = block.mark if isinstance(block, MarkedDict) else mark
    marked.key_marks = {**getattr(raw, "key_marks", {}), **getattr(block, "key_marks", {})}
    marked.value_marks = {**getattr(raw, "value_marks", {}), **getattr(block, "value_marks", {})}
    options = s.check_mapping(marked, mark, cls.options, problems, what=f"'{lang}' block")
    if options is not s.INVALID:
        cls.validate(options, lambda key: marked.mark_of(key) if key in marked else mark, problems)
    if text is s.INVALID or options is s.INVALID or len(problems) > before:
        return None
    base = raw
    message = text["message"] or base["message"]
    examples = text["examples"] or {}
    return Localized(
        text=RuleText(lang=lang, summary=text["summary"] or (_summary_of(text["message"]) if text["message"]
                                                             else base.get("summary") or _summary_of(message)),
                      message=message, why=(text["why"] or base["why"]).strip(),
                      suggestion=(text["suggestion"] or base.get("suggestion") or "").strip(),
                      replacement=text["replacement"] or base.get("replacement") or "",
                      **_example_fields(examples)),
        options=options)


_RETIRED_ENTRY = {
    "code": s.Field(s.string(), required=True),
    "retired": s.Field(s.iso_date(), required=True, doc="the day it stopped being shipped"),
    "reason": s.Field(s.string(), required=True),
    "replaced_by": s.Field(s.string(), default="", doc="the code to use instead, if any"),
}


@functools.cache
def retired_codes() -> dict[str, Retired]:
    """The registry of retired codes (`rules/retired.yaml`), loaded strictly once."""
    path = builtin_rules_dir() / RETIRED_FILE
    problems: list[Problem] = []
    data = load_yaml_file(path, _shown_path(path))
    top = s.check_mapping(data, data.mark if isinstance(data, MarkedDict) else Mark(str(path), 1, 1),
                          {"retired": s.Field(s.list_of(s.mapping_of(_RETIRED_ENTRY, what="retired code")),
                                              required=True)}, problems, what="registry of retired codes")
    if problems:
        raise ConfigError(problems)
    return {e["code"]: Retired(e["code"], e["retired"], e["reason"], e["replaced_by"]) for e in top["retired"]}


def load_pack(path: Path, name: str | None = None, problems: list[Problem] | None = None) -> list[Rule]:
    """Load one pack file. With `problems`, errors are appended there instead of raised."""
    own: list[Problem] = [] if problems is None else problems
    shown = _shown_path(path)
    try:
        data = load_yaml_file(path, shown)
    except ConfigError as exc:
        own.extend(exc.problems)
        data = None
    rules: list[Rule] = []
    if data is None and not own:
        own.append(Mark(shown, 1, 1).problem("E103", "the rule pack is empty", "a pack needs `rules:` with at least one rule"))
    if data is not None:
        mark = data.mark if isinstance(data, (MarkedDict, MarkedList)) else Mark(shown, 1, 1)
        top = s.check_mapping(data, mark, PACK_FIELDS, own, what="rule pack")
        if top is not s.INVALID and not data["rules"]:
            own.append(s.mark_of(data, "rules", mark).problem("E104", "the pack defines no rules"))
        if top is not s.INVALID:
            raw_rules = data["rules"]
            for i, raw in enumerate(raw_rules):
                rule = parse_rule(raw, s.mark_of(raw_rules, i, mark) if not isinstance(raw, MarkedDict) else raw.mark,
                                  name or top.get("name") or path.stem, own)
                if rule:
                    rules.append(rule)
    if problems is None and own:
        raise ConfigError(own)
    return rules


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _loaded(config: Config) -> tuple[list[Rule], list[Problem]]:
    """Every rule of the config's packs (overrides not applied yet) and every problem found."""
    problems: list[Problem] = []
    rules: list[Rule] = []
    for ref in config.packs:
        where = ref.mark or Mark(str(config.path or "<config>"), 1, 1)
        if ref.path is None and ref.name not in BUILTIN_PACKS:
            from . import plugins

            loaded = [rule for path in plugins.offered_pack(ref.name, where, problems)
                      for rule in load_pack(path, ref.name, problems)]
            _validate_with_model(loaded, problems)  # a plugin's pack is not proven by our tests
            rules.extend(loaded)
            continue
        path = ref.path or builtin_rules_dir() / f"{ref.name}.yaml"
        if ref.path is not None:
            refused = _outside(config, ref.path)  # first: a link out of the repository is refused, target or not
            if refused:
                problems.append(where.problem("E115", f"rule pack {s.shown(ref.name)} is outside {refused}; not read",
                                              "keep packs in the repository, or pass --allow-outside-packs"))
                continue
            if not ref.path.exists():
                broken = " (a broken or looping symbolic link)" if ref.path.is_symlink() else ""
                problems.append(where.problem("E110", f"rule pack {s.shown(ref.name)} not found{broken}",
                                              f"looked for {ref.path}"))
                continue
        loaded = load_pack(path, ref.name if ref.path is None else None, problems)
        if ref.path is not None:
            _validate_with_model(loaded, problems)
        rules.extend(loaded)
    seen: dict[str, Rule] = {}
    retired = retired_codes()
    for rule in rules:
        if rule.code in retired:
            assert rule.mark is not None
            problems.append(rule.mark.problem("E113", f"rule code '{rule.code}' is retired and may not be reused",
                                              retired[rule.code].describe() + "; give the rule a new code"))
        elif rule.code in seen:
            first = seen[rule.code]
            assert rule.mark is not None
            problems.append(rule.mark.problem("E106", f"duplicate rule code '{rule.code}'",
                                              f"first defined at {first.location}"))
        else:
            seen[rule.code] = rule
    problems.extend(_check_overrides(config, seen))
    return list(seen.values()), problems


def _validate_with_model(rules: list[Rule], problems: list[Problem]) -> None:
    """A company's own pack or a plugin's: its token patterns checked by spaCy's validator."""
    from .checks import load_kinds

    kinds = load_kinds()
    for rule in rules:
        assert rule.mark is not None
        checked: list[Any] = []
        for options in (rule.in_language(lang).options for lang in rule.languages):
            if options not in checked:  # a language block may hold options of its own
                checked.append(options)
                kinds[rule.kind].validate_with_model(options, rule.mark, problems)


def _outside(config: Config, pack: Path) -> str | None:
    """Where a config's pack may not come from: outside the repository (the git work tree holding
    the config, else the config's folder), unless `allow_outside_packs`. None when it may."""
    if config.path is None or config.allow_outside_packs:
        return None  # a dict config comes from code, not from a file someone could commit
    top = repository_root(config.path.parent)
    real = resolved(pack)
    if real == top or top in real.parents:
        return None
    return f"the repository ({top})"


def repository_root(folder: Path) -> Path:
    """The git work tree holding `folder`, else `folder` itself (resolved)."""
    start = resolved(folder)
    return git_root(start) or start


def rule_problems(config: Config) -> list[Problem]:
    """What is wrong with the config's packs and rule overrides (nothing raised)."""
    return _loaded(config)[1]


def load_rules(config: Config, cache_dir: Path | None = None) -> list[Rule]:
    """Every rule of the config's packs, overrides applied; raises ConfigError listing all problems.

    With `cache_dir`, rules prepared by an earlier run from the same packs, config and postlint
    are read from there in one go, and new ones are kept there (`prepared.py`)."""
    if cache_dir is None:
        return _prepare(config)
    from . import prepared

    key = prepared_key(config, cache_dir)
    rules = prepared.read_rules(cache_dir, key)
    if rules is None:
        rules = _prepare(config)
        prepared.write_rules(cache_dir, key, rules)
    return rules


def prepared_key(config: Config, cache_dir: Path) -> str:
    """What a config's prepared rules depend on: postlint's files and built-in packs, the
    installed plugins, the compiler and pickle formats, the working folder (rules name their
    file as the user sees it), the config (its packs, rule settings and company) and the content
    of its packs."""
    import sys

    from .fileio import file_sha256
    from .plugins import fingerprint
    from .prepared import FORMAT, installed_digest, installed_version

    digest = hashlib.sha256(f"{FORMAT}\0{installed_digest(builtin_rules_dir(), cache_dir)}\0"
                            f"{fingerprint()}\0{installed_version('regex')}\0"
                            f"{sys.version}\0{Path.cwd()}\0{config!r}\0".encode())
    for ref in config.packs:
        if ref.path is not None and ref.path.is_file():
            digest.update(f"{ref.path}\0{file_sha256(ref.path)}\0".encode())
    if config.path is not None and any(ref.path is not None for ref in config.packs):
        digest.update(str(repository_root(config.path.parent)).encode())  # where packs may come from
    return digest.hexdigest()


def _prepare(config: Config) -> list[Rule]:
    rules, problems = _loaded(config)
    if problems:
        raise ConfigError(problems)
    return [_apply_overrides(rule, config) for rule in rules]


def _check_overrides(config: Config, rules: Mapping[str, Rule]) -> list[Problem]:
    problems = []
    categories = [str(c) for c in Category]
    for key, override in config.overrides.items():
        if key in rules or key in categories:
            continue
        close = difflib.get_close_matches(key, [*rules, *categories], n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use a rule code (see `postlint rules`) or a category"
        if key in retired_codes():
            hint = retired_codes()[key].describe()
        where = override.mark or Mark(str(config.path or "<config>"), 1, 1)
        problems.append(where.problem("E107", f"'{key}' is neither a rule code nor a category", hint))
    return problems


def _apply_overrides(rule: Rule, config: Config) -> Rule:
    """A rule's own setting wins over its category's."""
    for key in (str(rule.category), rule.code):
        override = config.overrides.get(key)
        if override is not None:
            rule = replace(rule, enabled=override.enabled,
                           severity=override.severity or rule.severity)
    return rule


def all_builtin_rules() -> list[Rule]:
    return load_rules(Config())


__all__ = ["BUILTIN_PACKS", "Retired", "all_builtin_rules", "builtin_rules_dir", "load_pack", "load_rules",
           "retired_codes"]
