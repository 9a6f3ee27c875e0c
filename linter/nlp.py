"""Loads the spaCy pipeline once, with only the components the enabled checks need.

Nothing here touches the network: models must be installed packages (a missing one is a clear
error naming the pip command; `offline.py` keeps tldextract, which `spacy.load` may import, on its
bundled suffix list). Two costly parts load on first use and run only where a check needs them:
*deferred* ones run after `nlp.pipe` on the sentences checks ask for (`run_deferred`: NER), and
*on-demand* ones a check runs itself on a span (`parse_on_demand`: the dependency parser).
Presidio (`presidio.py`) reads the `Doc` made here; the attribute ruler is matched by memo
(`attribute_ruler.py`); which components a model has is read from its config (`components.py`),
and text is tokenized in linear time (`tokenizer.py`).
"""

from __future__ import annotations

import functools
import os
import re
import threading
import warnings
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import attribute_ruler, budget, languages, models
from . import offline  # noqa: F401 - sets tldextract's environment before spacy.load can import it
from .components import Component, components_in, model_data_dir
from .errors import ModelNotInstalled, PostlintError
from .languages import install_hint
from .presidio import NER_ENTITIES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Loaded pipelines are shared by every Linter of a process, and a memory zone drops the strings
# every other user of the pipeline may still hold: the engine works on one batch at a time.
NLP_LOCK = threading.RLock()

ON_DEMAND = "deps_on_demand"  # the capability of a dependency parse made by `parse_on_demand`

# What a check may need from the parse, and the pipeline components (by factory) that provide it.
CAPABILITIES = {
    "ner": ("ner",),
    "pos": ("tagger", "morphologizer", "attribute_ruler"),  # morphologizer: tags in e.g. Spanish models
    "lemma": ("tagger", "morphologizer", "attribute_ruler", "lemmatizer"),
    "deps": ("parser",),
    "sents": (),  # parser when deps are needed, else senter, else a rule-based sentencizer
    # On demand: loaded on first use and not run by nlp.pipe; a check parses just the sentences it
    # cares about with `parse_on_demand`, so one rare rule does not slow every post down.
    ON_DEMAND: ("parser",),
}


@dataclass(frozen=True)
class Needs:
    """What the enabled checks need from the NLP pass."""

    capabilities: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()  # Presidio entity types

    def __or__(self, other: Needs) -> Needs:
        return Needs(self.capabilities | other.capabilities, self.entities | other.entities)


# Deferred: costly components that few documents need (capability -> factory). They are loaded on
# first use and run, after the rest of the parse, only on the sentences where a check still needs
# them (see `Check.deferred_spans`): NER is ~40% of the small English model's time.
DEFERRED = {"ner": "ner"}


@dataclass
class _LazyPart:
    """A component left out of `nlp.pipe` (deferred or on demand), loaded from the model's folder
    when first needed."""

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


_LAZY: weakref.WeakKeyDictionary[Any, dict[str, _LazyPart]] = weakref.WeakKeyDictionary()


@functools.lru_cache(maxsize=8)
def load_spacy(model: str, lang: str, needs: Needs) -> Language:
    """Load `model` with only the components `needs` asks for; `blank:xx` is a bare tokenizer.

    Deferred and on-demand components are not part of the returned pipeline: `deferred(nlp)`
    names the deferred ones, which `run_deferred` adds to the documents that need them, and
    `parse_on_demand` loads the parser. Cached per process: every Linter with the same needs
    shares one loaded pipeline.
    """
    import spacy

    if model.startswith("blank:"):
        nlp = spacy.blank(model.split(":", 1)[1] or lang)
        nlp.add_pipe("sentencizer")
        return nlp
    unpacked = models.find(model)  # `postlint models install`: the data folder alone, no pip metadata
    if unpacked is None and not (spacy.util.is_package(model) or os.path.isdir(model)):
        raise ModelNotInstalled(model, install_hint(model))
    with warnings.catch_warnings():
        for name, version in languages.get(lang).tested_models.items():
            # W095: trained with an older spaCy. Silenced only for a model and version the tests
            # load and check (tests/test_spanish_model.py); any other model still warns.
            warnings.filterwarnings("ignore", message=rf"\[W095\] Model '{re.escape(name)}' \({re.escape(version)}\)")
        return _load_package(str(unpacked) if unpacked else model, needs)


def _load_package(model: str, needs: Needs) -> Language:
    import spacy

    data_dir = model_data_dir(model)
    components = components_in(os.path.join(data_dir, "config.cfg"))
    wanted = _components_for(components, needs)
    later = {capability: name for capability, factory in DEFERRED.items()
             for name in wanted if components[name].factory == factory}
    if ON_DEMAND in needs.capabilities and "deps" not in needs.capabilities:
        for name in wanted:  # parse_on_demand loads the parser the first time a check asks for a parse
            if components[name].factory == "parser":
                later[ON_DEMAND] = name
    wanted -= set(later.values())
    try:
        nlp = spacy.load(model, exclude=[c for c in components if c not in wanted])
    except OSError as exc:  # a broken install, not a missing one
        raise PostlintError(f"cannot load the spaCy model '{model}': {exc}") from None
    for name in wanted & set(nlp.disabled):
        nlp.enable_pipe(name)
    if "sents" in needs.capabilities and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    _LAZY[nlp] = {capability: _LazyPart(data_dir, name) for capability, name in later.items()}
    attribute_ruler.memoise(nlp)
    budget.bound_tok2vec(nlp)
    return nlp


def provides(nlp: Language) -> frozenset[str]:
    """The capabilities `nlp` gives, in its pipeline or loaded on first use (deferred, on demand)."""
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.component_names}
    found = {"sents", *_LAZY.get(nlp, {})}
    if factories & {"tagger", "morphologizer"}:
        found.add("pos")
        if "lemmatizer" in factories:
            found.add("lemma")
    if "ner" in factories:
        found.add("ner")
    if "parser" in factories:
        found |= {"deps", ON_DEMAND}
    return frozenset(found)


def deferred(nlp: Language) -> frozenset[str]:
    """The capabilities `nlp.pipe` leaves out, to be added with `run_deferred` where needed."""
    return frozenset(c for c in _LAZY.get(nlp, ()) if c in DEFERRED)


def load_lazy_parts(nlp: Language) -> None:
    """Load now every part `nlp` would load on first use, deferred and on demand: before a memory
    zone (which would drop the strings they add) or before forking workers (so they share them)."""
    for part in _LAZY.get(nlp, {}).values():
        part.load(nlp)


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
    deferred = _LAZY[nlp][capability]
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


def _components_for(components: dict[str, Component], needs: Needs) -> set[str]:
    """Names of the components that provide `needs`, plus the shared tok2vec they listen to."""
    by_factory = {c.factory: name for name, c in components.items() if c.factory}
    capabilities = set(needs.capabilities)
    if needs.entities & NER_ENTITIES:
        capabilities.add("ner")
    wanted = {by_factory[f] for c in capabilities for f in CAPABILITIES.get(c, ()) if f in by_factory}
    if "sents" in capabilities and "deps" not in capabilities and "senter" in by_factory:
        wanted.add(by_factory["senter"])
    for name in list(wanted):
        upstream = components[name].listens_to
        if upstream is not None:
            wanted.add(by_factory.get("tok2vec", "tok2vec") if upstream == "*" else upstream)
    return wanted


def parse_on_demand(nlp: Language, span: Any) -> Doc:
    """A dependency-parsed copy of `span` (a Span or Doc), for checks that need the parse rarely.

    Needs the capability `ON_DEMAND`; token offsets in the copy are relative to `span`.
    """
    sub = span.as_doc() if hasattr(span, "as_doc") else span
    if "tok2vec" in nlp.component_names:
        sub = nlp.get_pipe("tok2vec")(sub)
    lazy_parser = _LAZY.get(nlp, {}).get(ON_DEMAND)
    if lazy_parser is not None:
        sub = lazy_parser.load(nlp)(sub)  # its listener reads the tensor tok2vec just set
    elif "parser" in nlp.component_names:
        sub = nlp.get_pipe("parser")(sub)
    return sub
