"""Root of the compliance suite: registers its pytest wiring (see fixtures/)."""

pytest_plugins = [
    "fixtures.plugin", "fixtures.collection", "fixtures.aws", "fixtures.inventory",
    "fixtures.organization_inventory", "fixtures.stored_values_inventory",
    "fixtures.compute_inventory", "fixtures.data_inventory", "fixtures.edge_inventory", "fixtures.storage_inventory",
    "fixtures.apps_inventory", "fixtures.database_inventory",
    "fixtures.prefetch", "fixtures.forgetting", "fixtures.reporting", "fixtures.html_report",
]
