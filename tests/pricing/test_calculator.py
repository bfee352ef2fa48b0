"""The pure calculator: no database."""

from decimal import Decimal

from pricing.calculator import PriceSheet, Usage, cheapest_first, estimate

D = Decimal


def test_it_reproduces_the_contract_example_figures():
    usage = Usage.from_volumes(tokens=D(10_000_000))
    gemini = estimate(usage, PriceSheet(input_per_million=D("1.75"), output_per_million=D("8.75")))
    gpt4o = estimate(usage, PriceSheet(input_per_million=D("2.5"), output_per_million=D("10")))
    assert gemini.total == D("35.00")
    assert gemini.breakdown == {"input_cost": D("17.5"), "output_cost": D("17.5")}
    assert gemini.prices == {"input_price_per_million": D("1.75"), "output_price_per_million": D("8.75")}
    assert gpt4o.total == D("45.00")
    assert gpt4o.breakdown == {"input_cost": D("25"), "output_cost": D("20")}


def test_output_is_a_fifth_of_monthly_tokens_unless_a_mix_is_given():
    assert Usage.from_volumes(tokens=D(1000)) == Usage(input_tokens=D(1000), output_tokens=D(200))
    assert Usage.from_volumes(tokens=D(1000), input_tokens=D(5), output_tokens=D(7)) == Usage(
        input_tokens=D(5), output_tokens=D(7)
    )
    assert Usage.from_volumes(input_tokens=D(5)) == Usage(input_tokens=D(5), output_tokens=D(0))


def test_it_prices_images_and_video():
    usage = Usage.from_volumes(images=D(3), video_minutes=D("1.5"))
    result = estimate(usage, PriceSheet(image_price=D("0.04"), video_per_minute=D("0.5")))
    assert result.breakdown == {"image_cost": D("0.12"), "video_cost": D("0.75")}
    assert result.total == D("0.87")


def test_a_missing_needed_price_excludes_the_model():
    usage = Usage.from_volumes(tokens=D(1000), images=D(1))
    assert estimate(usage, PriceSheet(input_per_million=D(1), output_per_million=D(1))) is None
    assert estimate(Usage.from_volumes(tokens=D(1)), PriceSheet(input_per_million=D(1))) is None


def test_zero_volume_needs_no_price():
    usage = Usage.from_volumes(tokens=D(0), images=D(2))
    assert estimate(usage, PriceSheet(image_price=D("0.5"))).breakdown == {"image_cost": D(1)}


def test_the_total_is_rounded_half_up_to_cents_without_float_drift():
    # 0.1 + 0.2 in binary floats is 0.30000000000000004; in Decimals it is exact.
    usage = Usage.from_volumes(input_tokens=D(1_000_000), output_tokens=D(1_000_000))
    result = estimate(usage, PriceSheet(input_per_million=D("0.1"), output_per_million=D("0.2")))
    assert result.breakdown == {"input_cost": D("0.1"), "output_cost": D("0.2")}
    assert result.total == D("0.30")
    half_cent = estimate(Usage.from_volumes(images=D(1)), PriceSheet(image_price=D("0.005")))
    assert half_cent.total == D("0.01")
    assert half_cent.breakdown == {"image_cost": D("0.005")}


def test_huge_volumes_stay_exact():
    usage = Usage.from_volumes(input_tokens=D(10) ** 15, output_tokens=D(1))
    result = estimate(usage, PriceSheet(input_per_million=D("9999999999.9999999999"), output_per_million=D(1)))
    assert result.breakdown == {"input_cost": D("9999999999999999999.9"), "output_cost": D("0.000001")}
    assert result.total == D("9999999999999999999.90")


def test_cheapest_first_breaks_ties_by_key():
    cheap = estimate(Usage.from_volumes(images=D(1)), PriceSheet(image_price=D(1)))
    dear = estimate(Usage.from_volumes(images=D(1)), PriceSheet(image_price=D(2)))
    ordered = cheapest_first([("b", dear), ("c", cheap), ("a", cheap)])
    assert [key for key, _ in ordered] == ["a", "c", "b"]
