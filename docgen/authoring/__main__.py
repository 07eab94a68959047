"""python -m docgen.authoring [TYPE ...]: write the first version of the templates (the
registry's types and the reports of ``rekap_program.REPORTS``).

The files are written deterministically (``docgen.authoring.package``): unchanged builders
give byte-identical files.
"""

from __future__ import annotations

import sys

from docgen.registry import REGISTRY


def main(argv: list[str]) -> int:
    from docgen.authoring import builders
    from docgen.authoring.package import author_template
    from docgen.authoring.rekap_program import REPORTS, author_report

    names = argv or sorted(builders()) + sorted(REPORTS)  # reports: not registry types
    for name in names:
        report = name in REPORTS
        target = REPORTS[name][0] if report else REGISTRY.get(name).template
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(author_report(name) if report else author_template(name))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
