"""The ground floor: small helpers every app uses and that know nothing of any app."""
