import socket

import pytest

from conftest import NetworkBlocked


def test_sockets_are_blocked_for_the_whole_session():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("pypi.org", 443), timeout=1)


def test_email_recognizer_does_not_fetch_the_suffix_list(linter):
    # tldextract would download the public suffix list on first use; with sockets blocked a
    # fetch attempt raises NetworkBlocked inside Presidio, so a finding proves it stayed offline.
    findings = linter.lint("The customer wrote from jane.roe@company-mail.co.uk today.", as_of="2026-11-25")
    assert [f.code for f in findings] == ["PII-EMAIL"]
