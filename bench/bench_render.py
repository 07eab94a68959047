"""Benchmark: docgen's rendering and PDF path against their baselines, in one run.

    .venv/bin/python bench/bench_render.py [--quick]

Prints medians and ratios:
- sk-kbk DOCX with 20 and 2000 members: docgen's cached engine vs a plain
  ``DocxTemplate(path).render(ctx)`` + save of the same template and context;
- sk-kbk PDF (20 members): docgen (render + warm conversion) vs the same warm
  LibreOffice converting the same DOCX directly, and vs a cold
  ``soffice --headless --convert-to pdf``.
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import sys
import time
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from docgen.config import Settings
from docgen.convert import make_converter
from docgen.convert.soffice import SofficeConverter
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.render import figures
from docgen.render.engine import compile_template, make_environment
from docgen.render.images import DocxImage


def members_input(count: int) -> dict:
    data = copy.deepcopy(REGISTRY.get("sk-kbk").load_sample())
    fixed, extra = data["susunan"][:3], data["susunan"][3]
    data["susunan"] = fixed + [dict(extra, nama=f"ANGGOTA KE-{i + 1}, S.E.")
                               for i in range(count - 3)]
    return data


def median_seconds(function, runs: int) -> float:
    function()  # warm-up (imports, caches)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def interleaved_medians(functions, runs: int) -> list[float]:
    """Median seconds of each function, run in turn so that drift hits all alike."""
    for function in functions:
        function()
    times = [[] for _ in functions]
    for _ in range(runs):
        for index, function in enumerate(functions):
            started = time.perf_counter()
            function()
            times[index].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def plain_docxtpl(template: Path, context: dict) -> bytes:
    tpl = DocxTemplate(template)
    plain = {key: (InlineImage(tpl, io.BytesIO(value.data), width=Mm(value.width_mm))
                   if isinstance(value, DocxImage) else value) for key, value in context.items()}
    tpl.render(plain, jinja_env=make_environment())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def bench_docx(settings: Settings, count: int, runs: int) -> tuple[float, float, float]:
    doc_type = REGISTRY.get("sk-kbk")
    data = members_input(count)
    fresh = lambda: figures.resolve(doc_type.context(data), settings)  # noqa: E731
    pipeline = Pipeline(settings)
    return tuple(interleaved_medians([
        lambda: compile_template(doc_type.template).render(fresh()),
        lambda: plain_docxtpl(doc_type.template, fresh()),
        lambda: pipeline.render_docx("sk-kbk", data),
    ], runs))


def bench_pdf(settings: Settings, runs: int) -> tuple[float, float, float]:
    converter = make_converter(settings)
    with converter:
        pipeline = Pipeline(settings, converter)
        data = members_input(20)
        docx = pipeline.render_docx("sk-kbk", data).docx
        cold_runs = max(3, runs // 3)
        ours, bare = interleaved_medians(
            [lambda: pipeline.render("sk-kbk", data, "pdf"), lambda: converter.convert(docx)],
            runs)
        cold = median_seconds(lambda: SofficeConverter(settings).convert(docx), cold_runs)
    return ours, bare, cold


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    small_runs, big_runs, pdf_runs = (5, 2, 3) if args.quick else (30, 7, 15)
    print(f"{'measure':56} {'median':>10} {'baseline':>10} {'ratio':>8}")
    for count, runs in ((20, small_runs), (2000, big_runs)):
        ours, plain, full = bench_docx(settings, count, runs)
        print(f"{f'sk-kbk DOCX, {count} members (engine)':56} {ours * 1000:8.1f}ms "
              f"{plain * 1000:8.1f}ms {plain / ours:7.2f}x faster than plain docxtpl")
        print(f"{f'sk-kbk DOCX, {count} members (validate+compute+render)':56} "
              f"{full * 1000:8.1f}ms {plain * 1000:8.1f}ms {plain / full:7.2f}x")
    ours, bare, cold = bench_pdf(settings, pdf_runs)
    print(f"{'sk-kbk PDF, 20 members vs bare warm convert':56} {ours * 1000:8.1f}ms "
          f"{bare * 1000:8.1f}ms {ours / bare:7.2f}x the bare conversion")
    print(f"{'sk-kbk PDF, 20 members vs cold soffice':56} {ours * 1000:8.1f}ms "
          f"{cold * 1000:8.1f}ms {cold / ours:7.2f}x faster than cold soffice")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
