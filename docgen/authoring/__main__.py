"""python -m docgen.authoring [TYPE ...]: write the first version of the templates.

The files are written deterministically (``docgen.authoring.package``): unchanged builders
give byte-identical files.
"""

from __future__ import annotations

import sys

from docgen.registry import REGISTRY


def main(argv: list[str]) -> int:
    from docgen.authoring import builders
    from docgen.authoring.package import author_template

    names = argv or sorted(builders())
    for name in names:
        target = REGISTRY.get(name).template
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(author_template(name))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
