from __future__ import annotations

import pytest

from build_tools.loader import DEFAULT_TREE
from build_tools.model import Tree
from build_tools.validate import check_file


@pytest.fixture(scope="session")
def tree() -> Tree:
    """The real decision tree, which every test here expects to be sound."""
    return check_file(DEFAULT_TREE)
