"""`postlint lsp`: findings as the writer types, in any editor that speaks the Language Server
Protocol (the `postlint[lsp]` extra, built on pygls).

`checking.py` checks drafts exactly as `postlint check` would (config found per document, models
loaded once), `positions.py` turns offsets into the protocol's positions, `features.py` makes
diagnostics, hovers and code actions of findings, and `server.py` speaks the protocol over stdio.
"""

from __future__ import annotations

LSP_EXTRA_MISSING = ("`postlint lsp` needs the language server packages; install them with "
                     "pip install 'postlint[lsp]'")
# Where each rule's page is (`docs/rules/<CODE>.md`, generated from the packs): the diagnostics'
# `codeDescription`. `postlint lsp --rule-docs URL` or the client's `ruleDocs` option replace it.
RULE_DOCS_URL = "https://git.example.com/tools/postlint/-/blob/main/docs/rules/{code}.md"
