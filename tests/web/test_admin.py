"""admin_kabupaten manages units (kop, head) and users."""

from __future__ import annotations

from docgen.storage import repo
from tests.web.conftest import login


def test_admin_creates_and_edits_a_unit_with_indonesian_errors(app, client, world):
    login(client, "admin")
    fields = {"nama": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              "jenis": "badan", "singkatan": "BKPSDM", "kepala_nama": "Dr. CONTOH",
              "kepala_jabatan": "Kepala BKPSDM Kabupaten Purbalingga",
              "kepala_pangkat": "Pembina", "kepala_nip": "123"}
    response = client.post("/admin/unit/baru", data=fields)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "NIP harus 18 digit, bukan 3" in html
    assert 'value="Dr. CONTOH"' in html
    fields["kepala_nip"] = "19750101 200003 1 002"
    assert client.post("/admin/unit/baru", data=fields).status_code == 303
    with app.extensions["docgen"].database.session() as session:
        unit = next(u for u in repo.list_units(session) if u.singkatan == "BKPSDM")
        assert unit.kepala()["nip"] == "19750101 200003 1 002"
    fields["alamat"] = "Jl. Contoh 1"
    assert client.post(f"/admin/unit/{unit.id}", data=fields).status_code == 303
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_unit(session, unit.id).alamat == "Jl. Contoh 1"
    assert client.post("/admin/unit/baru", data={"nama": "", "jenis": ""}).status_code == 422


def test_admin_creates_and_deactivates_users(app, client, world):
    login(client, "admin")
    response = client.post("/admin/pengguna", data={
        "username": "baru", "password": "kata-sandi-baru", "role": "sekretaris_kbk",
        "unit_id": str(world.units["B"])}, follow_redirects=True)
    assert "Pengguna dibuat" in response.get_data(as_text=True)
    response = client.post("/admin/pengguna", data={
        "username": "tanpa-unit", "password": "kata-sandi-baru", "role": "admin_unit"},
        follow_redirects=True)
    assert "harus terikat pada satu unit" in response.get_data(as_text=True)
    with app.extensions["docgen"].database.session() as session:
        user_id = repo.get_user(session, "baru").id
    client.post(f"/admin/pengguna/{user_id}/aktif")
    other = app.test_client()
    assert other.post("/masuk", data={"username": "baru", "password": "kata-sandi-baru"}
                      ).status_code == 401


def test_unit_users_cannot_administer(client, world):
    login(client, "a_admin")
    assert client.post("/admin/unit/baru", data={"nama": "X", "jenis": "dinas"}
                       ).status_code == 403
    assert client.post("/admin/pengguna", data={"username": "x"}).status_code == 403
