from __future__ import annotations

import json

import pytest

from bulletin_ingest import Bulletin, ConfigError, IngestConfig


def test_record_round_trips_through_dict_and_json(seed_bulletin) -> None:
    data = json.loads(json.dumps(seed_bulletin.to_dict(), ensure_ascii=False))
    again = Bulletin.from_dict(data)
    assert again == seed_bulletin
    assert again.to_dict() == seed_bulletin.to_dict()


def test_records_are_frozen(seed_bulletin) -> None:
    with pytest.raises(AttributeError):
        seed_bulletin.articles[0].title = "x"  # type: ignore[misc]


def test_config_rejects_unknown_and_bad_options() -> None:
    with pytest.raises(ConfigError, match="unknown option"):
        IngestConfig.from_mapping({"scirpt": "simplified"})
    with pytest.raises(ConfigError, match="target_script"):
        IngestConfig(target_script="klingon")
    with pytest.raises(ConfigError, match="ocr_dpi"):
        IngestConfig(ocr_dpi=10)
    with pytest.raises(TypeError):
        IngestConfig("simplified")  # type: ignore[misc]  # keyword-only
