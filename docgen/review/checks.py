"""Would an uploaded DOCX be accepted as a new version of a document type's template?

``check_template(type_name, data)`` runs every check an upload must pass, in order, and
stops at the first stage that makes the later ones meaningless:

1. the type exists; 2. the file is a real, macro-free DOCX within the size limits (read
through ``safezip``: zip bombs stopped without trusting headers, member names with
``..``, a leading ``/``, backslashes or drive letters refused); 3. every XML part is
well-formed and no part at all (whatever its name) carries a DTD; 4. the Jinja syntax
compiles (through the engine, as real renders do); 5. the code is safe and bounded
(``codechecks``: no Python internals, no ``|safe``, no recursion or unbounded loops);
6. every variable exists in the type's context; 7. the template renders, within the
production render budget, with the sample and with inputs made from it (``contexts``:
minimal data, longest lists), and each result is well-formed XML.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from jinja2.exceptions import SecurityError, UndefinedError

from docgen.config import Settings
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType
from docgen.render import figures
from docgen.render.engine import CompiledTemplate, TemplateRenderError
from docgen.review import contexts, ooxml
from docgen.review.codechecks import code_problems, line_text, paragraph_with
from docgen.review.problems import Problem
from docgen.review.safezip import UnsafeArchive, read_members
from docgen.review.sandbox import (
    SECURITY_MESSAGE,
    BudgetExceeded,
    MeteredEnvironment,
    TooBig,
    make_environment,
)
from docgen.review.wording import paragraphs

_MACRO_MARKERS = ("macroenabled", "vbaproject", "activex", "vnd.ms-office.vba")


@dataclass(frozen=True)
class CheckReport:
    type_name: str
    sha256: str
    size: int
    problems: tuple[Problem, ...] = ()
    variables: frozenset[str] = field(default_factory=frozenset)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """One Indonesian line per problem (what the CLI prints)."""
        return [str(p) for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type_name, "sha256": self.sha256, "size": self.size,
                "ok": self.ok, "problems": [p.to_dict() for p in self.problems],
                "variables": sorted(self.variables)}


def check_template(type_name: str, data: bytes, settings: Settings | None = None
                   ) -> CheckReport:
    """Every reason ``data`` cannot become a new template version of ``type_name``."""
    digest = hashlib.sha256(data).hexdigest()
    problems, variables = _run_checks(type_name, data, settings or Settings())
    return CheckReport(type_name=type_name, sha256=digest, size=len(data),
                       problems=tuple(problems), variables=frozenset(variables))


def _run_checks(type_name: str, data: bytes, settings: Settings
                ) -> tuple[list[Problem], set[str]]:
    if type_name not in REGISTRY:
        return [Problem("type", f"jenis dokumen tidak dikenal: {type_name}")], set()
    doc_type = REGISTRY.get(type_name)
    try:
        problems = _package_problems(read_members(data))
    except UnsafeArchive as exc:
        problems = [Problem(exc.code, exc.message)]
    if problems:
        return problems, set()
    env = make_environment()
    compiled, problems = _compile(data, env)
    if compiled is None:
        return problems, set()
    texts = paragraphs(data)
    variables = compiled.variables
    problems = (code_problems(compiled, texts)
                or _variable_problems(doc_type, variables, env, texts)
                or _render_problems(doc_type, compiled, settings, texts))
    return problems, variables


def _compile(data: bytes, env: MeteredEnvironment
             ) -> tuple[CompiledTemplate | None, list[Problem]]:
    """Compile through the engine (as real renders do); syntax errors name their paragraph."""
    try:
        return CompiledTemplate(data, env), []
    except TemplateRenderError as exc:
        cause = exc.__cause__
        message = str(cause or exc).splitlines()[0]
        context = line_text(getattr(cause, "source", None), getattr(cause, "lineno", None))
        return None, [Problem("syntax", f"sintaks templat salah: {message}",
                              context or exc.context_text)]
    except Exception as exc:  # python-docx/docxtpl refuse an odd package
        return None, [Problem("format", f"berkas tidak dapat dibuka sebagai templat: {exc}")]


# -- package ---------------------------------------------------------------------------

def _package_problems(members: dict[str, bytes]) -> list[Problem]:
    for required in (ooxml.CONTENT_TYPES, ooxml.DOCUMENT):
        if required not in members:
            return [Problem("format", f"berkas bukan dokumen Word .docx ({required} tidak ada)")]
    problems = [Problem("xml", str(exc)) for exc in _xml_errors(members)]
    if problems:
        return problems
    types = [t.lower() for t in ooxml.content_types(members)]
    names = [n.lower() for n in members]
    if any(m in t for t in types for m in _MACRO_MARKERS) or any(
            "vbaproject" in n or "activex" in n for n in names):
        return [Problem("macro", "berkas memuat makro (.docm/VBA/ActiveX); simpan sebagai "
                                 "Dokumen Word .docx tanpa makro")]
    if ooxml.main_content_type(members) != ooxml.MAIN_TYPE:
        return [Problem("format", "berkas bukan Dokumen Word .docx (mungkin .dotx/.docm); "
                                  "simpan ulang sebagai \u201cWord Document (.docx)\u201d")]
    return []


def _xml_errors(members: dict[str, bytes]) -> list[ooxml.XmlProblem]:
    errors = [ooxml.XmlProblem(f"{name} memuat deklarasi DTD/DOCTYPE yang tidak diizinkan")
              for name in ooxml.doctype_members(members)]
    for name, payload in members.items():
        if name.lower().endswith((".xml", ".rels")) and name not in \
                ooxml.doctype_members({name: payload}):
            try:
                ooxml.parse_xml(payload, name)
            except ooxml.XmlProblem as exc:
                errors.append(exc)
    return errors


# -- variables -------------------------------------------------------------------------

def _variable_problems(doc_type: DocumentType, variables: set[str], env: MeteredEnvironment,
                       texts: list[str]) -> list[Problem]:
    known = set(_sample_context(doc_type)) | set(env.globals)
    return [Problem("unknown_variable",
                    f"variabel \u201c{name}\u201d tidak dikenal untuk jenis {doc_type.name} "
                    f"(variabel yang tersedia: {', '.join(sorted(known - set(env.globals)))})",
                    paragraph_with(texts, name))
            for name in sorted(variables - known)]


# -- rendering -------------------------------------------------------------------------

def _sample_context(doc_type: DocumentType) -> dict[str, Any]:
    return doc_type.context(doc_type.load_sample(), Regulation.bundled())


def _render_problems(doc_type: DocumentType, compiled: CompiledTemplate,
                     settings: Settings, texts: list[str]) -> list[Problem]:
    """Render the sample, then the inputs made from it; the first failure's problems."""
    regulation = Regulation.bundled()
    try:
        sample = figures.resolve(_sample_context(doc_type), settings)
        made = [(label, contexts.context(doc_type, raw, regulation))
                for label, raw in contexts.inputs(doc_type, regulation)[1:]]
    except Exception as exc:
        return [Problem("sample", f"data contoh jenis {doc_type.name} tidak dapat "
                                  f"disiapkan: {exc}")]
    for label, context in [("data contoh", sample), *made]:
        try:
            output = compiled.render(context, settings.paper, regulation.emphasis())
        except TemplateRenderError as exc:
            return [_labelled(_render_problem(exc, _render_context(exc, compiled)), label)]
        problems = _output_problems(output, texts)
        if problems:
            return [_labelled(problem, label) for problem in problems]
    return []


def _labelled(problem: Problem, label: str) -> Problem:
    if label == "data contoh":
        return problem
    return Problem(problem.code, f"{problem.message} (saat dirender dengan {label})",
                   problem.context)


def _render_problem(exc: TemplateRenderError, context: str) -> Problem:
    cause = exc.__cause__
    if isinstance(cause, TooBig):
        return Problem("security", str(cause), context)
    if isinstance(cause, BudgetExceeded):
        return Problem("resource", str(cause), context)
    if isinstance(cause, SecurityError):
        return Problem("security", f"{SECURITY_MESSAGE} ({cause})", context)
    if isinstance(cause, UndefinedError):
        return Problem("undefined", _undefined_message(str(cause)), context)
    if isinstance(cause, MemoryError):
        return Problem("resource", "templat menghasilkan dokumen terlalu besar (memori "
                                   "melebihi batas); berkas ditolak", context)
    return Problem("render", f"templat gagal dirender dengan data contoh: {cause}", context)


def _render_context(exc: TemplateRenderError, compiled: CompiledTemplate) -> str:
    """The text of the paragraph (source line) the failing template code is on."""
    lineno, tb = None, (exc.__cause__ or exc).__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    for part in compiled.parts:
        if f"({part.name})" in str(exc):
            return line_text(part.source, lineno) or exc.context_text
    return exc.context_text


def _undefined_message(text: str) -> str:
    attribute = re.search(r"has no attribute '([^']+)'", text)
    if attribute:
        return (f"nilai \u201c{attribute.group(1)}\u201d tidak ada pada data jenis ini "
                f"({text})")
    name = re.search(r"'([^']+)' is undefined", text)
    if name:
        return f"variabel \u201c{name.group(1)}\u201d tidak terdefinisi"
    return f"templat memakai nilai yang tidak ada: {text}"


def _output_problems(output: bytes, texts: list[str]) -> list[Problem]:
    """The rendered parts must still be well-formed XML (``|safe`` can break them)."""
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        errors = []
        for name in names:
            try:
                ooxml.parse_xml(archive.read(name), name)
            except ooxml.XmlProblem as exc:
                errors.append(Problem("render", f"hasil render tidak valid: {exc}; templat "
                                      "menyisipkan XML mentah (mis. dengan filter |safe)",
                                      paragraph_with(texts, "safe")))
    return errors
