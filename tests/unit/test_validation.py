"""What an HR officer types into the candidate form: phone numbers as people write them, e-mail
addresses, resident ID numbers, and how personal values look when masked."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.validation import (
    email_problem, id_number_birth_date, id_number_check_digit, id_number_problem, mask_email, mask_id_number,
    mask_phone, normalise_phone, phone_problem,
)

TODAY = date(2026, 11, 23)


def valid_id(first17: str) -> str:
    return first17 + id_number_check_digit(first17)


def wrong_check_digit(number: str) -> str:
    right = number[-1]
    return number[:-1] + next(c for c in "0123456789X" if c != right)


# --- phone numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("+86-139-1234-5678", "13912345678"),
    ("0086 13912345678", "13912345678"),
    ("86 138 0013 8000", "13800138000"),
    ("  15000001111 ", "15000001111"),
    ("010-6512 3456", "01065123456"),
    ("(0755) 8888-6666", "075588886666"),
    ("１３８ ００１３ ８０００", "13800138000"),          # full-width digits from a Chinese input method
    ("＋８６ １３９１２３４５６７８", "13912345678"),
])
def test_phone_numbers_as_people_write_them_are_accepted_and_stored_as_digits(typed, stored):
    assert phone_problem(typed) is None
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["010-65123456", "0755-88886666", "021-6288 1234-8001", "0571 8765432"])
def test_landlines_with_area_code_and_extension_are_accepted(typed):
    assert phone_problem(typed) is None


@pytest.mark.parametrize("typed, problem", [
    ("1380013800", "phone_mobile"),        # one digit short
    ("138001380001", "phone_mobile"),      # one digit too many
    ("12800138000", "phone_mobile"),       # no mobile network starts 12
    ("+86 128 0013 8000", "phone_mobile"),
    ("138-0013-800O", "phone_chars"),      # letter O typed for zero
    ("电话13800138000", "phone_chars"),
    ("6512345", "phone_format"),           # landline without area code
    ("010-123", "phone_format"),
])
def test_wrong_phone_numbers_are_refused_with_a_reason(typed, problem):
    assert phone_problem(typed) == problem


def test_an_empty_phone_is_not_a_problem_for_the_checker():
    assert phone_problem("") is None
    assert phone_problem("   ") is None


# --- e-mail ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["zhangwei@example.cn", "Wang.Fang+hr@mail.hospital.gov.cn",
                                   "  li_na@example.com.cn  ", "a@b.co"])
def test_ordinary_email_addresses_are_accepted(typed):
    assert email_problem(typed) is None


@pytest.mark.parametrize("typed", ["zhangwei", "zhangwei@", "@example.cn", "zhang wei@example.cn",
                                   "zhangwei@example", "zhang..wei@example.cn", "zhangwei@@example.cn",
                                   "zhangwei@example.c", "x" * 250 + "@example.cn"])
def test_malformed_email_addresses_are_refused(typed):
    assert email_problem(typed) == "email_format"


# --- resident ID numbers (GB 11643-1999) ----------------------------------------------------------

def test_id_numbers_built_with_the_check_digit_are_accepted():
    for first17 in ("11010119900307123", "31010419881123002", "44030520000229456", "51010719591231001"):
        number = valid_id(first17)
        assert id_number_problem(number, TODAY) is None, number


def test_a_known_real_format_number_is_accepted():
    # The check digit of the standard's worked example is X.
    assert id_number_check_digit("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X", TODAY) is None


def test_lowercase_x_check_digit_is_accepted():
    assert id_number_problem("11010519491231002x", TODAY) is None
    assert id_number_problem(" 11010519491231002x ", TODAY) is None


def test_a_wrong_check_digit_is_refused():
    number = valid_id("11010119900307123")
    assert id_number_problem(wrong_check_digit(number), TODAY) == "id_checksum"
    assert id_number_problem("110105194912310021", TODAY) == "id_checksum"   # X typed as 1


def test_one_swapped_digit_is_caught_by_the_check_digit():
    number = valid_id("11010119900307123")
    swapped = number[:14] + number[15] + number[14] + number[16:]
    assert swapped != number
    assert id_number_problem(swapped, TODAY) == "id_checksum"


@pytest.mark.parametrize("birth", ["19990230", "20010229", "19901301", "19900400", "18991231"])
def test_impossible_birth_dates_are_refused_even_with_a_correct_check_digit(birth):
    number = valid_id("110101" + birth + "123")
    assert id_number_problem(number, TODAY) == "id_birth_date"


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = valid_id("110101" + "20261124" + "123")
    born_today = valid_id("110101" + "20261123" + "123")
    assert id_number_problem(tomorrow, TODAY) == "id_birth_date"
    assert id_number_problem(born_today, TODAY) is None


def test_leap_day_birth_dates_are_valid_only_in_leap_years():
    assert id_number_problem(valid_id("11010120000229123"), TODAY) is None
    assert id_number_problem(valid_id("11010119000229123"), TODAY) == "id_birth_date"   # 1900 was no leap year


@pytest.mark.parametrize("typed, problem", [
    ("11010119900307123", "id_length"),            # 17 characters: the check digit is missing
    ("1101011990030712345", "id_length"),
    ("110101900307123", "id_length"),              # the old 15-digit format
    ("11010119900307123Y", "id_chars"),
    ("1101011990030X1234", "id_chars"),
    ("１１０１０１１９９００３０７１２３４", "id_chars"),  # full-width digits from a Chinese IME
])
def test_id_numbers_of_the_wrong_shape_are_refused(typed, problem):
    assert id_number_problem(typed, TODAY) == problem


def test_birth_date_is_read_from_the_id_number():
    assert id_number_birth_date(valid_id("11010119900307123")) == date(1990, 3, 7)
    assert id_number_birth_date(valid_id("11010119990230123")) is None


# --- masking -------------------------------------------------------------------------------------

def test_masked_mobile_shows_the_network_prefix_and_the_last_four_digits():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("01065123456") == "010****3456"
    assert mask_phone("6512345") == "*****45"
    assert mask_phone("") == ""
    assert mask_phone(None) == ""


def test_masked_email_keeps_the_first_letter_and_the_domain():
    assert mask_email("zhangwei@example.cn") == "z***@example.cn"
    assert mask_email("not an address") == ""
    assert mask_email(None) == ""


def test_masked_id_number_keeps_the_region_prefix_and_the_last_four_characters():
    number = "11010519491231002X"
    masked = mask_id_number(number)
    assert masked == "110" + "*" * 11 + "002X"
    assert len(masked) == 18
    assert "19491231" not in masked   # the birth date is personal too
    assert mask_id_number("") == ""
