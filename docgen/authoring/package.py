"""The template files, written deterministically: the same builders give the same bytes.

python-docx stamps every ZIP member with the time of saving; here the package is rewritten
with a fixed member order ([Content_Types].xml, _rels/.rels, then by name), a fixed
timestamp and fixed compression, and the core properties (author, title, created,
modified, revision) are fixed too. Running ``python -m docgen.authoring`` twice gives
byte-identical files, so a deployment registers no new "sistem" version of an unchanged
template (``docgen.storage.review_repo.register_bundled``).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docgen.registry import REGISTRY

AUTHOR = "docgen"
AUTHORED = dt.datetime(2024, 1, 1)  # core properties created/modified (UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest ZIP timestamp
COMPRESSLEVEL = 6
FIRST = ("[Content_Types].xml", "_rels/.rels")


def author_template(name: str) -> bytes:
    """The DOCX bytes of the template of ``name``, as ``python -m docgen.authoring`` writes."""
    from docgen.authoring import builders

    doc = builders()[name]()
    props = doc.core_properties
    props.title = REGISTRY.get(name).title
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = AUTHORED
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """The same members rewritten in a fixed order with fixed timestamps and compression."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()
                   if not info.is_dir()}
    order = sorted(members, key=lambda name: (FIRST.index(name) if name in FIRST
                                              else len(FIRST), name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, whatever the platform writing it
            info.external_attr = 0
            target.writestr(info, members[name], compresslevel=COMPRESSLEVEL)
    return out.getvalue()
