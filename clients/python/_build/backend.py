"""A PEP 517 build backend on the standard library alone, for a package of pure Python files.

It reads [project] from pyproject.toml and writes the wheel, the sdist, or an editable wheel (a .pth
file naming this folder). Nothing needs installing first, so pip builds the package offline.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "agent_memory"


def _project() -> Dict[str, str]:
    """[project] from pyproject.toml, with the version (dynamic there) from the package's _version.py."""
    version = re.search(r'^__version__ = "([^"]+)"$', (ROOT / PACKAGE / "_version.py").read_text(encoding="utf-8"), re.M)
    if version is None:
        raise ValueError(f"{PACKAGE}/_version.py sets no __version__")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if sys.version_info >= (3, 11):
        import tomllib

        project: Dict[str, str] = tomllib.loads(text)["project"]
    else:
        # No TOML parser in the standard library before 3.11; [project] here holds only `key = "string"` lines.
        table = re.search(r"^\[project\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
        project = dict(re.findall(r'^([\w-]+)\s*=\s*"([^"]*)"', table.group(1) if table else "", re.M))
    return {**project, "version": version.group(1)}


def _metadata(project: Dict[str, str]) -> str:
    readme = (ROOT / project["readme"]).read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {project['name']}\n"
        f"Version: {project['version']}\n"
        f"Summary: {project['description']}\n"
        f"Requires-Python: {project['requires-python']}\n"
        f"License: {project['license']}\n"
        "Description-Content-Type: text/markdown\n"
        f"\n{readme}"
    )


def _names(project: Dict[str, str]) -> Tuple[str, str]:
    stem = f"{re.sub(r'[-_.]+', '_', project['name'])}-{project['version']}"
    return stem, f"{stem}.dist-info"


def _package_files() -> List[Path]:
    return sorted(path for path in (ROOT / PACKAGE).rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def _write_wheel(wheel_directory: str, files: List[Tuple[str, bytes]]) -> str:
    project = _project()
    stem, dist_info = _names(project)
    wheel = f"{dist_info}/WHEEL"
    files = files + [
        (f"{dist_info}/METADATA", _metadata(project).encode("utf-8")),
        (wheel, b"Wheel-Version: 1.0\nGenerator: agent-memory _build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record: List[str] = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    filename = f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files + [(f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode("utf-8"))]:
            archive.writestr(name, data)
    return filename


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in _package_files()])


def build_editable(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, [(f"{PACKAGE}.pth", f"{ROOT}\n".encode("utf-8"))])


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    project = _project()
    stem, _ = _names(project)
    sources = [ROOT / "pyproject.toml", ROOT / project["readme"], Path(__file__).resolve(), *_package_files()]
    filename = f"{stem}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as archive:
        for path in sources:
            archive.add(path, f"{stem}/{path.relative_to(ROOT).as_posix()}")
        info = _metadata(project).encode("utf-8")
        entry = tarfile.TarInfo(f"{stem}/PKG-INFO")
        entry.size = len(info)
        archive.addfile(entry, io.BytesIO(info))
    return filename
