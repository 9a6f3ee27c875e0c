"""`POST /api/lint`, `GET /api/rules`, `GET /healthz`: the API answers what the CLI prints."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from conftest import AS_OF, CORPUS_CONFIG

LEAKY = ("# Launch\n\nSo proud of the team behind #ProjectNightjar. Questions? Write to jane.doe@gmail.com.\n\n"
         "Our vault is 100% unhackable, and the competition are a bunch of clowns.\n")
SPANISH = "Nuestros clientes son unos idiotas que no leen la documentación.\n"


def check_json(run, text: str, *args: str) -> str:
    """What `postlint check - --format json` prints for `text`."""
    code, out, err = run("check", "-", "--format", "json", "--config", CORPUS_CONFIG, "--as-of", AS_OF, *args,
                         stdin=text.encode("utf-8"))
    assert code in (0, 1), err
    return out


@pytest.mark.parametrize("body, args", [
    ({"text": LEAKY, "path": "post.md"}, ["--stdin-filename", "post.md"]),
    ({"text": LEAKY}, []),
    ({"text": "<p>Mail <b>jane.doe@gmail.com</b></p>", "path": "page.html"}, ["--stdin-filename", "page.html"]),
    ({"text": SPANISH, "lang": "es"}, ["--lang", "es"]),
    ({"text": LEAKY, "redact": True}, ["--redact"]),
    ({"text": "We shipped faster builds this week.\n"}, []),
])
def test_lint_answers_exactly_the_json_of_check(client, run, body, args):
    response = client().post("/api/lint", json={**body, "as_of": AS_OF})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.text == check_json(run, body["text"], *args)


def test_lint_reports_findings_with_every_contract_field(client):
    report = client().post("/api/lint", json={"text": LEAKY, "path": "post.md", "as_of": AS_OF}).json()
    assert report["version"] == 1
    by_code = {f["code"]: f for f in report["findings"]}
    # "the competition are a bunch of clowns": the disparagement of a competitor (which holds the insult)
    assert {"CONF-CODENAME", "PII-EMAIL", "CLAIM-SECURITY", "DER-DISPARAGE-COMPETITOR"} <= set(by_code)
    email = by_code["PII-EMAIL"]
    assert LEAKY[email["start"]:email["end"]] == email["match"] == "jane.doe@gmail.com"
    assert (email["line"], email["col"], email["path"]) == (3, LEAKY.splitlines()[2].index("jane") + 1, "post.md")
    assert email["why"] and email["suggestion"] and email["severity"] == "error" and email["category"] == "pii"
    assert report["summary"]["error"] == sum(f["severity"] == "error" for f in report["findings"])


def test_spanish_draft_with_lang_es_is_linted_as_spanish(client):
    api = client()
    spanish = api.post("/api/lint", json={"text": SPANISH, "lang": "es"}).json()["findings"]
    as_english = api.post("/api/lint", json={"text": SPANISH, "lang": "en"}).json()["findings"]
    assert [(f["code"], f["match"]) for f in spanish] == [("DER-INSULT-TARGETED", "idiotas")]
    assert spanish[0]["message"] == "'idiotas' insulta a clientes."
    # read as English, no Spanish rule applies and no message is Spanish
    assert all(f["code"] != "DER-INSULT-TARGETED" and "insulta" not in f["message"] for f in as_english)


def test_as_of_decides_whether_a_codename_is_still_confidential(client):
    text = "Falcon ships to every customer next month."
    api = client()
    before = api.post("/api/lint", json={"text": text, "as_of": "2027-02-28"}).json()["findings"]
    after = api.post("/api/lint", json={"text": text, "as_of": "2027-03-01"}).json()["findings"]
    assert [f["code"] for f in before] == ["CONF-CODENAME"] and after == []


@pytest.mark.parametrize("body, message", [
    ({}, "'text' is required"),
    ({"text": 5}, "'text' must be a string"),
    ({"text": "hi", "lnag": "es"}, "unknown key 'lnag' (did you mean 'lang'?)"),
    ({"text": "hi", "lang": "fr"}, "'lang' must be one of auto, en, es"),
    ({"text": "hi", "as_of": "25/11/2026"}, "'as_of' must be a date written as YYYY-MM-DD"),
    ({"text": "hi", "as_of": "2026-02-30"}, "'as_of' must be a date written as YYYY-MM-DD"),
    ({"text": "hi", "redact": "yes"}, "'redact' must be true or false"),
    ({"text": "a\ud800b"}, "'text' is not valid Unicode (a lone surrogate at offset 1)"),
    (["text"], "the body must be a JSON object"),
])
def test_bad_requests_get_400_saying_what_to_change(client, body, message):
    response = client().post("/api/lint", content=json.dumps(body), headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def test_lint_needs_a_json_body(client):
    api = client()
    not_json = api.post("/api/lint", content=b'{"text": ', headers={"content-type": "application/json"})
    assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["error"]
    form = api.post("/api/lint", data={"text": "hello"})
    assert form.status_code == 415 and "Content-Type: application/json" in form.json()["error"]
    deep = api.post("/api/lint", content=b"[" * 200_000, headers={"content-type": "application/json"})
    assert deep.status_code == 400 and "nested too deeply" in deep.json()["error"]
    latin1 = api.post("/api/lint", content='{"text": "año"}'.encode("latin-1"),
                      headers={"content-type": "application/json"})
    assert latin1.status_code == 400 and latin1.json()["error"] == "the body is not UTF-8"


def test_rules_lists_every_rule_like_postlint_rules_all(client, run):
    rules = client().get("/api/rules").json()
    assert rules["version"] == 1
    _, out, _ = run("rules", "--all", "--config", CORPUS_CONFIG)
    assert [r["code"] for r in rules["rules"]] == [line.split()[0] for line in out.splitlines()]
    email = next(r for r in rules["rules"] if r["code"] == "PII-EMAIL")
    assert email["category"] == "pii" and email["enabled"] and email["why"] and email["examples"]["bad"]
    assert next(r for r in rules["rules"] if r["code"] == "DER-OFFENSIVE")["enabled"] is True


def test_healthz(client):
    from linter import __version__

    response = client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "version": __version__}


def test_unknown_paths_and_methods(client):
    api = client()
    missing = api.get("/api/nothing")
    assert missing.status_code == 404 and missing.json() == {"error": "There is no page here."}
    assert api.get("/api/lint").status_code == 405
    assert api.delete("/healthz").status_code == 405


def test_concurrent_requests_are_each_answered_correctly(reviewer, monkeypatch):
    """Many drafts at once, in both languages: each gets its own findings, and the Linter (not
    thread-safe) is only ever used by one thread at a time."""
    import datetime as dt

    import httpx2

    from linter.serve.app import create_app
    from linter.serve.review import Draft

    drafts = [{"text": LEAKY.replace("jane.doe", f"user{i}"), "as_of": AS_OF} if i % 3 else
              {"text": SPANISH.replace("clientes", f"clientes {i}"), "lang": "es", "as_of": AS_OF}
              for i in range(12)]
    expected = [reviewer.review_now(Draft(d["text"], dt.date.fromisoformat(AS_OF), lang=d.get("lang"))).json()
                for d in drafts]

    inside, most_inside, waiting_seen = 0, 0, []
    guard = threading.Lock()
    review_now = reviewer.review_now

    def counted(draft):
        nonlocal inside, most_inside
        with guard:
            inside += 1
            most_inside = max(most_inside, inside)
            waiting_seen.append(reviewer._waiting)
        try:
            return review_now(draft)
        finally:
            with guard:
                inside -= 1

    monkeypatch.setattr(reviewer, "review_now", counted)

    async def send_all():
        transport = httpx2.ASGITransport(app=create_app(reviewer))
        async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as api:
            return await asyncio.gather(*(api.post("/api/lint", json=d) for d in drafts))

    responses = asyncio.run(send_all())
    assert [r.status_code for r in responses] == [200] * len(drafts)
    assert [r.text for r in responses] == expected
    assert most_inside == 1  # one draft at a time inside the Linter
    assert max(waiting_seen) > 1  # while others were waiting: the requests really overlapped


def test_too_many_waiting_drafts_get_503_and_the_rest_are_answered(reviewer, monkeypatch):
    import httpx2

    import linter.serve.review
    from linter.serve.app import create_app

    monkeypatch.setattr(linter.serve.review, "MAX_WAITING", 1)

    async def send_all():
        transport = httpx2.ASGITransport(app=create_app(reviewer))
        async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as api:
            return await asyncio.gather(*(api.post("/api/lint", json={"text": LEAKY}) for _ in range(6)))

    responses = asyncio.run(send_all())
    busy = [r for r in responses if r.status_code == 503]
    assert busy and all(r.headers["retry-after"] == "5" and "try again" in r.json()["error"] for r in busy)
    assert {r.status_code for r in responses} == {200, 503}
    assert reviewer._waiting == 0  # every slot is given back
