"""The error summary names each field (homeward/form_errors.py): Django's stock messages get the
field's label in front; Homeward's own messages, which name their field already, are unchanged."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.template.loader import render_to_string

from tests.children.test_case_record import episode_post
from tests.clock import TODAY
from tests.factories import ChildFactory


class ExampleForm(forms.Form):
    first_name = forms.CharField(
        label="First name", error_messages={"required": "Enter the child's first name"}
    )
    surname = forms.CharField(label="Last name", max_length=5)
    born_on = forms.DateField(label="Date of birth")
    team = forms.ChoiceField(label="Team", choices=[("a", "Team A")])


def summary(data: dict[str, str]) -> str:
    form = ExampleForm(data)
    assert not form.is_valid()
    return render_to_string("includes/error_summary.html", {"forms": [form]})


def test_stock_messages_in_the_summary_name_their_field() -> None:
    html = summary({"first_name": "Ava", "surname": "Fernbyson", "born_on": "31/02", "team": "z"})
    assert "Last name: ensure this value has at most 5 characters (it has 9)." in html
    assert "Date of birth: enter a valid date." in html
    assert "Team: select a valid choice. z is not one of the available choices." in html


def test_messages_that_name_their_field_are_left_as_written() -> None:
    html = summary({"surname": "Ash", "born_on": "2020-01-01", "team": "a"})
    assert ">Enter the child&#x27;s first name<" in html
    assert "First name:" not in html


def test_a_real_page_names_the_field_in_its_summary(client, council) -> None:
    client.force_login(council.users["social_worker"])
    child = ChildFactory()
    child.allocations.create(social_worker=council.users["social_worker"], started_on=TODAY)
    data = episode_post(TODAY - dt.timedelta(days=10), legal_status="Z9")
    html = client.post(f"/children/{child.child_id}/episodes/add/", data).content.decode()
    summary_html = html.split('govuk-error-summary__list">')[1].split("</ul>")[0]
    assert "Legal status: select a valid choice. Z9 is not one of the available choices." in (
        summary_html
    )
