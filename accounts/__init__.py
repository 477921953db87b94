"""The user model: every person signs in as a user tied to the unit (đơn vị) they work for.
The base of the product with ``common``: it imports no other app of ours."""
