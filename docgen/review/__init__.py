"""Legal review of template wording and regulation data (issue #5), storage-agnostic.

- ``checks.check_template(type, data)``: would this DOCX be accepted as a new version?
  ``isolation.check_template_isolated`` runs it in a child process with time/memory limits
  (use it for web uploads).
- ``wording.wording_html`` / ``wording.paragraphs``: a template's text for reviewers.
- ``diff.diff_versions(old, new)``: side-by-side wording diff of two versions.
- ``versions``: draft -> approved -> retired, four eyes, one approved version per type.
- ``datachecks.check_regulation_data(name, text)``: consistency of the regulation YAML.
- ``archive``: hashes and the record proving which wording produced a document.
- ``verification``: ID + QR footer on final PDFs, byte-identical verification.

The web and storage layers call these; nothing here knows Flask or a database.
"""
