"""Starts `postlint lsp` as an editor would, with the network cut off (any attempt fails loudly).

`--crash-on MARKER`: checking a draft that contains MARKER raises an error that quotes the draft,
as a bug might, so a test can see the server report it without the text and carry on.
"""

from __future__ import annotations

import socket
import sys


def _blocked(*args: object, **kwargs: object) -> None:
    raise OSError("postlint lsp tried to reach the network")


def main(argv: list[str]) -> None:
    for owner, name in ((socket.socket, "connect"), (socket.socket, "connect_ex"),
                        (socket, "create_connection"), (socket, "getaddrinfo")):
        setattr(owner, name, _blocked)
    if argv[:1] == ["--crash-on"]:
        marker, argv = argv[1], argv[2:]
        from linter.engine import Linter

        checked = Linter._check

        def check_or_fail(self, document, runtime):  # type: ignore[no-untyped-def]
            if marker in document.text:
                raise KeyError(document.text)  # a bug whose message quotes the whole draft
            return checked(self, document, runtime)

        Linter._check = check_or_fail  # type: ignore[method-assign]
    from linter.cli import main as postlint

    postlint(["lsp", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
