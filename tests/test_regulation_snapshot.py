"""The regulation as an immutable snapshot value (issue 9 item 3).

Two snapshots render side by side (threads), a scored-card snapshot with a new code gets a
model with that field without a restart, the data check names a renamed code, and no
module-level mutable state is left in ``docgen.domain.regulation``.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest

from docgen.domain import regulation, scored_card
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from docgen.review.datachecks import check_regulation_data
from tests.conftest import docx_text

CHANGED_TUGAS = "menyusun rencana aksi UJI SNAPSHOT B implementasi budaya kerja;"
NEW_CODE = "integritas_3z"


def tugas_snapshot() -> Regulation:
    text = regulation.bundled_text("tugas").replace(
        "    - menyusun rencana aksi implementasi budaya kerja;", f"    - {CHANGED_TUGAS}")
    assert CHANGED_TUGAS in text
    return Regulation.from_texts({"tugas": text})


def scored_card_with_new_code() -> str:
    line = ('          - {kode: integritas_3, bobot: 4, teks: "Bersikap adil dan transparan '
            'dalam setiap penyelesaian masalah"}\n')
    text = regulation.bundled_text("scored_card")
    assert line in text
    half = line.replace("bobot: 4,", "bobot: 2,")  # the weights still add up to 20 and 100
    return text.replace(line, half + half.replace("integritas_3,", f"{NEW_CODE},"))


def messages(name: str, text: str, current: Regulation | None = None) -> list[str]:
    return [p.message for p in check_regulation_data(name, text, current)]


# -- two snapshots at once -------------------------------------------------------------
def test_two_snapshots_rendered_alternately_in_threads_give_two_documents(docx_pipeline):
    bundled, changed = Regulation.bundled(), tugas_snapshot()
    data = REGISTRY.get("sk-kbk").load_sample()

    def render(snapshot: Regulation) -> str:
        return docx_text(docx_pipeline.render_docx("sk-kbk", data, regulation=snapshot).docx)

    order = [bundled, changed] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(render, order))
    for snapshot, text in zip(order, texts, strict=True):
        assert (CHANGED_TUGAS in text) is (snapshot is changed)
        assert "UJI SNAPSHOT B" not in text or snapshot is changed
    assert bundled.butir("kbk")[0] != changed.butir("kbk")[0]  # the bundled one unchanged


def test_snapshots_are_values_with_their_own_caches():
    bundled = Regulation.bundled()
    assert Regulation.bundled() is bundled and Regulation.from_texts({}) is bundled
    with pytest.raises(dataclasses.FrozenInstanceError):
        bundled.texts = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        bundled.texts["tugas"] = ""  # type: ignore[index]
    changed = tugas_snapshot()
    assert changed.load("tugas") is changed.load("tugas")  # parsed once per snapshot
    assert changed.load("tugas") is not bundled.load("tugas")
    assert changed.load("scored_card") == bundled.load("scored_card")
    assert changed.fingerprint() != bundled.fingerprint()
    assert Regulation.from_texts({"tugas": changed.source("tugas")}).fingerprint() == \
        changed.fingerprint()
    with pytest.raises(KeyError, match="tidak dikenal"):
        Regulation.from_texts({"tidak_ada": "x: 1"})


def test_keputusan_defaults_come_from_the_snapshot_in_the_validation_context():
    doc_type = REGISTRY.get("sk-role-model")
    data = doc_type.load_sample()
    data.pop("menimbang", None)
    text = regulation.bundled_text("keputusan_default")
    first = Regulation.bundled().load("keputusan_default")["sk-role-model"]["menimbang"][0]
    assert f"    - {first}\n" in text
    changed = Regulation.from_texts({"keputusan_default": text.replace(
        f"    - {first}\n", f"    - UJI_MENIMBANG {first}\n")})
    assert doc_type.parse(data, changed).menimbang[0].startswith("UJI_MENIMBANG")
    assert doc_type.parse(data).menimbang == doc_type.parse(data, Regulation.bundled()).menimbang
    assert not doc_type.parse(data).menimbang[0].startswith("UJI_MENIMBANG")


# -- a new scored-card code without restart --------------------------------------------
def test_a_scored_card_snapshot_with_a_new_code_gets_a_model_with_that_field():
    doc_type = REGISTRY.get("scored-card")
    snapshot = Regulation.from_texts({"scored_card": scored_card_with_new_code()})
    model = doc_type.model_for(snapshot)
    assert NEW_CODE in model.model_fields["capaian"].annotation.model_fields
    assert NEW_CODE not in doc_type.model.model_fields["capaian"].annotation.model_fields
    assert doc_type.model_for(Regulation.from_texts(
        {"scored_card": snapshot.source("scored_card")})) is model  # cached by text
    assert NEW_CODE in doc_type.schema(snapshot)["$defs"]["CapaianScoredCard"]["required"]

    sample = doc_type.load_sample()
    with pytest.raises(InputError) as info:
        doc_type.parse(sample, snapshot)
    assert {e.field for e in info.value.errors} == {f"capaian.{NEW_CODE}"}
    data = {**sample, "capaian": {**sample["capaian"], NEW_CODE: 50}}
    context = doc_type.context(data, snapshot)
    rows = [row for group in context["nilai"] for row in group["baris"]]
    assert len(rows) == len(scored_card.sub_unsur_list(Regulation.bundled())) + 1
    assert doc_type.context(sample)["total"] == doc_type.context(sample, Regulation.bundled())[
        "total"]


# -- the data check ---------------------------------------------------------------------
def test_a_renamed_scored_card_code_is_refused_by_name():
    text = regulation.bundled_text("scored_card").replace(
        "{kode: integritas_3,", "{kode: integritas_tiga,")
    found = messages("scored_card", text)
    assert any("'integritas_3' dihapus atau diganti namanya" in m for m in found), found
    assert not any("integritas_tiga" in m for m in found)


def test_a_code_added_by_the_version_in_use_may_not_be_dropped_again():
    added = scored_card_with_new_code()
    assert messages("scored_card", added) == []  # adding is fine
    in_use = Regulation.from_texts({"scored_card": added})
    found = messages("scored_card", regulation.bundled_text("scored_card"), in_use)
    assert len(found) == 1 and f"'{NEW_CODE}'" in found[0]


def test_a_tugas_key_a_builder_reads_is_refused_by_name():
    text = regulation.bundled_text("tugas").replace("kbk_ketua:", "kbk_ketua_baru:")
    found = messages("tugas", text)
    assert len(found) == 1
    assert "kunci 'kbk_ketua' dihapus atau diganti namanya" in found[0]
    assert "sk-kbk" in found[0]


def test_a_keputusan_type_and_a_cited_legal_basis_may_not_disappear():
    text = regulation.bundled_text("keputusan_default").replace("sk-role-model:", "sk-rm:")
    found = messages("keputusan_default", text)
    assert any("jenis Keputusan 'sk-role-model'" in m for m in found), found
    cited = Regulation.bundled().load("keputusan_default")["sk-kbk"]["mengingat"][0]
    bases = regulation.bundled_text("dasar_hukum").replace(f"\n{cited}:", f"\n{cited}_x:")
    found = messages("dasar_hukum", bases)
    assert any(f"dasar hukum '{cited}' dihapus" in m for m in found), found


# -- no module-level mutable state -----------------------------------------------------
def test_no_module_level_mutable_regulation_state():
    for name in ("set_overrides", "overrides", "load", "derived", "_overrides", "_derived",
                 "butir", "scored_card", "istilah", "keputusan_default"):
        assert not hasattr(regulation, name), name
    from docgen.render import engine
    from docgen.review import catalog

    assert not hasattr(engine, "regulation")
    for name in ("sync_regulation", "reset_regulation", "data_stamp", "_applied"):
        assert not hasattr(catalog, name), name
