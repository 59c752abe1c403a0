"""The output folder's manifest: what each input gave, so a second run redoes only what changed.

``OUTDIR/.pipeline/manifest.json`` holds one entry per input (keyed by its absolute
path): the input's size, modification time and SHA-256, the fingerprint of the
pipeline version, code, dependencies and settings it was processed with, its outputs,
its page count, and, when it failed, why. An input is unchanged when its entry has the same fingerprint, did
not fail, its outputs are all there, and its size and modification time are the same
(or, when only those changed, its content hash is), so a run over unchanged inputs only
reads the manifest and stats the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from dataclasses import asdict, dataclass, field
from importlib import metadata
from itertools import takewhile
from pathlib import Path

from .. import __version__
from ..settings import Settings
from ..stages.ocr import tesseract_path
from .files import STATE_FOLDER, write_atomically

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
HASH_CHUNK = 1 << 20
PACKAGE = Path(__file__).parent.parent
OUTPUT_DEPENDENCIES = ("pymupdf", "pdfplumber", "pdfminer.six", "ftfy", "wordfreq", "pyspellchecker", "symspellpy",
                       "rapidfuzz", "pydantic", "pydantic-core")
"""The distributions whose upgrade can change an output: the two extractors and pdfplumber's
parser, the Unicode repair, the word lists (language, dehyphenation, the OCR corrector's
lexicons), the string matching of furniture and the corrector, and the JSON writer."""
TESSDATA_FOLDER = re.compile(r'languages in "([^"]+)"')
"""Where ``tesseract --list-langs`` says it reads its language data."""


@dataclass(slots=True)
class Entry:
    """What the manifest knows about one input."""

    size: int
    mtime_ns: int
    sha256: str
    fingerprint: str
    outputs: list[str] = field(default_factory=list)
    pages: int = 0
    failed: str = ""


def fingerprint(settings: Settings) -> str:
    """The pipeline's version, the hash of its code, the versions of what it runs on and the
    settings, as one short hash: outputs made by another version, code, dependency or
    settings are made again."""
    digest = hashlib.sha256(f"{__version__}\n{code_hash()}\n".encode())
    digest.update(json.dumps(dependency_versions(settings.ocr.language), sort_keys=True).encode())
    digest.update(settings.model_dump_json().encode())
    return digest.hexdigest()[:16]


def code_hash(package: Path = PACKAGE) -> str:
    """SHA-256 of the package's source files, in every subfolder (a change to the code is a new pipeline)."""
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def dependency_versions(ocr_language: str) -> dict[str, str]:
    """The installed version of each of :data:`OUTPUT_DEPENDENCIES`, Tesseract's, and the
    SHA-256 of the language data ``ocr_language`` names (``deu+eng``: two); "" for what is
    not installed."""
    versions = {name: package_version(name) for name in OUTPUT_DEPENDENCIES}
    versions["tesseract"] = tesseract_version()
    folder = tesseract_data_folder()
    for language in ocr_language.split("+"):
        versions[f"tesseract {language}"] = language_data_hash(folder, language)
    return versions


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def tesseract_version() -> str:
    """Tesseract's version and its libraries' (Leptonica, the image formats), as ``tesseract
    --version`` gives them before the processor features it found, which vary by machine."""
    lines = _tesseract("--version").splitlines()
    return "\n".join(line.strip() for line in takewhile(lambda line: not line.strip().startswith("Found"), lines))


def tesseract_data_folder() -> Path | None:
    """The folder Tesseract reads its language data from (``TESSDATA_PREFIX`` or its own)."""
    found = TESSDATA_FOLDER.search(_tesseract("--list-langs"))
    return Path(found.group(1)) if found else None


def language_data_hash(folder: Path | None, language: str) -> str:
    path = folder / f"{language}.traineddata" if folder else None
    return file_hash(path) if path and path.is_file() else ""


def _tesseract(option: str) -> str:
    """The output of ``tesseract OPTION``; "" without Tesseract."""
    command = tesseract_path()
    if command is None:
        return ""
    try:
        result = subprocess.run([command, option], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (result.stdout + result.stderr).strip()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def input_key(path: Path) -> str:
    """The manifest's key for an input: its absolute path (symbolic links kept)."""
    return os.path.abspath(path)


class Manifest:
    """The entries of one output folder, read at the start of a run and saved at its end."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STATE_FOLDER / MANIFEST_NAME
        self.out_dir = out_dir
        self.entries: dict[str, Entry] = self._read()
        self._owners = {name: key for key, entry in self.entries.items() for name in entry.outputs}

    def _read(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return {}
        try:
            return {key: Entry(**value) for key, value in data.get("inputs", {}).items()}
        except TypeError:
            return {}

    def save(self) -> None:
        data = {"version": MANIFEST_VERSION, "inputs": {key: asdict(entry) for key, entry in self.entries.items()}}
        write_atomically(self.path, json.dumps(data, indent=1, sort_keys=True))

    def is_unchanged(self, key: str, stat: os.stat_result, current: str) -> bool:
        """Whether the input ``key`` (now ``stat``) was processed into outputs that are all
        still there, with the fingerprint ``current``, from the same content."""
        entry = self.entries.get(key)
        if entry is None or entry.failed or entry.fingerprint != current or not entry.outputs:
            return False  # no outputs left: another input with the same name took them over
        if not all((self.out_dir / name).is_file() for name in entry.outputs):
            return False
        if (entry.size, entry.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return True
        if entry.size != stat.st_size or entry.sha256 != file_hash(Path(key)):
            return False
        entry.mtime_ns = stat.st_mtime_ns  # touched, not changed
        return True

    def record(self, key: str, entry: Entry) -> None:
        """Record ``entry`` for ``key``; entries of other inputs that listed the same outputs
        lose them (those files now hold this input's text)."""
        for name in entry.outputs:
            owner = self._owners.get(name)
            if owner is not None and owner != key and owner in self.entries:
                self.entries[owner].outputs.remove(name)
            self._owners[name] = key
        self.entries[key] = entry

    def record_failure(self, key: str, entry: Entry, reason: str) -> None:
        """Record that ``key`` failed; its earlier outputs, if any, stay listed (and on disk)."""
        earlier = self.entries.get(key)
        entry.outputs = earlier.outputs if earlier else []
        entry.failed = reason
        self.entries[key] = entry

    def remove_missing(self, keep: set[str]) -> list[str]:
        """Forget inputs that no longer exist (and are not in ``keep``) and delete their
        outputs; returns their keys."""
        gone = [key for key in self.entries if key not in keep and not os.path.exists(key)]
        claimed = {name for key, entry in self.entries.items() if key not in gone for name in entry.outputs}
        for key in gone:
            for name in self.entries.pop(key).outputs:
                if name not in claimed:
                    (self.out_dir / name).unlink(missing_ok=True)
                    self._owners.pop(name, None)
        return gone
