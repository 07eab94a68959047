"""A relative DOCGEN_DATA_DIR is read from where the server was started (issue 11, 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.config import Settings
from docgen.storage import repo
from tests.web.conftest import login
from tests.web.test_uploads import _report_fields


@pytest.fixture()
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("instance")  # the default of ./run.sh, relative


def test_settings_resolve_a_relative_data_dir_against_the_working_directory(tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Settings(data_dir=Path("instance")).data_dir == tmp_path / "instance"
    assert Settings.from_env({"DOCGEN_DATA_DIR": "d"}).data_dir == tmp_path / "d"


def test_photos_saved_with_a_relative_data_dir_are_served(app, client, world, tmp_path,
                                                          monkeypatch):
    login(client, "a_sek")
    response = client.post("/dokumen/baru/laporan-bulanan-kbk", data=_report_fields(),
                           content_type="multipart/form-data")
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].split("/")[-1])
    with app.extensions["docgen"].database.session() as session:
        uploads = repo.list_uploads(session, doc_id, "foto")
    assert (tmp_path / "instance" / "uploads").is_dir()
    monkeypatch.chdir(Path(__file__).parent)  # a later chdir changes nothing
    photo = client.get(f"/berkas/{uploads[0].id}")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert photo.data[:3] == b"\xff\xd8\xff"
