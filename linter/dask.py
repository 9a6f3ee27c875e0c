"""Linting on Dask: a local cluster (`scan --workers N`), a running one (`scan --cluster`), and
adapters for people who already use Dask (`lint_bag`, `lint_dataframe`).

Each worker process builds one `Linter` the first time a task needs it and keeps it (the model
loads once per process, never pickled or sent over the network); a partition of posts goes through
its `lint_many`, so the findings are those of `lint_many` however the posts are partitioned. A
worker checks that its postlint, model and config give the same fingerprint as the client's, so a
cluster whose machines differ fails loudly instead of reporting different findings.

Needs the `dask` extra: `pip install 'postlint[dask]'`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PostlintError

if TYPE_CHECKING:
    from .config import Config
    from .engine import Linter, Post
    from .finding import Finding

# One partition of `scan`: enough posts for full `nlp.pipe` batches, few enough to spread evenly.
PARTITION_POSTS = 128
PARTITION_CHARS = 200_000
IN_FLIGHT_PER_THREAD = 2  # partitions queued per worker thread: none waits, memory stays bounded
FINDING_COLUMNS = {"code": "str", "category": "str", "severity": "str", "message": "str", "why": "str",
                   "suggestion": "str", "start": "int64", "end": "int64", "line": "int64", "col": "int64",
                   "end_line": "int64", "end_col": "int64", "match": "str"}


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise PostlintError("Dask is not installed; install it with: pip install 'postlint[dask]'") from None


@dataclass(frozen=True)
class LinterSpec:
    """What a worker needs to build the client's Linter itself: the config (a path every machine
    has, or the dict of its keys), the language, and the fingerprint it must reproduce."""

    config: str | None = None  # a postlint.yaml path
    config_dict: str | None = None  # or its keys, as JSON
    lang: str | None = None
    fingerprint: str | None = None

    @classmethod
    def of(cls, config: Config | str | Path | Mapping[str, Any] | None, lang: str | None = None) -> LinterSpec:
        from .cache import default_cache_dir, fingerprint
        from .config import Config, resolve_config

        if config is None:  # the one found here, not wherever each worker happens to run
            found = resolve_config(None)
            config = found.path if found.path is not None else {}
        if isinstance(config, Mapping):
            spec = cls(config_dict=json.dumps(dict(config), sort_keys=True, default=str), lang=lang)
        else:
            if isinstance(config, Config) and config.path is None:
                raise PostlintError("a Config made in code cannot be sent to workers; pass its dict or a file")
            path = config.path if isinstance(config, Config) else config
            spec = cls(config=str(Path(path).resolve()) if path is not None else None, lang=lang)
        resolved = resolve_config(spec.config_source())
        return cls(spec.config, spec.config_dict, lang,
                   fingerprint(resolved, lang or resolved.lang, default_cache_dir()))

    def config_source(self) -> str | dict[str, Any] | None:
        return json.loads(self.config_dict) if self.config_dict is not None else self.config

    @property
    def key(self) -> str:
        return hashlib.sha256(repr((self.config, self.config_dict, self.lang)).encode()).hexdigest()


_LINTERS: dict[str, Linter] = {}
_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def worker_linter(spec: LinterSpec) -> tuple[Linter, threading.Lock]:
    """This process's Linter for `spec`, built on first use, and the lock its threads share
    (a spaCy pipeline runs one batch at a time)."""
    with _GUARD:
        if spec.key not in _LINTERS:
            from .cache import default_cache_dir, fingerprint
            from .config import resolve_config
            from .engine import Linter

            config = resolve_config(spec.config_source())
            lang = spec.lang or config.lang
            if spec.fingerprint is not None and fingerprint(config, lang, default_cache_dir()) != spec.fingerprint:
                raise PostlintError("this worker's postlint, spaCy model or config differs from the client's "
                                    "(install the same versions and the same config on every machine)")
            _LINTERS[spec.key] = Linter(config, lang=spec.lang, cache_dir=default_cache_dir())
            _LOCKS[spec.key] = threading.Lock()
        return _LINTERS[spec.key], _LOCKS[spec.key]


def lint_partition(spec: LinterSpec, posts: list[Any], as_of: dt.date | str | None = None) -> list[list[Finding]]:
    """The findings of each post (a str, a `Post`, or a dict with `text`), in order."""
    linter, lock = worker_linter(spec)
    try:
        with lock:
            return list(linter.lint_many([_post(p) for p in posts], as_of=as_of))
    except PostlintError as exc:
        raise PostlintError(str(exc)) from None  # a plain one: every client can unpickle it


def _post(item: Any) -> Post | str:
    from .engine import Post

    if isinstance(item, (str, Post)):
        return item
    if isinstance(item, Mapping):
        if not isinstance(item.get("text"), str):
            raise PostlintError("a post given as a dict needs a 'text' string")
        return Post(item["text"], path=item.get("path"), as_of=item.get("as_of"), lang=item.get("lang"),
                    markup=item.get("markup"))
    raise PostlintError(f"a post must be a string, a Post or a dict with 'text', not {type(item).__name__}")


# -- adapters --------------------------------------------------------------------------------------

def lint_bag(bag: Any, config: Config | str | Path | Mapping[str, Any] | None = None, *,
             as_of: dt.date | str | None = None, lang: str | None = None) -> Any:
    """A Dask Bag of the findings of each post in `bag` (strings, `Post`s or dicts with `text`),
    partitioned as `bag` is: one list of `Finding`s per post, in order."""
    _require_dask()
    spec = LinterSpec.of(config, lang)
    return bag.map_partitions(lambda posts: lint_partition(spec, list(posts), as_of))


def lint_dataframe(ddf: Any, text: str = "text", id: str | None = None,
                   config: Config | str | Path | Mapping[str, Any] | None = None, *,
                   as_of: dt.date | str | None = None, lang: str | None = None) -> Any:
    """A Dask DataFrame of findings, one row per finding: the post's `id` column (or, without
    one, its index value) then every field of `Finding` but `path`."""
    _require_dask()
    import pandas as pd

    spec = LinterSpec.of(config, lang)
    if text not in ddf.columns:
        raise PostlintError(f"the dataframe has no column '{text}' (columns: {', '.join(map(str, ddf.columns))})")
    if id is not None and id not in ddf.columns:
        raise PostlintError(f"the dataframe has no column '{id}'")
    id_column = id or "id"
    meta = pd.DataFrame({id_column: pd.Series(dtype=ddf[id].dtype if id else ddf.index.dtype),
                         **{name: pd.Series(dtype=kind) for name, kind in FINDING_COLUMNS.items()}})

    def partition(frame: Any) -> Any:
        ids = frame[id].tolist() if id else frame.index.tolist()
        texts = [t if isinstance(t, str) else "" for t in frame[text].tolist()]
        rows = [{id_column: post_id, **{k: f.to_dict()[k] for k in FINDING_COLUMNS}}
                for post_id, findings in zip(ids, lint_partition(spec, texts, as_of)) for f in findings]
        return pd.DataFrame(rows, columns=list(meta.columns)).astype(meta.dtypes.to_dict()) if rows else meta.copy()

    return ddf.map_partitions(partition, meta=meta)


# -- scan on a cluster -----------------------------------------------------------------------------

class OnCluster:
    """`scan`'s linting on a Dask cluster: partitions submitted as posts are read, a bounded
    number in flight, findings handed back in the order the posts came."""

    def __init__(self, client: Any, spec: LinterSpec) -> None:
        self.client, self.spec = client, spec

    def lint(self, posts: Iterable[Post]) -> Iterator[list[Finding]]:
        threads = max(sum(self.client.nthreads().values()), 1)
        futures: deque[Any] = deque()
        for partition in _partitions(posts):
            futures.append(self.client.submit(lint_partition, self.spec, partition, pure=False))
            while len(futures) >= threads * IN_FLIGHT_PER_THREAD:
                yield from futures.popleft().result()
        while futures:
            yield from futures.popleft().result()


def _partitions(posts: Iterable[Post]) -> Iterator[list[Post]]:
    partition: list[Post] = []
    chars = 0
    for post in posts:
        partition.append(post)
        chars += len(post.text)
        if len(partition) >= PARTITION_POSTS or chars >= PARTITION_CHARS:
            yield partition
            partition, chars = [], 0
    if partition:
        yield partition


@contextmanager
def cluster_client(*, workers: int | None = None, address: str | None = None) -> Iterator[Any]:
    """A client of a new local cluster of `workers` processes (one thread each, on 127.0.0.1 only,
    no dashboard), or of the scheduler at `address` (`tcp://HOST:PORT`)."""
    _require_dask()
    from distributed import Client, LocalCluster

    for name in ("distributed", "tornado", "bokeh"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if address is not None:
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise PostlintError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            if not client.nthreads():
                client.wait_for_workers(1, timeout=60)
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()
