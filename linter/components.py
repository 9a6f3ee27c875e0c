"""What an installed spaCy model is made of, read from its config.cfg without resolving it: where
its data lives and each component's factory and the tok2vec layer it listens to (`nlp.py` loads
only the components the enabled checks need)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import PostlintError

def model_data_dir(model: str) -> str:
    """The folder holding the installed model's config.cfg and component weights."""
    import spacy

    root = model if os.path.isdir(model) else str(spacy.util.get_package_path(model))
    candidates = [root] + sorted(os.path.join(root, d) for d in os.listdir(root))
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "config.cfg")):
            return folder
    raise PostlintError(f"the spaCy model '{model}' has no config.cfg; reinstall it")


@dataclass(frozen=True)
class Component:
    factory: str | None
    listens_to: str | None  # the tok2vec component a listener layer reads, "*" for any


def components_in(config_path: str) -> dict[str, Component]:
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
        components[name] = Component(factory, listens_to)
    return components
