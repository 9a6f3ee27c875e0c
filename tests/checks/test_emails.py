"""`emails` (PII-EMAIL): a person's address is reported; everything else written with an @ is not."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def emails(linter, text, path="post.md"):
    return [f.match for f in linter.lint(text, path=path, as_of=AS_OF) if f.code == "PII-EMAIL"]


@pytest.mark.parametrize("text, address", [
    ("Support story: the customer wrote in from maria.lopez@gmail.com after the outage.", "maria.lopez@gmail.com"),
    ("Customer complaint from bob.smith@outlook.com about billing.", "bob.smith@outlook.com"),
    ("Got an angry email from dana.ruiz@initech.com about the outage.", "dana.ruiz@initech.com"),
    ("Reach Jane at jane.doe@gmail.com for details.", "jane.doe@gmail.com"),
    # a long, digit-heavy local part at a webmail provider is still someone's mailbox
    ("The customer wrote from jsmith19850412xyzab@gmail.com about the refund.", "jsmith19850412xyzab@gmail.com"),
    ("Forward it to dana.ruiz1985@initech.com, she asked for it.", "dana.ruiz1985@initech.com"),
])
def test_personal_addresses_are_reported(plain_linter, text, address):
    assert emails(plain_linter, text) == [address]


@pytest.mark.parametrize("text", [
    # logins: SSH remotes, SCP-style paths, URL logins, service accounts
    "Add the remote with `git remote add origin git@github.com:acme/robots.git` and push.",
    "Deploy with git push git@heroku.com:acme-demo.git main.",
    "Then run ssh ubuntu@ec2-54-1-2-3.compute.amazonaws.com to log in.",
    "Mirror it from ssh://deploy@build.acme.io/srv/repo.git every night.",
    # machine identifiers: a public calendar's ID, a service account, a generated local part
    '<iframe src="https://calendar.google.com/calendar/embed?src=apd9vmbc22egenmtu5l6c5jbfc%40group.calendar.google.com"></iframe>',
    "Subscribe to the events calendar: apd9vmbc22egenmtu5l6c5jbfc@group.calendar.google.com in any client.",
    "Grant the role to builder@acme-ci.iam.gserviceaccount.com before the deploy.",
    "Webhooks arrive from 7f3k2m9q1x8v4b6n0c5z@inbound.acme-mail.io and are parsed by the bot.",
    # documentation domains reserved by RFC 2606 / 6761
    "Sign in as alice@example.com, or as bob@corp.example, carol@app.test or dave@mail.invalid.",
    "Point the client at admin@localhost while testing.",
    # role, team and list mailboxes
    "Questions go to press@acme.io; app feedback to mobile@acme.io.",
    "Join the discussion on golang-nuts@googlegroups.com or rust-dev@lists.mozilla.org.",
    "Email go-cdk-feedback@google.com with ideas.",
    # credits
    "Co-authored-by: Ana Ruiz <ana.ruiz@gmail.com>",
    's.authors = ["Ana Ruiz"]\ns.email = "ana.ruiz@gmail.com"',
    "Fixed the parser crash (ana.ruiz@gmail.com) #1234",
    # an organisation's address offered to readers as a contact
    "If you are organising a meetup, please reach out to Carmen Andoh at candoh@google.com.",
    "Contact: rlh@golang.org",
    "If you would like to help, [let me know](mailto:spf@golang.org).",
])
def test_addresses_that_are_nobodys_private_mailbox(plain_linter, text):
    assert emails(plain_linter, text) == []


def test_contributor_list_items_are_credits(plain_linter):
    post = "Thanks to everyone who contributed:\n\n* Ana Ruiz\n* `dan@daramos.com`\n* Daniel Hofstetter\n* Dan Luu\n"
    assert emails(plain_linter, post) == []
    # the same address in a sentence is reported
    assert emails(plain_linter, "We forwarded the log to dan@daramos.com, who runs the affected shop.\n") == \
        ["dan@daramos.com"]


def test_company_domains_are_the_organisations(pack_linter, plain_linter):
    from linter import Linter

    acme = Linter({"company": {"domains": ["acme.example.org", "acme.io"]}})
    text = "Our customer wrote to jorge@acme.io and to jorge@initech.com."
    assert emails(acme, text) == ["jorge@initech.com"]
    assert emails(plain_linter, text) == ["jorge@acme.io", "jorge@initech.com"]


def test_webmail_is_personal_even_when_offered_as_contact(plain_linter):
    assert emails(plain_linter, "Questions? Email me at sam.okafor@gmail.com.") == ["sam.okafor@gmail.com"]
    assert emails(plain_linter, "Questions? Email me at sam@okafor-consulting.com.") == []


def test_public_option_narrows_what_is_public(pack_linter):
    linter = pack_linter("""
        - code: PII-MAIL
          category: pii
          severity: error
          kind: emails
          public: [reserved]
          message: "'{match}' is an address."
          why: Addresses are private.
    """)
    found = [f.match for f in linter.lint("Write to press@acme.io or test@example.com.", as_of=AS_OF)]
    assert found == ["press@acme.io"]


def test_mailto_target_and_its_text_are_one_finding(plain_linter):
    post = "Write to [jane.doe@gmail.com](mailto:jane.doe@gmail.com) today."
    found = plain_linter.lint(post, path="post.md", as_of=AS_OF)
    assert [(f.code, f.match, f.col) for f in found] == [("PII-EMAIL", "jane.doe@gmail.com", 11)]


def test_a_customer_in_an_address_domain_is_the_same_fact(linter):
    # corpus/postlint.yaml: Globex is a confidential customer
    found = linter.lint("Forwarded the log to peter.gibbons@globex.com this morning.", as_of=AS_OF)
    assert [(f.code, f.match) for f in found] == [("PII-EMAIL", "peter.gibbons@globex.com")]
    found = linter.lint("Globex signed today.", as_of=AS_OF)
    assert [f.code for f in found] == ["CONF-CUSTOMER"]


def test_a_mailbox_named_after_the_organisation_the_post_is_about(plain_linter):
    post = "At 18F we build software. 18F works with agencies. Write-ups go to participate-18F@gsa.gov weekly."
    assert emails(plain_linter, post) == []
    # a surname the post uses for a person is not an organisation
    post = "Priya Natarajan joined. Natarajan said hi. We forwarded the log to natarajan@initech.com."
    assert emails(plain_linter, post) == ["natarajan@initech.com"]


def test_an_email_from_someone_is_theirs_even_next_to_an_invitation(plain_linter):
    assert emails(plain_linter, "We'd love to hear from you. Drop us a line at hello-team@acme.io.") == []
    assert emails(plain_linter, "Questions? We got one from dana.ruiz@initech.com about the outage.") == \
        ["dana.ruiz@initech.com"]
