import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

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
    # Only inert data, no script to run; the name inside it is escaped too.
    assert re.findall(r"<script[^>]*>", html) == ['<script id="price-history-data" type="application/json">']
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://www.w3.org/2000/svg" in html
    assert "https://" not in html and "src=" not in html
    assert "Anthropic" in html
    assert html.count('stroke-dasharray="5 3"') == 2  # one output line per host
    assert "<td>$0.075</td>" in html and "<td>$25.00</td>" in html
    assert "<td>2025-01-01</td>" in html


def chart_data(html: str) -> dict:
    match = re.search(r'<script id="price-history-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_each_of_many_hosts_gets_its_own_colour_and_the_legend_matches():
    model = ModelFactory()
    for index in range(26):
        host = ProviderFactory(slug=f"host-{index:02}", name=f"Host {index:02}", is_creator=False)
        endpoint = EndpointFactory(model=model, host=host, provider_model_id=f"m-{index}")
        PriceFactory(endpoint=endpoint, input_per_million="1.2", output_per_million="4.8")

    html = render_chart(model)

    series = chart_data(html)["series"]
    assert [line["host"] for line in series] == [f"Host {index:02}" for index in range(26)]
    assert len({line["color"] for line in series}) == 26
    legend = re.findall(r'<li data-series="([^"]*)"><span class="swatch" style="background:(#[0-9a-fA-F]{6})">', html)
    assert legend == [(line["host"], line["color"]) for line in series]
    drawn = re.findall(r'<g class="series" data-series="([^"]*)" stroke="(#[0-9a-fA-F]{6})"', html)
    assert drawn == legend
    assert series[0]["points"][0]["input_per_million"] == "1.2"


def test_a_price_set_today_is_drawn_as_a_dot():
    price = PriceFactory(input_per_million="2", output_per_million=None, effective_from=timezone.now().date())
    html = render_chart(price.endpoint.model)
    assert html.count("<circle") == 1
    assert len(chart_data(html)["series"]) == 1


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
    assert "<td>$0.04</td>" in html


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


def test_the_changelist_shows_prices_as_money(admin_client):
    PriceFactory(input_per_million="1.2", output_per_million="0.075", image_price=None)

    html = admin_client.get(reverse("admin:pricing_price_changelist")).content.decode()

    assert '<td class="field-input_per_million">$1.20</td>' in html
    assert '<td class="field-output_per_million">$0.075</td>' in html
    assert "1.2000000000" not in html and "0.0750000000" not in html


def test_the_change_form_shows_prices_without_padding_and_takes_any_fraction(admin_client):
    price = PriceFactory(input_per_million="1.2", output_per_million="15")

    html = admin_client.get(reverse("admin:pricing_price_change", args=[price.pk])).content.decode()

    field = re.search(r'<input type="number" name="input_per_million"[^>]*>', html).group(0)
    assert 'value="1.2"' in field and 'step="any"' in field and "vMoneyField" in field
    assert "1.2000000000" not in html
    response = admin_client.post(
        reverse("admin:pricing_price_change", args=[price.pk]), form_data(price, input_per_million="0.0375")
    )
    assert response.status_code == 302
    assert Price.objects.order_by("-id").first().input_per_million == Decimal("0.0375")


def test_a_view_only_curator_sees_prices_as_money(client):
    viewer = User.objects.create_user("viewer", password="pw-viewer-123", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_price"))
    client.force_login(viewer)
    price = PriceFactory(input_per_million="1.2", output_per_million="0.075", cache_read_per_million=None)

    html = client.get(reverse("admin:pricing_price_change", args=[price.pk])).content.decode()

    assert '<div class="readonly">$1.20</div>' in html
    assert '<div class="readonly">$0.075</div>' in html
    assert "1.2000000000" not in html
    assert 'name="input_per_million"' not in html  # nothing to edit
