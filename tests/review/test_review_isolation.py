"""The check in a child process: endless loops and memory hogs cannot hang the caller."""

from __future__ import annotations

import time

from docgen.review.isolation import check_template_isolated


def test_isolated_check_gives_the_same_report(sk_kbk, with_paragraph):
    assert check_template_isolated("sk-kbk", sk_kbk).ok
    report = check_template_isolated("sk-kbk", with_paragraph("{{ tidak_ada }}"))
    assert [p.code for p in report.problems] == ["unknown_variable"]


def test_endless_loop_is_stopped_at_the_deadline(with_paragraph):
    payload = ("{% for i in range(99999) %}{% for j in range(99999) %}{{ i }}"
               "{% endfor %}{% endfor %}")
    started = time.perf_counter()
    report = check_template_isolated("sk-kbk", with_paragraph(payload), timeout=4)
    assert time.perf_counter() - started < 15
    assert [p.code for p in report.problems] == ["timeout"]
    assert "batas waktu 4 detik" in report.lines()[0]


def test_memory_hog_is_stopped_by_the_limit(with_paragraph):
    payload = "{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}"
    report = check_template_isolated("sk-kbk", with_paragraph(payload), timeout=60,
                                     memory_mb=1024)
    assert [p.code for p in report.problems] == ["resource"]
    assert "memori" in report.lines()[0]
