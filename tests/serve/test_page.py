"""`GET /` and `POST /`: the review page a communications or legal reviewer uses."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from conftest import AS_OF

DRAFT = ("# Launch\n\nSo proud of the team behind #ProjectNightjar. Questions? Write to jane.doe@gmail.com.\n\n"
         "Our vault is 100% unhackable.\n")
SPANISH = "Nuestros clientes son unos idiotas que no leen la documentación.\n"
NO_FILE = {"file": ("", b"", "application/octet-stream")}  # what a browser sends with no file chosen


def submit(client, draft: str = DRAFT, files=None, headers=None, **fields):
    form = {"draft": draft, "markup": "markdown", "lang": "auto", "as_of": AS_OF, **fields}
    return client.post("/", data=form, files=files or NO_FILE, headers=headers)


class _TextOf(HTMLParser):
    def __init__(self, class_prefix: str) -> None:
        super().__init__()
        self.prefix, self.found, self.open = class_prefix, [], []  # open: [depth, parts] per match

    def handle_starttag(self, tag, attrs):
        for entry in self.open:
            entry[0] += 1
        if (dict(attrs).get("class") or "").startswith(self.prefix):
            self.open.append([1, []])

    def handle_endtag(self, tag):
        for entry in self.open:
            entry[0] -= 1
        while self.open and self.open[-1][0] == 0:
            self.found.append("".join(self.open.pop()[1]).strip())

    def handle_data(self, data):
        for entry in self.open:
            entry[1].append(data)


def text_of(page: str, class_prefix: str) -> list[str]:
    """The text of each element whose class attribute starts with `class_prefix`, in page order."""
    parser = _TextOf(class_prefix)
    parser.feed(page)
    return parser.found


def report_of(page: str) -> str:
    """The Markdown report's text as the browser reads it (HTML drops one newline after <textarea>)."""
    found = re.search(r'<textarea id="markdown-report"[^>]*>\n?(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(found.group(1))


def test_the_empty_page_offers_paste_upload_language_and_date(client):
    page = client().get("/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    for control in ('<textarea id="draft" name="draft"', '<input type="file" id="file" name="file"',
                    '<select id="lang" name="lang"', '<input type="date" id="as_of" name="as_of"'):
        assert control in page.text
    assert 'accept=".md,.markdown,.mdx,.html,.htm,.txt,.rst"' in page.text
    assert '<html lang="en">' in page.text and 'id="results"' not in page.text


def test_each_finding_is_marked_in_place_with_its_reason_and_suggestion(client, reviewer):
    page = submit(client())
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    findings = reviewer.linter.lint(DRAFT, path="draft.md", as_of=AS_OF)
    assert {f.code for f in findings} >= {"CONF-CODENAME", "PII-EMAIL", "CLAIM-SECURITY"}
    marked = text_of(page.text, "hl sev-")
    assert marked == [f.match for f in findings]  # none overlap here: one mark each, in order
    for number, finding in enumerate(findings, start=1):
        item = re.search(rf'<li class="finding sev-{finding.severity}" id="finding-{number}">(.*?)</li>',
                         page.text, flags=re.DOTALL)
        assert item, finding.code
        shown = html.unescape(item.group(1))
        assert finding.code in shown and finding.message in shown and finding.why in shown
        assert finding.suggestion in shown
        assert f'href="#ref-{number}"' in item.group(1)
        assert re.search(rf'<a class="ref sev-{finding.severity}" id="ref-{number}" href="#finding-{number}"',
                         page.text)


def test_the_summary_counts_findings_by_severity_in_words(client):
    page = submit(client()).text
    assert 'class="verdict verdict-error"' in page
    assert "Not ready to publish" in html.unescape(page)
    assert text_of(page, "count count-") == ["✖ 2 must fix", "! 1 to check"]


def test_a_clean_draft_says_so(client):
    page = submit(client(), "We shipped faster builds this week. Thanks to everyone who tested them!\n").text
    assert 'class="verdict verdict-clean"' in page and "found nothing against the policy" in page
    assert "<mark" not in page and 'class="finding-list"' not in page


def test_severity_is_readable_without_colour(client):
    """Each severity has its own words, icon and underline style, not only a colour."""
    page = submit(client(), DRAFT + "\nDamn, what a week.\n").text
    badges = set(text_of(page, "badge sev-"))
    assert badges == {"✖ Must fix", "! Check", "i Advice"}
    css = client().get("/static/style.css").text
    styles = {sev: re.search(rf"\.hl\.sev-{sev} \{{[^}}]*text-decoration-style: (\w+)", css).group(1)
              for sev in ("error", "warning", "info")}
    assert styles == {"error": "solid", "warning": "dashed", "info": "dotted"}


def test_overlapping_findings_are_all_marked_and_linked(client, reviewer):
    """A phone number inside a claim, say: both findings keep their number and link."""
    from linter.serve.review import highlight

    draft = "Guaranteed to double your revenue: call +1 415 555 0147 now.\n"
    findings = reviewer.linter.lint(draft, path="draft.md", as_of=AS_OF)
    segments = highlight(draft, findings)
    assert "".join(s.text for s in segments) == draft
    page = submit(client(), draft).text
    for number in range(1, len(findings) + 1):
        assert f'id="ref-{number}"' in page and f'id="finding-{number}"' in page


def test_a_spanish_draft_checked_as_spanish_gets_a_spanish_page(client):
    page = submit(client(), SPANISH, lang="es").text
    assert '<html lang="es">' in page
    assert text_of(page, "hl sev-") == ["idiotas"]
    assert "Revisado draft.md en español" in page and "describe el problema, no a ellas" in page
    assert text_of(page, "badge sev-") == ["✖ Corregir"]  # an insult aimed at customers is an error


def test_the_page_language_follows_the_switch_then_the_browser(client):
    api = client()
    assert '<html lang="es">' in api.get("/", headers={"accept-language": "es-ES,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="en">' in api.get("/", headers={"accept-language": "fr, en;q=0.4, es;q=0.3"}).text
    assert '<html lang="es">' in api.get("/?ui=es").text
    switched = submit(api, "", ui="es")  # the switch pressed before any draft: no error, in Spanish
    assert switched.status_code == 200 and '<html lang="es">' in switched.text and 'role="alert"' not in switched.text
    kept = submit(api, DRAFT, ui_keep="es")  # an English draft, read by someone who chose Spanish
    assert '<html lang="es">' in kept.text and "Revisado draft.md en inglés" in kept.text


def test_every_page_string_exists_in_english_and_spanish():
    from linter.serve.strings import STRINGS, UI_LANGUAGES

    keys = [set(STRINGS[lang]) for lang in UI_LANGUAGES]
    assert all(k == keys[0] for k in keys)
    placeholders = {lang: {key: set(re.findall(r"\{(\w+)\}", text)) for key, text in STRINGS[lang].items()}
                    for lang in UI_LANGUAGES}
    assert placeholders["es"] == placeholders["en"]


def test_an_uploaded_file_is_checked_as_its_kind_and_comes_back_to_edit(client):
    source = "---\ntitle: Globex renews\n---\n\n<!-- a note -->\nWrite to [Jane](mailto:jane.doe@gmail.com).\n"
    page = submit(client(), "ignored pasted text", files={"file": ("C:\\drafts\\renewal.md", source.encode(), "text/markdown")})
    assert page.status_code == 200
    assert "Checked renewal.md in English" in page.text
    assert html.escape(source, quote=False) in page.text  # the textarea holds the file, ready to edit
    assert "ignored pasted text" not in page.text
    assert {"Globex", "jane.doe@gmail.com"} <= set(text_of(page.text, "hl sev-"))


@pytest.mark.parametrize("name, data, message", [
    ("notes.pdf", b"%PDF-1.4", "is not a kind of file postlint reads"),
    ("post.md", b"\x00\x01binary", "is not a text file"),
])
def test_an_unreadable_upload_is_explained(client, name, data, message):
    page = submit(client(), "", files={"file": (name, data, "application/octet-stream")})
    assert page.status_code == 400 and message in html.unescape(page.text)


def test_invalid_utf8_is_checked_with_a_note(client):
    page = submit(client(), "", files={"file": ("post.txt", b"caf\xe9 jane.doe@gmail.com", "text/plain")})
    assert page.status_code == 200 and "not valid UTF-8" in page.text
    assert text_of(page.text, "hl sev-") == ["jane.doe@gmail.com"]


def test_a_draft_comes_back_exactly_as_sent_in_its_text_box(client):
    draft = "\n\nStarts with blank lines & <tags>.\n"
    page = submit(client(), draft).text
    shown = re.search(r'<textarea id="draft"[^>]*>\n(.*?)</textarea>', page, re.DOTALL).group(1)
    assert html.unescape(shown) == draft


@pytest.mark.parametrize("fields, message", [
    ({"draft": "   "}, "Paste a draft or choose a file"),
    ({"as_of": "next tuesday"}, "Write the date as YYYY-MM-DD"),
    ({"lang": "fr"}, "Choose English, Spanish or Automatic"),
    ({"markup": "docx"}, "Choose Markdown, HTML or plain text"),
])
def test_bad_form_values_are_explained_and_the_draft_is_kept(client, fields, message):
    page = submit(client(), **{"draft": "Keep this draft, please.", **fields})
    assert page.status_code == 400 and message in page.text
    if fields.get("draft") is None:
        assert "Keep this draft, please." in page.text


def test_the_draft_is_escaped_never_run(client):
    draft = '<script>alert("x")</script> <img src=x onerror=alert(1)> jane.doe@gmail.com'
    for markup in ("html", "text"):
        page = submit(client(), draft, markup=markup).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_pages_have_no_inline_script_or_style(client):
    """The CSP allows only the server's own files: no inline script, handler or style attribute."""
    api = client()
    for page in (api.get("/").text, submit(api).text, api.get("/nothing").text):
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert not re.search(r"\s(on\w+|style)=", page)
        assert "<style" not in page
    assert "script-src 'self'" in api.get("/").headers["content-security-policy"]


def test_the_markdown_report_lists_each_finding(client, reviewer):
    page = submit(client()).text
    report = report_of(page)
    assert report.startswith("## postlint review of draft.md\n")
    for number, finding in enumerate(reviewer.linter.lint(DRAFT, path="draft.md", as_of=AS_OF), start=1):
        assert f"{number}. **" in report and f"`{finding.code}`" in report
        assert f"line {finding.line}, column {finding.col}" in report
    assert "`jane.doe@gmail.com`" in report


def test_the_markdown_report_quotes_the_draft_literally(client):
    """A match with Markdown characters is shown as code and escaped in text, never formatted."""
    page = submit(client(), "What a f*ck_up of a week.\n").text
    report = report_of(page)
    assert "`f*ck`" in report and "'f\\*ck'" in report


def test_markdown_helpers_keep_text_literal():
    from linter.serve.app import _markdown_code, _markdown_text

    assert _markdown_text("*bold* [link](x) <b>|#") == "\\*bold\\* \\[link\\](x) \\<b\\>\\|\\#"
    assert _markdown_code("a`b") == "``a`b``" and _markdown_code("`x`") == "`` `x` ``"
    assert _markdown_code("two\nlines") == "`two lines`"


@pytest.mark.slow
def test_uploads_stay_in_memory(client, monkeypatch):
    """A large upload is parsed without a temporary file (drafts never touch the disk)."""
    import tempfile as tempfile_module

    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was spooled to a temporary file")

    monkeypatch.setattr(tempfile_module, "TemporaryFile", no_disk)
    monkeypatch.setattr(tempfile_module, "NamedTemporaryFile", no_disk)
    big = (" " * 1_500_000 + "Mail jane.doe@gmail.com").encode()  # blank, so it lints in seconds
    assert len(big) > 1 << 20  # more than Starlette's default spooling threshold
    page = submit(client(max_bytes=4 << 20), "", files={"file": ("long.txt", big, "text/plain")})
    assert page.status_code == 200 and "Checked long.txt" in page.text
    assert text_of(page.text, "hl sev-") == ["jane.doe@gmail.com"]
