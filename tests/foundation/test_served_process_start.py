"""A served process builds at start what first requests would, then freezes it out of the
cyclic garbage collector's reach (``config.warmup``)."""

import gc

import pytest

from config import warmup


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_every_template_of_ours_compiles_at_start(unfrozen):
    names = warmup.project_templates()
    assert "base.html" in names and "workflows/task_list.html" in names
    # A template that does not compile would raise here, not in front of a user.
    assert warmup.warm_and_freeze() == len(names)


def test_what_start_up_built_is_frozen_out_of_the_collectors_passes(unfrozen):
    assert gc.get_freeze_count() == 0
    warmup.warm_and_freeze()
    assert gc.get_freeze_count() > 10_000
