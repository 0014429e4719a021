"""Files the tests read, all inside the repository (a fresh clone alone passes `make test`)."""

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SPEC = REPOSITORY / "docs" / "spec" / "SPEC.md"
SEED = REPOSITORY / "docs" / "spec" / "seed.txt"
POLICIES_2018_2019 = REPOSITORY / "tests" / "data" / "gov_cn_policies_2018_2019.jsonl"
