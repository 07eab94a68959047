"""python -m docgen.authoring [TYPE ...]: write the first version of the templates."""

from __future__ import annotations

import sys

from docgen.registry import REGISTRY


def main(argv: list[str]) -> int:
    from docgen.authoring import builders

    names = argv or sorted(builders())
    for name in names:
        doc_type = REGISTRY.get(name)
        doc = builders()[name]()
        doc_type.template.parent.mkdir(parents=True, exist_ok=True)
        doc.core_properties.title = doc_type.title
        doc.core_properties.author = "docgen"
        doc.save(doc_type.template)
        print(doc_type.template)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
