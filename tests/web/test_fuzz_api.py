"""Fuzz test (issue 10) of the JSON API: every registered document type rendered through
``POST /api/v1/documents/<type>/render`` with random and hostile values drawn from its
JSON Schema (``tests/fuzz_strategies.py``). Every answer is a sound DOCX/PDF carrying
the input, or JSON ``{"errors": [...]}`` naming fields (422; 403 only for a unit user's
input naming another unit; 400 only for a body that is not strict JSON: NaN, a lone
surrogate escape) — never a 500, never a corrupt file. The inputs are the same every
run; their number is added to the run's "fuzz: N inputs tried ..." line."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.accounts.access import require_own_unit
from docgen.errors import Forbidden
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.storage.seed import DEMO_UNITS
from docgen.web.outputs import DOCX_MIME
from tests import fuzz_checks as check
from tests.fuzz_strategies import (
    mostly_valid,
    mutated,
    png_declaring,
    valid_texts,
)
from tests.web.conftest import USERS, bearer, user_for_type

TYPES = REGISTRY.names()
API_EXAMPLES = 12  # per type, one request each
PDF_EXAMPLES = 2  # in all: each converts with LibreOffice (~1 s)
OWN_UNIT = DEMO_UNITS[0]["nama"]  # unit A of the web tests, the samples' unit
# The charts (the KBK's organisation chart) draw typed names with the installed fonts;
# a script they lack (Javanese, CJK) prints as boxes there, and matplotlib says so.
MISSING_GLYPH = "ignore:Glyph .* missing from font"


@pytest.fixture(scope="session")
def tally(pytestconfig) -> check.Tally:
    return check.tally_of(pytestconfig)


@pytest.fixture(scope="module")
def printed(settings):
    pipeline = Pipeline(settings)
    return {name: check.printed_fields(
        name, lambda data, name=name: pipeline.render_docx(name, data).docx)
        for name in TYPES}


@pytest.fixture()
def tokens(runner, world) -> dict[str, str]:
    """An API token of each test user who drafts some type (made with the CLI)."""
    made = {}
    for username in {user_for_type(name) for name in TYPES}:
        result = runner("create-token", username)
        assert result.exit_code == 0, result.output
        made[username] = result.output.strip()
    return made


def api_batch(type_name: str) -> st.SearchStrategy:
    """1-2 changes, mostly ones the schema allows: the render path wants documents."""
    return st.lists(mostly_valid(type_name), min_size=1, max_size=2)


def strict_json(data) -> bool:
    """JSON any parser takes: no NaN/Infinity, no lone surrogate."""
    try:
        json.dumps(data, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return False
    return True


def other_unit(type_name: str, data) -> str | None:
    """The 403 message a unit user's input naming another unit must get, else None."""
    if USERS[user_for_type(type_name)][1] is None:
        return None
    try:
        require_own_unit(data, OWN_UNIT)
    except Forbidden as exc:
        return exc.message
    return None


def post(client, token: str, type_name: str, payload, fmt: str = "docx"):
    body = json.dumps(payload)  # NaN and \ud800 escapes kept: what a hostile client sends
    return client.post(f"/api/v1/documents/{type_name}/render?format={fmt}", data=body,
                       content_type="application/json", headers=bearer(token))


def judge_api(app, type_name: str, response, payload, batch, printed) -> bool:
    """A 200 is a sound document carrying the input; anything else a JSON field error."""
    data = json.loads(json.dumps(payload))  # what the server read
    if response.status_code == 200:
        check.check_accepted(type_name, data, batch)
        if response.mimetype == DOCX_MIME:
            text = check.check_docx(response.data)
            check.check_shows(type_name, text, data, batch, printed)
        else:
            check.check_pdf(type_name, response.data, data, printed)
        return True
    body = response.get_json(silent=True)
    assert body and body.get("errors"), \
        f"{type_name}: {response.status_code} without JSON errors: {response.data[:300]!r}"
    errors = [(e["field"], e["message"]) for e in body["errors"]]
    status = response.status_code
    if status == 422:
        check.check_refusal(type_name, data, batch, errors)
    elif status == 403:
        assert [m for _, m in errors] == [other_unit(type_name, data)], \
            f"{type_name}: 403 {errors} ({batch})"
    elif status == 400:
        assert not strict_json(data), f"{type_name}: 400 {errors} for strict JSON ({batch})"
    elif status == 413:
        assert len(response.request.get_data()) > app.config["MAX_CONTENT_LENGTH"]
    else:
        raise AssertionError(f"{type_name}: HTTP {status} {errors} ({batch})")
    return False


@pytest.mark.filterwarnings(MISSING_GLYPH)
@pytest.mark.parametrize("type_name", TYPES)
@check.fuzz_settings(API_EXAMPLES, shrink=False)
@given(data=st.data())
def test_api_render_answers_a_document_or_field_errors(type_name, data, app, client, tokens,
                                                       tally, printed):
    batch = data.draw(api_batch(type_name), label="batch")
    payload = mutated(REGISTRY.get(type_name).load_sample(), batch)
    response = post(client, tokens[user_for_type(type_name)], type_name, payload)
    tally.add("api", type_name,
              judge_api(app, type_name, response, payload, batch, printed[type_name]))


@pytest.mark.filterwarnings(MISSING_GLYPH)
@check.fuzz_settings(PDF_EXAMPLES, shrink=False)
@given(data=st.data())
def test_api_render_pdf_of_hostile_input(data, app, client, tokens, tally, printed):
    """A few PDFs: hostile texts reach LibreOffice and a readable PDF comes back."""
    type_name, batch, payload = data.draw(valid_texts(), label="input")
    response = post(client, tokens[user_for_type(type_name)], type_name, payload, "pdf")
    assert response.mimetype == "application/pdf", response.data[:300]
    accepted = judge_api(app, type_name, response, payload, batch, printed[type_name])
    tally.add("api-pdf", type_name, accepted)


def test_api_refuses_a_photo_of_too_many_pixels(client, tokens):
    """Finding 5 through the JSON API: a PNG of a few hundred bytes declaring 12000x12000
    pixels in the monthly report's photos is refused naming the field, not decoded."""
    bomb = base64.b64encode(png_declaring(12000, 12000, b"\0" * 12001)).decode()
    payload = REGISTRY.get("laporan-bulanan-kbk").load_sample()
    payload["dokumentasi"][0]["foto"] = bomb
    response = post(client, tokens[user_for_type("laporan-bulanan-kbk")],
                    "laporan-bulanan-kbk", payload)
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["field"] == "dokumentasi[0].foto"
    # the size is named: nothing lowers Pillow's process-wide bomb limit any more
    assert error["message"] == ("gambar terlalu besar (12000\u00d712000 piksel); "
                                "batas 40 juta piksel")
