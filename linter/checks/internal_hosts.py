"""`internal_hosts`: internal hostnames, URLs and private IP addresses (infrastructure).

A dotted quad is an address only with evidence that it is one (`_evidence.py`): a network word in
its sentence ("server", "ssh", "router", "servidor"), a URL, a port or a CIDR prefix. A version
("update V8 to 10.1.124.8"), a section number ("sección 4.1.2.7") or a changelog entry never is.
A private-range address in a code or config sample, or in the words read from an image (a network
diagram, a terminal's screenshot), is an example, unless it falls in one of the company's own ranges (config `company.networks`): an address there is reported anywhere, private
range or not. So is a host under the company's internal domains; one under a generic internal
suffix (`.internal`, `.corp`, `.lan`) in a code sample is an example.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from . import Check, Hit, register
from . import _evidence as ev
from ..images import is_image
from ..vocab import shared_words
from ._context import Cues, alternatives

if TYPE_CHECKING:
    from ..config import Company
    from ..document import Document

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_IPV4 = regex.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")


@register
class InternalHostsCheck(Check):
    kind = "internal_hosts"
    doc = ("Flags hosts under company.internal_domains or the listed internal suffixes (.internal, "
           ".corp, .lan), private-range IP addresses (10/8, 172.16/12, 192.168/16) that a network word, URL or "
           "port says are a host's, and any address in company.networks.")
    placeholders = frozenset({"host"})
    options = {
        "suffixes": s.Field(s.list_of(s.string()), default_factory=list,
                            doc="domain suffixes that are internal everywhere (internal, corp, lan)"),
        "private_ips": s.Field(s.boolean(), default=True, doc="report RFC 1918 private addresses"),
        "hosts": s.Field(s.boolean(), default=True, doc="report internal host names"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="words just before an address that make it a version (firmware, release)"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        company_domains = [d.strip(".").lower() for d in company.internal_domains]
        self.company_domains = tuple(company_domains)
        generic = [d.strip(".").lower() for d in self.opts["suffixes"]]
        parts = []
        if company_domains:  # the company's internal domain itself is already a leak
            parts.append(rf"(?:{_LABEL}\.)*(?:{alternatives(company_domains)})")
        if generic:  # "internal" alone is a word; "wiki.internal" is a host
            parts.append(rf"(?:{_LABEL}\.)+(?:{alternatives(generic)})")
        self.versions = Cues(self.opts["unless"])
        self.networks = company_networks(company)
        self.hosts_rx = None
        if parts and self.opts["hosts"]:
            self.hosts_rx = regex.compile(
                rf"(?<![\w.-])(?:{'|'.join(parts)})(?![\w-]|\.[a-z0-9])", regex.IGNORECASE)

    def run(self, document: Document) -> Iterator[Hit]:
        text = document.text
        if self.hosts_rx is not None:
            for m in self.hosts_rx.finditer(text):
                if m.start() > 0 and text[m.start() - 1] == "@":
                    continue  # an address at an internal domain is reported by the email rules
                if m.group().lower() in shared_words("public_internal_hosts"):
                    continue  # a product's documented name (metadata.google.internal), the same everywhere
                reasons = self._host_evidence(document, m.start(), m.end())
                severity = ev.decide(self.rule.severity, reasons)
                if severity is not None:
                    yield Hit(m.start(), m.end(), {"host": m.group()}, severity=severity,
                              evidence=ev.worded(reasons, document.language))
        if self.opts["private_ips"]:
            for m in _IPV4.finditer(text):
                reasons = self._evidence(document, m.start(), m.end())
                severity = ev.decide(self.rule.severity, reasons, unsupported=None) if reasons else None
                if severity is not None:
                    yield Hit(m.start(), m.end(), {"host": m.group()}, severity=severity,
                              evidence=ev.worded(reasons, document.language))

    def _host_evidence(self, document: Document, start: int, end: int) -> list[str]:
        """A host under the company's internal domains is reported anywhere; one under a generic
        internal suffix (`printer.lan`, `db.corp`) has the shape of one, and a code or config sample
        holds it as an example."""
        host = document.text[start:end].lower()
        if any(host == d or host.endswith("." + d) for d in self.company_domains):
            return [ev.COMPANY]
        return [ev.SHAPE, *([ev.CODE] if ev.in_code(document, start, end) else [])]

    def _evidence(self, document: Document, start: int, end: int) -> list[str]:
        """The reasons for and against `text[start:end]` being an internal host's address; none
        for what is no address of ours at all."""
        text = document.text
        value = text[start:end]
        if not_an_address(document, start, end) or (self.versions and self.versions.near(text, start, end, 20, 0)):
            return []
        if in_networks(value, self.networks):
            return [ev.COMPANY]
        if not _is_internal_ip(value) or _is_whole_private_range(text, end) or \
                not ev.network_words_near(document, start, end):
            return []
        return [ev.NETWORK, *address_context(document, start, end)]


def address_context(document: Document, start: int, end: int) -> list[str]:
    """What speaks against an address being anyone's: the post calls it an example, or it stands in
    a code or config sample; the words recognised in an image (a network diagram, a screenshot of a
    terminal) are one too."""
    if ev.said_to_be_an_example(document, start, end):
        return [ev.EXAMPLE]
    return [ev.CODE] if ev.in_code(document, start, end) or is_image(document.path) else []


def company_networks(company: Company) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The company's own address ranges (config `company.networks`)."""
    return tuple(ipaddress.ip_network(n, strict=False) for n in company.networks)


def in_networks(value: str, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    """Whether the address `value` falls in one of `networks`."""
    if not networks:
        return False
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return any(address in n for n in networks if n.version == address.version)


def not_an_address(document: Document, start: int, end: int) -> bool:
    """A dotted number that is a version, a section number, or part of a changelog entry's title."""
    return (ev.in_version_context(document, start, end) or ev.in_section_context(document, start, end)
            or ev.in_changelog_entry(document, start, end))


# Documentation and special ranges: `is_private` is true for them, but they are not infrastructure.
_NOT_INTERNAL = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "0.0.0.0/8", "127.0.0.0/8",
    "169.254.0.0/16", "255.255.255.255/32"))


_PRIVATE_BLOCKS = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
_PREFIX = regex.compile(r"/(\d{1,2})(?!\d)")


def _is_whole_private_range(text: str, end: int) -> bool:
    """"10.0.0.0/8" or "192.168.0.0/16" name a whole RFC 1918 block (textbook), not a subnet."""
    m = _PREFIX.match(text, end)
    if not m:
        return False
    start = text.rfind(" ", 0, end) + 1
    try:
        net = ipaddress.ip_network(text[start:m.end()].strip("(`'\""), strict=False)
    except ValueError:
        return False
    return any(net.supernet_of(block) or net == block for block in _PRIVATE_BLOCKS)


def _is_internal_ip(text: str) -> bool:
    try:
        ip = ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return ip.is_private and not any(ip in net for net in _NOT_INTERNAL)
