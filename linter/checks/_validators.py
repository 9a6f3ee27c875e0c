"""Checksums that tell a real card or account number from a random run of digits."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import regex


def luhn(text: str) -> bool:
    digits = [int(c) for c in text if c.isdigit()]
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban(text: str) -> bool:
    compact = regex.sub(r"[\s-]", "", text).upper()
    if not regex.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def ip_address(text: str) -> bool:
    """A real IPv4 or IPv6 address, not a Rust path such as `b::c` or `Vec::new`."""
    value = text.strip("[]")
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return False
    if ip.version == 6:
        groups = [g for g in value.split(":") if g]
        return len(groups) >= 3 and any(ch.isdigit() for ch in value)
    return True


VALIDATORS: dict[str, Callable[[str], bool]] = {"luhn": luhn, "iban": iban, "ip": ip_address}
