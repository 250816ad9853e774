"""The glossary's renderings are used consistently in every English text of the site."""

from __future__ import annotations

from generator.tools import glossary

from .conftest import REPO

GLOSSARY = glossary.load_glossary(REPO)


def test_glossary_covers_the_fields_terms() -> None:
    swedish = {"idésluss", "idéslussar", "kommunalförbund", "kommunförbund", "förvaltning",
               "kommunledningskontor", "stadsledningskontoret", "innovationssluss", "idécoach",
               "län", "region"}
    for word in swedish:
        assert any(term.sv.match(word) for term in GLOSSARY.terms), word
    for term in GLOSSARY.terms:
        assert term.en and term.note, term.sv.pattern


def test_english_texts_use_the_chosen_renderings() -> None:
    """Case files, content/en pages and the interface catalog, all at once."""
    pairs = glossary.all_pairs(REPO)
    where = {pair.where.split(":")[0] for pair in pairs}
    assert "municipalities/orebro.yml" in where and "content/en/index.md" in where
    assert "translations/sv/LC_MESSAGES/site.po" in where
    assert glossary.problems(GLOSSARY, pairs) == []


def test_a_missing_rendering_is_found() -> None:
    pair = glossary.Pair("x.yml:3", "Skaraborgs kommunalförbund driver idéslussen.",
                         "Skaraborgs kommunalförbund runs the idea sluice.")
    assert glossary.problems(GLOSSARY, [pair]) == [
        "x.yml:3: the Swedish says 'kommunalförbund'; the English should say "
        "'Association of Local Authorities'"]


def test_a_forbidden_variant_is_found_but_a_quoted_swedish_name_is_not() -> None:
    pairs = [glossary.Pair("a", "Idéslussen i Tranås.", "The idea lock in Tranås."),
             glossary.Pair("b", "Idéslussen.", "All idéslussar."),
             glossary.Pair("c", "En idésluss.", "An idea sluice (idésluss), “Idéslussen”.")]
    found = glossary.problems(GLOSSARY, pairs)
    assert any(line.startswith("a: 'idea lock'") for line in found)
    assert any(line.startswith("b: 'idéslussar'") for line in found)
    assert not any(line.startswith("c:") for line in found)


def test_a_wrapped_rendering_still_counts() -> None:
    pair = glossary.Pair("p", "Sveriges Kommuner och Regioner", "the Swedish Association of "
                         "Local\n  Authorities and Regions")
    assert glossary.problems(GLOSSARY, [pair]) == []
