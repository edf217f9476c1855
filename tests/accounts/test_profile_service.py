from programmes.accounts import services
from tests.factories import UserFactory


def test_a_profile_changes_with_values_and_says_what_changed(db):
    user = UserFactory(full_name="Maria Rossi", language="en")
    assert services.update_profile(user, full_name="Maria Rossi", language="it", wants_reminders=False) == [
        "language", "wants_reminders"]
    user.refresh_from_db()
    assert (user.language, user.wants_reminders) == ("it", False)
    assert services.set_language(user, "it") == []
