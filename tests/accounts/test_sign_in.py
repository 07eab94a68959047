"""Sign-in throttling, sessions, password change and API tokens as services (no Flask);
time is moved with ``fake_clock``, never slept."""

from __future__ import annotations

import pytest

from docgen.accounts.clock import from_epoch
from docgen.accounts.services import OPERATOR
from docgen.accounts.sessions import SessionPolicy, SignInService, session_id
from docgen.accounts.throttle import Throttled
from docgen.config import Settings
from docgen.domain.errors import InputError
from docgen.errors import Forbidden
from docgen.storage import repo
from tests.accounts.conftest import PASSWORD


def test_five_failures_lock_the_user_name_until_the_window_passes(accounts, fake_clock):
    service = accounts.service
    for _ in range(5):
        assert service.authenticate("a_sek", "salah-sandi", "10.0.0.1") is None
        fake_clock.advance(minutes=1)
    with pytest.raises(Throttled) as caught:  # the right password too, from anywhere
        service.authenticate("a_sek", PASSWORD, "10.0.0.9")
    assert caught.value.status == 429 and caught.value.scope == "username"
    assert caught.value.retry_after == 10 * 60  # the first failure leaves at 15 min
    assert "tunggu 10 menit" in caught.value.message
    fake_clock.advance(minutes=10)
    assert service.authenticate("a_sek", PASSWORD, "10.0.0.9") is not None


def test_a_success_clears_the_user_names_failures_not_the_addresses(accounts, fake_clock):
    service = accounts.service
    for _ in range(4):
        assert service.authenticate("A_SEK ", "salah-sandi", "10.0.0.1") is None
    assert service.authenticate("a_sek", PASSWORD, "10.0.0.1") is not None
    for _ in range(4):
        assert service.authenticate("a_sek", "salah-sandi", "10.0.0.1") is None
    assert service.authenticate("a_sek", PASSWORD, "10.0.0.1") is not None
    # 8 failures counted for the address; 12 more (any names) lock it
    for number in range(12):
        assert service.authenticate(f"tebakan{number % 3}", "x", "10.0.0.1") is None
    with pytest.raises(Throttled) as caught:
        service.authenticate("a_admin", PASSWORD, "10.0.0.1")
    assert caught.value.scope == "address"
    assert service.authenticate("a_admin", PASSWORD, "10.0.0.2") is not None


def test_limits_come_from_the_settings(accounts, fake_clock, tmp_path):
    settings = Settings(data_dir=tmp_path, login_max_failures=2, login_lockout_minutes=60)
    sign_in = SignInService(accounts.session, settings)
    assert sign_in.sign_in("a_sek", "x", None) is None
    assert sign_in.sign_in("a_sek", "x", None) is None
    with pytest.raises(Throttled) as caught:
        sign_in.sign_in("a_sek", PASSWORD, None)
    assert caught.value.retry_after == 3600


def test_sessions_end_on_sign_out_password_change_and_deactivation(accounts, fake_clock):
    service, a_sek = accounts.service, accounts.actors["a_sek"]
    sign_in = service.sign_in
    user = repo.get_user(accounts.session, "a_sek")
    first = session_id(user)
    assert sign_in.session_user(first) is user
    sign_in.sign_out(a_sek)
    assert sign_in.session_user(first) is None
    second = session_id(user)
    sign_in.change_password(a_sek, PASSWORD, "Laporan-KBK-2025", "Laporan-KBK-2025", None)
    assert sign_in.session_user(second) is None
    third = session_id(user)
    service.deactivate(accounts.actors["admin"], a_sek.id)
    service.activate(accounts.actors["admin"], a_sek.id)
    assert sign_in.session_user(third) is None
    assert sign_in.session_user(session_id(user)) is user
    assert sign_in.session_user("2") is None and sign_in.session_user("x:y") is None


def test_idle_and_absolute_session_lifetimes():
    policy = SessionPolicy.of(Settings(session_idle_minutes=30, session_max_hours=12))
    start = 1_736_150_400  # 2025-01-06 08:00 UTC
    at = from_epoch(start)
    assert policy.problem(start, start, at.replace(minute=29)) is None
    assert "tidak ada aktivitas selama 30 menit" in policy.problem(start, start,
                                                                  at.replace(minute=30))
    late = start + 11 * 3600 + 50 * 60  # used 10 minutes before the 12 hours are over
    assert policy.problem(start, late, at.replace(hour=19, minute=59)) is None
    assert "12 jam sejak masuk" in policy.problem(start, late, at.replace(hour=20))
    assert policy.problem(None, start, at) == "Sesi Anda tidak lagi berlaku."


def test_password_change_checks_the_current_password_and_the_rule(accounts, fake_clock):
    sign_in, a_sek = accounts.service.sign_in, accounts.actors["a_sek"]
    cases = [
        (("salah-sandi", "Laporan-KBK-2025", "Laporan-KBK-2025"),
         {"current_password": "Kata sandi sekarang salah."}),
        ((PASSWORD, "pendek", "pendek"),
         {"new_password": "Kata sandi baru minimal 10 karakter (sekarang 6)."}),
        ((PASSWORD, "Laporan-KBK-2025", "Laporan-KBK-2026"),
         {"new_password_repeat": "Ulangan kata sandi baru tidak sama dengan kata sandi baru."}),
        ((PASSWORD, PASSWORD, PASSWORD),
         {"new_password": "Kata sandi baru harus berbeda dari kata sandi sekarang."}),
    ]
    for values, expected in cases:
        with pytest.raises(InputError) as caught:
            sign_in.change_password(a_sek, *values, None)
        assert {e.field: e.message for e in caught.value.errors} == expected
    assert accounts.service.authenticate("a_sek", PASSWORD) is not None


def test_tokens_expire_are_revoked_and_die_with_deactivation(accounts, fake_clock):
    service, admin = accounts.service, accounts.actors["admin"]
    short = service.create_token(OPERATOR, "a_sek", days=1)
    default = service.create_token(accounts.actors["a_sek"], "a_sek")  # one's own
    assert service.user_for_token(short).username == "a_sek"
    fake_clock.advance(days=1)
    assert service.user_for_token(short) is None
    fake_clock.advance(days=88)
    assert service.user_for_token(default).username == "a_sek"  # 90 days by default
    fake_clock.advance(days=1)
    assert service.user_for_token(default) is None
    kept = service.create_token(OPERATOR, "a_sek")
    dropped = service.create_token(OPERATOR, "a_sek")
    dropped_row = service.tokens.tokens(admin, "a_sek")[0]
    service.tokens.revoke(admin, dropped_row.id)
    assert service.user_for_token(dropped) is None
    assert service.user_for_token(kept).username == "a_sek"
    service.deactivate(admin, accounts.actors["a_sek"].id)
    service.activate(admin, accounts.actors["a_sek"].id)
    assert service.user_for_token(kept) is None
    reasons = {r.revoked_reason for r in service.tokens.tokens(admin, "a_sek")}
    assert reasons == {None, "dicabut", "pengguna dinonaktifkan"}  # None: expired ones


def test_token_days_are_checked_and_only_admins_manage_others_tokens(accounts, fake_clock):
    service = accounts.service
    for days in (0, 3651):
        with pytest.raises(InputError) as caught:
            service.create_token(OPERATOR, "a_sek", days=days)
        assert caught.value.errors[0].field == "days"
    token = service.create_token(OPERATOR, "a_admin")
    row = service.tokens.tokens(OPERATOR, "a_admin")[0]
    with pytest.raises(Forbidden):
        service.tokens.revoke(accounts.actors["a_sek"], row.id)
    with pytest.raises(Forbidden):
        service.tokens.tokens(accounts.actors["a_sek"])
    service.tokens.revoke(accounts.actors["a_admin"], row.id)  # one's own
    assert service.user_for_token(token) is None


def test_bad_tokens_lock_the_address(accounts, fake_clock):
    service = accounts.service
    token = service.create_token(OPERATOR, "a_sek")
    for number in range(20):
        assert service.user_for_token(f"dg_tebakan{number}", "10.0.0.5") is None
    with pytest.raises(Throttled) as caught:
        service.user_for_token(token, "10.0.0.5")
    assert caught.value.scope == "token" and caught.value.retry_after == 15 * 60
    assert service.user_for_token(token, "10.0.0.6").username == "a_sek"
    fake_clock.advance(minutes=15)
    assert service.user_for_token(token, "10.0.0.5").username == "a_sek"
