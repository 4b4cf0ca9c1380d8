"""The README's module map (its Architecture section) names every module of the package,
in the folder it is in, and nothing that is not there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sa_orders"
# Folders the map names without listing their modules one per line.
SUMMARISED = {"models", "management", "migrations", "templates", "static"}


def module_map():
    """{folder: [module names]} as the README lists them ("" for the package itself)."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Architecture") :]
    start = section.index("```\nsa_orders/") + 4
    block = section[start : section.index("\n```", start)]
    listed: dict[str, list[str]] = {"": []}
    folder = ""
    for line in block.splitlines()[1:]:
        if not line.startswith("  ") or line.startswith("     "):
            if not line.startswith(" "):
                break  # the next top-level entry of the repository (ordersite/ ...)
            continue  # a description's second line
        depth = (len(line) - len(line.lstrip())) // 2
        name = line.split()[0].rstrip(",")
        if name.startswith(("templates/", "static/")):
            continue  # "templates/sa_orders/, static/sa_orders/": no modules
        if depth == 1:
            folder = name.removesuffix("/") if name.endswith("/") else ""
            if folder:
                listed.setdefault(folder, [])
            else:
                listed[""].append(name)
        elif depth == 2 and folder:
            listed[folder].append(name)
    return listed


def test_every_top_level_module_is_on_the_map():
    on_disk = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert sorted(module_map()[""]) == on_disk


def test_every_folder_is_on_the_map_with_its_modules():
    listed = module_map()
    folders = {
        path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"
    }
    assert set(listed) - {""} == folders - {"templates", "static"}
    for folder in sorted(folders - SUMMARISED):
        on_disk = sorted(p.name for p in (PACKAGE / folder).glob("*.py") if p.name != "__init__.py")
        assert sorted(listed[folder]) == on_disk, folder


def test_the_models_line_names_every_model_module():
    readme = (ROOT / "README.md").read_text()
    line = re.search(r"\n  models/ +(.+?)\n  [a-z]", readme, re.S).group(1)
    for path in (PACKAGE / "models").glob("*.py"):
        if path.name != "__init__.py":
            assert re.search(rf"\b{path.stem}\b", line), path.name
