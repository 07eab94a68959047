"""Fuzz test (issue 10): every registered document type fed random and hostile values
through the shared validation layer (``DocumentType.parse`` + the domain computations)
and through ``docgen render``. Every answer is a sound DOCX/PDF carrying the input or a
refusal naming fields (exit 2, one ``field: message`` line each, nothing written) —
never a corrupt file, never a traceback. The inputs are drawn from each type's JSON
Schema (``tests/fuzz_strategies.py``), the same every run; the number tried is printed
at the end of the run ("fuzz: N inputs tried ...")."""

from __future__ import annotations

import base64
import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from docgen.cli import cli
from docgen.domain.errors import InputError
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from tests import fuzz_checks as check
from tests.fuzz_strategies import (
    mostly_valid,
    mutated,
    mutations,
    png_declaring,
    valid_texts,
)

TYPES = REGISTRY.names()
PARSE_EXAMPLES = 130  # per type, each 1-11 inputs (each change alone, then all together)
CLI_EXAMPLES = 12  # per type, one `docgen render ... -o x.docx` each
PDF_EXAMPLES = 3  # in all: each converts with LibreOffice (~1 s)
# The charts (the KBK's organisation chart) draw typed names with the installed fonts;
# a script they lack (Javanese, CJK) prints as boxes there, and matplotlib says so.
MISSING_GLYPH = "ignore:Glyph .* missing from font"


@pytest.fixture(scope="session")
def tally(pytestconfig) -> check.Tally:
    return check.tally_of(pytestconfig)


@pytest.mark.parametrize("type_name", TYPES)
@check.fuzz_settings(PARSE_EXAMPLES)
@given(data=st.data())
def test_validation_accepts_or_refuses_by_field(type_name, data, tally):
    sample = REGISTRY.get(type_name).load_sample()
    batch = data.draw(st.lists(mutations(type_name), min_size=1, max_size=11), label="batch")
    for mutation in batch:
        tally.add("validation", type_name,
                  check.judge_parse(type_name, mutated(sample, [mutation]), [mutation]))
    if len(batch) > 1:
        tally.add("validation", type_name,
                  check.judge_parse(type_name, mutated(sample, batch), batch))


# --- docgen render ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def printed(settings):
    """type -> the sample's text places its document prints."""
    pipeline = Pipeline(settings)
    return {name: check.printed_fields(
        name, lambda data, name=name: pipeline.render_docx(name, data).docx)
        for name in TYPES}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-cli")


def cli_batch(type_name: str) -> st.SearchStrategy:
    """1-2 changes, mostly ones the schema allows: the render path wants documents."""
    return st.lists(mostly_valid(type_name), min_size=1, max_size=2)


def run_render(workdir, env, type_name: str, payload, suffix: str):
    """``docgen render TYPE input.json -o out.<suffix>``: (result, target, loaded input)."""
    source, target = workdir / "input.json", workdir / f"out{suffix}"
    target.unlink(missing_ok=True)
    source.write_text(json.dumps(payload), encoding="utf-8")  # NaN, \ud800 escapes kept
    result = CliRunner().invoke(cli, ["render", type_name, str(source), "-o", str(target)],
                                env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"docgen render raised {result.exception!r}") \
            from result.exception
    return result, target, json.loads(source.read_text(encoding="utf-8"))


def judge_render(type_name, result, target, data, batch, printed) -> bool:
    """An exit-0 render wrote a sound document carrying the input; an exit-2 one wrote
    nothing and printed the validation layer's field errors, one per line."""
    lines = [line for line in result.stderr.splitlines() if not line.startswith("peringatan")]
    if result.exit_code == 0:
        check.check_accepted(type_name, data, batch)
        assert not lines, f"{type_name}: exit 0 but {lines}"
        if target.suffix == ".docx":
            text = check.check_docx(target.read_bytes())
            check.check_shows(type_name, text, data, batch, printed)
        return True
    assert result.exit_code == 2, f"{type_name}: exit {result.exit_code}: {result.output}"
    assert not target.exists(), f"{type_name}: refused, but {target.name} was written"
    with pytest.raises(InputError) as refused:  # what the validation layer says, verbatim
        REGISTRY.get(type_name).parse(data)
    errors = refused.value.errors
    assert lines == [str(e) for e in errors], f"{type_name}: {result.stderr}"
    check.check_refusal(type_name, data, batch, [(e.field, e.message) for e in errors])
    return False


@pytest.mark.filterwarnings(MISSING_GLYPH)
@pytest.mark.parametrize("type_name", TYPES)
@check.fuzz_settings(CLI_EXAMPLES, shrink=False)
@given(data=st.data())
def test_cli_render_writes_a_document_or_names_fields(type_name, data, tally, printed,
                                                     workdir):
    batch = data.draw(cli_batch(type_name), label="batch")
    payload = mutated(REGISTRY.get(type_name).load_sample(), batch)
    env = {"DOCGEN_DATA_DIR": str(workdir / "data")}
    result, target, loaded = run_render(workdir, env, type_name, payload, ".docx")
    tally.add("cli", type_name,
              judge_render(type_name, result, target, loaded, batch, printed[type_name]))


@pytest.mark.filterwarnings(MISSING_GLYPH)
@check.fuzz_settings(PDF_EXAMPLES, shrink=False)
@given(data=st.data())
def test_cli_render_pdf_of_hostile_input(data, tally, printed, workdir, converter):
    """A few PDFs: hostile texts reach LibreOffice and a readable PDF comes back."""
    type_name, batch, payload = data.draw(valid_texts(), label="input")
    env = {"DOCGEN_DATA_DIR": str(workdir / "data"), "DOCGEN_CONVERTER_EXTERNAL": "1",
           "DOCGEN_CONVERTER_PORT": str(converter._port)}
    result, target, loaded = run_render(workdir, env, type_name, payload, ".pdf")
    assert judge_render(type_name, result, target, loaded, batch, printed[type_name])
    check.check_pdf(type_name, target.read_bytes(), loaded, printed[type_name])
    tally.add("cli-pdf", type_name, True)


# --- what the fuzzer found, kept as focused regressions -----------------------------------
def _refusal(type_name: str, change) -> list[str]:
    data = REGISTRY.get(type_name).load_sample()
    change(data)
    with pytest.raises(InputError) as info:
        REGISTRY.get(type_name).parse(data)
    return [str(e) for e in info.value.errors]


def test_lone_surrogate_is_refused_in_indonesian_naming_the_field(workdir):
    """JSON "\\ud800" reaches pydantic as a lone surrogate; it was refused in English."""
    assert _refusal("sk-kbk", lambda d: d.update(yel_yel="Maju\ud800terus")) == [
        "yel_yel: teks berisi karakter yang tidak diizinkan (U+D800) pada posisi 5"]
    payload = REGISTRY.get("sk-kbk").load_sample() | {"nomor": "800/\udfff"}
    result, target, _ = run_render(workdir, {"DOCGEN_DATA_DIR": str(workdir / "data")},
                                   "sk-kbk", payload, ".docx")
    assert result.exit_code == 2 and not target.exists()
    assert result.stderr == ("nomor: teks berisi karakter yang tidak diizinkan (U+DFFF) "
                             "pada posisi 5\n")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused_in_indonesian(value):
    message = "harus berupa angka biasa (bukan NaN atau tak hingga)"
    assert _refusal("rencana-tindak", lambda d: d.update(tahun=value)) == [f"tahun: {message}"]
    assert _refusal("kuesioner-evaluasi", lambda d: d["jawaban"].__setitem__(0, value)) == [
        f"jawaban[0]: {message}"]


def test_huge_answer_is_not_repeated_back():
    assert _refusal("kuesioner-evaluasi", lambda d: d["jawaban"].__setitem__(2, 10**400)) == [
        "jawaban: nilai jawaban harus 1\u20134: pertanyaan nomor 3 bernilai angka di luar "
        "rentang"]


def test_typed_codes_stay_one_line_in_field_paths_and_messages():
    """A Form B code with a line break or a control character, or 400 characters long,
    is escaped and shortened where a refusal repeats it (it broke the CLI's one line per
    error, and put raw control characters in the API's JSON)."""
    def add_key(key):
        return lambda d: d["prioritas"].update({key: next(iter(d["prioritas"].values()))})

    assert _refusal("kbk-form-b", add_key("M1\nX")) == [
        "prioritas[\"M1\\nX\"]: tidak ada masalah berkode 'M1\\nX' di Form B-1"]
    assert _refusal("kbk-form-b", add_key("M\x001")) == [
        'prioritas["M\\u00001"].[key]: teks berisi karakter yang tidak diizinkan (U+0000) '
        "pada posisi 2"]
    [long] = _refusal("kbk-form-b", add_key("M" * 400))
    assert long.startswith('prioritas["' + "M" * 60 + '\u2026"]: maksimal 500 karakter') \
        or long.startswith('prioritas["' + "M" * 60 + '\u2026"]: tidak ada masalah')
    assert len(long) < 200
    agen = _refusal("sk-agen-perubahan", lambda d: d["agen"][0].update(
        nama="DEWI\u202e LESTARI", kriteria=d["agen"][0]["kriteria"] | {"a": False}))
    assert agen[0].startswith("agen[0].kriteria: DEWI\\u202e LESTARI tidak memenuhi kriteria a")


@pytest.mark.parametrize(("size", "message"), [
    # Pillow's process-wide bomb limit is left at its default (no path lowers it any
    # more), so the size is named whichever tests ran before
    ((12000, 12000), r"gambar terlalu besar \(12000\u00d712000 piksel\); batas 40 juta piksel"),
    ((7000, 7000), r"gambar terlalu besar \(7000\u00d77000 piksel\); batas 40 juta piksel")])
def test_photo_of_too_many_pixels_is_refused_before_decoding(monkeypatch, size, message):
    """A PNG of a few hundred bytes declaring 12000x12000 pixels was decoded (144 MB of
    memory) and accepted; photos now have the uploads' 40-million-pixel cap."""
    from PIL import ImageFile

    def no_decoding(self):
        raise AssertionError("the image was decoded")

    bomb = base64.b64encode(png_declaring(*size, b"\0" * (size[0] + 1))).decode()
    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)

    def only_the_bomb(data):
        data["dokumentasi"] = [data["dokumentasi"][0] | {"foto": bomb}]

    refusal = _refusal("laporan-bulanan-kbk", only_the_bomb)
    assert len(refusal) == 1 and re.fullmatch(f"dokumentasi\\[0\\]\\.foto: {message}",
                                              refusal[0]), refusal
