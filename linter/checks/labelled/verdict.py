"""A candidate value of a `labelled` rule, and what it becomes: a hit with its evidence, severity and message.

The check gathers candidates (`Found`) as it reads a post, each with how it was found (a strong
label, a weak cue, a shape alone), whether its checksum holds and whose it is. Here the reasons for
and against it are weighed (`_evidence.py`): a strong label, a checksum that holds or someone else's
ownership speak for it; a published identifier, a template or a code sample of a person's data speak
against it. The author's own data takes the rule's `own_severity` and `own_message`; a labelled
value that fails its checksum takes `unverified_message`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...finding import Category
from .. import Hit
from .. import _evidence as ev
from .fields import LabelledField

if TYPE_CHECKING:
    from ...document import Document
    from ...finding import Severity
    from ...rule import Rule


@dataclass
class Found:
    """A candidate value: where it is, which field, how it was found."""

    field: LabelledField
    start: int
    end: int
    label: str = ""
    label_start: int = -1  # where the owner is looked for: the label, or the value itself
    verified: bool = True
    strong: bool = False
    owner: bool | None = None  # the author's own, someone else's, or not said
    reasons: list[str] = field(default_factory=list)  # the evidence against it found on the way


def hit(item: Found, document: Document, rule: Rule, own_severity: Severity | None) -> Hit | None:
    """What a value that counts becomes: its severity from the evidence, capped for the author's own
    data at `own_severity`, and its message (None: the evidence rules it out)."""
    values = {"field": item.field.name, "a_field": item.field.a_name, "label": item.label}
    local = item.field.names.get(rule.lang or "")
    if local:  # "una fecha de caducidad": the name with its article, and without it
        values.update(field=local.split(" ", 1)[-1], a_field=local)
    reasons = _evidence(item, document, rule)
    ceiling = min(item.field.severity or rule.severity, rule.severity, key=lambda v: v.rank)
    severity = ev.decide(ceiling, reasons)
    if severity is None:
        return None
    evidence = ev.worded(reasons, document.language)
    o = rule.options
    if item.owner and (own_severity is not None or o["own_message"]):
        if own_severity is not None:
            severity = min(own_severity, severity, key=lambda v: v.rank)
        return Hit(item.start, item.end, values, severity=severity,
                   template="own_message" if o["own_message"] else None, evidence=evidence)
    template = "unverified_message" if not item.verified and o["unverified_message"] else None
    return Hit(item.start, item.end, values, severity=severity, template=template, evidence=evidence)


def _evidence(item: Found, document: Document, rule: Rule) -> list[str]:
    """The reasons for and against one value (`_evidence.py`)."""
    field = item.field
    reasons = [ev.LABEL] if item.strong else [ev.CUE] if item.label else []
    if field.validator is not None and item.verified:
        reasons.append(ev.CHECKSUM if field.checksum else ev.SHAPE)
    elif not item.label:
        reasons.append(ev.SHAPE)  # found by its shape alone (`bare`, Presidio's recognizer)
    personal = rule.category == Category.PII  # a person's data, not a secret that works for anyone
    if item.owner is False:
        reasons.append(ev.OWNER)
    elif item.owner and personal:
        reasons.append(ev.OWN)
    if personal and ev.in_code(document, item.start, item.end):
        reasons.append(ev.CODE)
    return reasons + item.reasons
