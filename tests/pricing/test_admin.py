from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from pricing.models import Price
from tests.factories import EndpointFactory, ModelFactory, PriceFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def form_data(price, **changes):
    data = {
        "effective_from": price.effective_from.isoformat(),
        "input_per_million": price.input_per_million or "",
        "output_per_million": price.output_per_million or "",
        "cache_read_per_million": "",
        "cache_write_per_million": "",
        "image_price": "",
        "video_per_minute": "",
        "free_tier_limits": "",
    }
    data.update(changes)
    return data


def test_saving_an_edit_creates_a_new_row_and_leaves_the_old_one(admin_client):
    price = PriceFactory(input_per_million="3", output_per_million="15", source="litellm")
    url = reverse("admin:pricing_price_change", args=[price.pk])
    response = admin_client.post(url, form_data(price, input_per_million="2.5", effective_from="2026-01-01"))
    assert response.status_code == 302
    assert Price.objects.count() == 2
    price.refresh_from_db()
    assert (price.input_per_million, price.source) == (Decimal("3"), "litellm")
    new = Price.objects.exclude(pk=price.pk).get()
    assert (new.input_per_million, new.output_per_million) == (Decimal("2.5"), Decimal("15"))
    assert (new.effective_from, new.source, new.endpoint_id) == (date(2026, 1, 1), "curator", price.endpoint_id)


def test_saving_without_changes_adds_no_row(admin_client):
    price = PriceFactory()
    response = admin_client.post(reverse("admin:pricing_price_change", args=[price.pk]), form_data(price), follow=True)
    assert response.status_code == 200
    assert "No change" in response.content.decode()
    assert Price.objects.count() == 1


def test_adding_a_price_records_it_as_a_curator_row(admin_client):
    endpoint = EndpointFactory()
    data = {**form_data(PriceFactory.build(endpoint=endpoint)), "endpoint": endpoint.pk, "input_per_million": "0.5"}
    response = admin_client.post(reverse("admin:pricing_price_add"), data)
    assert response.status_code == 302
    row = Price.objects.get()
    assert (row.input_per_million, row.source) == (Decimal("0.5"), "curator")


def test_prices_cannot_be_deleted(admin_client):
    price = PriceFactory()
    response = admin_client.post(reverse("admin:pricing_price_delete", args=[price.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Price.objects.count() == 1


def test_the_changelist_searches_by_model_and_host(admin_client):
    price = PriceFactory(endpoint=EndpointFactory(model=ModelFactory(slug="gpt-4o")))
    PriceFactory()
    response = admin_client.get(reverse("admin:pricing_price_changelist"), {"q": "gpt-4o"})
    assert [row.pk for row in response.context["cl"].result_list] == [price.pk]


def render_chart(model):
    return Template("{% load pricing_admin %}{% price_history_chart model %}").render(Context({"model": model}))


def test_the_chart_tag_draws_each_host_inline_without_scripts():
    anthropic = ProviderFactory(slug="anthropic", name="Anthropic")
    model = ModelFactory(creator=anthropic)
    own = EndpointFactory(model=model, host=anthropic)
    PriceFactory(endpoint=own, input_per_million="5", output_per_million="25", effective_from=date(2025, 1, 1))
    PriceFactory(endpoint=own, input_per_million="3", output_per_million="15", effective_from=date(2025, 6, 1))
    host = ProviderFactory(slug="evil", name="<script>alert(1)</script>", is_creator=False)
    PriceFactory(endpoint=EndpointFactory(model=model, host=host, provider_model_id="h"), input_per_million="0.075")

    html = render_chart(model)

    assert html.count("<svg") == 1
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://www.w3.org/2000/svg" in html
    assert "https://" not in html and "src=" not in html
    assert "Anthropic" in html
    assert html.count('stroke-dasharray="5 3"') == 2  # one output line per host
    assert "<td>0.075</td>" in html
    assert "<td>2025-01-01</td>" in html


def test_the_chart_draws_one_line_per_source_of_a_host_never_joining_them():
    model = ModelFactory()
    endpoint = EndpointFactory(model=model, host=ProviderFactory(slug="fastinfer", name="FastInfer"))
    PriceFactory(endpoint=endpoint, source="models-dev", input_per_million="0.2", effective_from=date(2026, 1, 1))
    PriceFactory(endpoint=endpoint, source="litellm", input_per_million="1", effective_from=date(2026, 1, 2))
    PriceFactory(endpoint=endpoint, source="litellm", input_per_million="2", conditions={"service_tier": "priority"})

    html = render_chart(model)

    assert "FastInfer · models-dev" in html and "FastInfer · litellm" in html
    assert html.count('stroke-dasharray="5 3"') == 2  # one output line per source, none for the condition


def test_the_chart_tag_handles_a_model_without_prices_and_the_add_form():
    assert "No prices recorded." in render_chart(ModelFactory())
    assert render_chart(None).strip() == ""


def test_image_only_prices_are_listed_but_not_charted():
    price = PriceFactory(input_per_million=None, output_per_million=None, image_price="0.04")
    html = render_chart(price.endpoint.model)
    assert "No token prices to chart." in html
    assert "<td>0.04</td>" in html


def test_the_model_change_page_shows_the_price_chart(admin_client):
    price = PriceFactory(input_per_million="3", output_per_million="15")
    model = price.endpoint.model
    response = admin_client.get(reverse("admin:models_registry_model_change", args=[model.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Price history" in content
    assert content.count('aria-labelledby="price-history-title"') == 1


def test_the_price_pages_render(admin_client):
    price = PriceFactory()
    assert admin_client.get(reverse("admin:pricing_price_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:pricing_price_add")).status_code == 200
    page = admin_client.get(reverse("admin:pricing_price_change", args=[price.pk]))
    assert page.status_code == 200
    assert "Delete" not in page.content.decode()
