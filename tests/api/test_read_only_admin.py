"""Rows the system writes are read-only in the admin; the deletable ones can still be removed by a curator."""

import pytest

from reviews.models import HelpfulVote
from telemetry.models import Sample
from tests.factories import HelpfulVoteFactory, SampleFactory, ScoreFactory

pytestmark = pytest.mark.django_db


def test_a_score_can_be_viewed_but_not_added_changed_or_deleted(admin_client):
    score = ScoreFactory()
    page = f"/admin/rankings/score/{score.pk}"

    assert admin_client.get(f"{page}/change/").status_code == 200  # the view-only page
    assert admin_client.post(f"{page}/change/", {"rank": 99}).status_code == 403
    assert admin_client.get(f"{page}/delete/").status_code == 403
    assert admin_client.get("/admin/rankings/score/add/").status_code == 403
    score.refresh_from_db()
    assert score.rank != 99


def test_a_helpful_vote_cannot_be_deleted_in_the_admin(admin_client):
    vote = HelpfulVoteFactory()

    response = admin_client.post(f"/admin/reviews/helpfulvote/{vote.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert HelpfulVote.objects.filter(pk=vote.pk).exists()


def test_a_bad_telemetry_sample_can_be_deleted_but_not_edited(admin_client):
    sample = SampleFactory()
    page = f"/admin/telemetry/sample/{sample.pk}"

    assert admin_client.post(f"{page}/change/", {"ttft_ms": 1}).status_code == 403
    response = admin_client.post(f"{page}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Sample.objects.filter(pk=sample.pk).exists()
