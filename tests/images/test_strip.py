"""`postlint strip-metadata` (linter/images/strip.py): the metadata goes, the pixels, the
orientation and the colour profile stay."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageCms

from linter.images.metadata import metadata_fields
from linter.images.strip import CannotStrip, stripped

from image_helpers import photo, xmp_packet

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
TAGGED = dict(gps=(40.4168, -3.7038), serial="0123456789", lens_serial="LS0012345", owner="Jane Doe",
              description="Jane at home", orientation=6,
              xmp=xmp_packet('<rdf:Description xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" '
                             'aux:SerialNumber="AX2231907"/>'))


@pytest.mark.parametrize("name", ["p.jpg", "p.png", "p.webp"])
def test_every_field_goes_and_pixels_orientation_and_profile_stay(tmp_path, name):
    source = photo(tmp_path / name, icc=SRGB, **TAGGED)
    before = Image.open(source)
    assert metadata_fields(before)
    data, removed = stripped(source.read_bytes())
    after = Image.open(io.BytesIO(data))
    assert metadata_fields(after) == []
    assert {"GPS position", "Camera S/N", "Lens S/N", "Camera owner", "Description"} <= set(removed)
    assert after.getexif().get(0x0112) == 6 and dict(after.getexif()) == {0x0112: 6}
    assert after.info.get("icc_profile") == SRGB
    assert after.format == before.format and after.size == before.size
    assert after.tobytes() == before.tobytes()  # decoded pixels identical: nothing was re-encoded


def test_an_upright_image_keeps_no_exif_at_all(tmp_path):
    data, _ = stripped(photo(tmp_path / "p.jpg", gps=(40.4168, -3.7038)).read_bytes())
    assert b"Exif" not in data and len(Image.open(io.BytesIO(data)).getexif()) == 0


def test_a_clean_image_is_copied_as_it_is_shown(tmp_path):
    Image.new("RGB", (30, 20), "red").save(tmp_path / "c.png")
    data, removed = stripped((tmp_path / "c.png").read_bytes())
    assert removed == [] and Image.open(io.BytesIO(data)).tobytes() == Image.open(tmp_path / "c.png").tobytes()


def test_what_is_not_an_image_is_refused(tmp_path):
    with pytest.raises(CannotStrip, match="cannot be read as an image"):
        stripped(b"GIF89a but not really")


def test_the_command_writes_a_copy_beside_the_image_or_over_it(run, tmp_path):
    source = photo(tmp_path / "team.jpg", **TAGGED)
    code, _, err = run("strip-metadata", source)
    assert code == 0 and "removed GPS position" in err and "wrote" in err
    assert metadata_fields(Image.open(tmp_path / "team.stripped.jpg")) == []
    assert metadata_fields(Image.open(source))  # the original is untouched
    code, _, _ = run("strip-metadata", "--in-place", source)
    assert code == 0 and metadata_fields(Image.open(source)) == []


def test_the_command_reports_bad_input_and_writes_nothing(run, tmp_path):
    (tmp_path / "junk.png").write_bytes(b"junk")
    code, _, err = run("strip-metadata", tmp_path / "junk.png", tmp_path / "missing.jpg")
    assert code == 2 and "junk.png: cannot be read as an image" in err and "missing.jpg: no such file" in err
    assert not (tmp_path / "junk.stripped.png").exists()
    code, _, err = run("strip-metadata", "-o", tmp_path / "x.png", tmp_path / "a.png", tmp_path / "b.png")
    assert code == 2 and "one IMAGE" in err


def test_heic_and_tiff_are_re_encoded_without_their_metadata(run, tmp_path):
    pytest.importorskip("pillow_heif")  # the images extra installs it
    heic = photo(tmp_path / "p.heic", gps=(40.4168, -3.7038), serial="0123456789")
    tiff = photo(tmp_path / "p.tiff", artist="Jane Doe", orientation=3)
    code, out, _ = run("check", "--images", "--format", "json", heic)
    assert code == 1 and {f["code"] for f in json.loads(out)["findings"]} == {"PII-COORDINATES", "PII-DEVICE-ID"}
    code, _, err = run("strip-metadata", heic, tiff)
    assert code == 0 and "p.heic: removed GPS position, Camera S/N" in err
    assert metadata_fields(Image.open(tmp_path / "p.stripped.heic")) == []
    stripped_tiff = Image.open(tmp_path / "p.stripped.tiff")
    assert metadata_fields(stripped_tiff) == [] and stripped_tiff.getexif().get(0x0112) == 3
