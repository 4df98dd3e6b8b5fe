"""The Solara viewer: thin pages over the model's public API, made to work with no internet."""

import warnings

SAMESITE_WARNING = "Cookies with samesite=none require https"
"""Solara warns, for every browser that opens a page over plain HTTP on an address other than
``localhost``, that its session cookie falls back to samesite=lax: 12 lines in the terminal each
time. That fallback is what the viewer wants (it is never embedded in another site's frame, and an
exercise LAN has no HTTPS), so the warning tells the facilitator nothing and is silenced."""

warnings.filterwarnings("ignore", message=SAMESITE_WARNING, category=UserWarning)
