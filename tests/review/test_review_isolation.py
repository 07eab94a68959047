"""The check in a child process: whatever the template does, the caller gets an answer
within the deadline and the check's memory is capped (the render budget itself is
tested in test_template_hardening.py)."""

from __future__ import annotations

import time

from docgen.review.isolation import check_template_isolated


def test_isolated_check_gives_the_same_report(sk_kbk, with_paragraph):
    assert check_template_isolated("sk-kbk", sk_kbk).ok
    report = check_template_isolated("sk-kbk", with_paragraph("{{ tidak_ada }}"))
    assert [p.code for p in report.problems] == ["unknown_variable"]


def test_a_check_that_outlives_the_deadline_is_killed(sk_kbk):
    started = time.perf_counter()
    report = check_template_isolated("sk-kbk", sk_kbk, timeout=0.2)
    assert time.perf_counter() - started < 10
    assert [p.code for p in report.problems] == ["timeout"]
    assert "batas waktu 0.2 detik" in report.lines()[0]


def test_a_check_over_its_memory_limit_is_refused(sk_kbk):
    report = check_template_isolated("sk-kbk", sk_kbk, memory_mb=8)
    assert [p.code for p in report.problems] == ["resource"]
    assert "memori" in report.lines()[0] or "batas sumber daya" in report.lines()[0]
