"""Image metadata as the rules read it (linter/images/metadata.py): what may identify a person, and
nothing else."""

from __future__ import annotations

from PIL import Image

from linter.config import PublicPlace
from linter.images.metadata import metadata_fields

from image_helpers import photo, xmp_packet

MADRID = (40.416800, -3.703800)


def texts(path) -> list[str]:
    return [f.text for f in metadata_fields(Image.open(path))]


def test_gps_position_is_written_with_its_hemispheres(tmp_path):
    assert texts(photo(tmp_path / "p.jpg", gps=MADRID)) == ["GPS: 40.41680 N, 3.70380 W"]
    assert texts(photo(tmp_path / "q.jpg", gps=(-33.856784, 151.215297))) == ["GPS: 33.85678 S, 151.21530 E"]


def test_a_position_before_the_first_fix_is_no_position(tmp_path):
    assert texts(photo(tmp_path / "p.jpg", gps=(0.0, 0.0))) == []


def test_a_public_place_keeps_its_position_out_and_only_within_its_radius(tmp_path):
    office = PublicPlace("Madrid office", 40.4170, -3.7036, radius=100)
    near = photo(tmp_path / "near.jpg", gps=MADRID)  # about 25 m from the office
    far = photo(tmp_path / "far.jpg", gps=(40.4200, -3.7038))  # about 350 m away
    assert metadata_fields(Image.open(near), [office]) == []
    assert [f.text for f in metadata_fields(Image.open(far), [office])] == ["GPS: 40.42000 N, 3.70380 W"]


def test_serial_numbers_and_names(tmp_path):
    path = photo(tmp_path / "p.jpg", serial="0123456789", lens_serial="LS0012345", owner="Jane Doe",
                 artist="Jane Doe", author_xp="Omar Haddad")
    # the owner's name is the artist's: said once
    assert texts(path) == ["Artist: Jane Doe", "Author: Omar Haddad", "Camera S/N: 0123456789", "Lens S/N: LS0012345"]


def test_free_text_stands_without_a_label(tmp_path):
    path = photo(tmp_path / "p.jpg", description="Jane Doe back at her desk after chemo.")
    assert texts(path) == ["Jane Doe back at her desk after chemo."]


def test_camera_make_model_and_software_are_not_about_anyone(tmp_path):
    image = Image.new("RGB", (64, 64), "white")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = "Canon", "EOS R5", "GIMP 2.10"
    image.save(tmp_path / "p.jpg", exif=exif)
    assert texts(tmp_path / "p.jpg") == []


def test_xmp_edit_history_paths_creator_serial_and_position(tmp_path):
    xmp = xmp_packet(
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#" '
        'xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        'aux:SerialNumber="AX2231907" exif:GPSLatitude="40,25.008N" exif:GPSLongitude="3,42.228W">'
        '<dc:creator><rdf:Seq><rdf:li>Lucía Fernández</rdf:li></rdf:Seq></dc:creator>'
        '<xmpMM:DerivedFrom stRef:filePath="/Users/lfernandez/Desktop/launch-final.psd"/>'
        '</rdf:Description>')
    found = texts(photo(tmp_path / "p.jpg", xmp=xmp))
    assert found[0] == "GPS: 40.41680 N, 3.70380 W"
    assert "Camera S/N: AX2231907" in found
    assert "Creator: Lucía Fernández" in found
    assert "Edit history path: /Users/lfernandez/Desktop/launch-final.psd" in found


def test_xmp_with_a_document_type_is_not_parsed(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            + xmp_packet('<rdf:Description xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" '
                         'aux:SerialNumber="&b;"/>'))
    assert texts(photo(tmp_path / "p.jpg", xmp=bomb)) == []


def test_png_text_chunks(tmp_path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Software", "gnome-screenshot")
    Image.new("RGB", (32, 32), "white").save(tmp_path / "s.png", pnginfo=info)
    assert texts(tmp_path / "s.png") == ["Author: Jane Doe"]


def test_a_photo_without_metadata_says_nothing(tmp_path):
    Image.new("RGB", (64, 64), "white").save(tmp_path / "p.jpg")
    assert texts(tmp_path / "p.jpg") == []
