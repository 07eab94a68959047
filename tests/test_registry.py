"""Walk the registry: every type has a model, a template, a sample, a schema, a form."""

import json

import pytest
from jsonschema import Draft202012Validator

from docgen.registry import REGISTRY
from docgen.render.engine import compile_template

TYPES = REGISTRY.names()


def test_registry_has_the_five_keputusan():
    assert {"sk-kbk", "sk-agen-perubahan", "sk-role-model", "sk-tim-pembinaan",
            "sk-core-values"} <= set(TYPES)


@pytest.mark.parametrize("name", TYPES)
def test_type_has_template_and_sample(name):
    doc_type = REGISTRY.get(name)
    assert doc_type.template.is_file(), f"missing template {doc_type.template}"
    assert doc_type.sample.is_file(), f"missing sample {doc_type.sample}"
    assert doc_type.title


@pytest.mark.parametrize("name", TYPES)
def test_sample_validates_against_model_and_schema(name):
    doc_type = REGISTRY.get(name)
    sample = doc_type.load_sample()
    doc_type.parse(sample)
    schema = doc_type.schema()
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(json.dumps(sample))))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("name", TYPES)
def test_template_variables_are_exactly_the_context(name):
    """A variable the context lacks would be a blank; one the template ignores is dead."""
    doc_type = REGISTRY.get(name)
    context = doc_type.context(doc_type.load_sample())
    variables = compile_template(doc_type.template).variables
    assert variables == set(context), (
        f"template-only: {variables - set(context)}, context-only: {set(context) - variables}")
