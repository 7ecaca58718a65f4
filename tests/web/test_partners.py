from __future__ import annotations

from django.urls import reverse

from tests.factories import World, answer, make_round


def _add_url(world: World) -> str:
    return reverse("partnerships:partner_add", args=[world.partnership.slug])


def test_the_lead_adds_a_partner_with_tidied_codes(world: World) -> None:
    response = world.client("owner").post(
        _add_url(world),
        {"name": "Riverside Carers", "sector": "voluntary", "ods_code": " r9 x ", "gss_code": ""},
    )
    assert response.status_code == 302
    partner = world.partnership.partners.get(name="Riverside Carers")
    assert partner.ods_code == "R9X"


def test_an_invalid_ods_code_is_explained_not_saved(world: World) -> None:
    response = world.client("owner").post(
        _add_url(world), {"name": "Bad Code Trust", "sector": "nhs", "ods_code": "R!X"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a partner" in page
    assert "nhsuk-error-summary" in page
    assert 'href="#id_ods_code"' in page
    assert "Enter an ODS code of 3 to 6 capital letters or numbers" in page
    assert not world.partnership.partners.filter(name="Bad Code Trust").exists()


def test_a_code_of_the_wrong_length_gets_the_shape_message(world: World) -> None:
    response = world.client("owner").post(
        _add_url(world), {"name": "Long Code Trust", "sector": "nhs", "ods_code": "not a code"}
    )
    page = response.content.decode()
    assert "Enter an ODS code of 3 to 6 capital letters or numbers" in page
    assert "at most" not in page


def test_an_invalid_gss_code_is_explained(world: World) -> None:
    response = world.client("owner").post(
        _add_url(world), {"name": "A Council", "sector": "local_authority", "gss_code": "E1000003"}
    )
    assert "Enter a GSS code of a country letter and 8 numbers" in response.content.decode()


def test_a_duplicate_name_is_refused_whatever_its_case(world: World) -> None:
    response = world.client("owner").post(
        _add_url(world), {"name": "riverside hospitals", "sector": "nhs"}
    )
    assert "already has a partner with that name" in response.content.decode()
    assert world.partnership.partners.count() == 2


def test_the_same_name_is_fine_in_another_partnership(world: World) -> None:
    world.other.partners.create(name="Riverside Hospitals", sector="nhs")
    assert world.partnership.partners.filter(name="Riverside Hospitals").count() == 1


def test_the_lead_renames_a_partner(world: World) -> None:
    url = reverse("partnerships:partner_edit", args=[world.partnership.slug, world.acute.pk])
    response = world.client("owner").post(
        url, {"name": "Riverside University Hospitals", "sector": "nhs", "ods_code": "R9R"}
    )
    assert response.status_code == 302
    world.acute.refresh_from_db()
    assert world.acute.name == "Riverside University Hospitals"


def test_a_partner_with_members_cannot_be_removed(world: World) -> None:
    url = reverse("partnerships:partner_remove", args=[world.partnership.slug, world.acute.pk])
    response = world.client("owner").post(url)
    assert response.status_code == 200
    assert "cannot be removed while anything is recorded against it" in response.content.decode()
    assert world.partnership.partners.filter(pk=world.acute.pk).exists()


def test_a_partner_rated_in_an_assessment_cannot_be_removed(world: World) -> None:
    spare = world.partnership.partners.create(name="Spare", sector="other")
    rater = world.partnership.members.get(user=world.member)
    answer(make_round(world), rater, levels={spare: 2})
    url = reverse("partnerships:partner_remove", args=[world.partnership.slug, spare.pk])
    response = world.client("owner").post(url)
    assert "effort or assessment answers" in response.content.decode()
    assert world.partnership.partners.filter(pk=spare.pk).exists()


def test_a_partner_without_members_is_removed(world: World) -> None:
    spare = world.partnership.partners.create(name="Spare", sector="other")
    url = reverse("partnerships:partner_remove", args=[world.partnership.slug, spare.pk])
    assert world.client("owner").post(url).status_code == 302
    assert not world.partnership.partners.filter(pk=spare.pk).exists()


def test_the_list_shows_codes_and_change_links_only_to_the_lead(world: World) -> None:
    url = reverse("partnerships:partners", args=[world.partnership.slug])
    owner_page = world.client("owner").get(url).content.decode()
    member_page = world.client("member").get(url).content.decode()
    assert "R9R" in owner_page and "E10000099" in owner_page
    assert "Add a partner" in owner_page
    assert "Add a partner" not in member_page


def test_a_missing_code_reads_not_given_and_a_lone_partner_is_told_it_needs_another(
    world: World,
) -> None:
    world.partnership.members.filter(partner=world.council).update(partner=world.acute)
    world.council.delete()
    page = world.client("owner").get("/partnerships/riverside/partners/").content.decode()
    assert "Not given" in page and ">None<" not in page
    assert "a partnership needs at least two" in page
