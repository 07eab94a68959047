"""One document type of every unit as one ZIP job (issue 13, item 3: "rendering every
unit's documents of a type"): the documents the program page counts (the latest final,
else the latest draft, dated in the year), from /program and from the API."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.web.conftest import add_document, bearer, login, sample
from tests.web.test_jobs import start, wait


@pytest.fixture()
def jobs(app):
    runner = start(app)
    yield runner
    runner.stop()


def _sk(nomor: str, tanggal: str) -> dict:
    data = sample("sk-kbk")
    data["nomor"], data["tanggal"] = nomor, tanggal
    return data


def _world_of_keputusan(app, world) -> dict[str, int]:
    a, b = world.units["A"], world.units["B"]
    return {"a_final": add_document(app, "sk-kbk", a, _sk("800/1/2026", "2026-02-01"),
                                    final=True),
            "a_later_draft": add_document(app, "sk-kbk", a, _sk("800/2/2026", "2026-05-01")),
            "b_draft": add_document(app, "sk-kbk", b, _sk("800/3/2026", "2026-03-01")),
            "b_last_year": add_document(app, "sk-kbk", b, _sk("800/4/2025", "2025-03-01"))}


def _numbers(data: bytes) -> list[str]:
    from tests.conftest import pdf_text

    bundle = zipfile.ZipFile(io.BytesIO(data))
    texts = [pdf_text(bundle.read(name)) for name in bundle.namelist()]
    return sorted(n for n in ("800/1/2026", "800/2/2026", "800/3/2026", "800/4/2025")
                  for text in texts if n in text)


def test_the_program_page_zips_every_units_counted_document(app, client, world, jobs):
    ids = _world_of_keputusan(app, world)
    login(client, "pembinaan")
    page = client.get("/program?tahun=2026").get_data(as_text=True)
    assert "Unduh dokumen semua unit (ZIP)" in page
    assert '<option value="sk-kbk">' in page and "(2 unit)" in page
    response = client.post("/program/zip?tahun=2026", data={"type": "sk-kbk",
                                                             "format": "pdf"})
    assert response.status_code == 303
    job_page = response.headers["Location"]
    assert job_page.startswith("/pekerjaan/")
    listing = client.get(job_page).get_data(as_text=True)
    assert "tahun 2026: 2 unit (PDF)" in listing
    state = wait(client, job_page + ".json")
    assert (state["status"], state["total"]) == ("done", 2), state
    # unit A: its final (not the later draft); unit B: its draft of 2026 (not 2025's)
    assert _numbers(client.get(state["result_url"]).data) == ["800/1/2026", "800/3/2026"]
    assert ids["a_later_draft"] and ids["b_last_year"]


def test_a_type_with_nothing_to_zip_says_so_and_keeps_the_page(app, client, world):
    login(client, "pembinaan")
    response = client.post("/program/zip?tahun=2026", data={"type": "rencana-tindak",
                                                            "format": "pdf"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Belum ada unit yang memiliki dokumen" in response.get_data(as_text=True)


def test_the_api_takes_a_type_batch_and_refuses_units_and_bad_input(app, client, world,
                                                                    runner, jobs):
    _world_of_keputusan(app, world)
    token = runner("create-token", "admin").output.strip()
    response = client.post("/api/v1/jobs", json={"kind": "jenis-dokumen", "type": "sk-kbk",
                                                  "tahun": 2026, "format": "docx"},
                           headers=bearer(token))
    assert response.status_code == 202, response.json
    state = wait(client, response.headers["Location"], **bearer(token))
    assert (state["status"], state["done"], state["kind"]) == ("done", 2, "zip")
    names = zipfile.ZipFile(io.BytesIO(client.get(state["result_url"],
                                                  headers=bearer(token)).data)).namelist()
    assert len(names) == 2 and all(name.endswith(".docx") for name in names)
    bad = client.post("/api/v1/jobs", json={"kind": "jenis-dokumen", "type": "surat",
                                            "tahun": "tahun ini", "jenis": "desa"},
                      headers=bearer(token))
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json["errors"]} == {"type", "tahun", "jenis"}
    unit_token = runner("create-token", "a_admin").output.strip()
    assert client.post("/api/v1/jobs", json={"kind": "jenis-dokumen", "type": "sk-kbk",
                                             "tahun": 2026},
                       headers=bearer(unit_token)).status_code == 403
