"""One settings object: listed, changed per run by --set, a config file or the library, recorded
in the output, and every setting read by the code."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

import pipeline
from pipeline import Settings, process_pdf
from pipeline.settings import SettingsError, describe, load_settings, parse_assignment
from tests.conftest import gold_pdf, run_cli

NEWSLETTER = "cstr-2025-07"
"""A gold document with running footers ("JULY 2025 1"), which a band of 0 leaves in the text."""


def test_the_listing_names_every_setting_with_its_value_unit_and_reason():
    result = run_cli("settings")
    assert result.returncode == 0, result.stderr
    entries = [line for line in result.stdout.splitlines() if re.match(r"^\w+ = ", line)]
    assert len(entries) == len(dict(Settings().items())) >= 30
    assert all(re.search(r"  # [^:]+: \S", line) for line in entries)


def test_the_listing_is_toml_that_reads_back_as_the_same_settings():
    changed = Settings().with_values({"furniture.band": 0.2, "ocr.language": 'a "b"', "ocrfix.confusion_costs": {}})
    assert Settings().with_table(tomllib.loads(describe(changed))) == changed


def test_a_changed_setting_is_marked_in_the_listing():
    result = run_cli("settings", "--set", "furniture.band=0.3")
    assert "band = 0.3  # share of height: " in result.stdout and "(changed)" in result.stdout


def test_every_setting_is_read_by_the_code():
    code = "\n".join(path.read_text() for path in Path(pipeline.__file__).parent.rglob("*.py")
                     if path.name != "settings.py")
    unread = [name for name, _ in Settings().items() if not re.search(rf"\.{name.split('.')[1]}\b", code)]
    assert unread == []


def furniture_and_settings(out: Path) -> tuple[list, dict]:
    data = json.loads((out / f"{NEWSLETTER}.json").read_text())
    return data["furniture"], data["settings"]


@pytest.mark.slow
def test_set_changes_a_run_and_the_output_records_it(tmp_path):
    pdf = shutil.copy(gold_pdf(NEWSLETTER), tmp_path)
    assert run_cli("run", str(pdf), "-o", str(tmp_path / "default")).returncode == 0
    assert run_cli("run", str(pdf), "-o", str(tmp_path / "changed"), "--set", "furniture.band=0").returncode == 0
    furniture, recorded = furniture_and_settings(tmp_path / "default")
    assert furniture and recorded == {}
    furniture, recorded = furniture_and_settings(tmp_path / "changed")
    assert furniture == [] and recorded == {"furniture.band": 0.0}
    assert "JULY 2025" in (tmp_path / "changed" / f"{NEWSLETTER}.md").read_text()


@pytest.mark.slow
def test_a_config_file_changes_a_run(tmp_path):
    pdf = shutil.copy(gold_pdf(NEWSLETTER), tmp_path)
    config = tmp_path / "strict.toml"
    config.write_text("[furniture]\nband = 0.0\n\n[ocr]\nmode = \"never\"\n")
    assert run_cli("run", str(pdf), "-o", str(tmp_path / "out"), "--config", str(config)).returncode == 0
    furniture, recorded = furniture_and_settings(tmp_path / "out")
    assert furniture == [] and recorded == {"ocr.mode": "never", "furniture.band": 0.0}


def test_a_pyproject_table_in_the_working_folder_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.pipeline.furniture]\nband = 0.05\n")
    assert load_settings(folder=tmp_path).furniture.band == 0.05
    assert load_settings(folder=tmp_path, assignments=["furniture.band=0.1"]).furniture.band == 0.1
    (tmp_path / "pipeline.toml").write_text("[furniture]\nmax_lines = 4\n")
    assert load_settings(folder=tmp_path).furniture == Settings().furniture.model_copy(update={"max_lines": 4})


def test_the_library_takes_settings_and_keywords_override_them():
    document = process_pdf(gold_pdf(NEWSLETTER), settings=Settings().with_values({"furniture.band": 0.0}),
                           ascii_punctuation=True)
    assert document.furniture == [] and document.settings == {"furniture.band": 0.0, "repair.ascii_punctuation": True}


@pytest.mark.parametrize("arguments, message", [
    (["--set", "furniture.bnad=0.1"], "unknown setting 'furniture.bnad'"),
    (["--set", "furniture.band=wide"], "setting furniture.band: Input should be a valid number"),
    (["--set", "band"], "--set takes name=value"),
    (["--config", "missing.toml"], "missing.toml: cannot read settings"),
])
def test_a_wrong_setting_is_one_clear_line_and_exit_code_2(arguments, message):
    result = run_cli("settings", *arguments)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {message}" or result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_assignments_are_read_as_toml_values_or_plain_strings():
    assert parse_assignment("ocrfix.enabled=false") == ("ocrfix.enabled", False)
    assert parse_assignment("ocrfix.confusion_costs={ \"i>l\" = 0.2 }") == ("ocrfix.confusion_costs", {"i>l": 0.2})
    assert parse_assignment("ocr.language=deu+eng") == ("ocr.language", "deu+eng")
    with pytest.raises(SettingsError):
        Settings().with_table({"furniture": 3})
