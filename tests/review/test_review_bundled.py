"""Bundled files are registered by content: re-zipping or other line endings are no change."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.review.archive import sha256
from docgen.review.canonical import canonical_parts, same_template, same_text
from docgen.storage import Database, review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow


@pytest.fixture()
def database(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'docgen.sqlite'}")
    database.migrate()
    yield database
    database.dispose()


def rezipped(data: bytes) -> bytes:
    """The same members in reverse order, other timestamps, stored instead of deflated, and
    the core properties' dates changed (metadata, not wording)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in reversed(source.infolist()):
            payload = source.read(info)
            if info.filename == "docProps/core.xml":
                payload = payload.replace(b"2024-01-01", b"2031-07-15")
            copy = zipfile.ZipInfo(info.filename, date_time=(2031, 7, 15, 10, 30, 0))
            target.writestr(copy, payload, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def register(database, model, key, content):
    digest = sha256(content if isinstance(content, bytes) else content.encode("utf-8"))
    with database.sessions() as session:
        added = review_repo.register_bundled(session, model, {key: (content, digest)})
        rows = review_repo.versions(session, model, key)
        return ([(r.number, r.status, r.author) for r in added],
                [(r.number, r.status, r.author, r.sha256) for r in rows])


def test_rezipped_template_with_the_same_content_is_no_new_version(database, sk_kbk):
    other = rezipped(sk_kbk)
    assert other != sk_kbk and same_template(other, sk_kbk)
    core = "docProps/core.xml"
    assert canonical_parts(other)[core] != canonical_parts(sk_kbk)[core]  # metadata differs
    assert register(database, TemplateVersionRow, "sk-kbk", sk_kbk)[0] == [
        (1, "approved", "sistem")]
    added, rows = register(database, TemplateVersionRow, "sk-kbk", other)
    assert added == []
    assert rows == [(1, "approved", "sistem", sha256(sk_kbk))]  # the bytes' SHA-256 kept


def test_changed_wording_becomes_a_sistem_draft(database, sk_kbk, replace_paragraph):
    reworded = replace_paragraph("KEPUTUSAN", "KEPUTUSAN YANG DIUBAH")
    assert not same_template(reworded, sk_kbk)
    register(database, TemplateVersionRow, "sk-kbk", sk_kbk)
    added, rows = register(database, TemplateVersionRow, "sk-kbk", reworded)
    assert added == [(2, "draft", "sistem")]
    assert rows[0] == (2, "draft", "sistem", sha256(reworded))


def test_data_set_with_other_line_endings_is_no_new_version(database):
    text = "a: 1\nb:\n  - dua\n"
    assert same_text(text.replace("\n", "\r\n"), text)
    register(database, DataVersionRow, "istilah", text)
    assert register(database, DataVersionRow, "istilah", text.replace("\n", "\r\n"))[0] == []
    added, _ = register(database, DataVersionRow, "istilah", text.replace("dua", "tiga"))
    assert added == [(2, "draft", "sistem")]


def test_non_zip_content_never_equals_a_template(sk_kbk):
    assert same_template(b"older release", b"older release")
    assert not same_template(b"older release", sk_kbk)
    assert not same_template(sk_kbk, b"older release")


def test_xml_parts_compare_canonically(sk_kbk):
    """Attribute order and namespace declarations do not matter; whitespace in text does."""
    a = b'<r xmlns:x="urn:x"><x:p b="2" a="1">teks</x:p></r>'
    b = b'<r xmlns:x="urn:x"><x:p  a="1"   b="2">teks</x:p></r>'
    c = b'<r xmlns:x="urn:x"><x:p a="1" b="2">teks </x:p></r>'

    def package(xml: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            target.writestr("word/document.xml", xml)
        return out.getvalue()

    assert same_template(package(a), package(b))
    assert not same_template(package(a), package(c))
