#!/usr/bin/env python3
"""Build "scanned twins" of the held-out corpus (tests/heldout) with an independent toolchain.

Three corpus folders are written next to this file, each ``gold/<id>.json`` + ``pdf/<id>.pdf``:

* ``good/``  - 200 dpi, light degradation, OCRmyPDF text layer (image + invisible text)
* ``poor/``  - 120 dpi, stronger degradation, OCRmyPDF text layer (OCR'd at 120 dpi)
* ``image/`` - the same 200 dpi pages as ``good/``, image only, no text layer at all

Toolchain (deliberately different from the lead's PyMuPDF + Pillow + ``tesseract`` PDF renderer):
poppler ``pdftoppm`` rasterises, ImageMagick ``convert`` degrades, ``img2pdf`` assembles and
OCRmyPDF (with the system Tesseract) adds the text layer. Only the Python standard library is
needed to run this script; the tools are external programs:

    apt-get update && apt-get install -y poppler-utils imagemagick tesseract-ocr tesseract-ocr-eng
    python3 -m venv /tmp/ocrvenv && /tmp/ocrvenv/bin/pip install ocrmypdf img2pdf

Run from the repository root (or anywhere):

    python3 tests/heldout_scanned/build.py                     # all ids, all variants
    python3 tests/heldout_scanned/build.py --variants poor lichen-nitrogen-2026
    python3 tests/heldout_scanned/build.py --source tests/blind --out tests/blind_scanned   # another set
    OCRMYPDF=/path/to/ocrmypdf IMG2PDF=/path/to/img2pdf python3 tests/heldout_scanned/build.py

Every random choice comes from a generator seeded by the document id, the degradation profile
and the page number, and ImageMagick gets ``-seed`` and a single thread, so the page images
are reproducible with the same tool versions. The measurement-only rules are in README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "heldout"  # tests/heldout: pdf/<id>.pdf + gold/<id>.json (read only)

INSTALL_APT = "apt-get update && apt-get install -y poppler-utils imagemagick tesseract-ocr tesseract-ocr-eng"
INSTALL_VENV = "python3 -m venv /tmp/ocrvenv && /tmp/ocrvenv/bin/pip install ocrmypdf img2pdf"


@dataclass(frozen=True)
class Profile:
    """How a page image is made: rasterising resolution and degradation ranges."""

    name: str
    dpi: int
    rotate: tuple[float, float]  # |angle| in degrees, uniform; the sign is random
    blur: tuple[float, float]  # Gaussian blur sigma in pixels (ImageMagick -blur 0xS)
    black: tuple[float, float]  # +level: black is lifted to this % grey (lower contrast)
    white: tuple[float, float]  # +level: white is lowered to this % grey (paper tone)
    noise: tuple[float, float]  # ImageMagick -attenuate for +noise Gaussian
    specks: tuple[float, float]  # % of pixels turned black (pepper), and as many white (salt)
    quality: tuple[int, int]  # JPEG quality, inclusive


LIGHT = Profile("light", 200, rotate=(0.2, 0.8), blur=(0.5, 0.7), black=(3.0, 6.0), white=(94.0, 97.0),
                noise=(0.15, 0.25), specks=(0.02, 0.04), quality=(58, 66))
STRONG = Profile("strong", 120, rotate=(0.2, 0.8), blur=(0.6, 0.8), black=(10.0, 14.0), white=(86.0, 90.0),
                 noise=(0.35, 0.45), specks=(0.10, 0.15), quality=(50, 56))

# variant folder -> (profile, run OCR?)
VARIANTS = {"good": (LIGHT, True), "poor": (STRONG, True), "image": (LIGHT, False)}


class ToolError(RuntimeError):
    pass


def run(cmd: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise ToolError(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr.strip()}")
    return result


def find_tool(name: str, explicit: str | None, candidates: list[str], how: str) -> str:
    """Return a runnable path for a tool or stop with a message that says how to install it."""
    for path in [explicit] if explicit else candidates:
        found = shutil.which(path)  # also accepts a path to an executable file
        if found:
            return found
    where = f" at {explicit!r}" if explicit else ""
    sys.exit(f"error: {name} not found{where}. Install it with:\n    {how}")


def tool_versions(tools: dict[str, str]) -> dict[str, str]:
    """One-line version strings for the report and README."""
    def first_line(cmd: list[str], pattern: str = "") -> str:
        out = subprocess.run(cmd, capture_output=True, text=True)
        text = (out.stdout + "\n" + out.stderr).strip().splitlines()
        for line in text:
            if pattern in line:
                return line.strip()
        return text[0].strip() if text else "?"

    return {
        "pdftoppm": first_line([tools["pdftoppm"], "-v"], "pdftoppm version"),
        "convert": first_line([tools["convert"], "-version"], "Version:"),
        "img2pdf": first_line([tools["img2pdf"], "--version"]),
        "ocrmypdf": first_line([tools["ocrmypdf"], "--version"]),
        "tesseract": first_line([tools["tesseract"], "--version"], "tesseract"),
    }


def page_sizes(pdfinfo: str, pdf: Path) -> list[tuple[float, float]]:
    """Page sizes in points (pdfinfo's 3 decimals), one per page; rotated pages are refused."""
    out = run([pdfinfo, "-f", "1", "-l", "9999", str(pdf)]).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)]
    rotations = [int(r) for r in re.findall(r"^Page\s+\d+ rot:\s+(\d+)", out, re.M)]
    if len(sizes) != count:
        raise ToolError(f"pdfinfo gave {len(sizes)} page sizes for {count} pages in {pdf}")
    if any(rotations):
        raise ToolError(f"{pdf} has rotated pages; not supported")
    return sizes


def document_seed(doc_id: str) -> int:
    return int.from_bytes(hashlib.sha256(doc_id.encode()).digest()[:4], "big")


def page_parameters(doc_id: str, profile: Profile, page: int) -> dict:
    """The degradation of one page, drawn from a generator seeded by id, profile and page."""
    rng = random.Random(f"{document_seed(doc_id)}:{profile.name}:{page}")
    return {
        "angle": round(rng.choice((-1, 1)) * rng.uniform(*profile.rotate), 2),
        "blur": round(rng.uniform(*profile.blur), 2),
        "black": round(rng.uniform(*profile.black), 1),
        "white": round(rng.uniform(*profile.white), 1),
        "noise": round(rng.uniform(*profile.noise), 3),
        "specks": round(rng.uniform(*profile.specks), 3),
        "quality": rng.randint(*profile.quality),
        "seed": rng.randrange(1, 2**31),
    }


def degrade(convert: str, src: Path, dst: Path, dpi: int, p: dict) -> None:
    """Rotate, add dust, blur, lower contrast, add grain, save as grayscale JPEG (ImageMagick).

    The page keeps its pixel size: the rotated canvas is cropped back around the centre.
    Specks are drawn from uniform noise thresholded at (100 - specks)%: black ones (pepper)
    composited with Darken, white ones (salt) with Lighten, before the blur so they look soft.
    """
    size = run([convert, str(src), "-format", "%wx%h", "info:"]).stdout.strip()
    threshold = f"{100 - p['specks']:.3f}%"
    speck_mask = ["-size", size, "xc:gray50", "+noise", "Random", "-channel", "R", "-separate", "+channel",
                  "-threshold", threshold]
    cmd = [
        convert, str(src), "-colorspace", "Gray", "-seed", str(p["seed"]),
        "-background", "white", "-rotate", str(p["angle"]), "-gravity", "center", "-extent", size, "+repage",
        "(", *speck_mask, "-negate", ")", "-compose", "Darken", "-composite",
        "(", *speck_mask, ")", "-compose", "Lighten", "-composite",
        "-blur", f"0x{p['blur']}",
        "+level", f"{p['black']}%,{p['white']}%",
        "-attenuate", str(p["noise"]), "+noise", "Gaussian",
        "-colorspace", "Gray", "-type", "Grayscale", "-strip",
        "-density", str(dpi), "-units", "PixelsPerInch",
        "-quality", str(p["quality"]),
        f"jpg:{dst}",
    ]
    run(cmd, env={**os.environ, "MAGICK_THREAD_LIMIT": "1"})


def rasterise(pdftoppm: str, pdf: Path, dpi: int, prefix: Path) -> list[Path]:
    """pdftoppm -> 8-bit grayscale PNG per page, in page order."""
    run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)])
    pages = sorted(prefix.parent.glob(prefix.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        raise ToolError(f"pdftoppm wrote no pages for {pdf}")
    return pages


def assemble(img2pdf: str, images: list[Path], size: tuple[float, float], out: Path) -> None:
    """img2pdf: JPEGs embedded as they are (DCTDecode), each stretched to exactly the original page size.

    The internal engine with --nodate writes the same bytes every time (the pikepdf engine adds a random /ID).
    """
    width, height = size
    run([img2pdf, "--engine", "internal", "--nodate", "--pagesize", f"{width}x{height}", "--fit", "exact",
         "-o", str(out), *map(str, images)])


def ocr(ocrmypdf: str, src: Path, dst: Path, log: Path) -> list[str]:
    """OCRmyPDF with its default renderer, English, one job, Tesseract on one thread.

    No --deskew/--clean/--rotate-pages: the page images are kept as they are, skew included.
    Returns the lines of OCRmyPDF's log other than its usual progress messages (warnings, and
    Tesseract's own remarks such as "lots of diacritics - possibly poor OCR").
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = run([ocrmypdf, "--output-type", "pdf", "-l", "eng", "--jobs", "1", str(src), str(dst)], env=env)
    log.write_text(result.stderr)
    usual = re.compile(r"^(Parsing \d+ pages? with|Postprocessing|Image optimization ratio|Total file size ratio)")
    return [line.strip() for line in result.stderr.splitlines() if line.strip() and not usual.match(line.strip())]


def check(pdfinfo: str, pdftotext: str, original: Path, built: Path, has_text: bool) -> str:
    """Page count and page sizes as in the original; text layer present (OCR) or absent (image)."""
    want, got = page_sizes(pdfinfo, original), page_sizes(pdfinfo, built)
    if len(want) != len(got):
        raise ToolError(f"{built}: {len(got)} pages, original has {len(want)}")
    for n, ((w0, h0), (w1, h1)) in enumerate(zip(want, got), 1):
        if abs(w0 - w1) > 0.01 or abs(h0 - h1) > 0.01:
            raise ToolError(f"{built} page {n}: {w1}x{h1} pt, original {w0}x{h0} pt")
    words = len(run([pdftotext, "-layout", str(built), "-"]).stdout.split())
    if has_text and words < 50:
        raise ToolError(f"{built}: expected an OCR text layer, pdftotext found {words} words")
    if not has_text and words:
        raise ToolError(f"{built}: expected no text layer, pdftotext found {words} words")
    return f"{len(got)} pages, {words} words"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", help="document ids (default: every SOURCE/gold/*.json)")
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="source corpus folder with pdf/<id>.pdf + gold/<id>.json (default: tests/heldout)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output folder; the variants go to OUT/good, OUT/poor, OUT/image (default: this folder)")
    parser.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--ocrmypdf", default=os.environ.get("OCRMYPDF"),
                        help="ocrmypdf executable (env OCRMYPDF; default /tmp/ocrvenv/bin/ocrmypdf, then PATH)")
    parser.add_argument("--img2pdf", default=os.environ.get("IMG2PDF"),
                        help="img2pdf executable (env IMG2PDF; default /tmp/ocrvenv/bin/img2pdf, then PATH)")
    parser.add_argument("--convert", default=os.environ.get("MAGICK_CONVERT"),
                        help="ImageMagick convert (env MAGICK_CONVERT; default: convert on PATH)")
    parser.add_argument("--keep-temp", action="store_true", help="keep the work folder (page PNGs/JPEGs, logs)")
    args = parser.parse_args()
    source, dest = args.source.resolve(), args.out.resolve()

    apt = f"(Debian) {INSTALL_APT}"
    tools = {
        "pdftoppm": find_tool("pdftoppm", None, ["pdftoppm"], apt),
        "pdfinfo": find_tool("pdfinfo", None, ["pdfinfo"], apt),
        "pdftotext": find_tool("pdftotext", None, ["pdftotext"], apt),
        "convert": find_tool("ImageMagick convert", args.convert, ["convert"], apt),
        "tesseract": find_tool("tesseract", None, ["tesseract"], apt),
        "img2pdf": find_tool("img2pdf", args.img2pdf, ["/tmp/ocrvenv/bin/img2pdf", "img2pdf"], INSTALL_VENV),
        "ocrmypdf": find_tool("ocrmypdf", args.ocrmypdf, ["/tmp/ocrvenv/bin/ocrmypdf", "ocrmypdf"], INSTALL_VENV),
    }
    versions = tool_versions(tools)
    if "ImageMagick" not in versions["convert"]:
        sys.exit(f"error: {tools['convert']} is not ImageMagick ({versions['convert']}). Install it with:\n    {apt}")
    langs = subprocess.run([tools["tesseract"], "--list-langs"], capture_output=True, text=True).stdout.split()
    if "eng" not in langs:
        sys.exit(f"error: tesseract has no 'eng' language data. Install it with:\n    {apt}")
    for name, version in versions.items():
        print(f"{name:10} {version}")

    ids = args.ids or sorted(p.stem for p in (source / "gold").glob("*.json"))
    for doc_id in ids:
        if not (source / "pdf" / f"{doc_id}.pdf").exists() or not (source / "gold" / f"{doc_id}.json").exists():
            sys.exit(f"error: {doc_id}: no pdf/{doc_id}.pdf + gold/{doc_id}.json in {source}")

    work = Path(tempfile.mkdtemp(prefix="heldout-scanned-"))
    warnings: list[str] = []
    try:
        for doc_id in ids:
            original = source / "pdf" / f"{doc_id}.pdf"
            sizes = page_sizes(tools["pdfinfo"], original)
            if len(set(sizes)) != 1:
                raise ToolError(f"{doc_id}: pages of different sizes are not supported")
            profiles = {VARIANTS[v][0] for v in args.variants}
            images: dict[str, list[Path]] = {}
            for profile in sorted(profiles, key=lambda p: p.name):
                pngs = rasterise(tools["pdftoppm"], original, profile.dpi, work / f"{doc_id}-{profile.dpi}")
                images[profile.name] = []
                for n, png in enumerate(pngs, 1):
                    params = page_parameters(doc_id, profile, n)
                    jpg = work / f"{doc_id}-{profile.name}-{n}.jpg"
                    degrade(tools["convert"], png, jpg, profile.dpi, params)
                    images[profile.name].append(jpg)
                    print(f"  {doc_id} p{n} {profile.name}: {params}")
            for variant in args.variants:
                profile, with_ocr = VARIANTS[variant]
                (dest / variant / "pdf").mkdir(parents=True, exist_ok=True)
                (dest / variant / "gold").mkdir(parents=True, exist_ok=True)
                out = dest / variant / "pdf" / f"{doc_id}.pdf"
                started = time.time()
                if with_ocr:
                    plain = work / f"{doc_id}-{profile.name}.pdf"
                    if not plain.exists():
                        assemble(tools["img2pdf"], images[profile.name], sizes[0], plain)
                    for line in ocr(tools["ocrmypdf"], plain, out, work / f"{doc_id}-{variant}.log"):
                        warnings.append(f"{variant}/{doc_id}: {line}")
                else:
                    assemble(tools["img2pdf"], images[profile.name], sizes[0], out)
                shutil.copyfile(source / "gold" / f"{doc_id}.json", dest / variant / "gold" / f"{doc_id}.json")
                summary = check(tools["pdfinfo"], tools["pdftotext"], original, out, with_ocr)
                print(f"{variant:5} {doc_id}: {summary}, {out.stat().st_size / 1024:.0f} KiB, "
                      f"{time.time() - started:.1f} s")
    except ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep_temp:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    for variant in args.variants:
        total = sum(f.stat().st_size for f in (dest / variant).rglob("*") if f.is_file())
        print(f"{variant}/: {total / 1024 / 1024:.2f} MiB")
    if warnings:
        print("OCRmyPDF warnings:")
        for line in warnings:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
