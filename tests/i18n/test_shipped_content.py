"""The questionnaires (Annex 2 and 3) and the guide's example benchmark ship in every interface
language, each the same form as the English one in its own words: the same questions with the
same numbers, kinds, parties and limits, the same choice keys (so answers stored from one
language's template read in another's), and no English text left behind."""

import json

import pytest
from django.conf import settings

from programmes.benchmarks import exchange
from programmes.questionnaires.services import SHIPPED_DIR

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def _questionnaire(kind, language):
    return json.loads((SHIPPED_DIR / f"{kind}.{language}.json").read_text(encoding="utf-8"))


def _shape(data):
    return [(section["answered_by"], [(q["number"], q.get("kind"), q.get("max_length"),
                                       [c["value"] for c in q.get("options", {}).get("choices", [])])
                                      for q in section["questions"]])
            for section in data["sections"]]


def _texts(data):
    yield data["title"]
    for section in data["sections"]:
        yield section["title"]
        for question in section["questions"]:
            yield question["text"]
            if question.get("help_text"):
                yield question["help_text"]
            yield from (choice["label"] for choice in question.get("options", {}).get("choices", []))


@pytest.mark.parametrize("kind", ["annex2", "annex3"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_each_questionnaire_is_the_english_form_in_another_language(kind, language):
    english, translated = _questionnaire(kind, "en"), _questionnaire(kind, language)
    assert translated["language"] == language
    assert translated["kind"] == kind
    assert _shape(translated) == _shape(english)
    left_in_english = set(_texts(english)) & set(_texts(translated))
    assert not left_in_english


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_example_benchmark_ships_in_every_language(language):
    files = exchange.shipped_files()
    english = json.loads(files["en"].read_text(encoding="utf-8"))
    translated = json.loads(files[language].read_text(encoding="utf-8"))
    assert exchange.problems_in(translated) == []
    assert translated["language"] == language
    assert [(f["number"], f["written"], len(f.get("guiding_questions", []))) for f in translated["key_factors"]] \
        == [(f["number"], f["written"], len(f.get("guiding_questions", []))) for f in english["key_factors"]]
    assert len(translated["context_factors"]) == len(english["context_factors"])
    assert translated["title"] != english["title"]
    assert translated["intro"] != english["intro"]
    assert translated["key_factors"][7]["title"] != english["key_factors"][7]["title"]


def test_no_language_lacks_its_shipped_files():
    assert set(exchange.shipped_files()) == set(LANGUAGES)
    for kind in ("annex2", "annex3"):
        assert {path.name.split(".")[1] for path in SHIPPED_DIR.glob(f"{kind}.*.json")} == set(LANGUAGES)
