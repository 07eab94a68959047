"""The password rule (field-named Indonesian messages) and checking a password at the same
cost whether or not the user exists."""

from __future__ import annotations

import pytest

from docgen.accounts import passwords
from docgen.accounts.services import OPERATOR
from docgen.domain.errors import InputError
from docgen.storage import Database, repo
from docgen.storage.seed import DEMO_USERS, seed_demo
from tests.accounts.conftest import PASSWORD


@pytest.mark.parametrize(("password", "message"), [
    ("", "Kata sandi wajib diisi dan tidak boleh hanya spasi."),
    (" " * 12, "Kata sandi wajib diisi dan tidak boleh hanya spasi."),
    ("\t \u00a0" * 5, "Kata sandi wajib diisi dan tidak boleh hanya spasi."),
    ("abc12345", "Kata sandi minimal 10 karakter (sekarang 8)."),
    ("pegawai.dinas", "tidak boleh berupa nama pengguna"),  # the user name + 1 character
    ("PEGAWAI.DINAS-1", "tidak boleh berupa nama pengguna"),
    ("password123", "terlalu umum"),
    ("Purbalingga2024!", "terlalu umum"),
    ("rahasia-123", "terlalu umum"),
    ("2024-KataSandi-2024", "terlalu umum"),
    ("rahasiarahasia", "terlalu umum"),
    ("aaaaaaaaaaaa1", "terlalu berulang"),
    ("abababab1212", "terlalu berulang"),
    ("1234567890123", "harus memuat huruf"),
    ("kopi-pahit-manis", None),  # a passphrase: letters only, 15+ characters
    ("kopipahitsore", "harus memuat huruf dan angka, atau berupa frasa paling sedikit 15"),
    ("Kopi7Pahit", None),
    ("laporan kbk 2025", None),
], ids=lambda v: repr(v)[:24])
def test_the_password_rule(password, message):
    errors = passwords.password_errors(password, "pegawai.dinas")
    if message is None:
        assert errors == []
    else:
        (error,) = errors
        assert error.field == "password" and error.message.startswith("Kata sandi ")
        assert message in error.message


def test_messages_name_the_field_they_are_about():
    (error,) = passwords.password_errors("pendek", "x", "new_password", "Kata sandi baru")
    assert (error.field, error.message) == ("new_password",
                                            "Kata sandi baru minimal 10 karakter (sekarang 6).")


@pytest.mark.parametrize("password", ["          ", "kata sandi", "admin12345", "rahasia-123"])
def test_create_user_refuses_weak_passwords(accounts, password):
    with pytest.raises(InputError) as caught:
        accounts.service.create_user(OPERATOR, "admin2", password, "bagian_hukum")
    (error,) = caught.value.errors
    assert error.field == "password" and error.message.startswith("Kata sandi ")
    assert repo.get_user(accounts.session, "admin2") is None


def test_the_demo_users_passwords_satisfy_the_rule(tmp_path):
    """run.sh seeds demo users with generated passwords: every one must pass the rule."""
    for run in range(8):
        database = Database(f"sqlite:///{tmp_path / f'seed{run}.sqlite'}")
        database.migrate()
        with database.session() as session:
            created = seed_demo(session)
        database.dispose()
        assert len(created) == len(DEMO_USERS)
        for username, _, password in created:
            assert passwords.password_errors(password, username) == [], password


def test_an_unknown_user_costs_one_hash_of_the_same_kind(accounts, monkeypatch):
    """Timing without a stopwatch: every sign-in runs exactly one password hash of the
    method the users' hashes have (same method and rounds: same cost), whether the name
    is unknown, the password wrong, the user deactivated, or all is right."""
    checked: list[str] = []
    real_check = passwords.check_password_hash

    def counting_check(password_hash: str, password: str) -> bool:
        checked.append(password_hash.split("$", 1)[0])
        return real_check(password_hash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting_check)
    method = repo.get_user(accounts.session, "a_sek").password_hash.split("$", 1)[0]
    service = accounts.service
    assert service.authenticate("tidak-ada", PASSWORD) is None
    assert service.authenticate("a_sek", "salah-sandi") is None
    assert service.authenticate("", "") is None
    service.deactivate(accounts.actors["admin"], accounts.actors["a_sek"].id)
    assert service.authenticate("a_sek", PASSWORD) is None
    assert service.authenticate("a_admin", PASSWORD) is not None
    assert checked == [method] * 5
