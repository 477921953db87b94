# The workflow's cast and dossiers, shared with these tests.
from tests.workflows.conftest import higher_award, people, submitted  # noqa: F401
