"""AccountService without Flask: users, tokens, units and kop, refusals, no commit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docgen.accounts.services import OPERATOR
from docgen.domain.errors import InputError
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.storage import repo
from docgen.storage.models import AuditEvent
from tests.accounts.conftest import PASSWORD


def test_the_accounts_feature_loads_no_web_framework():
    code = ("import sys, docgen.accounts.services, docgen.accounts.commands, "
            "docgen.accounts.emblems\n"
            "web = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'flask_login', 'flask_wtf', 'docgen.web') or m.startswith('docgen.web'))\n"
            "assert not web, web")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_admin_creates_a_user_who_can_sign_in(accounts):
    service, admin = accounts.service, accounts.actors["admin"]
    user = service.create_user(admin, "baru", "kata-sandi-baru", "sekretaris_kbk",
                               accounts.units["B"], "Siti")
    assert (user.role, user.unit_id, user.nama, user.active) == (
        "sekretaris_kbk", accounts.units["B"], "Siti", True)
    assert service.authenticate("baru", "kata-sandi-baru").id == user.id
    assert service.authenticate("baru", "salah-sandi") is None
    assert service.authenticate("tidak-ada", "kata-sandi-baru") is None


@pytest.mark.parametrize(("username", "password", "role", "unit", "field", "message"), [
    ("admin", "kata-sandi-baru", "bagian_hukum", None, "username", "pengguna admin sudah ada"),
    ("x", "pendek", "bagian_hukum", None, "password", "Kata sandi minimal 10 karakter"),
    ("x", "kata-sandi-baru", "admin_unit", None, "unit_id", "harus terikat pada satu unit"),
    ("x", "kata-sandi-baru", "admin_unit", 999, "unit_id", "unit 999 tidak ditemukan"),
    ("x", "kata-sandi-baru", "raja", None, "role", "peran tidak dikenal: raja"),
], ids=["nama-dipakai", "sandi-pendek", "tanpa-unit", "unit-tidak-ada", "peran"])
def test_bad_users_are_refused_naming_the_field(accounts, username, password, role, unit,
                                                field, message):
    with pytest.raises(InputError) as caught:
        accounts.service.create_user(accounts.actors["admin"], username, password, role, unit)
    (error,) = caught.value.errors
    assert error.field == field and message in error.message


@pytest.mark.parametrize("name", ["a_admin", "a_sek"])
def test_only_admin_kabupaten_manages_users_and_units(accounts, name):
    service, actor = accounts.service, accounts.actors[name]
    with pytest.raises(Forbidden):
        service.create_user(actor, "x", "kata-sandi-baru", "bagian_hukum")
    for call in (lambda: service.users(actor), lambda: service.units(actor),
                 lambda: service.unit(actor, accounts.units["A"]),
                 lambda: service.save_unit(actor, None, {"nama": "X", "jenis": "dinas"}),
                 lambda: service.deactivate(actor, accounts.actors["admin"].id),
                 lambda: service.create_token(actor, "admin")):
        with pytest.raises(Forbidden):
            call()


def test_deactivated_users_lose_sign_in_and_tokens_but_not_oneself(accounts):
    service, admin = accounts.service, accounts.actors["admin"]
    token = service.create_token(OPERATOR, "a_sek")
    assert token.startswith("dg_") and service.user_for_token(token).username == "a_sek"
    assert service.create_token(accounts.actors["a_sek"], "a_sek")  # one's own token
    service.deactivate(admin, accounts.actors["a_sek"].id)
    assert service.user_for_token(token) is None
    assert service.authenticate("a_sek", PASSWORD) is None
    service.activate(admin, accounts.actors["a_sek"].id)
    assert service.authenticate("a_sek", PASSWORD) is not None
    with pytest.raises(Conflict, match="akun sendiri"):
        service.deactivate(admin, admin.id)
    with pytest.raises(NotFound):
        service.deactivate(admin, 999)
    with pytest.raises(NotFound, match="pengguna tidak-ada tidak ditemukan"):
        service.create_token(OPERATOR, "tidak-ada")


def test_admin_saves_units_with_field_errors(accounts):
    service, admin = accounts.service, accounts.actors["admin"]
    fields = {"nama": "Badan Kepegawaian Daerah", "jenis": "badan", "kepala_nip": "123",
              "kepala_nama": "Dr. CONTOH", "kepala_jabatan": "Kepala Badan",
              "kepala_pangkat": "Pembina"}
    with pytest.raises(InputError) as caught:
        service.save_unit(admin, None, fields)
    assert {e.field: e.message for e in caught.value.errors}["kepala_nip"] == \
        "NIP harus 18 digit, bukan 3"
    with pytest.raises(InputError) as caught:
        service.save_unit(admin, None, dict(fields, kepala_nip="19750101 200003 1 002",
                                            nama="Kecamatan Kalimanah"))
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("nama", "nama ini sudah dipakai unit lain")]
    unit = service.save_unit(admin, None, dict(fields, kepala_nip="19750101 200003 1 002"))
    assert unit.kepala()["nip"] == "19750101 200003 1 002" and unit.alamat is None
    service.save_unit(admin, unit.id, dict(fields, kepala_nip="", kepala_nama="",
                                           kepala_jabatan="", kepala_pangkat="",
                                           alamat="Jl. Contoh 1"))
    assert (unit.alamat, unit.kepala_nip, unit.kepala_nama) == ("Jl. Contoh 1", None, None)
    with pytest.raises(NotFound):
        service.save_unit(admin, 999, fields)


def test_admin_unit_edits_the_own_kop_only(accounts):
    service, actor = accounts.service, accounts.actors["a_admin"]
    own = service.own_unit(actor)
    assert own.id == accounts.units["A"]
    kop = {"nama": own.nama, "alamat": "Jl. Baru 9", "jenis": "kecamatan"}
    service.save_own_kop(actor, kop)
    assert (own.alamat, own.jenis) == ("Jl. Baru 9", "dinas")  # jenis stays the admin's
    (event,) = accounts.session.query(AuditEvent).filter_by(action="unit_kop").all()
    assert (event.actor, event.actor_id, event.unit_id) == ("a_admin", actor.id, own.id)
    assert "alamat: Jl. Baru 9" in event.detail

    with pytest.raises(InputError) as caught:
        service.save_own_kop(actor, dict(kop, nama="Kecamatan Kalimanah"))  # unit B's name
    assert caught.value.errors[0].field == "nama"
    with pytest.raises(InputError) as caught:
        service.save_own_kop(actor, dict(kop, nama=""))
    assert caught.value.errors[0].field == "nama"

    other = accounts.units["B"]
    with pytest.raises(Forbidden):
        service.unit(actor, other)
    with pytest.raises(Forbidden):
        service.save_unit(actor, other, {"nama": "X", "jenis": "dinas"})
    for name in ("admin", "a_sek"):
        with pytest.raises(Forbidden):
            service.own_unit(accounts.actors[name])
    gone = type(actor)(actor.id, actor.username, actor.role, 999)
    with pytest.raises(NotFound):
        service.save_own_kop(gone, kop)
    assert repo.get_unit(accounts.session, other).alamat != "Jl. Baru 9"


def test_the_service_flushes_and_leaves_the_commit_to_the_caller(accounts, database):
    accounts.service.create_user(accounts.actors["admin"], "sementara", "kata-sandi-baru",
                                 "bagian_hukum")
    with database.sessions() as other:
        assert repo.get_user(other, "sementara") is None
    accounts.session.rollback()
    assert repo.get_user(accounts.session, "sementara") is None
