"""A programme's own needs analysis: the coordinator copies the shipped template (Annex 2) and
adapts it, adding, removing and rewording questions; a version that mentorships have started
answering never changes under them, further changes go into a new version.

- `services`: copy for a programme, new version, save or delete a question (numbers stay 1…n);
- `selectors`: the programme's latest version, whether it is in use, its sections and questions;
- `views`, `forms`: the coordinator's pages, listed in `questionnaires.urls`.

Templates, sections and questions are the questionnaire's own tables (`questionnaires.models`).
"""
