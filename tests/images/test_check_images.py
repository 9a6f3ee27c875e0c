"""`check --images` and `scan --images` end to end: an image's findings name it and the region of
its words, in every format; what cannot be read is said, never skipped in silence."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from conftest import ROOT
from linter import Linter

from image_helpers import line_box, needs_tesseract, photo, screenshot

CUSTOMER = ["Ticket 4411 opened by a customer", "Customer: jane.doe@gmail.com plan: Pro"]


@pytest.fixture
def site(tmp_path):
    """A blog repository: a post showing a dashboard screenshot and a team photo with a geotag."""
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    (root / "posts").mkdir()
    screenshot(root / "posts" / "dashboard.png", CUSTOMER)
    photo(root / "posts" / "team.jpg", gps=(40.4168, -3.7038), serial="0123456789")
    (root / "posts" / "launch.md").write_text(
        "---\ntitle: Launch\nimage: team.jpg\n---\n# Launch\n\nThe new dashboard:\n\n![Dashboard](dashboard.png)\n",
        encoding="utf-8")
    return root


def findings_of(out: str) -> list[dict]:
    return json.loads(out)["findings"]


@needs_tesseract
def test_a_screenshot_of_a_customers_email_is_pii_email_on_that_image_with_its_region(run, site):
    code, out, _ = run("check", "--images", "--format", "json", site / "posts" / "launch.md")
    assert code == 1
    email = [f for f in findings_of(out) if f["code"] == "PII-EMAIL"]
    assert len(email) == 1
    assert email[0]["path"] == str(Path("posts", "dashboard.png")) or email[0]["path"].endswith("posts/dashboard.png")
    assert email[0]["match"] == "jane.doe@gmail.com" and email[0]["severity"] == "error"
    x, y, w, h = line_box(CUSTOMER, 1, 10, 28)
    region = email[0]["region"]
    assert abs(region["x"] - x) <= 6 and abs(region["y"] - y) <= 6 and abs(region["w"] - w) <= 12


def test_a_photo_with_gps_gives_pii_coordinates_and_its_serial_pii_device_id(run, site):
    code, out, _ = run("check", "--images", "--format", "json", site / "posts" / "team.jpg")
    assert code == 1
    found = {(f["code"], f["match"], f["region"]) for f in findings_of(out)}
    assert found == {("PII-COORDINATES", "40.41680 N, 3.70380 W", None), ("PII-DEVICE-ID", "0123456789", None)}


def test_stripping_removes_what_was_found(run, site):
    run("strip-metadata", "--in-place", site / "posts" / "team.jpg")
    code, out, _ = run("check", "--images", "--format", "json", site / "posts" / "team.jpg")
    assert code == 0 and findings_of(out) == []


@needs_tesseract
def test_a_network_diagrams_private_subnets_are_an_example_unless_they_are_the_companys(run, tmp_path):
    """The words read from an image are a sample, as a config block is: a diagram's private ranges
    are no leak, the company's own configured networks are, wherever they are shown."""
    screenshot(tmp_path / "diagram.png", ["Office network 192.168.3.0/24", "Router and file server"])
    (tmp_path / "post.md").write_text("# Our setup\n\n![network](diagram.png)\n", encoding="utf-8")
    code, out, _ = run("check", "--images", "--format", "json", tmp_path / "post.md")
    assert code == 0 and [f for f in findings_of(out) if f["code"] == "CONF-INTERNAL-IP"] == []
    config = tmp_path / "postlint.yaml"
    config.write_text("company:\n  networks: [192.168.3.0/24]\n", encoding="utf-8")
    code, out, _ = run("check", "--images", "--format", "json", "--config", config, tmp_path / "post.md")
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings_of(out) if f["path"].endswith("diagram.png")] == [
        ("CONF-INTERNAL-IP", "error")]


@needs_tesseract
def test_a_clean_screenshot_and_a_clean_photo_give_nothing(run, tmp_path):
    screenshot(tmp_path / "release.png", ["Build times fell by 40% this release", "Thanks to everyone who tested"])
    Image.new("RGB", (800, 600), (30, 120, 60)).save(tmp_path / "park.jpg")
    (tmp_path / "post.md").write_text("# Release\n\n![chart](release.png)\n\n![park](park.jpg)\n", encoding="utf-8")
    code, out, err = run("check", "--images", tmp_path / "post.md")
    assert code == 0 and "3 files checked: 0 errors, 0 warnings, 0 info" in out and "notice" not in err


@needs_tesseract
def test_spanish_screenshots_are_read_in_spanish(run, tmp_path):
    (tmp_path / "postlint.yaml").write_text("lang: es\n", encoding="utf-8")
    screenshot(tmp_path / "ficha.png", ["Cliente: Lucía Fernández", "DNI del cliente: 48215731A"])
    code, out, _ = run("check", "--images", "--format", "json", tmp_path / "ficha.png")
    assert code == 1
    assert [(f["code"], f["match"]) for f in findings_of(out)] == [("PII-NATIONAL-ID", "48215731A")]


@needs_tesseract
def test_an_image_finding_has_the_severity_the_same_words_have_in_a_post(run, tmp_path, plain_linter):
    lines = ["My personal email is omar.haddad@yahoo.com", "Support: help@example.com"]
    screenshot(tmp_path / "s.png", lines)
    _, out, _ = run("check", "--images", "--format", "json", tmp_path / "s.png")
    as_post = [(f.code, str(f.severity), f.match) for f in plain_linter.lint("\n".join(lines))]
    assert [(f["code"], f["severity"], f["match"]) for f in findings_of(out)] == as_post


@needs_tesseract
def test_text_and_sarif_say_where_in_the_image(run, site):
    code, out, _ = run("check", "--images", site / "posts" / "dashboard.png")
    assert code == 1
    assert re.search(r"dashboard\.png:\d+:11 \(region x=\d+ y=\d+ w=\d+ h=\d+\): error PII-EMAIL", out)
    assert "  ocr | Customer: jane.doe@gmail.com plan: Pro" in out
    _, sarif, _ = run("check", "--images", "--format", "sarif", site / "posts" / "dashboard.png")
    log = json.loads(sarif)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    result = log["runs"][0]["results"][0]
    rectangle = result["attachments"][0]["rectangles"][0]
    region = result["properties"]["region"]
    assert rectangle["left"] == region["x"] and rectangle["bottom"] == region["y"] + region["h"]
    assert result["attachments"][0]["artifactLocation"]["uri"].endswith("dashboard.png")


def test_metadata_findings_show_which_field(run, site):
    _, out, _ = run("check", "--images", site / "posts" / "team.jpg")
    assert " meta | GPS: 40.41680 N, 3.70380 W" in out and " meta | Camera S/N: 0123456789" in out


@needs_tesseract
def test_redact_masks_what_was_read_in_the_image(run, site):
    _, out, _ = run("check", "--images", "--redact", site / "posts" / "dashboard.png")
    assert "jane.doe" not in out and "[redacted]" in out


def test_an_image_named_without_images_is_an_error(run, site):
    code, _, err = run("check", site / "posts" / "team.jpg")
    assert code == 2 and "is an image; add --images" in err


def test_remote_missing_and_outside_images_are_said_and_the_rest_is_checked(run, site, tmp_path):
    photo(tmp_path / "secret.jpg", gps=(51.5007, -0.1246))
    (site / "posts" / "refs.md").write_text(
        "![a](https://cdn.example.com/a.png)\n\n![b](gone.png)\n\n![c](../../secret.jpg)\n\n![d](team.jpg)\n",
        encoding="utf-8")
    code, out, err = run("check", "--images", "--format", "json", site / "posts" / "refs.md")
    assert code == 1
    assert "refs.md:1: image 'https://cdn.example.com/a.png' is a remote image; postlint never fetches" in err
    assert "refs.md:3: image 'gone.png' no such file in the repository" in err
    assert "refs.md:5: image '../../secret.jpg' resolves outside the repository" in err
    assert {f["path"].rsplit("/", 1)[-1] for f in findings_of(out)} == {"team.jpg"}


def test_without_tesseract_the_metadata_is_still_checked(run, site, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    code, out, err = run("check", "--images", "--format", "json", site / "posts" / "launch.md")
    assert "the text in images is not read: Tesseract is not installed" in err
    assert code == 1 and {f["code"] for f in findings_of(out)} == {"PII-COORDINATES", "PII-DEVICE-ID"}


def test_a_public_place_in_the_config_is_not_reported(run, site):
    (site / "postlint.yaml").write_text(
        "company:\n  public_places:\n    - {name: Madrid office, lat: 40.41690, lon: -3.70370, radius: 50}\n",
        encoding="utf-8")
    _, out, _ = run("check", "--images", "--format", "json", site / "posts" / "team.jpg")
    assert {f["code"] for f in findings_of(out)} == {"PII-DEVICE-ID"}


def test_a_bad_public_place_is_a_config_error(run, site):
    (site / "postlint.yaml").write_text("company:\n  public_places:\n    - {name: HQ, lat: 140, lon: 2}\n",
                                        encoding="utf-8")
    code, _, err = run("check", "--images", site / "posts" / "team.jpg")
    assert code == 2 and "must be between -90 and 90" in err


@needs_tesseract
def test_scan_puts_image_findings_in_the_post_that_shows_them(run, site, tmp_path):
    export = site / "posts" / "export.jsonl"
    export.write_text(json.dumps({"id": "p1", "text": "Dashboard: ![d](dashboard.png)"}) + "\n"
                      + json.dumps({"id": "p2", "text": "No pictures here."}) + "\n", encoding="utf-8")
    code, out, _ = run("scan", "--images", "--markup", "markdown", "-q", export)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and records[1]["findings"] == []
    (email,) = records[0]["findings"]
    assert email["code"] == "PII-EMAIL" and email["path"].endswith("dashboard.png") and email["region"]["w"] > 0
    _, out, _ = run("scan", "--images", "--markup", "markdown", "-q", "--format", "csv", "--per", "finding", export)
    (row,) = csv.DictReader(io.StringIO(out))
    region = email["region"]
    assert row["image"] == email["path"] and row["region"] == f"{region['x']},{region['y']},{region['w']},{region['h']}"


def test_check_without_images_never_imports_pillow(tmp_path):
    (tmp_path / "post.md").write_text("# Hi\n\n![x](x.png)\n", encoding="utf-8")
    code = ("import sys\nfrom linter.cli import main\ntry:\n    main(['check', '--no-cache', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nassert 'PIL' not in sys.modules, 'Pillow was imported'\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "post.md")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_library_reads_an_image_finding_like_any_other(tmp_path):
    # the image text is linted by the same Linter: same rule, same evidence
    linter = Linter({})
    text = "GPS: 40.41680 N, 3.70380 W"
    assert [f.code for f in linter.lint(text, path=str(tmp_path / "photo.jpg"))] == ["PII-COORDINATES"]


def test_a_name_in_the_metadata_beside_a_private_matter_is_pii_person(run, tmp_path):
    photo(tmp_path / "leave.jpg", artist="Jane Doe", description="Jane Doe on her last day before medical leave")
    photo(tmp_path / "talk.jpg", artist="Jane Doe", description="Jane Doe presenting the Q3 roadmap at the all-hands")
    code, out, _ = run("check", "--images", "--format", "json", tmp_path / "leave.jpg", tmp_path / "talk.jpg")
    assert code == 1
    assert [(Path(f["path"]).name, f["code"], f["match"]) for f in findings_of(out)] == [
        ("leave.jpg", "PII-PERSON", "Jane Doe")]
