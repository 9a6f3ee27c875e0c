"""The functional suites for derogatory language: templates x fillers, per language (issue 22).

`cases(lang)` expands `tests/functional/<lang>.yaml`; `score(lang)` lints every case with the
default packs in that language and says, per function, how many came out right: a hateful case
needs a `derogatory` finding, a clean one must have none. Used by `test_functional.py` and by
`benchmarks/functional.py` (which writes docs/derogatory.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ("en", "es")
# Spanish words that agree with a filler's gender (`g: m|f`)
AGREEMENT = {"los": ("los", "las"), "un": ("un", "una"), "el": ("el", "la"), "al": ("al", "a la"),
             "ese": ("ese", "esa"), "o": ("o", "a"), "estos": ("estos", "estas"), "todos": ("todos", "todas")}


@dataclass(frozen=True)
class Case:
    lang: str
    function: str
    hateful: bool
    held_out: bool  # from a template never tuned on
    template: str
    text: str


def _fill(template: str, filler: dict[str, str]) -> str:
    values = dict(filler)
    feminine = filler.get("g") == "f"
    values.update({k: forms[feminine] for k, forms in AGREEMENT.items()})
    text = template.format(**values)
    return text[0].upper() + text[1:] if text[0] not in "\"'¿¡" else text[0] + text[1].upper() + text[2:]


def cases(lang: str) -> list[Case]:
    data = yaml.safe_load((HERE / f"{lang}.yaml").read_text(encoding="utf-8"))
    out = []
    for function in data["functions"]:
        fillers = data["slots"][function["slot"]]
        for held, templates in ((False, function["templates"]), (True, function.get("held", []))):
            for template in templates:
                out += [Case(lang, function["name"], function["hateful"], held, template, _fill(template, f))
                        for f in fillers]
    return out


def flagged(lang: str, texts: list[str], config: dict[str, Any] | None = None) -> list[list[Any]]:
    """The derogatory findings of each text, linted as `lang` with the default packs."""
    from linter import Linter

    linter = Linter({"lang": lang, **(config or {})})
    return [[f for f in found if f.category == "derogatory"] for found in linter.lint_many(texts)]


def score(lang: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Per function: cases, right, and the same for the held-out templates alone; plus the wrong cases."""
    suite = cases(lang)
    findings = flagged(lang, [c.text for c in suite], config)
    table: dict[str, dict[str, Any]] = defaultdict(lambda: {"hateful": None, "cases": 0, "right": 0,
                                                           "held_cases": 0, "held_right": 0})
    wrong = []
    for case, found in zip(suite, findings):
        row = table[case.function]
        row["hateful"] = case.hateful
        right = bool(found) == case.hateful
        part = "held_" if case.held_out else ""
        row[part + "cases"] += 1
        row[part + "right"] += right
        if not right:
            wrong.append((case, [f.code for f in found]))
    return {"functions": dict(table), "wrong": wrong}


def totals(result: dict[str, Any], *, held: bool | None = None) -> tuple[int, int]:
    """(right, cases) over every function: all templates, or only the tuned (held=False) or held-out ones."""
    right = cases_ = 0
    for row in result["functions"].values():
        if held in (None, False):
            right += row["right"]
            cases_ += row["cases"]
        if held in (None, True):
            right += row["held_right"]
            cases_ += row["held_cases"]
    return right, cases_
