"""`postlint serve`: the review page and HTTP API (the `postlint[serve]` extra).

`app.py` holds the routes and templates, `review.py` the checking, `guard.py` the safety rules
applied to every request, `strings.py` every word the page says, `server.py` the start-up.
"""

from __future__ import annotations

SERVE_EXTRA_MISSING = ("`postlint serve` needs the web server packages; install them with "
                       "pip install 'postlint[serve]'")
