"""notebooks/walkthrough.ipynb runs from top to bottom against the current code."""

from __future__ import annotations

import pytest

from .conftest import ROOT


@pytest.mark.model
def test_the_walkthrough_notebook_runs() -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(ROOT / "notebooks" / "walkthrough.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                      for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", []))
    assert "9/30 completed en+vi" in outputs and "21/30 completed de" in outputs
    assert any("image/png" in o.get("data", {}) for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)
