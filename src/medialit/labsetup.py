"""One-time JupyterLab set-up for the course, run by ``make``: ``python -m medialit.labsetup``.

Installs the course's JupyterLab extension ``@medialit/widgets`` (the widgets' code, loaded
once with the page: see :mod:`medialit.widgets.frontend`) into ``<venv>/share/jupyter/labextensions``.

Writes ``<venv>/share/jupyter/lab/settings/overrides.json`` so notebooks render every cell
(windowing "none"): the default "full" windowing drops off-screen cells, and with them
widgets, from the page (JupyterLab PR #15964). Existing overrides are kept.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SETTINGS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix: str | Path = sys.prefix) -> Path:
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    for plugin, values in SETTINGS.items():
        current.setdefault(plugin, {}).update(values)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


def main(prefix: str | Path = sys.prefix) -> None:
    from medialit.widgets import frontend  # noqa: PLC0415
    print(f"JupyterLab settings written to {write_overrides(prefix)}")
    print(f"The course's JupyterLab extension installed in {frontend.install(prefix)}")


if __name__ == "__main__":
    main()
