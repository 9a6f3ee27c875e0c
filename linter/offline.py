"""Nothing postlint runs reaches the network: the guards that keep Presidio's helpers offline.

Presidio's email and URL recognizers call tldextract, which on first use fetches the public suffix
list (with no timeout) and writes a cache under `~/.cache`. Importing this module sets its
environment before tldextract is first imported, which Presidio does, and so does every
`spacy.load` in a venv where Presidio registered itself with spaCy: so `nlp.py` and `presidio.py`
import it first.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("TLDEXTRACT_CACHE", "")


def offline_tldextract() -> None:
    """Replace tldextract's default extractor with one that never fetches and never caches."""
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(cache_dir=None, suffix_list_urls=())
