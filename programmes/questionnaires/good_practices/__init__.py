"""The network's good-practice library (Annex 4): members describe an initiative that worked, link
it to the benchmark key factors it illustrates, and search the library.

- `services`: save a practice with its key factors;
- `selectors`: search the library, its policy areas, one practice with what its page shows;
- `views`, `forms`: the library, a practice's page and its form, listed in `questionnaires.urls`.

GoodPractice and its key-factor links are tables of `questionnaires.models`.
"""
