"""Presidio around our own parse: just the recognizers the rules ask for, reading the `Doc` we made.

Presidio is handed the pipeline `nlp.py` loaded, so it never loads (or downloads) a model itself,
and `analyze` passes our `Doc` as `nlp_artifacts`, so nothing is parsed twice. Entity types that
spaCy's NER provides (PERSON, ...) are read straight from `doc.ents`. Its predefined recognizers
are imported one by one as they are asked for (`defer_predefined_recognizers`), not all at once.
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .offline import offline_tldextract

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
# Entity types that come from the spaCy parse itself (Presidio's SpacyRecognizer); which NER labels
# give each is the language's (`Language.entity_labels`: PERSON is PER in Spanish models).
NER_ENTITIES = frozenset({"PERSON", "LOCATION", "NRP"})
KNOWN_ENTITIES = frozenset(RECOGNIZERS) | frozenset(NER_ENTITIES)


PREDEFINED = "presidio_analyzer.predefined_recognizers"
# Where Presidio's default registry looks its recognizers up by class name, among the loaded ones.
_LOOKUP = "presidio_analyzer.recognizer_registry.recognizers_loader_utils"


class _LazyPackages(importlib.abc.MetaPathFinder):
    """Loads the packages under Presidio's `predefined_recognizers` lazily (a package's `__init__`
    is not run; each name it would import is imported when first read), and makes the default
    registry's lookup by class name import them all first."""

    def find_spec(self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None) -> Any:
        if name != _LOOKUP and name != PREDEFINED and not name.startswith(PREDEFINED + "."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.origin is None or spec.loader is None:
            return None
        if name == _LOOKUP:
            spec.loader = _CompleteLookups(spec.loader)
        elif spec.submodule_search_locations:
            spec.loader = _LazyPackage(Path(spec.origin))
        else:
            return None  # a recognizer's module: imported as usual
        return spec


class _LazyPackage(importlib.abc.Loader):
    def __init__(self, init: Path) -> None:
        self.init = init

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        names = _imported_names(self.init, module.__name__)

        def __getattr__(name: str) -> Any:  # noqa: N807 - a module's attribute hook (PEP 562)
            if name not in names:
                raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")
            source, original = names[name]
            value = getattr(importlib.import_module(source), original)
            setattr(module, name, value)
            return value

        module.__getattr__ = __getattr__  # type: ignore[method-assign]
        module.__all__ = list(names)  # type: ignore[attr-defined]


def _imported_names(init: Path, package: str) -> dict[str, tuple[str, str]]:
    """What a package's `__init__.py` imports: name -> (module, its name there), read, not run."""
    names: dict[str, tuple[str, str]] = {}
    parts = package.split(".")
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            source = node.module if node.level == 0 else ".".join([*parts[:len(parts) + 1 - node.level], node.module])
            for alias in node.names:
                names[alias.asname or alias.name] = (source, alias.name)
    return names


class _CompleteLookups(importlib.abc.Loader):
    """Loads Presidio's registry helpers as usual, then makes the lookup of a recognizer by class
    name (which searches the loaded subclasses of `EntityRecognizer`) import every predefined
    recognizer first, as Presidio's package would have done on import."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        loader_class = module.RecognizerListLoader
        lookup = loader_class.__dict__["get_existing_recognizer_cls"].__func__

        def get_existing_recognizer_cls(recognizer_name: str) -> Any:
            _import_all(importlib.import_module(PREDEFINED))
            return lookup(recognizer_name)

        loader_class.get_existing_recognizer_cls = staticmethod(get_existing_recognizer_cls)


def _import_all(package: ModuleType) -> None:
    for name in getattr(package, "__all__", ()):
        getattr(package, name)


def defer_predefined_recognizers() -> None:
    """Import Presidio's predefined recognizers only as they are asked for.

    Importing `presidio_analyzer` (which every `spacy.load` does where Presidio is installed: it
    registers a spaCy factory) imports all ~100 predefined recognizers and compiles their ~170
    patterns, most of a second; a run uses a few. Called before Presidio is first imported; once
    it is, nothing changes.
    """
    if "presidio_analyzer" not in sys.modules and not any(isinstance(f, _LazyPackages) for f in sys.meta_path):
        sys.meta_path.insert(0, _LazyPackages())


def quiet_presidio() -> None:
    """Presidio logs a warning per unmapped label and per recognizer it skips; keep it quiet."""
    for name in ("presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)


WINDOW_TOKENS = 2_000
WINDOW_OVERLAP = 100


class PiiAnalyzer:
    """Presidio's `AnalyzerEngine` with just the recognizers asked for, reading our parse."""

    def __init__(self, nlp: Language, lang: str, entities: Iterable[str], *,
                 phone_regions: tuple[str, ...]) -> None:
        from . import languages

        quiet_presidio()
        offline_tldextract()
        defer_predefined_recognizers()
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

        self.lang = lang
        self.language = languages.get(lang)
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
            if entity in self.language.presidio_context:  # the recognizer's own words are English
                kwargs["context"] = list(self.language.presidio_context[entity])
            try:
                recognizers.append(cls(**kwargs))
            except TypeError:
                recognizers.append(cls())
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[lang])
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[lang])
        self._pattern_entities = [e for e in self.entities if e not in NER_ENTITIES]

    def analyze(self, doc: Doc) -> list[Any]:
        """Presidio results for `doc.text`, from the `Doc` we already parsed.

        A long doc is analysed in windows of WINDOW_TOKENS that overlap by WINDOW_OVERLAP, more
        than any entity and its context words span: the same results, in linear time.
        """
        from presidio_analyzer import RecognizerResult
        from presidio_analyzer.nlp_engine import NlpArtifacts

        results: list[Any] = []
        if self._pattern_entities:
            best: dict[tuple[str, int, int], Any] = {}
            for start in range(0, max(len(doc) - WINDOW_OVERLAP, 1), WINDOW_TOKENS):
                # Presidio looks up each candidate's token from the start of what it is given: in
                # windows, that costs the window's length, not the post's (a hostile post had 5,000)
                window = doc[start:min(start + WINDOW_TOKENS + WINDOW_OVERLAP, len(doc))]
                offset = window.start_char
                artifacts = NlpArtifacts(
                    entities=[], tokens=window, tokens_indices=[t.idx - offset for t in window],
                    lemmas=[t.lemma_ or t.lower_ for t in window], nlp_engine=self._engine,
                    language=self.lang,
                )
                for result in self._analyzer.analyze(text=window.text, language=self.lang,
                                                     entities=self._pattern_entities, nlp_artifacts=artifacts):
                    result.start, result.end = result.start + offset, result.end + offset
                    key = (result.entity_type, result.start, result.end)
                    if key not in best or result.score > best[key].score:
                        best[key] = result  # a candidate in the overlap of two windows: once, best score
            results = sorted(best.values(), key=lambda r: (r.start, r.end, r.entity_type))
        for entity in NER_ENTITIES.intersection(self.entities):
            labels = self.language.entity_labels.get(entity, ())
            results.extend(RecognizerResult(entity, ent.start_char, ent.end_char, 0.85)
                           for ent in doc.ents if ent.label_ in labels)
        return results

