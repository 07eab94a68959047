"""Demo data for a first start: three Purbalingga units and one user per role (two for
Bagian Hukum: an upload of one is approved by the other).

The kop of the dinas is the one of samples/sk-kbk.json; the other names are examples.
Passwords are random, returned once to the caller (printed by ``docgen serve``) and stored
only as hashes.
"""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.storage import repo
from docgen.storage.models import ROLES

DEMO_UNITS = [
    {
        "nama": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "jenis": "dinas",
        "singkatan": "DPMPTSP", "alamat": "Jl. May. Jend Sungkono Km 2", "kode_pos": "53371",
        "telepon": "(0281) 891235", "laman": "www.dpmptsp.purbalinggakab.go.id",
        "email": "dpmptsppbg@gmail.com",
        "kepala_nama": "ATO SUSANTO, AP., M.Si.",
        "kepala_jabatan": "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu "
                          "Kabupaten Purbalingga",
        "kepala_pangkat": "Pembina Utama Muda", "kepala_nip": "19740706 199311 1 001",
    },
    {
        "nama": "Kecamatan Kalimanah", "jenis": "kecamatan", "singkatan": "Kec. Kalimanah",
        "alamat": "Jl. Raya Kalimanah", "kode_pos": "53371", "telepon": "(0281) 000000",
        "laman": "kalimanah.purbalinggakab.go.id", "email": "kec.kalimanah@example.go.id",
        "kepala_nama": "Drs. HARI SUSANTO, M.Si.",
        "kepala_jabatan": "Camat Kalimanah Kabupaten Purbalingga",
        "kepala_pangkat": "Pembina Tingkat I", "kepala_nip": "19700315 199403 1 006",
    },
    {
        "nama": "UPTD Puskesmas Kutasari", "jenis": "uptd", "singkatan": "Puskesmas Kutasari",
        "alamat": "Jl. Raya Kutasari", "kode_pos": "53361", "telepon": "(0281) 000001",
        "email": "pkm.kutasari@example.go.id",
        "kepala_nama": "dr. ANISA RAHMAWATI",
        "kepala_jabatan": "Kepala UPTD Puskesmas Kutasari",
        "kepala_pangkat": "Penata Tingkat I", "kepala_nip": "19850210 201001 2 015",
    },
]

DEMO_USERS = [  # username, role, index of the unit in DEMO_UNITS or None
    ("admin", "admin_kabupaten", None),
    ("dpmptsp", "admin_unit", 0),
    ("sekretaris.dpmptsp", "sekretaris_kbk", 0),
    ("hukum", "bagian_hukum", None),
    ("hukum2", "bagian_hukum", None),  # four eyes: a second reviewer approves uploads
    ("pembinaan", "tim_pembinaan", None),  # Tim Pembinaan / Tim RBI: the program overview
    ("sekretariat.dpmptsp", "sekretaris_unit", 0),  # the paraf chain: pemeriksa
    ("kepala.dpmptsp", "pimpinan_unit", 0),  # signs the unit's Keputusan
    ("bupati", "bupati", None),  # signs the Keputusan Bupati
]


def seed_demo(session: Session) -> list[tuple[str, str, str]]:
    """Create the demo units and users when there is no user yet, and commit them.

    Returns (username, role, password) for each user created, else an empty list. Two
    servers starting at once on an empty database: one creates them; the other finds
    them, or its insert waits for that commit, fails on the unique names and is rolled
    back (nothing created twice, no crash).
    """
    if repo.count_users(session):
        return []
    try:
        created = _create_demo(session)
        session.commit()
    except IntegrityError:  # another process seeded first
        session.rollback()
        return []
    return created


def _create_demo(session: Session) -> list[tuple[str, str, str]]:
    units = [_unit(session, fields) for fields in DEMO_UNITS]
    created = []
    for username, role, index in DEMO_USERS:
        assert role in ROLES
        if repo.get_user(session, username) is not None:  # created by another process
            continue
        password = secrets.token_urlsafe(12)
        repo.create_user(session, username, password, role,
                         units[index].id if index is not None else None)
        created.append((username, role, password))
    return created


def _unit(session: Session, fields: dict):
    existing = [u for u in repo.list_units(session) if u.nama == fields["nama"]]
    return existing[0] if existing else repo.create_unit(session, **fields)
