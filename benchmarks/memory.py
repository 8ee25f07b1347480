"""Peak memory against page count: a born-digital PDF of N pages (the corpus's yuenlong
bulletin repeated) read by `ingest` in a fresh process, at 30, 300 and 3000 pages.

    python benchmarks/memory.py [--pages 30 300 3000] [--src PATH ...]

Each --src is a source tree to import bulletin_ingest from (a worktree of an earlier
commit, say), so that versions are measured side by side in one run; by default the
installed package. Prints peak resident memory (MB), seconds and MB added per page.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "yuenlong-tongxun-36.digital.pdf"

MEASURE = """
import json, resource, sys, time
sys.path[:0] = [p for p in sys.argv[2:] if p]
from bulletin_ingest import ingest
start = time.perf_counter()
bulletin = ingest(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "articles": len(bulletin.articles),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


BUILD = """
import sys
import pypdfium2 as pdfium
source = pdfium.PdfDocument(sys.argv[1])
document = pdfium.PdfDocument.new()
while len(document) < int(sys.argv[2]):
    document.import_pages(source, list(range(min(len(source), int(sys.argv[2]) - len(document)))))
document.save(sys.argv[3])
"""


def repeated_pdf(pages: int, folder: Path) -> Path:
    """The sample repeated to `pages` pages, built in a process of its own: Linux keeps a
    process's peak memory across exec, so this one must stay small for its children's
    peaks to be their own."""
    sys.path.insert(0, str(ROOT / "samples"))
    import make_samples  # type: ignore[import-not-found]

    path = folder / f"{pages}.pdf"
    sample = make_samples.ensure_generated() / SAMPLE
    subprocess.run([sys.executable, "-c", BUILD, str(sample), str(pages), str(path)], check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", type=int, default=[30, 300, 3000])
    parser.add_argument("--src", nargs="*", default=[""], help="source trees to compare")
    args = parser.parse_args()
    print("| version | pages | peak MB | seconds | MB per page beyond the first count |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        pdfs = {n: repeated_pdf(n, Path(folder)) for n in args.pages}
        for src in args.src:
            first = None
            for n, pdf in pdfs.items():
                out = subprocess.run(
                    [sys.executable, "-c", MEASURE, str(pdf), src],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(out.stdout)
                first = first or (n, row["peak_mb"])
                slope = (row["peak_mb"] - first[1]) / (n - first[0]) if n > first[0] else 0.0
                name = src or "installed"
                print(
                    f"| {name} | {n} | {row['peak_mb']:.0f} | {row['seconds']:.1f} | {slope:.3f} |"
                )


if __name__ == "__main__":
    main()
