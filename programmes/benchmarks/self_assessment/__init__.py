"""The mentee city's self-assessment against the programme's benchmark, and the programme's
overview of the focus factors the mentorships chose.

- `services`: start a round, rate a key factor, weigh the context factors, comment, complete;
- `selectors`: a mentorship's rounds with their ratings, one rating with its comments, the
  programme's focus factors and levels;
- `views`, `forms`, `urls`: the pages, included under /<network>/ by `mentoring/urls.py`;
- `charts`: the geometry of the profile, drawn as SVG by the template.

Its tables (SelfAssessment, Rating, ContextWeight, RatingComment) stay in `benchmarks.models`,
with the benchmark they rate against; its rules are in `benchmarks.rules`.
"""
