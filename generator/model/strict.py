"""The base of every typed file giaoban reads: records, settings, profiles, configuration.

Its own module so that the configuration's types (``catalog``) and the record's
(``meeting``) share it without importing each other.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_default(cls, data: Any) -> Any:
        """An optional field left empty (``reports:``) takes its default: so a skeleton's
        commented items can be uncommented under it. A required one stays an error."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {k: v for k, v in data.items()
                if not (v is None and k in fields and not fields[k].is_required())}  # fmt: skip


Text = Annotated[str, Field(min_length=1)]
