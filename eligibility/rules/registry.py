"""The registry of eligibility rules: each rule declares its parameters so the admin can
check them, and answers PASS, FAIL or UNKNOWN ("cannot tell from the data") with an
explanation in plain Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PASS = "pass"  # noqa: S105 (an outcome, not a password)
FAIL = "fail"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    status: str
    message: str


@dataclass(frozen=True)
class Param:
    kind: type  # int, str or list (of str)
    label: str
    default: object = None
    choices: tuple = ()

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class RuleSpec:
    fn: Callable
    label: object
    params: dict = field(default_factory=dict)


RULES: dict[str, RuleSpec] = {}


def rule(code: str, label, **params: Param):
    def register(fn):
        RULES[code] = RuleSpec(fn, label, params)
        return fn

    return register


def validate_params(code: str, params: dict) -> dict:
    """The parameters with defaults filled in; ``ValueError`` (in Vietnamese) if they do not fit."""
    if not isinstance(params, dict):
        raise ValueError("Tham số phải là một đối tượng JSON.")
    spec = RULES[code]
    unknown = set(params) - set(spec.params)
    if unknown:
        raise ValueError("Tham số không dùng cho quy tắc này: " + ", ".join(sorted(unknown)))
    clean = {}
    for name, param in spec.params.items():
        value = params.get(name, param.default)
        if value is None:
            raise ValueError(f"Thiếu tham số “{name}”.")
        if param.kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValueError(f"Tham số “{name}” phải là số nguyên không âm.")
        if param.kind is str and not isinstance(value, str):
            raise ValueError(f"Tham số “{name}” phải là chuỗi.")
        if param.kind is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ValueError(f"Tham số “{name}” phải là danh sách mã.")
        if param.choices and value not in param.choices:
            raise ValueError(f"Tham số “{name}” phải là một trong: {', '.join(param.choices)}.")
        clean[name] = value
    return clean
