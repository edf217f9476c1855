from tests.actionplans.conftest import mentee, mentorship, plan  # noqa: F401 - fixtures of the PDF worker test
from tests.services.test_real_worker import through_the_broker  # noqa: F401
