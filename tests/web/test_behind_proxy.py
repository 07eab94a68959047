"""Behind a reverse proxy (DOCGEN_TRUSTED_PROXIES=1) the client's address is throttled, not
the proxy's: one client's failures do not lock everybody else out."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORD, make_app
from tests.web.test_login_throttle import fake_clock  # noqa: F401 (fixture)

PROXY = "10.0.0.1"


@pytest.fixture()
def app(data_dir, request):
    return make_app(data_dir, request, trusted_proxies=1)


def sign_in(client, username: str, password: str, client_address: str):
    return client.post("/masuk", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": PROXY},
                       headers={"X-Forwarded-For": client_address})


def test_failures_count_against_the_forwarded_client_address(app, client, world,
                                                             fake_clock):  # noqa: F811
    answers = [sign_in(client, f"tamu{n}", "salah-sandi", "203.0.113.7").status_code
               for n in range(21)]
    assert answers[:20] == [401] * 20 and answers[20] == 429
    # another client behind the same proxy still signs in
    assert sign_in(app.test_client(), "a_sek", PASSWORD, "203.0.113.8").status_code == 302


def test_without_trusted_proxies_the_header_is_ignored(data_dir, request, world,
                                                       fake_clock):  # noqa: F811
    plain = make_app(data_dir, request)
    client = plain.test_client()
    for n in range(20):
        sign_in(client, f"tamu{n}", "salah-sandi", f"198.51.100.{n}")
    # a forged X-Forwarded-For does not escape the per-address count
    assert sign_in(client, "tamu99", "salah-sandi", "198.51.100.99").status_code == 429
