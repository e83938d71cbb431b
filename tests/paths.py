"""Where the tests find material outside the package, relative to this repository's root: never
an absolute path on one machine."""

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
# Material shared by the projects in this workspace (seeds, the domain SPEC, peers such as the
# DfE's fake SSDA903 return) sits beside the repository.
SHARED = REPOSITORY.parent / "shared"
DFE_FAKE_RETURN = SHARED / "peers" / "dfe-903-fake-return"
