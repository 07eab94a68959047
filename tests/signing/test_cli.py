"""The signing commands: set-certificate (passphrase on stdin), trust-root add/list/
remove, verify (exit 0 only for a signed file whose every signature is intact and covers
the whole file; the signer named even under an untrusted root)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.signing.pades import sign_pdf
from tests.signing import ca
from tests.signing.conftest import appearance, now, simple_signer


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_set_certificate_reads_the_passphrase_from_stdin(run, tmp_path, root, signer_cert):
    p12 = tmp_path / "ttd.p12"
    p12.write_bytes(signer_cert.p12(chain=(root,)))
    assert run("create-user", "kepala", "--role", "admin_kabupaten",
               input="Kalimanah2026sore\n").exit_code == 0
    refused = run("set-certificate", "kepala", str(p12), input="salah\n")
    assert refused.exit_code == 1 and "frasa sandi salah" in refused.output
    done = run("set-certificate", "kepala", str(p12), input=ca.PASSPHRASE + "\n")
    assert done.exit_code == 0, done.output
    assert "Drs. BUDI SANTOSO, M.Si. (NIP 197501012000031001)" in done.output
    assert ca.PASSPHRASE not in done.output
    assert run("set-certificate", "tidak-ada", str(p12), input="x\n").exit_code == 1


def test_trust_roots_and_verify_exit_codes(run, tmp_path, final_pdf, root, other_root,
                                           signer_cert):
    pem = tmp_path / "root.pem"
    pem.write_bytes(root.pem)
    added = run("trust-root", "add", str(pem))
    assert added.exit_code == 0 and "Root CA Uji Purbalingga" in added.output
    assert "sudah ada" in run("trust-root", "add", str(pem)).output
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(signer_cert.pem)
    assert "bukan sertifikat CA" in run("trust-root", "add", str(leaf)).output
    assert "Root CA Uji Purbalingga" in run("trust-root", "list").output

    signed = tmp_path / "sk-ttd.pdf"
    signed.write_bytes(sign_pdf(final_pdf, simple_signer(signer_cert, root),
                                appearance(signer_cert), when=now(),
                                trust_roots=[root.cert]).pdf)
    good = run("verify", str(signed))
    assert good.exit_code == 0, good.output
    for text in ("Penanda tangan: Drs. BUDI SANTOSO, M.Si. (NIP 197501012000031001)",
                 "Keutuhan: utuh", "Cakupan: seluruh berkas",
                 "Rantai sertifikat: berakar pada sertifikat akar tepercaya", "Kesimpulan: SAH"):
        assert text in good.output
    changed = tmp_path / "diubah.pdf"
    data = bytearray(signed.read_bytes())
    data[len(final_pdf) // 3] ^= 0x01
    changed.write_bytes(bytes(data))
    bad = run("verify", str(changed))
    assert bad.exit_code == 1 and "TIDAK SAH" in bad.output
    unsigned = tmp_path / "final.pdf"
    unsigned.write_bytes(final_pdf)
    none = run("verify", str(unsigned))
    assert none.exit_code == 1 and "tidak memuat tanda tangan elektronik" in none.output

    foreign = tmp_path / "asing.pdf"
    stranger = ca.signer(other_root, "ORANG LAIN", "198001012005011002")
    foreign.write_bytes(sign_pdf(final_pdf, simple_signer(stranger, other_root),
                                 appearance(stranger), when=now(), trust_roots=[]).pdf)
    untrusted = run("verify", str(foreign))
    assert untrusted.exit_code == 0  # intact and whole: the root is reported, not fatal
    assert "ORANG LAIN (NIP 198001012005011002)" in untrusted.output
    assert "TIDAK berakar pada daftar akar tepercaya" in untrusted.output

    fingerprint = run("trust-root", "list").output.split("sha256 ")[1][:12]
    assert run("trust-root", "remove", fingerprint).exit_code == 0
    assert "TIDAK berakar" in run("verify", str(signed)).output


def test_trust_roots_from_the_setting(run, tmp_path, monkeypatch, final_pdf, root,
                                      signer_cert):
    signed = tmp_path / "sk-ttd.pdf"
    signed.write_bytes(sign_pdf(final_pdf, simple_signer(signer_cert, root),
                                appearance(signer_cert), when=now(), trust_roots=[]).pdf)
    assert "TIDAK berakar" in run("verify", str(signed)).output
    pem = tmp_path / "akar.pem"
    pem.write_bytes(root.pem)
    monkeypatch.setenv("DOCGEN_TRUST_ROOTS", str(pem))
    assert "Kesimpulan: SAH" in run("verify", str(signed)).output
    assert "(DOCGEN_TRUST_ROOTS)" in run("trust-root", "list").output
    monkeypatch.setenv("DOCGEN_TRUST_ROOTS", str(tmp_path / "tidak-ada.pem"))
    refused = run("verify", str(signed))
    assert refused.exit_code == 2 and "DOCGEN_TRUST_ROOTS" in refused.output
