"""The approval workflow: the viewflow flow (``flows``, the map), the steps as data
(``steps``), every action as a service (``services``, ``drafting``, ``award_decisions``),
the reads (``selectors``, ``dossier_selectors``), and the pages that compose a dossier with
its tasks, eligibility and decisions. It announces what happens (``events``)."""
