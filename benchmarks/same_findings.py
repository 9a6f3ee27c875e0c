"""Whether a change left postlint's findings exactly as they were (issue 25: behaviour unchanged).

Lints everything the project measures on with the library's public entry points (`Linter`,
`lint_many`) and writes every finding whole (`Finding.to_dict()`, the JSON contract) to one file:

- the English corpus (`corpus/posts.jsonl`, `corpus/labelled-values.jsonl`, any other `corpus/*.jsonl`)
  and the Spanish one (`corpus/es/*.jsonl`), with `corpus/postlint.yaml`;
- the five shared blogs (every file `postlint check` reads), with no company config;
- the derogatory functional suites (`tests/functional/{en,es}.yaml`), in their language;

    python benchmarks/same_findings.py --save /tmp/before.jsonl       # before a change
    python benchmarks/same_findings.py --against /tmp/before.jsonl    # after it: exit 1 on a difference

The file holds the posts' matched words: keep it outside the repository (it is a measurement, not
an artefact). `--only corpus|blogs|functional` narrows a quick loop; the verdict needs all parts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "functional"))
CORPORA = ROOT.parent / "shared" / "corpora"
BLOGS = ("blog_rust_lang", "blog_go", "blog_18f", "blog_artsy", "blog_nodejs")
PARTS = ("corpus", "blogs", "functional")


def _corpus() -> Iterator[tuple[str, str, list[Any]]]:
    from linter import Linter
    from linter.engine import Post
    from linter.evaluate import read_posts

    linter = Linter(ROOT / "corpus" / "postlint.yaml")
    files = sorted((ROOT / "corpus").glob("*.jsonl")) + sorted((ROOT / "corpus" / "es").glob("*.jsonl"))
    for path in files:
        posts = read_posts(path)
        found = linter.lint_many(Post(p.text, as_of=p.as_of, lang=p.lang) for p in posts)
        for post, findings in zip(posts, found):
            yield f"corpus/{path.relative_to(ROOT / 'corpus')}", post.id, findings


def _blogs() -> Iterator[tuple[str, str, list[Any]]]:
    from linter import Linter
    from linter.config import Config
    from linter.engine import Post
    from linter.sources import CHECKED_SUFFIXES

    linter = Linter(Config())
    for blog in BLOGS:
        folder = CORPORA / blog / "posts"
        paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in CHECKED_SUFFIXES)
        posts = (Post(p.read_text(encoding="utf-8"), path=str(p.relative_to(CORPORA))) for p in paths)
        for path, findings in zip(paths, linter.lint_many(posts)):
            yield blog, str(path.relative_to(folder)), findings


def _functional() -> Iterator[tuple[str, str, list[Any]]]:
    import suite
    from linter import Linter

    for lang in suite.LANGS:
        cases = suite.cases(lang)
        linter = Linter({"lang": lang})
        for index, (case, findings) in enumerate(zip(cases, linter.lint_many(c.text for c in cases))):
            yield f"functional/{lang}", f"{case.function}#{index}", findings


READERS = {"corpus": _corpus, "blogs": _blogs, "functional": _functional}


def snapshot(parts: tuple[str, ...]) -> list[str]:
    """One JSON line per post: its part, its id, and its findings whole, in the order given."""
    lines = []
    for part in parts:
        for source, item, findings in READERS[part]():
            lines.append(json.dumps({"part": part, "source": source, "id": item,
                                     "findings": [f.to_dict() for f in findings]},
                                    ensure_ascii=False, sort_keys=True))
    return lines


def compare(before: list[str], after: list[str]) -> list[str]:
    """The posts whose findings differ, each said in a line (codes and places, not the words)."""
    def keyed(lines: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        rows = (json.loads(line) for line in lines)
        return {(r["source"], r["id"]): r for r in rows}

    old, new = keyed(before), keyed(after)
    out = [f"only before: {k[0]} {k[1]}" for k in old.keys() - new.keys()]
    out += [f"only after: {k[0]} {k[1]}" for k in new.keys() - old.keys()]
    for key in sorted(old.keys() & new.keys()):
        if old[key]["findings"] != new[key]["findings"]:
            def brief(r: dict[str, Any]) -> list[str]:
                return [f"{f['code']}@{f['line']}:{f['col']}/{f['severity']}" for f in r["findings"]]
            out.append(f"differs: {key[0]} {key[1]}: {brief(old[key])} -> {brief(new[key])}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, metavar="FILE", help="write the snapshot to FILE")
    what.add_argument("--against", type=Path, metavar="FILE", help="compare with a snapshot saved before")
    parser.add_argument("--only", choices=PARTS, action="append", help="lint only these parts")
    args = parser.parse_args(argv)
    parts = tuple(args.only or PARTS)
    lines = snapshot(parts)
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
        total = sum(len(json.loads(line)["findings"]) for line in lines)
        print(f"{len(lines)} posts, {total} findings -> {args.save}")
        return 0
    before = [line for line in args.against.read_text(encoding="utf-8").splitlines()
              if json.loads(line)["part"] in parts]
    differences = compare(before, lines)
    for line in differences:
        print(line)
    total = sum(len(json.loads(line)["findings"]) for line in lines)
    print(f"{len(lines)} posts, {total} findings: "
          + ("identical" if not differences else f"{len(differences)} posts differ"))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
