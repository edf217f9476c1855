# The objects of network A that the isolation test walks every URL with: the matrix uses the same.
from tests.isolation.test_every_url import objects_of_a  # noqa: F401
