"""The values a record had when it was read, kept on the instance by the service that read
it under a lock, so that whoever records the change of its next save (the audit trail's
history diff) need not read the record's previous version again."""

_ATTRIBUTE = "_values_as_read"


def remember(instance) -> None:
    """Keep ``instance``'s current column values as the ones the database holds."""
    instance.__dict__[_ATTRIBUTE] = {
        f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
    }


def as_read(instance) -> dict | None:
    """The values ``remember`` kept (updated at each recorded save), or ``None``."""
    return instance.__dict__.get(_ATTRIBUTE)
