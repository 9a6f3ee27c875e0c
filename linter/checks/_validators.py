"""Checksums and validity tests that tell a real identifier from a run of characters of its shape."""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
from collections.abc import Callable

import regex

from ..languages import REGISTRY


@functools.cache
def _months() -> dict[str, int]:
    """The first three letters of every registered language's month names and their other
    spellings (January, ene, setiembre) -> the month's number: how a written date names its month."""
    months = {}
    for unit in REGISTRY.values():
        named = [(name, number) for number, name in enumerate(unit.months, 1)]
        months.update({name[:3]: number for name, number in [*named, *unit.month_variants.items()]})
    return months


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_BIC_COUNTRIES = frozenset(
    "AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY "
    "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FK "
    "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IQ IR IS IT "
    "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
    "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW".split())


def _digits(text: str) -> list[int]:
    return [int(c) for c in text if c.isdigit()]


def _luhn_ok(digits: list[int]) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn(text: str) -> bool:
    """A payment card number: 12 to 19 digits whose Luhn check digit is right."""
    digits = _digits(text)
    return 12 <= len(digits) <= 19 and _luhn_ok(digits)


def imei(text: str) -> bool:
    """A phone's IMEI: 15 digits with a Luhn check digit (or a 16-digit IMEISV, which has none)."""
    digits = _digits(text)
    return (len(digits) == 15 and _luhn_ok(digits)) or len(digits) == 16


def iban(text: str) -> bool:
    compact = regex.sub(r"[\s-]", "", text).upper()
    if not regex.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def aba_routing(text: str) -> bool:
    """A US bank routing (ABA) number: nine digits with its weighted check digit right."""
    d = _digits(text)
    if len(d) != 9 or not any(d):
        return False
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def us_ssn(text: str) -> bool:
    """A Social Security number the SSA could have issued (no 000/666/9xx area, 00 group, 0000 serial)."""
    d = "".join(c for c in text if c.isdigit())
    if len(d) != 9:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def es_id(text: str) -> bool:
    """A Spanish DNI/NIF (8 digits and a letter) or NIE (X, Y or Z, 7 digits, a letter): the letter checks."""
    compact = regex.sub(r"[\s.\-]", "", text).upper()
    found = regex.fullmatch(r"([XYZ]?)(\d{7,8})([A-Z])", compact)
    if not found:
        return False
    prefix, number, letter = found.groups()
    if prefix:
        if len(number) != 7:
            return False
        number = str("XYZ".index(prefix)) + number
    elif len(number) != 8:
        return False
    return _DNI_LETTERS[int(number) % 23] == letter


def es_nss(text: str) -> bool:
    """A Spanish Social Security number: 12 digits, the last two are the first ten modulo 97."""
    d = "".join(c for c in text if c.isdigit())
    return len(d) == 12 and int(d[:10]) % 97 == int(d[10:])


def mac(text: str) -> bool:
    """A MAC address: six hexadecimal pairs (or three groups of four), not all zeros or all ones."""
    compact = regex.sub(r"[:\-.]", "", text).lower()
    return bool(regex.fullmatch(r"[0-9a-f]{12}", compact)) and compact not in ("0" * 12, "f" * 12)


def bic(text: str) -> bool:
    """A SWIFT/BIC code: bank (4 letters), a real country code, location, optional branch."""
    found = regex.fullmatch(r"[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?", text.strip())
    return bool(found) and found.group(1) in _BIC_COUNTRIES


_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def crypto_address(text: str) -> bool:
    """A Bitcoin address whose checksum is right (base58check 1.../3..., bech32 bc1...), or an
    Ethereum address (0x and 40 hexadecimal digits, which carry no checksum of their own)."""
    import hashlib

    value = text.strip()
    if regex.fullmatch(r"0x[0-9a-fA-F]{40}", value):
        return len(set(value[2:].lower())) > 2
    if value.lower().startswith("bc1"):
        return _bech32_ok(value.lower())
    if not regex.fullmatch(r"[13][1-9A-HJ-NP-Za-km-z]{25,34}", value):
        return False
    number = 0
    for ch in value:
        number = number * 58 + _BASE58.index(ch)
    raw = number.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


def _bech32_ok(value: str) -> bool:
    hrp, _, data = value.rpartition("1")
    if hrp != "bc" or not 6 <= len(data) <= 87 or any(c not in _BECH32 for c in data):
        return False
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [_BECH32.index(c) for c in data]:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            checksum ^= generator[i] if (top >> i) & 1 else 0
    return checksum in (1, 0x2BC830A3)  # bech32 (segwit v0) or bech32m (taproot)


def coordinates(text: str) -> bool:
    """A latitude and longitude within range: `40.4168 N, 3.7038 W`, `40.4168, -3.7038`, `40°24′N 3°42′W`."""
    numbers = [float(n) for n in regex.findall(r"-?\d+(?:\.\d+)?", text)]
    if len(numbers) == 2:
        lat, lon = numbers
    elif len(numbers) in (4, 6):  # degrees, minutes (and seconds) each
        half = len(numbers) // 2
        lat, lon = numbers[0], numbers[half]
    else:
        return False
    return abs(lat) <= 90 and abs(lon) <= 180 and (lat, lon) != (0, 0)


def calendar_date(text: str) -> bool:
    """A real calendar day with a four-digit year from 1900 on (01/31/1990, 31.01.1990, 1990-01-31,
    March 3, 1990, 3 de marzo de 1990); two-digit years and an impossible day or month fail."""
    low = text.lower()
    year_m = regex.search(r"(?<!\d)(19|20)\d{2}(?!\d)", low)
    if not year_m:
        return False
    year = int(year_m.group())
    words = regex.findall(r"\p{L}+", low)
    month_names = [_months().get(w[:3]) for w in words]
    month_names = [m for m in month_names if m]
    numbers = [int(n) for n in regex.findall(r"\d+", low[:year_m.start()] + " " + low[year_m.end():])]
    candidates: list[tuple[int, int]] = []
    if month_names and numbers:
        candidates.append((month_names[0], numbers[0]))
    elif len(numbers) == 2:
        a, b = numbers
        candidates += [(a, b), (b, a)]  # month/day or day/month: either real day will do
    for month, day in candidates:
        try:
            dt.date(year, month, day)
            return True
        except ValueError:
            continue
    return False


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


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn, "iban": iban, "ip": ip_address, "imei": imei, "aba": aba_routing, "us_ssn": us_ssn,
    "es_id": es_id, "es_nss": es_nss, "mac": mac, "bic": bic, "coordinates": coordinates,
    "date": calendar_date, "crypto": crypto_address,
}
# Validators that are checksums: a random run of digits passes them about once in ten or less, so a
# pass is evidence of a real identifier. The others (a date, coordinates in range) only say "plausible".
CHECKSUMS = frozenset({"luhn", "iban", "imei", "aba", "es_id", "es_nss", "crypto"})
