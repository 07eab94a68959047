"""The bounded load test of issue 10, kept in the suite: 50 browser-like clients for 60 s
against a real ``docgen serve`` (bench/load.py) mixing page views, draft saves and PDF
renders; no error, no lost draft. The figures are printed (``pytest -s``) for the README."""

from __future__ import annotations

import pytest

from bench import load

CLIENTS = 50
SECONDS = 60


@pytest.mark.slow
def test_fifty_clients_for_sixty_seconds_get_no_error_and_lose_no_draft():
    result = load.run(clients=CLIENTS, duration=SECONDS)
    print("\n" + load.report(result))

    assert result.stats.errors == [], result.server_log[-3000:]
    for kind in ("list", "document", "form", "save", "pdf"):
        assert result.requests(kind) > 0, kind
    pdf_share = result.requests("pdf") / sum(result.requests(kind) for kind, _ in load.MIX)
    assert 0.02 < pdf_share < 0.10
    assert result.drafts_checked >= CLIENTS  # every client saved at least one draft
    assert result.lost == []
