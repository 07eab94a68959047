"""Legal review of template wording and regulation data (issue #5).

The pure core (no Flask, no database):

- ``checks.check_template(type, data)``: would this DOCX be accepted as a new version?
  (``codechecks``: what the template code may contain; ``contexts``: the inputs it is
  rendered with besides the sample.) ``isolation.check_template_isolated`` runs it in a
  child process with time/memory limits (web uploads and ``docgen template check``).
- ``wording.wording_html`` / ``wording.paragraphs``: a template's text for reviewers.
- ``diff.diff_versions(old, new)``: side-by-side wording diff of two versions.
- ``versions``: draft -> approved -> retired, four eyes, one approved version per type.
- ``datachecks.check_regulation_data(name, text)``: consistency of the regulation YAML
  (read by ``safeyaml``: no anchors/aliases); ``datarender``: the document types a new
  version would break.
- ``archive``: hashes and the record proving which wording produced a document.
- ``verification``: ID + QR footer on final PDFs, byte-identical verification.

The service layer (a SQLAlchemy session, never Flask; it flushes, the caller commits):

- ``services.ReviewService``: propose, approve, withdraw and read versions as an ``Actor``;
  ``workflow``: its roles, refusals and per-kind rules.
- ``catalog``: version lookup, the bundled files as version 1, the approved data sets as a
  ``Regulation`` snapshot (``RegulationCache``).
- ``records``: public verification of archived finals, the audit list of an actor.
"""
