"""The JSON exchange format for benchmarks (docs/benchmark.schema.json), in both directions.

Networks swap benchmarks as files; an import is checked against the schema first and then
created in one transaction, so a bad file leaves nothing behind.
"""

import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator

FORMAT = "city-mentoring-benchmark"
FORMAT_VERSION = 1
SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "benchmark.schema.json"
SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def problems_in(data):
    """[(path, reason)] for every way `data` differs from the schema; empty when it is valid."""
    validator = Draft202012Validator(schema())
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(part) for part in error.absolute_path) or "(document)"
        found.append((path, error.message))
    return found


def to_data(benchmark):
    """A benchmark (with key factors, questions and context factors prefetched) as exchange data."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": benchmark.title,
        "policy_area": benchmark.policy_area,
        "language": benchmark.language,
        "intro": benchmark.intro,
        "key_factors": [
            {
                "number": factor.number,
                "title": factor.title,
                "written": factor.is_written,
                "rationale": factor.rationale,
                "city_actions": factor.city_actions,
                "guiding_questions": [question.text for question in factor.questions.all()],
                "practical_tips": factor.practical_tips,
                "examples": factor.examples,
            }
            for factor in benchmark.key_factors.all()
        ],
        "context_factors": [
            {"title": factor.title, "description": factor.description} for factor in benchmark.context_factors.all()
        ],
    }


def shipped_files():
    """The benchmarks that ship with the product: {language: path}."""
    return {path.stem.rsplit(".", 1)[-1]: path for path in sorted(SHIPPED_DIR.glob("*.json"))}
