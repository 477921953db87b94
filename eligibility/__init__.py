"""Whether a nominee meets an award's criteria: initiatives and annual ratings, rules as data
with their legal source (``AwardRule``), small pure rule functions and the engine that never
raises. Read by the workflow's pages; knows nothing of the flow."""
