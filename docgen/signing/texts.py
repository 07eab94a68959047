"""The verification report in Indonesian words: rows (label, value, ok) shared by
``docgen verify`` and the ``/verifikasi`` page, and the one-line verdict."""

from __future__ import annotations

from docgen.signing.appearance import waktu
from docgen.signing.verify import Report, SignatureReport

Row = tuple[str, str, bool | None]  # ok: True good, False bad, None neutral


def verdict(report: Report) -> str:
    if report.error:
        return report.error
    if not report.signed:
        return "Berkas tidak memuat tanda tangan elektronik."
    if not report.ok:
        return "TIDAK SAH: berkas telah diubah setelah ditandatangani."
    if report.valid:
        return "SAH: tanda tangan utuh, mencakup seluruh berkas, sertifikat tepercaya."
    return ("Tanda tangan utuh dan mencakup seluruh berkas, tetapi sertifikatnya "
            "bermasalah (lihat di bawah).")


def archive_row(report: Report) -> Row | None:
    if report.archived is None:
        return None
    if report.archived:
        return ("Arsip", "sama persis dengan berkas yang diarsipkan docgen", True)
    return ("Arsip", "bukan berkas yang diarsipkan docgen (isi berbeda)", False)


def _yes(ok: bool, yes: str, no: str) -> tuple[str, bool]:
    return (yes, True) if ok else (no, False)


def rows(signature: SignatureReport) -> list[Row]:
    nip = f"NIP {signature.nip}" if signature.nip else "NIP tidak tercantum di sertifikat"
    when = (waktu(signature.signed_at) + (" (cap waktu TSA)" if signature.timestamped
                                          else " (menurut penanda tangan)")
            if signature.signed_at else "tidak tercantum")
    trusted = ("berakar pada sertifikat akar tepercaya" if signature.chain_to_trust_list
               else "TIDAK berakar pada daftar akar tepercaya (penanda tangan tidak dapat "
                    "dipastikan)")
    expired = (f"kedaluwarsa sejak {signature.not_after:%d-%m-%Y}" if signature.expired_now
               else f"berlaku s.d. {signature.not_after:%d-%m-%Y}")
    return [
        ("Penanda tangan", f"{signature.signer} ({nip})", None),
        ("Penerbit sertifikat", signature.issuer, None),
        ("Waktu tanda tangan", when, None),
        ("Keutuhan", *_yes(signature.intact, "utuh", "TIDAK UTUH: isi telah berubah")),
        ("Cakupan", *_yes(signature.whole_file, "seluruh berkas",
                          "berkas diubah atau ditambah setelah ditandatangani")),
        ("Rantai sertifikat", trusted, signature.chain_to_trust_list),
        ("Saat penandatanganan", *_yes(signature.valid_at_signing,
                                       "sertifikat berlaku",
                                       "sertifikat TIDAK berlaku (kedaluwarsa atau belum "
                                       "berlaku)")),
        ("Sertifikat kini", expired, not signature.expired_now and not signature.revoked),
        ("Data validasi", "tertanam dalam berkas (DSS)" if signature.validation_data
         else "tidak tertanam", None),
    ]


def lines(report: Report, name: str) -> list[str]:
    out = [f"Berkas: {name}", f"SHA-256: {report.sha256}"]
    archived = archive_row(report)
    if archived:
        out.append(f"{archived[0]}: {archived[1]}")
    for number, signature in enumerate(report.signatures, start=1):
        out.append(f"Tanda tangan {number} ({signature.field_name}):")
        out += [f"  {label}: {value}" for label, value, _ in rows(signature)]
    out.append(f"Kesimpulan: {verdict(report)}")
    return out
