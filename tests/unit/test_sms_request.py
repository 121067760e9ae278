"""The SMS request template as an administrator writes it: typos refused by name, combinations
that cannot work refused before anything is sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.core import settings
from desktop.core.errors import InvalidSetting
from desktop.integrations.http_channels.sms import SmsConfig, build_request

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def config(**changes) -> SmsConfig:
    values = {k.removeprefix("sms."): s.default for k, s in settings.REGISTRY.items() if k.startswith("sms.")}
    return SmsConfig(**(values | {"url": "https://sms.example.cn/send"} | changes))


def refusal(key: str, value) -> InvalidSetting:
    with pytest.raises(InvalidSetting) as refused:
        settings.spec_of(key).parse(value)
    return refused.value


def test_an_unknown_placeholder_is_named_and_json_braces_are_just_text():
    assert refusal("sms.body_template", 'mobile={phone}&content={txt}').params["placeholder"] == "{txt}"
    assert settings.spec_of("sms.body_template").parse('{"a": {"b": "{text}"}}') == '{"a": {"b": "{text}"}}'


def test_headers_must_be_a_json_object_of_texts():
    assert refusal("sms.headers", "Authorization: Bearer x").params["reason"] == "json_object"
    assert refusal("sms.headers", '{"X-Retries": 3}').params["reason"] == "json_object"
    assert settings.spec_of("sms.headers").parse('{"X-Token": "t"}') == '{"X-Token": "t"}'


@pytest.mark.parametrize(("changes", "reason"), [
    ({"method": "GET", "body_format": "json"}, "get_needs_query"),
    ({"body_template": "mobile={phone}"}, "json_template"),
    ({"body_template": '{"s": "{signature}"}'}, "secret_needed"),
    ({"signature_header": "X-Sign"}, "secret_needed"),
])
def test_combinations_that_cannot_work_are_refused(changes, reason):
    with pytest.raises(InvalidSetting) as refused:
        build_request(config(**changes), "13800138000", "x", NOW)
    assert refused.value.params["reason"] == reason


def test_query_parameters_join_the_urls_own():
    request = build_request(config(url="https://sms.example.cn/send?appid=7", method="GET", body_format="query",
                                   body_template="to={phone}&msg={text}"), "13800138000", "面试 A&B", NOW)
    assert request.url == "https://sms.example.cn/send?appid=7&to=13800138000&msg=%E9%9D%A2%E8%AF%95+A%26B"
    assert request.body == b"" and "Content-Type" not in request.headers


def test_a_landline_is_refused_before_anything_is_sent_and_the_reason_says_why():
    from desktop.integrations.http_channels.sms import send_sms   # the URL points nowhere: nothing may be sent
    from desktop.core.delivery.outbox import PermanentFailure

    with pytest.raises(PermanentFailure) as refused:
        send_sms(config(url="https://127.0.0.1:9/send"), "0571-8765432 转 123", "面试通知", NOW)
    assert "座机" in str(refused.value)
