"""Run the code examples of docs/api.md, so that the guide cannot drift.

An example is a fenced ``python`` block right after a marker line
``<!-- example: NAME -->``. The tests run the examples by name, in one shared
namespace per journey, and then check what they did in the database.
"""

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "api.md"
EXAMPLE_RE = re.compile(
    r"^<!-- example: (?P<name>[a-z0-9_]+) -->\n```python\n(?P<code>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


def load_examples(path=GUIDE):
    """Return {name: (first line number, code)} of the examples in the guide."""
    text = path.read_text(encoding="utf-8")
    examples = {}
    for match in EXAMPLE_RE.finditer(text):
        name = match["name"]
        if name in examples:
            raise ValueError(f"{path.name} has two examples named {name!r}")
        # The code starts two lines below the marker line.
        first_line = text.count("\n", 0, match.start()) + 3
        examples[name] = (first_line, match["code"])
    return examples


def run_example(name, namespace):
    """Execute the guide's example `name` in `namespace` and return it.

    The code is compiled with the guide as its file name and padded to its
    line number, so a traceback points at the line of docs/api.md.
    """
    examples = load_examples()
    if name not in examples:
        raise KeyError(f"docs/api.md has no example named {name!r}")
    first_line, code = examples[name]
    source = "\n" * (first_line - 1) + code
    exec(compile(source, str(GUIDE), "exec"), namespace)
    return namespace
