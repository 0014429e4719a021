"""What several test modules share: people, workflow steps, PDF text, the repository's own data files.

One definition of each helper lives here; test modules import them (`from tests.support.people import
user`). The office's people are built once per test module by `tests.support.office` (see its fixtures).
"""
