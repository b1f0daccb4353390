"""The API guide stays complete: every example in it is run by a test."""

import re
from pathlib import Path

from api_guide import GUIDE, load_examples

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def examples_run_by_tests():
    names = set()
    for path in TESTS.glob("test_*.py"):
        names |= set(re.findall(r'run_example\(\s*"([a-z0-9_]+)"', path.read_text()))
    return names


def test_every_guide_example_is_run():
    assert set(load_examples()) == examples_run_by_tests()


def test_guide_has_no_unmarked_python_block():
    text = GUIDE.read_text(encoding="utf-8")
    assert text.count("```python") == len(load_examples())


def test_readme_links_guide():
    assert "(docs/api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
