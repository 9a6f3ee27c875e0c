"""Checking many paths at once: discover the files, one `Linter` per config, findings per file.

Both `postlint check` and `postlint baseline` run through `lint_paths`; the models load once per
distinct config (and are shared between linters of one process). Files whose findings are in
the findings cache (`cache.py`) never load spaCy; the others are linted in batches, in this
process or, with `jobs > 1`, in worker processes forked once the model is loaded (so it is loaded
once), and their findings come back in discovery order, the same as with one process.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import Config
from .errors import ExitCode, PostlintError
from .fileio import TooLarge, format_size, read_stream, resolved
from .finding import Severity
from .images import is_image
from .report import FileResult
from .report.finish import exit_status, finish, known_rules, reported_rules, worst_rank
from .sources import Configs, Unreadable, discover, read
from .suppress import DIRECTIVE_RULES

if TYPE_CHECKING:
    from .engine import Linter, Linters
    from .finding import Finding
    from .images.reader import ImageText
    from .rule import Rule

# Called with ("warning" | "error", message) for what the user should know that is not a finding.
Notify = Callable[[str, str], None]
# Worker tasks: a few posts at a time, so batches stay useful and the processes finish together.
TASK_FILES = 16
TASK_CHARS = 50_000
TASKS_PER_JOB = 4


@dataclass(frozen=True)
class RunOptions:
    """What a run of `check` (or `baseline`, `scan`, `serve`, `lsp`) is asked: which policy and date
    the posts are checked under and how, and how their results are finished (baseline, redaction,
    `fail_on`)."""

    config_path: Path | None = None
    as_of: dt.date | None = None
    lang: str | None = None
    stdin_filename: str | None = None
    jobs: int = 1
    cache_dir: Path | None = None  # None: no findings cache
    allow_outside_packs: bool = False
    allow_outside_links: bool = False
    images: bool = False
    fail_on: Severity = Severity.ERROR
    baseline: Path | None = None  # report only findings this baseline file does not record
    redact: bool = False  # `--redact` (a config's `report.redact` also asks for it)


@dataclass
class Run:
    """What checking a set of paths produced; `results` are finished (`finish`) as they come."""

    results: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=lambda: dict(DIRECTIVE_RULES))
    redact: bool = False  # some config in play asks for `report.redact`
    failed: bool = False  # an input could not be read
    configs: list[Path | None] = field(default_factory=list)  # the configs used (None: built-in defaults)
    options: RunOptions = field(default_factory=RunOptions)
    _keep_new: Callable[[FileResult], FileResult] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.options.baseline is not None:  # read before any work: a bad baseline stops the run
            from .baseline import Baseline

            self._keep_new = Baseline.load(self.options.baseline).filtering()

    @property
    def redacting(self) -> bool:
        return self.options.redact or self.redact

    def finish(self, result: FileResult) -> FileResult:
        """A file's result as reported: without what the baseline records, masked when redacting."""
        return finish(result, self.rules, redact=self.redacting, keep_new=self._keep_new)

    @property
    def reported_rules(self) -> dict[str, Rule]:
        return reported_rules(self.rules, redact=self.redacting)

    @property
    def exit_status(self) -> ExitCode:
        return self.status(worst_rank(self.results))

    def status(self, worst: int) -> ExitCode:
        """The exit status by `fail_on` when the worst finding has rank `worst` (a scan counts it)."""
        return exit_status(worst, self.options.fail_on, failed=self.failed)


@dataclass(frozen=True)
class Job:
    """One text to check: `shown` is the path reported (and decides markup and config). An image
    named on the command line is a Job with its `image` path, whose text is read later."""

    shown: str
    text: str
    image: Path | None = None


def run_paths(paths: Sequence[str], options: RunOptions, *, notify: Notify, stdin: BinaryIO | bytes | None = None,
              on_start: Callable[[Run, int], None] | None = None,
              on_result: Callable[[int, FileResult, Run], None] | None = None) -> Run:
    """`lint_paths` under `options`: each result finished (baseline, redaction) before `on_result`
    hears of it, and `Run.exit_status` by `options.fail_on`."""
    return lint_paths(paths, notify=notify, config_path=options.config_path, as_of=options.as_of, lang=options.lang,
                      stdin=stdin, stdin_filename=options.stdin_filename, jobs=options.jobs,
                      cache_dir=options.cache_dir, on_start=on_start, on_result=on_result,
                      allow_outside_packs=options.allow_outside_packs,
                      allow_outside_links=options.allow_outside_links, images=options.images, run=Run(options=options))


def lint_paths(paths: Sequence[str], *, notify: Notify, config_path: Path | None = None,
               as_of: dt.date | None = None, lang: str | None = None, stdin: BinaryIO | bytes | None = None,
               stdin_filename: str | None = None, jobs: int = 1, cache_dir: Path | None = None,
               on_start: Callable[[Run, int], None] | None = None,
               on_result: Callable[[int, FileResult, Run], None] | None = None,
               allow_outside_packs: bool = False, allow_outside_links: bool = False,
               images: bool = False, run: Run | None = None) -> Run:
    """Lint every file under `paths` (`-` reads `stdin`, parsed and reported as `stdin_filename`).

    `jobs` above 1 spreads the posts over that many processes; `cache_dir` keeps findings of
    unchanged posts there (None: no cache). Each post is read up to its config's `max_bytes`.
    Files reached through a symbolic link out of the repository (or the folder given) are refused
    unless `allow_outside_links`; a config that is itself one of the files checked is refused.
    `on_start(run, files)` is called once the files are read (`run.rules` and `run.redact` are
    then known), and `on_result(index, result, run)` with each file's result as soon as it is done
    (in any order); `Run.results` are in discovery order. With `images`, the images each post
    shows and the image files among `paths` are checked too (`linter/images/`), each reported
    after the first post that shows it. Results are finished by `run` (default: reported as found).
    """
    run = run or Run()
    configs = Configs(config_path, allow_outside_packs=allow_outside_packs)
    checker = Checker(configs, lang=lang, as_of=as_of, jobs=jobs, cache_dir=cache_dir)
    found: list[Job] = []
    for item in discover(paths, excluded=configs.excluded, allow_outside_links=allow_outside_links):
        if isinstance(item, Unreadable):
            notify("warning" if item.skip else "error", str(item))
            run.failed = run.failed or not item.skip
            continue
        if configs.fixed is not None and item != "-" and resolved(Path(item)) == configs.fixed:
            raise PostlintError(f"the config {config_path} is one of the files being checked: a post cannot be "
                                "its own policy (a hook that passes a file named like an option, such as "
                                "'--config=post.md', must pass -- before file names)")
        shown = stdin_filename if item == "-" and stdin_filename else item
        if item != "-" and is_image(item):
            if images:
                found.append(Job(item, "", image=Path(item)))
            else:
                notify("error", f"{item}: is an image; add --images to check its metadata and the text in it")
                run.failed = True
            continue
        try:
            source = read(item, _read_stdin(stdin, configs.get(configs.key_for(shown)).max_bytes)
                          if item == "-" else None, limit=configs.get(configs.key_for(shown)).max_bytes)
        except Unreadable as exc:
            notify("warning" if exc.skip else "error", str(exc))
            run.failed = run.failed or not exc.skip
            continue
        for warning in source.warnings:
            notify("warning", f"{item}: {warning}")
        found.append(Job(shown, source.text))
    located: dict[int, ImageText] = {}
    if images:
        found, located = _with_images(found, checker, notify)
    for job in found:
        policy = checker.policy(job.shown)
        run.rules.update(policy.rules)
        run.redact = run.redact or policy.config.redact
    run.configs = [policy.key for policy in checker.policies] or configs.used
    if on_start is not None:
        on_start(run, len(found))
    results: list[FileResult | None] = [None] * len(found)
    for i, findings in checker.check_iter(found):
        if i in located:
            findings = located[i].locate(findings)
        result = results[i] = run.finish(FileResult(found[i].shown, findings, found[i].text))
        if on_result is not None:
            on_result(i, result, run)
    run.results.extend(r for r in results if r is not None)
    return run


def _with_images(found: list[Job], checker: Checker, notify: Notify) -> tuple[list[Job], dict[int, ImageText]]:
    """The posts, each followed by the images it shows that no post before showed, and the image
    files named on the command line, read (`ImageReader`); and each image's text by its index."""
    from .fileio import resolved
    from .images.reader import ImageReader, post_images, shown_path
    from .languages import LANGUAGES
    from .markup import markup_for

    reader = ImageReader(notify=notify, cache_dir=checker.cache_dir)
    wanted: list[tuple[Path, str]] = []
    order: list[Job | int] = []  # a post, or an image by its index in `wanted`
    seen: dict[Path, int] = {}

    def add(path: Path, shown: str) -> None:
        if resolved(path) not in seen:
            seen[resolved(path)] = len(wanted)
            wanted.append((path, shown))
            order.append(seen[resolved(path)])

    for job in found:
        if job.image is not None:
            add(job.image, job.shown)
            continue
        order.append(job)
        for path in post_images(job.text, job.shown, markup_for(job.shown), notify):
            add(path, shown_path(path))
    policies = [checker.policy(shown) for _, shown in wanted]
    texts = reader.read_many([(path, shown, [p.lang] if p.lang in LANGUAGES else list(LANGUAGES),
                               p.config.company.public_places) for (path, shown), p in zip(wanted, policies)],
                             jobs=checker.jobs)
    jobs: list[Job] = []
    located: dict[int, ImageText] = {}
    for entry in order:
        if isinstance(entry, Job):
            jobs.append(entry)
        elif (text := texts[entry]) is not None:
            located[len(jobs)] = text
            jobs.append(Job(wanted[entry][1], text.text))
    return jobs, located


def _read_stdin(stdin: BinaryIO | bytes | None, limit: int) -> bytes:
    """Standard input, at most `limit` bytes of it (`Unreadable` past it, or when it is closed)."""
    if stdin is None:
        raise Unreadable("-", "standard input is closed; nothing to check")
    if isinstance(stdin, bytes):
        data = stdin
        if len(data) > limit:
            raise Unreadable("-", f"is larger than max_bytes ({format_size(limit)}); not checked")
        return data
    try:
        return read_stream(stdin, limit)
    except TooLarge:
        raise Unreadable("-", f"is larger than max_bytes ({format_size(limit)}); not checked "
                         "(raise max_bytes in the config to check it)") from None
    except (OSError, ValueError) as exc:  # closed, or not readable
        raise Unreadable("-", f"standard input cannot be read ({getattr(exc, 'strerror', None) or exc})") from None


class _Policy:
    """The config a file is checked under, its rules and cache fingerprint (its Linter is the
    Checker's `linter(policy)`)."""

    def __init__(self, key: Path | None, config: Config, lang: str | None, cache_dir: Path | None) -> None:
        from .packs import load_rules

        self.key = key
        self.config = config
        self.requested_lang = lang
        self.lang = lang or config.lang
        self.rule_list = load_rules(config, cache_dir)
        self.rules: dict[str, Rule] = {r.code: r for r in self.rule_list}
        self.known_rules = known_rules(self.rule_list)  # what findings under it may carry
        self.cache_dir = cache_dir
        self._fingerprint: str | None = None

    @functools.cached_property
    def vocabulary(self) -> list[str]:
        """What its rules may quote from the policy (cache entries refer to it by index), kept
        with the prepared rules: working it out imports every rule kind."""
        from . import prepared
        from .cache import policy_vocabulary
        from .packs import prepared_key

        if self.cache_dir is None:
            return policy_vocabulary(self.rule_list, self.config.company)
        key = prepared_key(self.config, self.cache_dir)
        words = prepared.read(self.cache_dir, key, "vocabulary")
        if not isinstance(words, list):
            words = policy_vocabulary(self.rule_list, self.config.company)
            prepared.write(self.cache_dir, key, "vocabulary", words)
        return words

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            from .cache import fingerprint

            self._fingerprint = fingerprint(self.config, self.lang, self.cache_dir)
        return self._fingerprint


class Checker:
    """Checks texts under their configs, with a findings cache and `jobs` processes.

    `cache_dir` None disables the cache (and keeps nothing on disk); `keep_findings` False keeps
    only the rules' work there (an editor's drafts change at every keystroke); `jobs` above 1 spreads
    the posts that are not cached over that many processes.
    """

    def __init__(self, configs: Configs | None = None, *, lang: str | None = None, as_of: dt.date | None = None,
                 jobs: int = 1, cache_dir: str | Path | None = None, keep_findings: bool = True) -> None:
        from .cache import FindingsCache

        self.configs = configs or Configs()
        self.lang = lang
        self.as_of = as_of or dt.date.today()
        self.jobs = max(1, jobs)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.cache = FindingsCache(self.cache_dir) if self.cache_dir is not None and keep_findings else None
        self._policies: dict[Path | None, _Policy] = {}

    @property
    def policies(self) -> list[_Policy]:
        return list(self._policies.values())

    def policy(self, shown: str) -> _Policy:
        """The policy a file is checked under: `--config`, else the nearest postlint.yaml."""
        key = self.configs.key_for(shown)
        if key not in self._policies:
            self._policies[key] = _Policy(key, self.configs.get(key), self.lang, self.cache_dir)
        return self._policies[key]

    @functools.cached_property
    def linters(self) -> Linters:
        """The Linters of the configs in play, made when a post is not answered from the cache."""
        from .engine import Linters

        return Linters(self.configs, lang=self.lang, cache_dir=self.cache_dir)

    def linter(self, policy: _Policy) -> Linter:
        """The Linter of `policy`, made once (with the rules the policy has loaded)."""
        return self.linters.get(policy.key, policy.rule_list)

    def check(self, jobs: Sequence[Job]) -> list[list[Finding]]:
        """The findings of each job, in order."""
        results: list[list[Finding]] = [[] for _ in jobs]
        for i, findings in self.check_iter(jobs):
            results[i] = findings
        return results

    def check_iter(self, jobs: Sequence[Job]) -> Iterator[tuple[int, list[Finding]]]:
        """(index, findings) of each job as soon as it is known: cached ones first, then the
        others as they are linted (in order with one process, as they finish with several)."""
        from .cache import entry_key

        policies = [self.policy(job.shown) for job in jobs]
        keys = [""] * len(jobs)
        todo = []
        for i, (job, policy) in enumerate(zip(jobs, policies)):
            cached = None
            if self.cache is not None:
                keys[i] = entry_key(policy.fingerprint, job.text, job.shown, self.as_of)
                cached = self.cache.get(keys[i], job.text, job.shown, policy.known_rules, policy.vocabulary)
            if cached is None:
                todo.append(i)
            else:
                yield i, cached
        for i, findings, clean in self._lint(jobs, policies, todo):
            if self.cache is not None and clean:
                self.cache.put(keys[i], jobs[i].text, findings, policies[i].known_rules, policies[i].vocabulary)
            yield i, findings

    def _lint(self, jobs: Sequence[Job], policies: list[_Policy],
              todo: list[int]) -> Iterator[tuple[int, list[Finding], bool]]:
        """(index, findings, cacheable) for the jobs in `todo`, in any order."""
        if not todo:
            return
        if self.jobs > 1 and len(todo) > 1:
            yield from self._lint_in_processes(jobs, policies, todo)
            return
        by_policy: dict[int, list[int]] = {}
        for i in todo:
            by_policy.setdefault(id(policies[i]), []).append(i)
        for indices in by_policy.values():
            linter = self.linter(policies[indices[0]])
            items = [(i, jobs[i].shown, jobs[i].text) for i in indices]
            yield from _lint_items(linter, items, self.as_of)

    def _lint_in_processes(self, jobs: Sequence[Job], policies: list[_Policy],
                           todo: list[int]) -> Iterator[tuple[int, list[Finding], bool]]:
        specs: dict[int, _LinterSpec] = {}
        for i in todo:
            policy = policies[i]
            specs.setdefault(id(policy), _LinterSpec(policy.key, policy.requested_lang, self.cache_dir))
        context = _context()
        if context.get_start_method() == "fork":
            # load each model here once: the forked workers share it instead of loading their own
            for i in todo:
                if id(policies[i]) not in _WORKER_LINTERS:
                    linter = _WORKER_LINTERS[id(policies[i])] = self.linter(policies[i])
                    linter.preload()
        tasks = _tasks(jobs, policies, todo, self.as_of, self.jobs)
        gc.freeze()  # keep the shared model's pages shared: the collector would touch them all
        try:
            with context.Pool(min(self.jobs, len(tasks)), initializer=_init_worker, initargs=(specs,)) as pool:
                for done in pool.imap_unordered(_lint_task, tasks):
                    yield from done
        finally:
            gc.unfreeze()
            _WORKER_LINTERS.clear()


@dataclass(frozen=True)
class _LinterSpec:
    """What a worker needs to build a Linter itself when it was not forked with one."""

    config_path: Path | None
    lang: str | None
    cache_dir: Path | None


_WORKER_LINTERS: dict[int, Linter] = {}


def _context() -> Any:
    import multiprocessing  # only for --jobs: a re-check answered from the cache never starts one

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _tasks(jobs: Sequence[Job], policies: list[_Policy], todo: list[int], as_of: dt.date,
           processes: int) -> list[tuple[Any, ...]]:
    """Groups of posts of one policy, longest first, so no process is left with a long tail."""
    ordered = sorted(todo, key=lambda i: -len(jobs[i].text))
    per_task = max(1, min(TASK_FILES, len(todo) // (processes * TASKS_PER_JOB)))
    open_tasks: dict[int, list[tuple[int, str, str]]] = {}
    sizes: dict[int, int] = {}
    tasks: list[tuple[Any, ...]] = []
    for i in ordered:
        key = id(policies[i])
        group = open_tasks.setdefault(key, [])
        group.append((i, jobs[i].shown, jobs[i].text))
        sizes[key] = sizes.get(key, 0) + len(jobs[i].text)
        if len(group) >= per_task or sizes[key] >= TASK_CHARS:
            tasks.append((key, as_of, open_tasks.pop(key)))
            sizes[key] = 0
    tasks.extend((key, as_of, group) for key, group in open_tasks.items())
    return tasks


def _init_worker(specs: dict[int, _LinterSpec]) -> None:
    """A spawned worker's Linters, made from the same configs (a forked one has the parent's)."""
    for key, spec in specs.items():
        if key not in _WORKER_LINTERS:
            from .engine import Linters

            linters = Linters(Configs(), lang=spec.lang, cache_dir=spec.cache_dir)
            _WORKER_LINTERS[key] = linters.get(spec.config_path)


def _lint_task(task: tuple[Any, ...]) -> list[tuple[int, list[Finding], bool]]:
    key, as_of, items = task
    return list(_lint_items(_WORKER_LINTERS[key], items, as_of))


def _lint_items(linter: Linter, items: list[tuple[int, str, str]],
                as_of: dt.date) -> Iterator[tuple[int, list[Finding], bool]]:
    """(index, findings, cacheable): a post the user was warned about (a rule gave up on it) is
    not cached; the document linted carries those warnings."""
    from .engine import Post

    documents = (linter.document(Post(text, path=shown, as_of=as_of)) for _, shown, text in items)
    for (i, _, _), (linted, findings) in zip(items, linter.lint_documents(documents)):
        yield i, findings, not linted.warnings
