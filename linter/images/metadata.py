"""What an image's metadata says about who took it, with what, and where: as lines of text.

EXIF (IFD0, the Exif and GPS IFDs), XMP, IPTC and PNG/JPEG text fields are read with Pillow. Each
field that can identify a person becomes one `Label: value` line, written so the ordinary rules
read it whatever the post's language: a GPS position with its hemispheres (`PII-COORDINATES` reads
those without a label), serial numbers after `S/N` (`PII-DEVICE-ID`), names and free text under
their field's name (an owner's name beside a health matter is `PII-PERSON`, an email in the
creator's contact is `PII-EMAIL`), and file paths of the edit history that name a home folder.
Camera make, model, dates and software say nothing about a person and are left out.

Free text (a description, a comment, a title) is written as it stands, without a label, so the
rules read it as they read a post's sentences; every field is a block of its own. A position
inside one of the config's `company.public_places` (the office, a venue) is left out:
the company says it is public. XMP with a document type declaration is not parsed (an XML bomb).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

    from ..config import PublicPlace

MAX_VALUE = 300  # characters of one field kept: descriptions can be long, none needs more
MAX_XMP_BYTES = 1 << 20
EARTH_RADIUS_M = 6_371_000

# EXIF tags (CIPA DC-008): IFD0, the Exif IFD, and the GPS IFD.
_IFD_EXIF, _IFD_GPS = 0x8769, 0x8825
_IFD0_TEXT = {0x010E: "Description", 0x013B: "Artist", 0x8298: "Copyright"}
_IFD0_XP = {0x9C9B: "Title", 0x9C9C: "Comment", 0x9C9D: "Author", 0x9C9E: "Keywords", 0x9C9F: "Subject"}
_EXIF_TEXT = {0xA430: "Camera owner"}
_EXIF_SERIALS = {0xA431: "Camera S/N", 0xA435: "Lens S/N"}
_USER_COMMENT = 0x9286
# XMP properties by local name (namespaces vary by writer): serials, names, and free text.
_XMP_SERIALS = {"SerialNumber": "Camera S/N", "BodySerialNumber": "Camera S/N", "LensSerialNumber": "Lens S/N",
                "CameraSerialNumber": "Camera S/N"}
_XMP_TEXT = {"creator": "Creator", "rights": "Copyright", "Owner": "Owner", "OwnerName": "Camera owner",
             "CameraOwnerName": "Camera owner", "Credit": "Credit", "description": "Description", "title": "Title",
             "Headline": "Title", "subject": "Keywords", "CiEmailWork": "Creator contact",
             "CiTelWork": "Creator contact", "CiAdrExtadr": "Creator contact", "CiUrlWork": "Creator contact",
             "AuthorsPosition": "Creator", "CaptionWriter": "Caption writer", "Instructions": "Instructions",
             "PersonInImage": "Person in image"}
_XMP_GPS = {"GPSLatitude", "GPSLongitude"}
# IPTC-IIM datasets (record 2) with names and text.
_IPTC = {(2, 5): "Title", (2, 25): "Keywords", (2, 80): "Author", (2, 85): "Author", (2, 110): "Credit",
         (2, 116): "Copyright", (2, 118): "Creator contact", (2, 120): "Description", (2, 122): "Caption writer"}
# PNG text chunks and a JPEG comment (Pillow's `info` keys) that hold text someone wrote.
_INFO_TEXT = {"Author": "Author", "Description": "Description", "Comment": "Comment", "comment": "Comment",
              "Title": "Title", "Copyright": "Copyright", "Source": "Source", "Disclaimer": "Comment"}
# A file path in a home folder: the edit history of Photoshop, Lightroom, GIMP and others keeps them.
HOME_PATH = re.compile(r"(?:/Users/|/home/|\b[A-Za-z]:[\\/](?:Users|Documents and Settings)[\\/])"
                       r"[^/\\\s\"'<>|:*?]+(?:[\\/][^\s\"'<>|*?]*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


FREE_TEXT = frozenset({"Description", "Comment", "Title", "Subject", "Keywords", "Instructions"})


@dataclass(frozen=True, slots=True)
class Field:
    """One metadata field as the rules read it: `label` names it (in notices), `text` is its block."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Position:
    latitude: float
    longitude: float

    def text(self) -> str:
        """`40.41680 N, 3.70380 W`: hemispheres, so every language's rules read it as coordinates."""
        return (f"{abs(self.latitude):.5f} {'N' if self.latitude >= 0 else 'S'}, "
                f"{abs(self.longitude):.5f} {'E' if self.longitude >= 0 else 'W'}")

    def metres_to(self, latitude: float, longitude: float) -> float:
        """Great-circle distance (haversine)."""
        p1, p2 = math.radians(self.latitude), math.radians(latitude)
        dp, dl = p2 - p1, math.radians(longitude - self.longitude)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def metadata_fields(image: Image.Image, public_places: Sequence[PublicPlace] = ()) -> list[Field]:
    """The fields of `image` that may identify a person, each value once: the GPS position first,
    free text as it stands, the others as `Label: value`."""
    fields: list[Field] = []
    seen: set[str] = set()
    positions: list[Position] = []
    for label, value in _fields(image, positions):
        value = _clean(value)
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            fields.append(Field(label, value if label in FREE_TEXT else f"{label}: {value}"))
    places = [p for p in dict.fromkeys(positions)
              if not any(p.metres_to(place.latitude, place.longitude) <= place.radius for place in public_places)]
    return [Field("GPS position", f"GPS: {p.text()}") for p in places] + fields


def _fields(image: Image.Image, positions: list[Position]) -> Iterator[tuple[str, str]]:
    exif = image.getexif()
    for tag, label in _IFD0_TEXT.items():
        yield label, _text(exif.get(tag))
    for tag, label in _IFD0_XP.items():
        yield label, _ucs2(exif.get(tag))
    sub = exif.get_ifd(_IFD_EXIF)
    for tag, label in {**_EXIF_TEXT, **_EXIF_SERIALS}.items():
        yield label, _text(sub.get(tag))
    yield "Comment", _user_comment(sub.get(_USER_COMMENT))
    position = _exif_position(exif.get_ifd(_IFD_GPS))
    if position is not None:
        positions.append(position)
    for key, label in _INFO_TEXT.items():
        value = image.info.get(key)
        if isinstance(value, (str, bytes)):
            yield label, _text(value)
    yield from _iptc(image)
    yield from _xmp(_xmp_packet(image), positions)


def _clean(value: str) -> str:
    value = _CONTROL.sub(" ", value).strip()
    return value[:MAX_VALUE].strip()


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                return value.decode(encoding).rstrip("\0")
            except UnicodeDecodeError:
                continue
    return value.rstrip("\0") if isinstance(value, str) else ""


def _ucs2(value: Any) -> str:
    """Windows' XP* tags: UTF-16-LE bytes (Pillow may give a tuple of byte values)."""
    if isinstance(value, tuple):
        value = bytes(v for v in value if isinstance(v, int) and 0 <= v < 256)
    if isinstance(value, bytes):
        return value.decode("utf-16-le", errors="replace").rstrip("\0")
    return _text(value)


def _user_comment(value: Any) -> str:
    """EXIF UserComment: an 8-byte character code, then the text."""
    if not isinstance(value, bytes):
        return _text(value)
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        return body.decode("utf-16-be" if body[:1] == b"\0" else "utf-16-le", errors="replace").rstrip("\0")
    return body.decode("utf-8", errors="replace").rstrip("\0 ")


def _degrees(value: Any) -> float | None:
    """Degrees from EXIF's (degrees, minutes, seconds) rationals."""
    try:
        parts = [float(v) for v in value]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not 1 <= len(parts) <= 3 or any(math.isnan(p) or math.isinf(p) or p < 0 for p in parts):
        return None
    return sum(p / 60 ** i for i, p in enumerate(parts))


def _exif_position(gps: Any) -> Position | None:
    latitude, longitude = _degrees(gps.get(2)), _degrees(gps.get(4))
    if latitude is None or longitude is None:
        return None
    if str(_text(gps.get(1))).upper().startswith("S"):
        latitude = -latitude
    if str(_text(gps.get(3))).upper().startswith("W"):
        longitude = -longitude
    return _position(latitude, longitude)


def _position(latitude: float, longitude: float) -> Position | None:
    if abs(latitude) > 90 or abs(longitude) > 180 or (latitude == 0 and longitude == 0):
        return None  # out of range, or the 0,0 a camera writes before its first fix
    return Position(latitude, longitude)


def _iptc(image: Image.Image) -> Iterator[tuple[str, str]]:
    try:
        from PIL import IptcImagePlugin

        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001 - damaged IPTC: the other fields are still read
        return
    for key, label in _IPTC.items():
        values = info.get(key)
        for value in values if isinstance(values, list) else [values]:
            yield label, _text(value)


def _xmp_packet(image: Image.Image) -> bytes:
    for key in ("xmp", "XML:com.adobe.xmp"):
        value = image.info.get(key)
        if isinstance(value, str):
            value = value.encode("utf-8", "replace")
        if isinstance(value, bytes) and value:
            return value[:MAX_XMP_BYTES]
    return b""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _xmp(packet: bytes, positions: list[Position]) -> Iterator[tuple[str, str]]:
    if not packet or b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return
    start = packet.find(b"<x:xmpmeta")
    start = start if start >= 0 else packet.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if packet.startswith(b"<x:xmpmeta", max(start, 0)) else b"</rdf:RDF>"
    end = packet.find(end_tag)
    if start < 0 or end < 0:
        return
    try:
        root = ET.fromstring(packet[start:end + len(end_tag)])
    except ET.ParseError:
        return
    gps: dict[str, str] = {}
    paths: list[str] = []
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        pairs = [(_local(k), v) for k, v in element.attrib.items()]
        if element.text and element.text.strip():
            pairs.append((_local(element.tag), element.text))
        for name, value in pairs:
            paths += HOME_PATH.findall(value)
            if name in _XMP_GPS:
                gps[name] = value
            elif name in _XMP_SERIALS:
                yield _XMP_SERIALS[name], value
            elif name in _XMP_TEXT:
                yield _XMP_TEXT[name], value
            elif name == "li":  # an item of dc:creator, dc:title...: named by the property holding its list
                holder = parents.get(parents.get(element))  # type: ignore[arg-type]
                label = _XMP_TEXT.get(_local(holder.tag)) or _XMP_SERIALS.get(_local(holder.tag)) if holder else None
                if label:
                    yield label, value
    for path in dict.fromkeys(paths):
        yield "Edit history path", path
    latitude, longitude = (_xmp_degrees(gps.get(k, "")) for k in ("GPSLatitude", "GPSLongitude"))
    if latitude is not None and longitude is not None:
        position = _position(latitude, longitude)
        if position is not None:
            positions.append(position)


_XMP_ANGLE = re.compile(r"\s*(\d{1,3})(?:,(\d{1,2}(?:\.\d+)?))?(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*$", re.I)


def _xmp_degrees(value: str) -> float | None:
    """XMP's GPSCoordinate: `DDD,MM.mmk` or `DDD,MM,SSk` (k one of N, S, E, W)."""
    match = _XMP_ANGLE.match(value)
    if not match:
        return None
    degrees = float(match.group(1)) + float(match.group(2) or 0) / 60 + float(match.group(3) or 0) / 3600
    return -degrees if match.group(4).upper() in "SW" else degrees
