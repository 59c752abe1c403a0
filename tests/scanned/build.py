"""Scanned twins of the gold corpus: ``python tests/scanned/build.py``.

Each page of ``tests/corpus/pdf/<id>.pdf`` is rasterised with PyMuPDF, degraded with
Pillow and numpy (slight rotation, blur, noise, JPEG), and then

* ``good/``:  200 dpi, light degradation, OCR'd by the ``tesseract`` CLI's own PDF
  renderer (the page image with an invisible text layer, as scanners make them);
* ``poor/``:  120 dpi, stronger degradation, OCR'd the same way (Tesseract now makes
  real errors: "Intemational", "tunar");
* ``image/``: 200 dpi, light degradation, the image alone, no text layer.

``<variant>/gold/<id>.json`` is a copy of the gold, so ``python -m pipeline eval
tests/scanned/good`` measures the pipeline on them. Needs Debian's ``tesseract-ocr``
and ``tesseract-ocr-eng``; the output is deterministic for one Tesseract version.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy
import pymupdf
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "corpus"


@dataclass(frozen=True)
class Scan:
    name: str
    dpi: int
    blur: float
    noise: float
    max_rotation: float
    jpeg_quality: int
    ocr: bool


SCANS = (
    Scan("good", 200, 0.4, 6.0, 0.4, 65, True),
    Scan("poor", 120, 0.7, 14.0, 0.8, 50, True),
    Scan("image", 200, 0.4, 6.0, 0.4, 65, False),
)


def degrade(image: Image.Image, scan: Scan, rng: random.Random) -> bytes:
    """The page image rotated, blurred and noised as a scanner would, as JPEG bytes."""
    angle = rng.uniform(-scan.max_rotation, scan.max_rotation)
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(scan.blur))
    pixels = numpy.asarray(image, dtype=numpy.float32)
    noise = numpy.random.default_rng(rng.randrange(2**32)).normal(0.0, scan.noise, pixels.shape)
    pixels = numpy.clip(pixels + noise, 0, 255).astype(numpy.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(buffer, "JPEG", quality=scan.jpeg_quality, dpi=(scan.dpi, scan.dpi))
    return buffer.getvalue()


def page_images(pdf: Path, scan: Scan) -> list[tuple[bytes, pymupdf.Rect]]:
    rng = random.Random(f"{pdf.stem}/{scan.name}")
    pages = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            pixmap = page.get_pixmap(dpi=scan.dpi, colorspace=pymupdf.csGRAY)
            image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
            pages.append((degrade(image, scan, rng), page.rect))
    return pages


def ocr_page(jpeg: bytes, dpi: int, folder: Path) -> pymupdf.Document:
    """One page OCR'd by the ``tesseract`` CLI into an image + invisible text PDF."""
    image = folder / "page.jpg"
    image.write_bytes(jpeg)
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", str(image), str(folder / "page"), "--dpi", str(dpi), "-l", "eng", "pdf"],
                   check=True, capture_output=True, env=environment)
    return pymupdf.open(folder / "page.pdf")


def build(pdf: Path, scan: Scan, folder: Path) -> bytes:
    output = pymupdf.open()
    for jpeg, rect in page_images(pdf, scan):
        if scan.ocr:
            with ocr_page(jpeg, scan.dpi, folder) as page_pdf:
                output.insert_pdf(page_pdf)
        else:
            output.new_page(width=rect.width, height=rect.height).insert_image(rect, stream=jpeg)
    output.set_metadata({"producer": f"tests/scanned/build.py ({'Tesseract' if scan.ocr else 'image only'})"})
    data = output.tobytes(garbage=3, deflate=True)
    output.close()
    return data


def main() -> int:
    if shutil.which("tesseract") is None:
        print("tesseract is missing: apt-get install tesseract-ocr tesseract-ocr-eng", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        for scan in SCANS:
            (HERE / scan.name / "pdf").mkdir(parents=True, exist_ok=True)
            (HERE / scan.name / "gold").mkdir(parents=True, exist_ok=True)
            for pdf in sorted((SOURCE / "pdf").glob("*.pdf")):
                (HERE / scan.name / "pdf" / pdf.name).write_bytes(build(pdf, scan, Path(temporary)))
                shutil.copyfile(SOURCE / "gold" / f"{pdf.stem}.json", HERE / scan.name / "gold" / f"{pdf.stem}.json")
                print(f"{scan.name}/{pdf.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
