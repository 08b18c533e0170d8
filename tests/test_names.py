"""One matcher for a typed name (``stakemap.names``): the CLI's ``resolve`` and the app's picker."""

from __future__ import annotations

import pytest

from stakemap.errors import AmbiguousNameError, NotFoundError
from stakemap.names import match_person, rank_people


@pytest.fixture
def people(make_map):
    m = make_map()
    m.add_person(name="Ann Lee", department="Finance", email="ann@nw.example")
    m.add_person(name="Annika Berg", department="IT")
    m.add_person(name="Bo Chen", department="IT")
    m.add_person(name="J. R. R. Tolkien", department="Legal")
    m.add_person(name="Zoë Castellanos", department="Marketing")
    return m


def _names(match):
    return [p.name for p in match.candidates]


def test_id_then_email_then_exact_name(people):
    bo = people.resolve("Bo Chen")
    assert match_person(people.people, bo.id).how == "id"
    assert match_person(people.people, "ANN@nw.example").how == "email"
    assert match_person(people.people, "  bo   chen ").how == "name"


def test_exact_name_beats_a_prefix(people):
    ann = people.add_person(name="Ann")
    found = match_person(people.people, "ann")
    assert (found.how, found.found) == ("name", ann)


def test_a_unique_prefix_of_the_name_or_of_any_word(people):
    assert people.resolve("annik").name == "Annika Berg"
    assert people.resolve("lee").name == "Ann Lee"  # a later word
    assert people.resolve("ann l").name == "Ann Lee"  # the start of the whole name
    assert people.resolve("zoe").name == "Zoë Castellanos"  # accents ignored
    assert people.resolve("tolk").name == "J. R. R. Tolkien"


def test_initials(people):
    assert people.resolve("bc").name == "Bo Chen"
    assert people.resolve("jrr").name == "J. R. R. Tolkien"
    assert match_person(people.people, "zc").how == "initials"


def test_a_prefix_beats_initials(people):
    people.add_person(name="Alan Smith")
    found = match_person(people.people, "al")  # Alan's prefix, Ann Lee's initials
    assert (found.how, _names(found)) == ("prefix", ["Alan Smith"])
    assert [p.name for _, p in rank_people(people.people, "al")] == ["Alan Smith", "Ann Lee"]


def test_an_ambiguous_prefix_lists_both_with_ids(people):
    found = match_person(people.people, "ann")
    assert found.ambiguous and found.found is None
    assert _names(found) == ["Ann Lee", "Annika Berg"]
    with pytest.raises(AmbiguousNameError) as caught:
        people.resolve("ann")
    ann, annika = found.candidates
    assert caught.value.summary == (
        f"'ann' matches 2 stakeholders: Ann Lee ({ann.id}), Annika Berg ({annika.id})"
    )
    assert str(caught.value) == caught.value.summary + "; use an id instead"


def test_unknown_suggests_close_names(people):
    assert match_person(people.people, "zed").how is None
    with pytest.raises(NotFoundError, match=r"did you mean 'Bo Chen'\?"):
        people.resolve("bo chan")


def test_strict_resolve_takes_no_prefix_and_suggests_it(people):
    """An import's names are matched whole: "Ann" in a file is not taken for Ann Lee."""
    with pytest.raises(NotFoundError, match="did you mean 'Annika Berg'"):
        people.resolve("annik", loose=False)
    assert people.resolve("ann lee", loose=False).name == "Ann Lee"
