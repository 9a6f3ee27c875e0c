"""Presidio around our own parse: just the recognizers the rules ask for, reading the `Doc` we made.

Presidio is handed the pipeline `nlp.py` loaded, so it never loads (or downloads) a model itself,
and `analyze` passes our `Doc` as `nlp_artifacts`, so nothing is parsed twice. Entity types that
spaCy's NER provides (PERSON, ...) are read straight from `doc.ents`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
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

