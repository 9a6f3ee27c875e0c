"""The training data of DER-OFFENSIVE: OLID tweets, split once, and hard negatives from published blogs.

Both the training script and `benchmarks/quality.py` read the split from here (quality.py scores
the shipped model on the `test` part only, which no training choice ever looked at).

- OLID v1.0 subtask A (../shared/corpora/olid_train, CC BY 4.0): 13,240 tweets, OFF or NOT.
  Split by a hash of the tweet id, so it is the same on every machine and in every run:
  `crc32(id) % 10` in {0, 1} is `test` (20%), 2 is `dev` (10%: epochs and thresholds are chosen
  on it), the rest `train` (70%).
- Hard negatives: sentences of two published blogs (Rust, 18F) that hold a word technical or
  formal English uses harmlessly but tweets use to attack ("kill", "dead", "abort", "garbage",
  "dumb pipe", "master/slave", "hack", "attack", ...), labelled NOT, and a sample of their other
  sentences. The Go blog is held out of
  the mining, to measure the model on a blog it never saw. A mined sentence goes to `dev` when
  `crc32(text) % 10 == 0`, else to `train`.
"""

from __future__ import annotations

import csv
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
OLID = CORPORA / "olid_train" / "olid-training-v1.0.tsv"
MINED_BLOGS = ("blog_rust_lang", "blog_18f")
HELD_OUT_BLOG = "blog_go"
TRIGGERS = regex.compile(
    r"\b(?:kill\w*|dead\w*|die[sd]?|dying|death|abort\w*|garbage|trash\w*|dumb\w*|stupid\w*|"
    r"master|slaves?|blacklist\w*|whitelist\w*|hack\w*|attack\w*|crash\w*|panic\w*|destroy\w*|"
    r"execut\w*|fatal\w*|bomb\w*|nuk\w*|evil|hell|damn\w*|crazy|insan\w*|ugly|hat(?:e|es|ed|ing)|"
    r"suck\w*|idiot\w*|fool\w*|lame|murder\w*|victim\w*|shoot\w*|fir(?:e|ed|ing)|beat\w*|"
    r"hit|blow\w*|explod\w*|violen\w*|threat\w*|war|weapon\w*|gun\w*|bullet\w*|punch\w*|"
    r"orphan\w*|zombie\w*|slay\w*|smash\w*|crush\w*|brutal\w*|terribl\w*|horribl\w*|awful|"
    r"nasty|disgust\w*|pathetic|useless|worthless|ridiculous|insult\w*|offens\w*|rude|liar\w*|"
    r"lie[sd]?|lying|shut|loser\w*|clown\w*|monkey\w*|pig\w*|rats?|bastard\w*|bitch\w*|"
    r"ass|cheat\w*|steal\w*|stole\w*|thie\w*|fraud\w*|scam\w*|corrupt\w*|illegal\w*|racis\w*|"
    r"sexis\w*|nazi\w*|fascis\w*|communis\w*|liberal\w*|conservativ\w*|democrat\w*|republican\w*|"
    r"trump|obama|gun control|president|police|abus\w*|harass\w*|poison\w*|toxic\w*|sick\w*|"
    r"retard\w*|cripple\w*|blind\w*|deaf\w*|mad|angry|rage\w*|annoy\w*|sarcas\w*)\b",
    regex.IGNORECASE)
MAX_MINED_PER_BLOG = 2500
PLAIN_PER_BLOG = 600  # sentences without a trigger word, so the model also sees ordinary prose as clean


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 offensive, 0 not
    part: str  # train | dev | test
    source: str  # olid | blog name


def olid_part(tweet_id: str) -> str:
    bucket = zlib.crc32(tweet_id.encode()) % 10
    return "test" if bucket < 2 else "dev" if bucket == 2 else "train"


def read_olid(path: Path = OLID) -> list[tuple[str, str, int]]:
    """(id, tweet, 1 if OFF) for every tweet, in file order."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(row["id"], row["tweet"], int(row["subtask_a"] == "OFF"))
                for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def olid_examples() -> list[Example]:
    return [Example(text, label, olid_part(tid), "olid") for tid, text, label in read_olid()]


def blog_posts(blog: str) -> list[Path]:
    return sorted((CORPORA / blog / "posts").glob("*.md"))


def blog_units(path: Path) -> list[str]:
    """The spans DER-OFFENSIVE judges in one post, outside code, as the check cuts them."""
    from linter.document import Document
    from linter.encoder import units

    doc = Document.create(path.read_text(encoding="utf-8"), path=path.name)
    return [doc.text[s:e] for s, e in units(doc.text) if not doc.zones_at(s, e) & {"code", "link"}]


def mined_negatives(blogs: tuple[str, ...] = MINED_BLOGS) -> list[Example]:
    """Sentences of `blogs` as NOT examples: every one with a trigger word (at most
    MAX_MINED_PER_BLOG a blog) and PLAIN_PER_BLOG others, each a fixed, content-defined sample."""
    out: list[Example] = []
    for blog in blogs:
        found = sorted({u for p in blog_posts(blog) for u in blog_units(p) if 20 <= len(u) <= 400},
                       key=lambda u: (zlib.crc32(u.encode()), u))
        triggered = [u for u in found if TRIGGERS.search(u)][:MAX_MINED_PER_BLOG]
        plain = [u for u in found if not TRIGGERS.search(u)][:PLAIN_PER_BLOG]
        for text in triggered + plain:
            part = "dev" if zlib.crc32(text.encode()) % 10 == 0 else "train"
            out.append(Example(text, 0, part, blog))
    return out


def prose_negatives(blogs: tuple[str, ...] = MINED_BLOGS) -> list[Example]:
    """Every distinct prose sentence of `blogs`, as NOT examples for the prefilter only: it must let
    little published prose through to the encoder (a sentence goes to `dev` as mined ones do)."""
    found = sorted({u for blog in blogs for p in blog_posts(blog) for u in blog_units(p)})
    return [Example(u, 0, "dev" if zlib.crc32(u.encode()) % 10 == 0 else "train", "prose") for u in found]


def sha256_of(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()
