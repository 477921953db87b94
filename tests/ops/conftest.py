# The workflow's cast, and the real broker and SMTP server of the notification tests.
from tests.notifications.test_real_delivery import broker, sink  # noqa: F401
from tests.workflows.conftest import people  # noqa: F401
