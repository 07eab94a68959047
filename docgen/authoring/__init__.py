"""Authoring of the first version of every template (python-docx, run by developers).

``python -m docgen.authoring`` writes ``templates/sk/*.docx`` and ``templates/docx/*.docx``.
The written files are what the legal section reviews; later versions are uploaded.
"""


def builders():
    """name -> function returning a python-docx Document (the template)."""
    from docgen.authoring import forms, penghargaan, sk

    return {**sk.BUILDERS, **penghargaan.BUILDERS, **forms.BUILDERS}
